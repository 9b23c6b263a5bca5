package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.context.store.HistoryCompaction;
import org.saola.platform.TenantId;
import org.saola.platform.retention.RetentionJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Compacted history (issue #17, item 4) is invisible to the temporal API's clients: every query (windows, lastN,
 * pages, times of writing, simplified values, aggregations by period) answers the same before and after days are
 * compacted into blocks; an instance appended, modified or deleted in a compacted day, or a device's late reading
 * sent twice, behaves as on rows; retention cuts through a compacted day.
 */
class HistoryCompactionTest extends PlatformTest {

    private static final String TEMPORAL = "/ngsi-ld/v1/temporal/entities/";
    private static final Instant DAY1 = Instant.parse("2020-03-01T00:00:00Z");

    @Autowired
    HistoryCompaction compaction;
    @Autowired
    RetentionJob retention;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ContextService context;
    @Autowired
    TestClock clock;

    private SaolaClient api;
    private String type;
    private String id;
    private String other;

    @BeforeEach
    void threeDaysOfMinutes() {
        api = client().withApiKey(client().issueApiKey("compaction test"));
        type = "CompactionProbe" + UUID.randomUUID().toString().substring(0, 8);
        id = "urn:ngsi-ld:" + type + ":1";
        other = "urn:ngsi-ld:" + type + ":2";
        for (String e : List.of(id, other)) {
            assertThat(api.send("POST", "/ngsi-ld/v1/entities", """
                    {"id": "%s", "type": "%s",
                     "level": {"type": "Property", "value": 0.5, "unitCode": "MTR", "observedAt": "2020-02-29T00:00:00Z"},
                     "count": {"type": "Property", "value": 0, "observedAt": "2020-02-29T00:00:00Z"},
                     "status": {"type": "Property", "value": "ok", "observedAt": "2020-02-29T00:00:00Z"}}"""
                    .formatted(e, type)).status()).isEqualTo(201);
        }
        java.util.Random random = new java.util.Random(11);
        for (int day = 0; day < 3; day++) {
            String level = levels(random, DAY1.plusSeconds(86_400L * day));
            StringBuilder count = new StringBuilder();
            StringBuilder status = new StringBuilder();
            for (int m = 0; m < 1440; m++) {
                Instant at = DAY1.plusSeconds(86_400L * day + 60L * m);
                if (m % 5 == 0) {
                    count.append(count.isEmpty() ? "" : ",").append("{\"type\":\"Property\",\"value\":").append(m / 5 + day)
                            .append(",\"observedAt\":\"").append(at).append("\"}");
                }
                if (m % 60 == 0) {
                    status.append(status.isEmpty() ? "" : ",").append("{\"type\":\"Property\",\"value\":\"")
                            .append(m % 180 == 0 ? "fault" : "ok").append("\",\"observedAt\":\"").append(at).append("\"}");
                }
            }
            for (String e : List.of(id, other)) {
                SaolaClient.Response r = api.send("POST", TEMPORAL + e + "/attrs", "{\"level\":[" + level + "],\"count\":[" + count
                        + "],\"status\":[" + status + "]}");
                assertThat(r.status()).as(r.body()).isEqualTo(204);
            }
        }
        // Two device readings through the writers: one newest (its history row by COPY), one late (the late path).
        reading(9.75, "2020-03-03T12:00:30Z");
        reading(8.25, "2020-03-02T12:00:30Z");
    }

    /** A day of one-minute water levels in metres from {@code day}, a random walk from 1.2 m: temporal instances. */
    static String levels(java.util.Random random, Instant day) {
        StringBuilder level = new StringBuilder();
        double v = 1.2;
        for (int m = 0; m < 1440; m++) {
            v = Math.round((v + (random.nextInt(5) - 2) * 0.01) * 100) / 100.0;
            level.append(m == 0 ? "" : ",").append("{\"type\":\"Property\",\"value\":").append(v)
                    .append(",\"unitCode\":\"MTR\",\"observedAt\":\"").append(day.plusSeconds(60L * m)).append("\"}");
        }
        return level.toString();
    }

    private void reading(double value, String at) {
        context.observe(new EntityUpdate(TenantId.DEFAULT, id, type, Map.of("level", Attribute.property(
                JsonNodeFactory.instance.numberNode(value), Instant.parse(at), "MTR")))).join();
    }

    private List<String> queries() {
        String window = "timerel=between&timeAt=2020-03-01T10:00:00Z&endTimeAt=2020-03-02T03:00:00Z";
        String all = "timerel=between&timeAt=2020-02-29T00:00:00Z&endTimeAt=2020-03-04T00:00:00Z";
        String methods = "aggrMethods=totalCount,distinctCount,sum,avg,min,max,stddev,sumsq";
        return List.of(
                TEMPORAL + id,
                TEMPORAL + id + "?attrs=level&lastN=10",
                TEMPORAL + id + "?attrs=level,status&" + window,
                TEMPORAL + id + "?attrs=level,count&timerel=after&timeAt=2020-03-02T23:00:00Z",
                TEMPORAL + id + "?attrs=count&lastN=2000",
                TEMPORAL + id + "?attrs=level&timeproperty=createdAt&lastN=5",
                TEMPORAL + id + "?attrs=level&timeproperty=modifiedAt&timerel=before&timeAt=2099-01-01T00:00:00Z",
                TEMPORAL + id + "?attrs=count&format=temporalValues&" + window,
                TEMPORAL + "?type=" + type + "&attrs=level&lastN=3",
                TEMPORAL + "?type=" + type + "&attrs=status&" + window,
                TEMPORAL + id + "?" + methods + "&aggrPeriodDuration=PT1H&" + all,
                TEMPORAL + id + "?" + methods + "&aggrPeriodDuration=P1D",
                TEMPORAL + id + "?" + methods + "&aggrPeriodDuration=PT7H&timerel=between&timeAt=2020-03-01T05:30:00Z"
                        + "&endTimeAt=2020-03-03T17:00:00Z",
                TEMPORAL + id + "?" + methods + "&" + all,
                TEMPORAL + id + "?aggrMethods=sum,totalCount&aggrPeriodDuration=P1M",
                TEMPORAL + id + "?aggrMethods=totalCount,max&aggrPeriodDuration=P1D&timeproperty=createdAt",
                TEMPORAL + "?type=" + type + "&aggrMethods=avg,totalCount&aggrPeriodDuration=PT12H&" + window);
    }

    private Map<String, SaolaClient.Response> answers() {
        Map<String, SaolaClient.Response> out = new LinkedHashMap<>();
        for (String q : queries()) {
            SaolaClient.Response r = api.get(q);
            assertThat(r.status()).as(q + "\n" + r.body()).isIn(200, 206);
            out.put(q, r);
        }
        return out;
    }

    private long rows(String entity) {
        return jdbc.sql("SELECT count(*) FROM context_attribute_history WHERE entity_id = ?").param(entity).query(Long.class).single();
    }

    private long blocks(String entity) {
        return jdbc.sql("SELECT count(*) FROM context_history_block WHERE entity_id = ?").param(entity).query(Long.class).single();
    }

    @Test
    void everyTemporalQueryAnswersTheSameFromCompactedDays() {
        Map<String, SaolaClient.Response> before = answers();
        long rowsBefore = rows(id);
        assertThat(rowsBefore).isEqualTo(3 * (1440 + 288 + 24) + 3 + 2);

        HistoryCompaction.Result result = compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        assertThat(result.instances()).isGreaterThanOrEqualTo(2 * rowsBefore - 2);
        assertThat(rows(id)).as("no row left of a compacted day").isZero();
        assertThat(blocks(id)).as("a block per attribute and day: 3 attributes, 3 days and the day of creation").isEqualTo(12);
        long bytes = jdbc.sql("SELECT sum(octet_length(data)) FROM context_history_block WHERE entity_id = ? AND attr LIKE '%level'")
                .param(id).query(Long.class).single();
        assertThat((double) bytes / (3 * 1440 + 3)).as("bytes of data per level reading").isLessThan(2.0);

        assertSameAnswers(before, answers());
        assertThat(compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z")).instances())
                .as("nothing left to compact").isZero();
    }

    @Test
    void anAggregationOfMorePeriodsThanAllowedIsRefusedOnRowsAndOnBlocks() {
        // By the minute, the three days of the entity's three attributes are some 5 260 periods: more than the
        // tests allow (PlatformTest.MAX_AGGREGATES); its counts alone, taken every five minutes, are 865.
        String byMinute = "aggrMethods=avg,totalCount&aggrPeriodDuration=PT1M&timerel=between"
                + "&timeAt=2020-02-29T00:00:00Z&endTimeAt=2020-03-04T00:00:00Z";
        for (String when : List.of("on rows", "on blocks")) {
            if (when.equals("on blocks")) {
                compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
                assertThat(blocks(id)).as("compacted").isPositive();
            }
            SaolaClient.Response refused = api.get(TEMPORAL + id + "?" + byMinute);
            assertThat(refused.status()).as(when + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/TooManyResults");
            assertThat(refused.json().get("detail").asString()).as(when)
                    .contains("more than " + PlatformTest.MAX_AGGREGATES + " periods").contains("aggrPeriodDuration");
            SaolaClient.Response counts = api.get(TEMPORAL + id + "?attrs=count&" + byMinute);
            assertThat(counts.status()).as(when + ": " + counts.body()).isEqualTo(200);
            assertThat(counts.json().at("/count/totalCount")).as(when).hasSize(865);
        }
    }

    @Test
    void changesInACompactedDayBehaveAsOnRowsAndAreCompactedAgain() {
        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        String day2 = "timerel=between&timeAt=2020-03-02T00:00:00Z&endTimeAt=2020-03-03T00:00:00Z";
        String start2 = "?attrs=level&timerel=between&timeAt=2020-03-02T00:00:00Z&endTimeAt=2020-03-02T00:05:00Z";
        assertThat(count(id, day2)).isEqualTo(1441);

        // Appended into the compacted day, twice: there once.
        String extra = "{\"level\":[{\"type\":\"Property\",\"value\":42.5,\"unitCode\":\"MTR\",\"observedAt\":\"2020-03-02T00:00:30Z\"}]}";
        assertThat(api.send("POST", TEMPORAL + id + "/attrs", extra).status()).isEqualTo(204);
        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        assertThat(api.send("POST", TEMPORAL + id + "/attrs", extra).status()).isEqualTo(204);
        // A device's late reading sent again (already held, in a compacted day): not added twice.
        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        reading(8.25, "2020-03-02T12:00:30Z");
        assertThat(count(id, day2)).isEqualTo(1442);
        JsonNode after = api.get(TEMPORAL + id + start2).json().get("level");
        assertThat(after.get(1).get("value").asDouble()).isEqualTo(42.5);

        // Deleted and modified by instance id, each in a compacted day.
        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        String first = after.get(0).get("instanceId").asString();
        assertThat(api.delete(TEMPORAL + id + "/attrs/level/" + first).status()).isEqualTo(204);
        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        String start3 = "?attrs=level&timerel=between&timeAt=2020-03-03T00:00:00Z&endTimeAt=2020-03-03T00:10:00Z";
        String third = api.get(TEMPORAL + id + start3).json().get("level").get(2).get("instanceId").asString();
        assertThat(api.send("PATCH", TEMPORAL + id + "/attrs/level/" + third, "{\"value\": -7}").status()).isEqualTo(204);
        assertThat(api.delete(TEMPORAL + id + "/attrs/level/" + first).status()).as("gone already").isEqualTo(404);

        Map<String, SaolaClient.Response> changed = answers();
        assertThat(count(id, day2)).isEqualTo(1441);
        assertThat(api.get(TEMPORAL + id + start2).json().get("level").get(0).get("value").asDouble()).isEqualTo(42.5);
        assertThat(api.get(TEMPORAL + id + start3).json().get("level").get(2).get("value").asInt()).isEqualTo(-7);
        assertThat(rows(id)).as("the modified day is rows again").isPositive();

        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        assertThat(rows(id)).isZero();
        assertSameAnswers(changed, answers());
    }

    @Test
    void retentionCutsThroughACompactedDay() {
        compaction.compactEndedBefore(Instant.parse("2020-03-05T00:00:00Z"));
        String all = "timerel=before&timeAt=2020-03-05T00:00:00Z";
        assertThat(count(other, all)).isEqualTo(3 * 1440 + 1);
        // Readings are kept five years by default: retention run as if five years after the cutoff.
        retention.apply("readings", Instant.parse("2020-03-02T12:00:00Z").plus(java.time.Duration.ofHours(43_800))).orElseThrow();
        assertThat(count(other, all)).isEqualTo(1440 + 720);
        JsonNode left = api.get(TEMPORAL + other + "?attrs=level&lastN=1&timerel=before&timeAt=2020-03-02T12:00:01Z").json();
        assertThat(left.at("/level/0/observedAt").asString()).isEqualTo("2020-03-02T12:00:00Z");
    }

    @Test
    void openDataAggregatesAreTheSameWhenPartOfADayIsCompacted() {
        String odType = "CompactionOpenData" + UUID.randomUUID().toString().substring(0, 8);
        String e = "urn:ngsi-ld:" + odType + ":1";
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(java.time.Duration.ofDays(12));
        assertThat(api.send("POST", "/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "pm25": {"type": "Property", "value": 1, "unitCode": "GQ", "observedAt": "%s"}}"""
                .formatted(e, odType, start.minus(java.time.Duration.ofDays(500)))).status()).isEqualTo(201);
        StringBuilder pm25 = new StringBuilder();
        for (int i = 0; i < 3 * 144; i++) {
            pm25.append(i == 0 ? "" : ",").append("{\"type\":\"Property\",\"value\":").append(10 + (i * 37 % 500) / 100.0)
                    .append(",\"unitCode\":\"GQ\",\"observedAt\":\"").append(start.plusSeconds(600L * i)).append("\"}");
        }
        assertThat(api.send("POST", TEMPORAL + e + "/attrs", "{\"pm25\":[" + pm25 + "]}").status()).isEqualTo(204);
        OpenDataClient openData = new OpenDataClient(client());
        String filter = "{\"entity_id\":\"" + e + "\",\"attribute\":\"pm25\"}";
        JsonNode before = openData.search("context.daily:" + odType, filter).get("records");
        assertThat(before).as("local days (UTC+7) over three UTC days").hasSize(4);

        // The first two UTC days compacted: each local day is then part block, part rows.
        compaction.compactEndedBefore(start.plus(java.time.Duration.ofDays(2)));
        assertThat(jdbc.sql("SELECT count(*) FROM context_history_block WHERE entity_id = ?").param(e).query(Long.class).single())
                .isEqualTo(3);
        JsonNode after = openData.search("context.daily:" + odType, filter).get("records");
        assertThat(after.toString()).isEqualTo(before.toString());
    }

    /** How many instances of an entity's level the temporal API counts in a window. */
    private long count(String entity, String window) {
        JsonNode counted = api.get(TEMPORAL + entity + "?attrs=level&aggrMethods=totalCount&" + window).json();
        return counted.at("/level/totalCount/0/0").asLong();
    }

    /** The same status, Content-Range and body; numbers alike to 1e-9 of their size (sums added in another order). */
    static void assertSameAnswers(Map<String, SaolaClient.Response> before, Map<String, SaolaClient.Response> after) {
        for (String q : before.keySet()) {
            SaolaClient.Response b = before.get(q);
            SaolaClient.Response a = after.get(q);
            assertThat(a.status()).as(q).isEqualTo(b.status());
            assertThat(a.header("Content-Range")).as(q).isEqualTo(b.header("Content-Range"));
            List<String> differences = new ArrayList<>();
            compare("", b.json(), a.json(), differences);
            assertThat(differences).as(q + "\nbefore: " + abbreviate(b.body()) + "\nafter:  " + abbreviate(a.body())).isEmpty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    private static void compare(String path, JsonNode b, JsonNode a, List<String> differences) {
        if (differences.size() > 5) {
            return;
        }
        if (b.isNumber() && a.isNumber()) {
            double x = b.asDouble();
            double y = a.asDouble();
            if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)))) {
                differences.add(path + ": " + b + " → " + a);
            }
            return;
        }
        if (b.isObject() && a.isObject()) {
            if (!List.copyOf(b.propertyNames()).equals(List.copyOf(a.propertyNames()))) {
                differences.add(path + ": members " + b.propertyNames() + " → " + a.propertyNames());
                return;
            }
            for (String name : b.propertyNames()) {
                compare(path + "/" + name, b.get(name), a.get(name), differences);
            }
            return;
        }
        if (b.isArray() && a.isArray()) {
            if (b.size() != a.size()) {
                differences.add(path + ": " + b.size() + " elements → " + a.size());
                return;
            }
            Iterator<JsonNode> x = b.iterator();
            Iterator<JsonNode> y = a.iterator();
            int i = 0;
            while (x.hasNext()) {
                compare(path + "/" + i++, x.next(), y.next(), differences);
            }
            return;
        }
        if (!b.equals(a)) {
            differences.add(path + ": " + b + " → " + a);
        }
    }
}
