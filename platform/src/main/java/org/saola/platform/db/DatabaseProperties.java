package org.saola.platform.db;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the system of record lives. With no {@code url} Saola starts an embedded PostgreSQL whose data
 * directory is {@code dataDir/postgres}; with a {@code url} it connects to that external PostgreSQL.
 */
@ConfigurationProperties("saola.db")
public record DatabaseProperties(
        @DefaultValue("") String url,
        @DefaultValue("saola") String username,
        @DefaultValue("") String password,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("10") int poolSize,
        @DefaultValue("30s") Duration statementTimeout) {

    public boolean embedded() {
        return url.isBlank();
    }
}
