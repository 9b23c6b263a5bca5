package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import tools.jackson.databind.JsonNode;

/**
 * A device streaming at 300 QoS 1 messages a second keeps publishing while Saola is killed (SIGKILL) and down:
 * thousands of messages wait unacknowledged in its client. When Saola is back on the same ports and data, the
 * device gets back in at once and its whole backlog is acknowledged, none refused, and stored.
 */
class ReconnectBacklogTest {

    private static final int READINGS = 6000;

    @TempDir
    Path dataDir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException, IOException {
        for (Process p : processes) {
            Processes.stop(p);
        }
        Processes.stopPostmasterIn(dataDir);
    }

    private Process start(int http, int mqtt) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaolaApplication.class.getName(),
                "--server.port=" + http, "--saola.data-dir=" + dataDir, "--saola.db.data-dir=" + dataDir,
                "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"), "--saola.mqtt.port=" + mqtt,
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                // This device reports far faster than the default per-device budget (20/s) allows.
                "--saola.rate-limits.readings-per-second=1000")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("saola-" + processes.size() + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    @Test
    void aDeviceWithThousandsOfUnacknowledgedReadingsGetsBackInAndAllAreStored() throws Exception {
        int http = freePort();
        int mqtt = freePort();
        Process first = start(http, mqtt);
        SaolaClient admin = new SaolaClient("http://localhost:" + http, "admin", PlatformTest.ADMIN_PASSWORD);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin.anonymous().get("/actuator/health/readiness").status() == 200);
        SaolaClient.Device station = admin.registerStation("backlog-1", 16.05, 108.22);

        AtomicInteger connected = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Mqtt5AsyncClient device = MqttClient.builder().useMqttVersion5().identifier("backlog-1")
                .serverHost("127.0.0.1").serverPort(mqtt)
                .automaticReconnect().initialDelay(500, java.util.concurrent.TimeUnit.MILLISECONDS)
                .maxDelay(5, java.util.concurrent.TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(c -> connected.incrementAndGet())
                .simpleAuth().username(station.username()).password(station.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildAsync();
        device.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get();
        Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Thread publisher = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < READINGS; i++) {
                String reading = "{\"pm25\": " + (i % 1000) + ", \"dateObserved\": \"" + t0.plusMillis(i * 100L) + "\"}";
                device.publishWith().topic(station.topic()).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(reading.getBytes(StandardCharsets.UTF_8)).send()
                        .whenComplete((ok, failure) -> (failure == null ? acknowledged : refused).incrementAndGet());
                try {
                    Thread.sleep(3);            // about 300 messages a second
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 1000);
        first.destroyForcibly().waitFor();
        int beforeKill = acknowledged.get();
        Thread.sleep(2000);         // down a while; Saola's own start adds some fifteen seconds more of backlog
        start(http, mqtt);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin.anonymous().get("/actuator/health/readiness").status() == 200);
        assertThat(READINGS - acknowledged.get()).as("waiting unacknowledged when Saola came back").isGreaterThan(2000);

        await().atMost(Duration.ofSeconds(20)).until(() -> connected.get() >= 2);
        publisher.join(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.get() + refused.get() == READINGS);
        assertThat(refused.get()).as("none refused").isZero();
        assertThat(acknowledged.get()).isGreaterThan(beforeKill).isEqualTo(READINGS);
        JsonNode entity = admin.get("/ngsi-ld/v1/entities/" + station.entityId()).json();
        assertThat(entity.at("/pm25/value").asInt()).as("the newest reading is the entity's").isEqualTo((READINGS - 1) % 1000);
        device.disconnect();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
