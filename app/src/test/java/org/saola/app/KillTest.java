package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import org.saola.devices.MqttEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The durability contract when Saola gets no chance to shut down: a Saola process is killed (SIGKILL) while
 * one station publishes over MQTT and another posts over HTTP; every reading either had acknowledged is there
 * after the next start on the same data directory (which succeeds although the killed process's embedded
 * PostgreSQL outlived it), and when the HTTP station then sends its whole stream again, each reading is
 * stored once.
 */
class KillTest {

    @TempDir
    Path dataDir;

    private Process saola;

    @AfterEach
    void stopLeftovers() throws InterruptedException, java.io.IOException {
        if (saola != null) {
            Processes.stop(saola);
        }
        Processes.stopPostmasterIn(dataDir);
    }

    private List<String> arguments(int httpPort, int mqttPort) {
        return List.of("--server.port=" + httpPort,
                "--saola.data-dir=" + dataDir,
                "--saola.db.data-dir=" + dataDir,
                "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"),
                "--saola.mqtt.port=" + mqttPort,
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD,
                "--saola.simulator.enabled=false");
    }

    @Test
    void everyAcknowledgedReadingSurvivesAKillAndSaolaStartsAgain() throws Exception {
        int httpPort = Processes.freePort();
        int mqttPort = Processes.freePort();
        saola = Processes.startSaola(dataDir, httpPort, arguments(httpPort, mqttPort));
        SaolaClient admin = new SaolaClient("http://localhost:" + httpPort, "admin", PlatformTest.ADMIN_PASSWORD);
        SaolaClient.Device station = admin.registerStation("kill-1", 16.05, 108.22);
        SaolaClient.Device poster = admin.registerStation("kill-http", 16.06, 108.22);

        // The station publishes readings 0, 1, 2, ... one after another; the process dies mid-stream.
        Instant t0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        MqttEndpoint broker = new MqttEndpoint() {
            public String host() {
                return "127.0.0.1";
            }

            public int port() {
                return mqttPort;
            }
        };
        Thread publisher = Thread.ofPlatform().start(() -> {
            try (DeviceMqtt mqtt = DeviceMqtt.connect(broker, station)) {
                for (int i = 0; i < 1000; i++) {
                    String reading = "{\"pm25\": " + i + ", \"dateObserved\": \"" + t0.plusSeconds(i) + "\"}";
                    if (mqtt.publish(station.topic(), reading) == Mqtt5PubAckReasonCode.SUCCESS) {
                        acknowledged.add(i);
                    }
                }
            } catch (RuntimeException connectionLost) {
                // The broker died with the process: what was acknowledged before is what counts.
            }
        });
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        Thread httpPoster = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 1000; i++) {
                    if (post(admin, poster, "{\"pm25\": " + i + ", \"dateObserved\": \"" + t0.plusSeconds(i) + "\"}") == 200) {
                        answered.add(i);
                    }
                }
            } catch (RuntimeException connectionLost) {
                // The server died: what was answered 200 before is what counts.
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 50 && answered.size() >= 50);
        saola.destroyForcibly().waitFor();
        publisher.join(Duration.ofSeconds(30));
        httpPoster.join(Duration.ofSeconds(30));
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);
        assertThat(answered).hasSizeGreaterThanOrEqualTo(50);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaolaApplication.class)
                .run(arguments(0, 0).toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SaolaClient restarted = new SaolaClient("http://localhost:" + port, "admin", PlatformTest.ADMIN_PASSWORD);
            JsonNode history = restarted.get("/ngsi-ld/v1/temporal/entities/" + station.entityId()
                    + "?attrs=pm25&lastN=1000").json();
            Set<Integer> stored = history.get("pm25").findValues("value").stream()
                    .map(JsonNode::asInt).collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
            assertThat(values(restarted, poster)).containsAll(answered);

            // Not knowing what got in before the crash, the HTTP station sends everything again, in batches.
            int sent = answered.stream().mapToInt(Integer::intValue).max().orElseThrow() + 20;
            for (int from = 0; from <= sent; from += 100) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = from; i < Math.min(from + 100, sent + 1); i++) {
                    batch.append(i == from ? "" : ",").append("{\"pm25\": ").append(i).append(", \"dateObserved\": \"")
                            .append(t0.plusSeconds(i)).append("\"}");
                }
                assertThat(post(restarted, poster, batch.append("]").toString())).isEqualTo(200);
            }
            List<Integer> all = values(restarted, poster);
            assertThat(all).as("each reading once").doesNotHaveDuplicates().hasSize(sent + 1);
        }
    }

    private static List<Integer> values(SaolaClient client, SaolaClient.Device device) {
        JsonNode history = client.get("/ngsi-ld/v1/temporal/entities/" + device.entityId() + "?attrs=pm25&lastN=2000").json();
        return history.get("pm25").findValues("value").stream().map(JsonNode::asInt).toList();
    }

    private static int post(SaolaClient client, SaolaClient.Device device, String body) {
        return client.anonymous().send("POST", "/api/v1/telemetry", body, "Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString((device.username() + ":" + device.secret())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "Content-Type", "application/json").status();
    }
}
