package org.saola.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource of the platform: embedded PostgreSQL by default (real binaries, data kept under
 * {@code saola.db.data-dir}), an external PostgreSQL when {@code saola.db.url} is set. Flyway runs the
 * same migrations on both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);
    static final String EMBEDDED_DATABASE = "saola";

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) {
        if (!properties.embedded()) {
            return EmbeddedDatabase.none();
        }
        Path dir = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            LeftoverPostmaster.stopIfLeftOver(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            properties.embeddedSettings().forEach(builder::setServerConfig);
            if (properties.embeddedPort() > 0) {
                builder.setPort(properties.embeddedPort());
            }
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfMissing(postgres);
            log.info("Embedded PostgreSQL started on port {} with data directory {}", postgres.getPort(), dir);
            return EmbeddedDatabase.of(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dir, e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database " + EMBEDDED_DATABASE, e);
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("saola");
        config.setMaximumPoolSize(properties.poolSize());
        if (embedded.isRunning()) {
            config.setJdbcUrl("jdbc:postgresql://localhost:" + embedded.port() + "/" + EMBEDDED_DATABASE);
            config.setUsername("postgres");
            config.setPassword("postgres");
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        // FROST's queryTimeout of 0 lets one runaway query hold a connection for ever; ours never is 0.
        config.setConnectionInitSql("SET statement_timeout = " + properties.statementTimeout().toMillis());
        return new HikariDataSource(config);
    }
}
