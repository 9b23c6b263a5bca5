package org.saola.platform.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the system of record lives. With no {@code url} Saola starts an embedded PostgreSQL whose data
 * directory is {@code dataDir/postgres}; with a {@code url} it connects to that external PostgreSQL.
 */
@ConfigurationProperties("saola.db")
@Validated
public record DatabaseProperties(
        @DefaultValue("") String url,
        @DefaultValue("saola") String username,
        @DefaultValue("") String password,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") @Min(0) @Max(65535) int embeddedPort,
        @DefaultValue("10") @Min(1) int poolSize,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration statementTimeout,
        Map<String, String> embeddedSettings) {

    /** Settings the durability contract needs: an acknowledged write is on disk. */
    static final Set<String> DURABILITY = Set.of("fsync", "synchronous_commit", "full_page_writes");

    /**
     * @param embeddedSettings more server settings of the embedded PostgreSQL ({@code shared_buffers},
     *        {@code shared_preload_libraries}, …, given as {@code saola.db.embedded-settings[name]=value}); those
     *        the durability contract needs cannot be changed
     */
    public DatabaseProperties {
        embeddedSettings = embeddedSettings == null ? Map.of() : Map.copyOf(embeddedSettings);
        for (String name : embeddedSettings.keySet()) {
            if (DURABILITY.contains(name)) {
                throw new IllegalArgumentException("saola.db.embedded-settings[" + name + "] cannot be set: every write "
                        + "Saola acknowledges must be on disk (docs/architecture.md, the durability contract)");
            }
            if (!name.matches("[a-z_][a-z0-9_.]*")) {
                throw new IllegalArgumentException("saola.db.embedded-settings: '" + name + "' is not a PostgreSQL setting's name");
            }
        }
    }

    public boolean embedded() {
        return url.isBlank();
    }
}
