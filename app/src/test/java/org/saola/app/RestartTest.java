package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import org.saola.devices.MqttEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Readings acknowledged before a stop are there after a restart on the same data directory. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SaolaApplication.class).run(
                "--server.port=0",
                "--saola.data-dir=" + dataDir,
                "--saola.db.data-dir=" + dataDir,
                "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"),
                "--saola.mqtt.port=0",
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD,
                "--saola.simulator.enabled=false",
                "--saola.outbound.allowed-networks[0]=127.0.0.1/32");
    }

    private static SaolaClient client(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return new SaolaClient("http://localhost:" + port, "admin", PlatformTest.ADMIN_PASSWORD);
    }

    @Test
    void aSignedInSessionOutlivesARestart() throws Exception {
        FormSession browser;
        try (ConfigurableApplicationContext app = start()) {
            browser = new FormSession("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort());
            browser.get("/login");
            var signedIn = browser.post("/login", java.util.Map.of("username", "admin", "password", PlatformTest.ADMIN_PASSWORD));
            assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/operations/map");
            assertThat(browser.get("/admin/staff").statusCode()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext app = start()) {
            FormSession same = browser.at("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(same.get("/admin/staff").statusCode()).as("still signed in: sessions live in PostgreSQL").isEqualTo(200);
        }
    }

    @Test
    void readingsStoredBeforeAStopAreThereAfterARestart() throws IOException {
        Instant t = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        SaolaClient.Device station;
        try (ConfigurableApplicationContext app = start()) {
            station = client(app).registerStation("restart-1", 16.05, 108.22);
            try (DeviceMqtt mqtt = DeviceMqtt.connect(app.getBean(MqttEndpoint.class), station)) {
                for (int i = 0; i < 5; i++) {
                    assertThat(mqtt.publish(station.topic(), "{\"pm25\": " + (40 + i) + ", \"dateObserved\": \""
                            + t.plusSeconds(i) + "\"}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
                }
            }
        }

        try (ConfigurableApplicationContext app = start()) {
            SaolaClient admin = client(app);
            JsonNode entity = admin.get("/ngsi-ld/v1/entities/" + station.entityId()).json();
            assertThat(entity.at("/pm25/value").asDouble()).isEqualTo(44.0);
            JsonNode history = admin.get("/ngsi-ld/v1/temporal/entities/" + station.entityId() + "?attrs=pm25").json();
            assertThat(history.get("pm25").findValues("value")).extracting(JsonNode::asDouble)
                    .containsExactly(40.0, 41.0, 42.0, 43.0, 44.0);
            // The station's credentials survive too: it reconnects and publishes with the same secret.
            try (DeviceMqtt mqtt = DeviceMqtt.connect(app.getBean(MqttEndpoint.class), station)) {
                assertThat(mqtt.publish(station.topic(), "{\"pm25\": 50}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            }
        }

        // The log file in the data directory is JSON lines (ECS) and never holds a password or a device secret.
        Path log = dataDir.resolve("logs/saola.log");
        assertThat(log).exists();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode record = SaolaClient.JSON.readTree(line);
            assertThat(record.has("@timestamp")).as(line).isTrue();
            assertThat(record.path("log.level").isString() || record.at("/log/level").isString()).as(line).isTrue();
            assertThat(line).doesNotContain(PlatformTest.ADMIN_PASSWORD, station.secret());
        });
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Embedded PostgreSQL started on port"));
    }

    @Test
    void inlineContextsOfSubscriptionsAndRegistrationsOutliveARestart() throws Exception {
        String context = "{\"Kiosk\": \"https://example.org/hue/Kiosk\", \"stock\": \"https://example.org/hue/stock\"}";
        try (NgsiLdSubscriptionsTest.Receiver receiver = new NgsiLdSubscriptionsTest.Receiver()) {
            try (ConfigurableApplicationContext app = start()) {
                SaolaClient admin = client(app);
                assertThat(admin.send("POST", "/ngsi-ld/v1/subscriptions", """
                        {"@context": %s, "type": "Subscription", "entities": [{"type": "Kiosk"}],
                         "notification": {"endpoint": {"uri": "%s"}}}""".formatted(context, receiver.url()),
                        "Content-Type", "application/ld+json").status()).isEqualTo(201);
                assertThat(admin.send("POST", "/ngsi-ld/v1/csourceRegistrations", """
                        {"@context": %s, "type": "ContextSourceRegistration",
                         "information": [{"entities": [{"type": "Kiosk"}], "propertyNames": ["stock"]}],
                         "endpoint": "http://kiosks.example.vn"}""".formatted(context),
                        "Content-Type", "application/ld+json").status()).isEqualTo(201);
            }
            try (ConfigurableApplicationContext app = start()) {
                SaolaClient admin = client(app);
                // The registration's names still expand as they did: found by the IRIs its context gave.
                JsonNode found = admin.get("/ngsi-ld/v1/csourceRegistrations?type="
                        + java.net.URLEncoder.encode("https://example.org/hue/Kiosk", java.nio.charset.StandardCharsets.UTF_8)).json();
                assertThat(found).hasSize(1);
                // The subscription still selects and compacts with its inline context.
                assertThat(admin.post("/ngsi-ld/v1/entities", """
                        {"id": "urn:ngsi-ld:Kiosk:1", "type": "https://example.org/hue/Kiosk",
                         "https://example.org/hue/stock": 12}""").status()).isEqualTo(201);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> !receiver.notifications.isEmpty());
                JsonNode data = receiver.notifications.peek().at("/data/0");
                assertThat(data.get("type").asString()).isEqualTo("Kiosk");
                assertThat(data.at("/stock/value").asInt()).isEqualTo(12);
            }
        }
    }
}
