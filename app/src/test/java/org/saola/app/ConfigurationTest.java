package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saola.SaolaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bad configuration value stops start-up, with a message that names the key to fix. */
class ConfigurationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "saola.context.writer-buckets, 0, writerBuckets",
            "saola.db.statement-timeout, 0s, statementTimeout",
            "saola.db.embedded-settings[fsync], off, saola.db.embedded-settings[fsync] cannot be set",
            "saola.mqtt.mode, carrier-pigeon, saola.mqtt.mode",
            "saola.rate-limits.public-per-second, 0, saola.rate-limits.public-per-second",
            "saola.outbound.allowed-networks[0], not-a-network, saola.outbound.allowed-networks",
            "saola.http.max-body.api, 10B, saola.http.max-body.api"})
    void aBadValueStopsStartUpNamingTheKey(String key, String value, String named) throws Exception {
        Path data = TestDataDirs.create("saola-config-test-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--saola.data-dir=" + data,
                "--saola.db.data-dir=" + data, "--saola.mqtt.data-dir=" + data.resolve("mqtt"), "--saola.mqtt.port=0",
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--" + key + "=" + value));
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SaolaApplication.class)
                .run(args.toArray(String[]::new)).close());
        assertThat(failure).as("start-up with %s=%s", key, value).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains(named);
    }
}
