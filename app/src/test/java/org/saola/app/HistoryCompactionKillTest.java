package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saola.SaolaApplication;
import org.saola.context.AttributeInstance;
import org.saola.context.TemporalQuery;
import org.saola.context.store.HistoryCompaction;
import org.saola.context.store.HistoryStore;
import org.saola.platform.TenantId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * History compaction survives a crash (issue #17, item 4): Saola is killed (SIGKILL) while its background job is
 * half-way through compacting 200 days of readings; after the next start, every instance is there exactly once,
 * with its number, time and value, read through the history store; the compaction then finishes and nothing
 * changes.
 */
class HistoryCompactionKillTest {

    private static final int GAUGES = 20;
    private static final int DAYS = 10;
    private static final String ATTR = "https://uri.etsi.org/ngsi-ld/default-context/level";
    private static final Instant DAY1 = Instant.parse("2020-03-01T00:00:00Z");

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

    private List<String> arguments(int httpPort, boolean compacting) {
        return List.of("--server.port=" + httpPort, "--saola.data-dir=" + dataDir, "--saola.db.data-dir=" + dataDir,
                "--saola.mqtt.data-dir=" + dataDir.resolve("mqtt"), "--saola.mqtt.port=0",
                "--saola.admin.password=" + PlatformTest.ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                "--saola.context.history-compact-after=" + (compacting ? "1h" : "36500d"),
                "--saola.context.history-compaction-interval=" + (compacting ? "1s" : "1000h"));
    }

    /** The embedded PostgreSQL of the data directory, as its own superuser. */
    private Connection database() throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/saola", "postgres", "postgres");
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aCompactionKilledHalfWayLosesAndDuplicatesNothing() throws Exception {
        int httpPort = Processes.freePort();
        saola = Processes.startSaola(dataDir, httpPort, arguments(httpPort, false));
        SaolaClient admin = new SaolaClient("http://localhost:" + httpPort, "admin", PlatformTest.ADMIN_PASSWORD);
        SaolaClient api = admin.withApiKey(admin.issueApiKey("compaction kill test"));
        StringBuilder gauges = new StringBuilder("[");
        for (int g = 0; g < GAUGES; g++) {
            gauges.append(g == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:KillGauge:").append(g).append("\", \"type\": \"KillGauge\","
                    + " \"level\": {\"type\": \"Property\", \"value\": 0, \"observedAt\": \"2020-02-01T00:00:00Z\"}}");
        }
        assertThat(api.post("/ngsi-ld/v1/entityOperations/upsert", gauges.append("]").toString()).status()).isIn(201, 204);
        // Ten days of minutes of each gauge, written straight into history (how they came is not what is tested).
        List<String> before = new ArrayList<>();
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, instance, written_at)
                    SELECT 'default', 'urn:ngsi-ld:KillGauge:' || g, '%s', t,
                           jsonb_build_object('type', 'Property', 'value', round(((g * 7 + extract(epoch FROM t)::bigint / 60 %% 97)
                               / 10.0)::numeric, 1) + 0.05, 'observedAt', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                           t + interval '150 milliseconds'
                    FROM generate_series(0, %d) g, generate_series(timestamptz '%s', timestamptz '%s' - interval '1 minute',
                         interval '1 minute') t""".formatted(ATTR, GAUGES - 1, DAY1, DAY1.plus(Duration.ofDays(DAYS))));
            try (ResultSet rs = s.executeQuery("SELECT entity_id, instance_id, observed_at, instance -> 'value'"
                    + " FROM context_attribute_history WHERE entity_id LIKE 'urn:ngsi-ld:KillGauge:%' AND observed_at >= '" + DAY1 + "'")) {
                while (rs.next()) {
                    before.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getTimestamp(3).toInstant() + " "
                            + Double.parseDouble(rs.getString(4)));
                }
            }
        }
        assertThat(before).hasSize(GAUGES * DAYS * 1440);
        Processes.stop(saola);

        // Compaction every second; killed once some days are blocks and others still rows.
        saola = Processes.startSaola(dataDir, httpPort, arguments(httpPort, true));
        long blocksAtKill;
        try (Connection c = database()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(c, "SELECT count(*) FROM context_history_block") >= 5);
            saola.destroyForcibly().waitFor();
            saola = null;
            // The killed node's transaction is rolled back when its connection goes; what is left is committed.
            await().atMost(Duration.ofSeconds(30)).until(() -> count(c, "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = 'saola' AND pid <> pg_backend_pid()") == 0);
            blocksAtKill = count(c, "SELECT count(*) FROM context_history_block");
        }
        Processes.stopPostmasterIn(dataDir);
        long days = GAUGES * (DAYS + 1L);                        // and the day each gauge was created
        assertThat(blocksAtKill).as("killed half-way: some days compacted, not all (%d in all)", days).isBetween(5L, days - 1);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SaolaApplication.class)
                .run(arguments(0, false).toArray(String[]::new))) {
            HistoryStore history = app.getBean(HistoryStore.class);
            assertSameInstances(read(history), before, "after the kill");
            HistoryCompaction.Result rest = app.getBean(HistoryCompaction.class).compactEndedBefore(Instant.parse("2021-01-01T00:00:00Z"));
            assertThat(rest.instances()).isPositive();
            assertSameInstances(read(history), before, "once all is compacted");
        }
    }

    /** The same instances, each as many times (once): what is missing and what is extra, a few of each. */
    private static void assertSameInstances(List<String> read, List<String> expected, String when) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        expected.forEach(e -> counts.merge(e, 1, Integer::sum));
        read.forEach(r -> counts.merge(r, -1, Integer::sum));
        List<String> missing = counts.entrySet().stream().filter(e -> e.getValue() > 0).map(java.util.Map.Entry::getKey).limit(5).toList();
        List<String> extra = counts.entrySet().stream().filter(e -> e.getValue() < 0).map(java.util.Map.Entry::getKey).limit(5).toList();
        assertThat(missing).as("instances lost " + when).isEmpty();
        assertThat(extra).as("instances duplicated or changed " + when).isEmpty();
        assertThat(read).as(when).hasSameSizeAs(expected);
    }

    /** Every instance of the gauges' ten days, day by day, through the history store. */
    private static List<String> read(HistoryStore history) {
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < GAUGES; g++) {
            ids.add("urn:ngsi-ld:KillGauge:" + g);
        }
        List<String> out = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            TemporalQuery day = new TemporalQuery(Set.of(ATTR), Optional.of(DAY1.plus(Duration.ofDays(d))),
                    Optional.of(DAY1.plus(Duration.ofDays(d + 1))), 1440);
            for (AttributeInstance i : history.history(TenantId.DEFAULT, ids, day)) {
                out.add(i.entityId() + " " + i.instance().get("instanceId").asString().substring(HistoryStore.INSTANCE.length())
                        + " " + Instant.parse(i.instance().get("observedAt").asString()) + " " + i.instance().get("value").asDouble());
            }
        }
        return out;
    }
}
