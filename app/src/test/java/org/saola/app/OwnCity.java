package org.saola.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.saola.SaolaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Saola of its own for a test that needs settings the shared application does not have (pre-moderation, an
 * object store): its own data directory, database and broker, the simulator and periodic jobs off.
 */
final class OwnCity implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final String base;
    final SaolaClient admin;

    private OwnCity(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        this.admin = new SaolaClient(base, "admin", PlatformTest.ADMIN_PASSWORD);
    }

    /** Starts one in {@code dataDir} with these settings besides ({@code --name=value}). */
    static OwnCity start(Path dataDir, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--saola.data-dir=" + dataDir,
                "--saola.db.data-dir=" + dataDir, "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"), "--saola.mqtt.port=0",
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                "--saola.retention.first-after=1000h", "--saola.opendata.check-every=1000h",
                "--saola.indicators.compute-every=1000h"));
        args.addAll(List.of(settings));
        return new OwnCity(new SpringApplicationBuilder(SaolaApplication.class).run(args.toArray(String[]::new)));
    }

    @Override
    public void close() {
        context.close();
    }
}
