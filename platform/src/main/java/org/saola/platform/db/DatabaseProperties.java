package org.saola.platform.db;

import java.nio.file.Path;
import java.time.Duration;
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
        @DefaultValue("30s") @DurationMin(millis = 1) Duration statementTimeout) {

    public boolean embedded() {
        return url.isBlank();
    }
}
