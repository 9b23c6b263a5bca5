package org.saola.app;

import java.nio.file.Path;
import org.saola.devices.MqttEndpoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of end-to-end tests against the started platform: real embedded PostgreSQL, real embedded MQTT
 * broker, real HTTP on random ports, in a temporary data directory. All subclasses share one application
 * (Spring caches the context), so the database and broker start once per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import({TestClock.Config.class, TestNetwork.class})
public abstract class PlatformTest {

    static final String ADMIN_PASSWORD = "test-admin-password-2026";
    /** saola.rate-limits.public-per-second in the tests (the default is 30). */
    static final int PUBLIC_PER_SECOND = 100;
    /** saola.context.max-aggregates in the tests. */
    static final int MAX_AGGREGATES = 5000;
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MqttEndpoint mqtt;

    @DynamicPropertySource
    static void platformProperties(DynamicPropertyRegistry registry) {
        registry.add("saola.data-dir", DATA_DIR::toString);
        registry.add("saola.db.data-dir", DATA_DIR::toString);
        registry.add("saola.mqtt.data-dir", () -> DATA_DIR.resolve("mqtt").toString());
        registry.add("saola.mqtt.port", () -> "0");
        registry.add("saola.admin.password", () -> ADMIN_PASSWORD);
        // The suite's end closes every cached application at once; a graceful shutdown would wait up to 30 s for
        // connections a test left open (surefire then kills the fork anyway).
        registry.add("server.shutdown", () -> "immediate");
        registry.add("saola.simulator.enabled", () -> "false");
        // Tests run the health watch themselves, with a moved clock (DeviceHealthTest); a scheduled run holding
        // its lock at the same moment would make theirs a no-op.
        registry.add("saola.devices.health.check-every", () -> "1h");
        // And retention (RetentionTest applies it itself; tests move the clock years ahead).
        registry.add("saola.retention.first-after", () -> "1000h");
        // Open-data tests refresh their datasets themselves; none is refreshed behind their back.
        registry.add("saola.opendata.check-every", () -> "1000h");
        // The same for the rules' timer (AlertsTest runs it with a moved clock).
        registry.add("saola.alerts.timer-every", () -> "1h");
        // The domains' periodic jobs are called by the tests that need them, never behind their back.
        registry.add("saola.water.leaks-every", () -> "1000h");
        registry.add("saola.traffic.congestion-every", () -> "1000h");
        registry.add("saola.lighting.nights-every", () -> "1000h");
        registry.add("saola.lighting.schedule-every", () -> "1000h");
        registry.add("saola.indicators.compute-every", () -> "1000h");
        // Tests compact when they say: never on schedule, even after a test moves the clock on by years.
        registry.add("saola.context.history-compaction-interval", () -> "1000h");
        registry.add("saola.context.history-compact-after", () -> "36500d");
        // Shorter raw history for two types (HistoryRetentionByTypeTest): one keeps day summaries, one nothing.
        // Aggregations of more periods than this are refused (200 000 unless set): HistoryCompactionTest asks for
        // more, on rows and on blocks, without writing 200 000 instances first.
        registry.add("saola.context.max-aggregates", () -> Integer.toString(MAX_AGGREGATES));
        registry.add("saola.context.history-retention[0].type", () -> HistoryRetentionByTypeTest.SUMMARIZED);
        registry.add("saola.context.history-retention[0].raw", () -> "30d");
        registry.add("saola.context.history-retention[1].type", () -> HistoryRetentionByTypeTest.DROPPED);
        registry.add("saola.context.history-retention[1].raw", () -> "30d");
        registry.add("saola.context.history-retention[1].keep", () -> "nothing");
        registry.add("saola.context.history-retention[1].tenant", () -> "default");
        // Tests serve @contexts and receive notifications on 127.0.0.1; other internal addresses stay refused
        // (OutboundPolicyTest). The JVM resolves names from src/test/resources/hosts (see the pom).
        registry.add("saola.outbound.allowed-networks[0]", () -> "127.0.0.1/32");
        // Browsers' push subscriptions: the real services, and the push service tests run on this machine.
        registry.add("saola.web-push.services", () -> "fcm.googleapis.com,push.services.mozilla.com,127.0.0.1");
        // Every test signs in from 127.0.0.1, some of them with wrong passwords on purpose: the per-address
        // back-off is tested as plain Java (RateLimitsTest), the per-account one over HTTP (AbuseLimitsTest).
        registry.add("saola.rate-limits.sign-in-failures-per-address", () -> "100000");
        registry.add("saola.rate-limits.codes-per-address", () -> "100000");
        // Every test's anonymous requests come from 127.0.0.1 and share one bucket: at the default 30 a second a
        // test that browses fast is refused by what the one before it did. AbuseLimitsTest floods at this rate.
        registry.add("saola.rate-limits.public-per-second", () -> Integer.toString(PUBLIC_PER_SECOND));
        // Residents' codes go to a real SMTP server and a local SMS gateway.
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailAndSms::smtpPort);
        registry.add("saola.residents.sms-url", TestMailAndSms::smsUrl);
        registry.add("saola.residents.sms-token", () -> "test-sms-token");
        registry.add("saola.participation.sms-inbound-token", () -> "test-inbound-token");
        registry.add("saola.residents.data-dir", DATA_DIR::toString);
        // The maps draw streets from a local tile server (the city's own, as docs/security.md asks).
        registry.add("saola.maps.tile-url", TestTiles::url);
        registry.add("saola.maps.tile-attribution", () -> "Test tiles");
        // Public requests to this host name belong to the tenant 'hue' (see PublicTenant).
        registry.add("saola.public.hosts[hue.saola.test]", () -> "hue");
    }

    protected SaolaClient client() {
        return new SaolaClient("http://localhost:" + port, "admin", ADMIN_PASSWORD);
    }

    private static Path tempDir() {
        return TestDataDirs.create("saola-test-");
    }
}
