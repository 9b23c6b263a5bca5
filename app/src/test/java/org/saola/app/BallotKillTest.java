package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The durability contract for votes: residents vote and change their votes while the Saola process is killed
 * (SIGKILL); after the next start on the same data directory, once the vote is over and counted, every
 * ballot whose receipt a resident was shown is counted (unless that resident had a newer ballot in flight
 * when the process died, which may then have replaced it: only the newest counts).
 */
class BallotKillTest {

    @TempDir
    Path dataDir;

    private Process saola;

    @AfterEach
    void stopLeftovers() throws InterruptedException, IOException {
        if (saola != null) {
            Processes.stop(saola);
        }
        Processes.stopPostmasterIn(dataDir);
    }

    private List<String> arguments(int httpPort) {
        return List.of("--server.port=" + httpPort, "--saola.data-dir=" + dataDir, "--saola.db.data-dir=" + dataDir,
                "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"), "--saola.mqtt.port=0",
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                "--saola.residents.data-dir=" + dataDir, "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMailAndSms.smtpPort(), "--saola.rate-limits.codes-per-address=100000",
                "--saola.rate-limits.sign-in-failures-per-address=100000", "--saola.participation.count-every=1h");
    }

    /** One resident's last vote as their browser saw it. */
    static final class Voter {
        final FormSession browser;
        volatile String acknowledged;
        volatile boolean inFlight;

        Voter(FormSession browser) {
            this.browser = browser;
        }
    }

    @Test
    void everyBallotWhoseReceiptWasShownIsCountedAfterAKill() throws Exception {
        int httpPort = Processes.freePort();
        saola = Processes.startSaola(dataDir, httpPort, arguments(httpPort));
        String base = "http://localhost:" + httpPort;
        SaolaClient admin = new SaolaClient(base, "admin", PlatformTest.ADMIN_PASSWORD);

        assertThat(admin.post("/api/v1/departments", "{\"code\":\"budget\",\"nameVi\":\"Tài chính\",\"nameEn\":\"Finance\"}").status()).isEqualTo(201);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        String process = """
                {"titleVi":"Ngân sách","titleEn":"Budget","department":"budget","phases":[{"phase":"VOTING","starts":"%s","ends":"%s"}],
                 "voting":{"rule":"APPROVAL","maxChoices":2},"budgets":[{"amount":1000}]}""";
        assertThat(admin.send("PUT", "/api/v1/participation/processes/kill", process.formatted(today.plusDays(1), today.plusDays(2))).status()).isEqualTo(201);
        for (String p : List.of("a", "b", "c")) {
            assertThat(admin.send("PUT", "/api/v1/participation/processes/kill/projects/" + p,
                    "{\"titleVi\":\"" + p + "\",\"titleEn\":\"" + p + "\",\"cost\":100}").status()).isEqualTo(201);
        }
        assertThat(admin.send("PUT", "/api/v1/participation/processes/kill", process.formatted(today, today.plusDays(1))).status()).isEqualTo(200);

        List<Voter> voters = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            FormSession browser = TestResidents.signedIn(base, "kill" + i + "." + dataDir.getFileName() + "@example.vn");
            browser.get("/city/participation/kill/vote");
            voters.add(new Voter(browser));
        }

        // Four browsers' worth of residents vote and change their votes until the process dies.
        AtomicInteger acknowledged = new AtomicInteger();
        List<List<String>> choices = List.of(List.of("a"), List.of("b"), List.of("c"), List.of("a", "b"), List.of("b", "c"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; ; round++) {
                        for (int i = first; i < voters.size(); i += 4) {
                            Voter v = voters.get(i);
                            List<Map.Entry<String, String>> fields = new ArrayList<>();
                            choices.get((i + round) % choices.size()).forEach(c -> fields.add(Map.entry("project", c)));
                            v.inFlight = true;
                            HttpResponse<String> r = v.browser.post("/city/participation/kill/vote", fields);
                            if (r.statusCode() != 302) {
                                throw new AssertionError(r.statusCode() + " " + r.body());
                            }
                            Matcher m = Pattern.compile("id=\"receipt\">([A-Z0-9-]{14})<").matcher(v.browser.follow(r).body());
                            if (!m.find()) {
                                throw new AssertionError("no receipt shown");
                            }
                            v.acknowledged = m.group(1);
                            v.inFlight = false;
                            acknowledged.incrementAndGet();
                            v.browser.get("/city/participation/kill/vote");
                        }
                    }
                } catch (Exception | AssertionError connectionLost) {
                    // The server died: what was shown before is what counts.
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 60);
        saola.destroyForcibly().waitFor();
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
        }

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaolaApplication.class, TestClock.Config.class)
                .run(arguments(0).toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SaolaClient restarted = new SaolaClient("http://localhost:" + port, "admin", PlatformTest.ADMIN_PASSWORD);
            app.getBean(TestClock.class).advance(Duration.ofDays(2));
            SaolaClient.Response count = restarted.post("/api/v1/participation/processes/kill/count", "");
            assertThat(count.status()).as(count.body()).isEqualTo(200);
            int counted = restarted.anonymous().get("/public/v1/participation/processes/kill/results").json().get("ballotsCounted").asInt();
            long votedAndShown = voters.stream().filter(v -> v.acknowledged != null).count();
            assertThat(counted).as("one ballot per resident who voted").isBetween((int) votedAndShown, voters.size());
            java.util.Set<String> receipts = new java.util.HashSet<>();
            restarted.anonymous().get("/public/v1/participation/processes/kill/receipts").json().forEach(r -> receipts.add(r.asString()));
            int checked = 0;
            for (Voter v : voters) {
                if (v.acknowledged != null && !v.inFlight) {
                    assertThat(receipts).as("a receipt shown to a resident with nothing in flight").contains(v.acknowledged);
                    checked++;
                }
            }
            assertThat(checked).isGreaterThanOrEqualTo(voters.size() - 4);
        }
    }
}
