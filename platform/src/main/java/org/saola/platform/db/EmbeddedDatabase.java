package org.saola.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Optional;

/** The embedded PostgreSQL server, if this installation runs one; stopped when the application stops. */
public final class EmbeddedDatabase implements AutoCloseable {

    private final Optional<EmbeddedPostgres> postgres;

    private EmbeddedDatabase(Optional<EmbeddedPostgres> postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase of(EmbeddedPostgres postgres) {
        return new EmbeddedDatabase(Optional.of(postgres));
    }

    static EmbeddedDatabase none() {
        return new EmbeddedDatabase(Optional.empty());
    }

    public boolean isRunning() {
        return postgres.isPresent();
    }

    public int port() {
        return postgres.map(EmbeddedPostgres::getPort).orElseThrow();
    }

    @Override
    public void close() throws IOException {
        if (postgres.isPresent()) {
            postgres.get().close();
        }
    }
}
