package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import org.saola.context.feed.ChangeFeed;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The change feed survives a crash: Saola is killed (SIGKILL) while eight clients write entities as fast as it
 * answers; after the next start on the same data, a consumer ({@link FeedRecorder}) has been given every
 * committed change exactly once, in the order each entity's changes were made: what it recorded is, entity by
 * entity, exactly the attribute's history, and holds every write that was acknowledged.
 */
class ChangeFeedKillTest {

    private static final int ENTITIES = 8;

    @TempDir
    Path dataDir;

    private Process saola;

    @AfterEach
    void stopLeftovers() throws Exception {
        if (saola != null) {
            Processes.stop(saola);
        }
        Processes.stopPostmasterIn(dataDir);
    }

    private List<String> arguments(int httpPort) {
        return List.of("--server.port=" + httpPort, "--saola.data-dir=" + dataDir, "--saola.db.data-dir=" + dataDir,
                "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"), "--saola.mqtt.port=0",
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                "--saola.test.feed-recorder=true", "--spring.main.sources=" + FeedRecorder.class.getName());
    }

    @Test
    void afterAKillTheConsumerHasSeenEveryCommittedChangeOnceInOrder() throws Exception {
        int httpPort = Processes.freePort();
        saola = Processes.startSaola(dataDir, httpPort, arguments(httpPort));
        SaolaClient admin = new SaolaClient("http://localhost:" + httpPort, "admin", PlatformTest.ADMIN_PASSWORD);
        SaolaClient api = admin.withApiKey(admin.issueApiKey("feed kill test"));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        for (int e = 0; e < ENTITIES; e++) {
            String id = "urn:ngsi-ld:Tally:" + e;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    if (api.post("/ngsi-ld/v1/entities", "{\"id\": \"" + id + "\", \"type\": \"Tally\", "
                            + "\"n\": {\"type\": \"Property\", \"value\": 0}}").status() != 201) {
                        return;
                    }
                    acknowledged.add(id + "#0");
                    for (int i = 1; ; i++) {
                        if (api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/n", "{\"value\": " + i + "}")
                                .status() != 204) {
                            return;
                        }
                        acknowledged.add(id + "#" + i);
                    }
                } catch (RuntimeException connectionLost) {
                    // The server died: what was acknowledged before is what counts.
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 400);
        saola.destroyForcibly().waitFor();
        for (Thread w : writers) {
            w.join(Duration.ofSeconds(30));
        }

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaolaApplication.class)
                .run(arguments(0).toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SaolaClient restarted = new SaolaClient("http://localhost:" + port, "admin", PlatformTest.ADMIN_PASSWORD);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            ChangeFeed feed = app.getBean(ChangeFeed.class);
            // The newest group commit recorded before the kill (the sequence may stand further on: a writer killed
            // between taking its position and committing leaves a gap, ChangeFeedTest shows it).
            long head = app.getBean(org.saola.context.ContextService.class).feedPosition(FeedRecorder.NAME).head();
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.position(FeedRecorder.NAME).orElseThrow() >= head);

            int recordedInAll = 0;
            for (int e = 0; e < ENTITIES; e++) {
                String id = "urn:ngsi-ld:Tally:" + e;
                List<Integer> recorded = jdbc.sql("SELECT n FROM test_feed_record WHERE entity = ? ORDER BY seq")
                        .param(id).query(Integer.class).list();
                JsonNode history = restarted.get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=n&lastN=10000").json();
                List<Integer> committed = history.get("n").findValues("value").stream().map(JsonNode::asInt).toList();
                assertThat(recorded).as("%s: the feed gave each committed change once, in order", id)
                        .isEqualTo(committed);
                for (int i = 0; i < recorded.size(); i++) {
                    assertThat(recorded.get(i)).as("%s in the order it was written", id).isEqualTo(i);
                }
                for (String a : acknowledged) {
                    if (a.startsWith(id + "#")) {
                        assertThat(recorded).contains(Integer.parseInt(a.substring(id.length() + 1)));
                    }
                }
                recordedInAll += recorded.size();
            }
            assertThat(recordedInAll).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
