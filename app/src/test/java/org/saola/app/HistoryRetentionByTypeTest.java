package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.context.store.HistoryCompaction;
import org.saola.platform.retention.RetentionJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Raw history kept a shorter time for some entity types (issue #17, item 5; {@code saola.context.history-retention},
 * set in {@link PlatformTest}): a type that keeps day summaries loses its instances of whole days past the period
 * but every aggregation over those days answers as before, late readings for them included; a type that keeps
 * nothing loses everything before the cutoff; other types keep all their history.
 */
class HistoryRetentionByTypeTest extends PlatformTest {

    static final String SUMMARIZED = "https://uri.etsi.org/ngsi-ld/default-context/RetentionSummarizedProbe";
    static final String DROPPED = "https://uri.etsi.org/ngsi-ld/default-context/RetentionDroppedProbe";
    private static final String TEMPORAL = "/ngsi-ld/v1/temporal/entities/";
    private static final Instant DAY1 = Instant.parse("2021-05-01T00:00:00Z");
    private static final String ALL = "timerel=between&timeAt=2021-04-30T00:00:00Z&endTimeAt=2021-05-04T00:00:00Z";

    @Autowired
    RetentionJob retention;
    @Autowired
    HistoryCompaction compaction;
    @Autowired
    JdbcClient jdbc;

    private SaolaClient api;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("history retention test"));
    }

    /** Three days of one-minute levels (a random walk) and of hourly states, from DAY1. */
    private String entity(String type) {
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        assertThat(api.send("POST", "/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s",
                 "level": {"type": "Property", "value": 0.5, "unitCode": "MTR", "observedAt": "2021-04-30T23:00:00Z"}}"""
                .formatted(id, type)).status()).isEqualTo(201);
        java.util.Random random = new java.util.Random(7);
        for (int day = 0; day < 3; day++) {
            String level = HistoryCompactionTest.levels(random, DAY1.plusSeconds(86_400L * day));
            StringBuilder state = new StringBuilder();
            for (int m = 0; m < 1440; m++) {
                Instant at = DAY1.plusSeconds(86_400L * day + 60L * m);
                if (m % 60 == 0) {
                    state.append(state.isEmpty() ? "" : ",").append("{\"type\":\"Property\",\"value\":\"")
                            .append(m % 180 == 0 ? "fault" : "ok").append("\",\"observedAt\":\"").append(at).append("\"}");
                }
            }
            SaolaClient.Response r = api.send("POST", TEMPORAL + id + "/attrs",
                    "{\"level\":[" + level + "],\"state\":[" + state + "]}");
            assertThat(r.status()).as(r.body()).isEqualTo(204);
        }
        return id;
    }

    private List<String> aggregations(String id) {
        String methods = "aggrMethods=totalCount,sum,avg,min,max,stddev,sumsq";
        return List.of(
                TEMPORAL + id + "?" + methods + "&aggrPeriodDuration=P1D&" + ALL,
                TEMPORAL + id + "?" + methods + "&" + ALL,
                TEMPORAL + id + "?attrs=level&aggrMethods=sum,totalCount&aggrPeriodDuration=P1M",
                TEMPORAL + id + "?attrs=level&" + methods + "&aggrPeriodDuration=P1D&timerel=after&timeAt=2021-05-02T00:00:00Z");
    }

    private Map<String, SaolaClient.Response> answers(List<String> queries) {
        Map<String, SaolaClient.Response> out = new LinkedHashMap<>();
        for (String q : queries) {
            SaolaClient.Response r = api.get(q);
            assertThat(r.status()).as(q + "\n" + r.body()).isEqualTo(200);
            out.put(q, r);
        }
        return out;
    }

    /** The instances of an attribute the temporal API lists in the whole window, asked half a day at a time. */
    private int listed(String id, String attr) {
        int n = 0;
        for (Instant t = Instant.parse("2021-04-30T00:00:00Z"); t.isBefore(Instant.parse("2021-05-04T00:00:00Z"));
                t = t.plus(Duration.ofHours(12))) {
            SaolaClient.Response r = api.get(TEMPORAL + id + "?attrs=" + attr + "&timerel=between&timeAt=" + t + "&endTimeAt="
                    + t.plus(Duration.ofHours(12)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            n += r.json().path(attr).size();
        }
        return n;
    }

    private long count(String id, String window) {
        return api.get(TEMPORAL + id + "?attrs=level&aggrMethods=totalCount&" + window).json().at("/level/totalCount/0/0").asLong();
    }

    @Test
    void summarizedDaysLoseTheirInstancesButAggregationsAnswerTheSame() {
        String id = entity("RetentionSummarizedProbe");
        String untouched = entity("RetentionOtherProbe" + UUID.randomUUID().toString().substring(0, 8));
        // The first day compacted already; the second still rows: retention takes both ways.
        compaction.compactEndedBefore(Instant.parse("2021-05-02T00:00:00Z"));
        Map<String, SaolaClient.Response> before = answers(aggregations(id));
        assertThat(listed(id, "level")).isEqualTo(1 + 3 * 1440);

        // Thirty days after mid-day 3: the days that ended before day 3 (30 April, 1 and 2 May) are summarized.
        Instant now = Instant.parse("2021-05-03T12:00:00Z").plus(Duration.ofDays(30));
        String category = "readings:*:" + SUMMARIZED;
        long dropped = retention.apply(category, now).orElseThrow();
        assertThat(dropped).as("instances dropped, of every series of the type").isGreaterThanOrEqualTo(1 + 2 * 1440 + 2 * 24);
        assertThat(listed(id, "level")).as("day 3 stays as it was").isEqualTo(1440);
        assertThat(listed(id, "state")).isEqualTo(24);
        assertThat(api.get(TEMPORAL + id + "?attrs=level&lastN=1&timerel=before&timeAt=2021-05-03T00:00:00Z").json()
                .path("level").size()).isZero();
        HistoryCompactionTest.assertSameAnswers(before, answers(aggregations(id)));
        assertThat(jdbc.sql("SELECT count(*) FROM context_history_block WHERE entity_id = ? AND encoding = 3")
                .param(id).query(Long.class).single()).as("day summaries: level on 3 days, state on 2").isEqualTo(5);
        assertThat(listed(untouched, "level")).as("another type keeps its history").isEqualTo(1 + 3 * 1440);
        assertThat(retention.categories()).anySatisfy(c -> {
            assertThat(c.category()).isEqualTo(category);
            assertThat(c.period()).isEqualTo(Duration.ofDays(30));
            assertThat(c.lastRun()).hasValueSatisfying(r -> assertThat(r.removed()).isEqualTo(dropped));
        });
        assertThat(retention.apply(category, now)).as("nothing more to drop").contains(0L);

        // A late reading for a summarized day: listed while it is a row, then added to the day's summaries.
        String day2 = "timerel=between&timeAt=2021-05-02T00:00:00Z&endTimeAt=2021-05-03T00:00:00Z";
        assertThat(count(id, day2)).isEqualTo(1440);
        assertThat(api.send("POST", TEMPORAL + id + "/attrs", """
                {"level": [{"type": "Property", "value": 99.5, "unitCode": "MTR", "observedAt": "2021-05-02T06:00:30Z"}]}""")
                .status()).isEqualTo(204);
        assertThat(count(id, day2)).isEqualTo(1441);
        assertThat(listed(id, "level")).isEqualTo(1441);
        compaction.compactEndedBefore(Instant.parse("2021-05-04T00:00:00Z"));
        assertThat(listed(id, "level")).as("the late reading now in day 2's summaries; day 3 compacted").isEqualTo(1440);
        JsonNode max = api.get(TEMPORAL + id + "?attrs=level&aggrMethods=max,totalCount&" + day2).json();
        assertThat(max.at("/level/max/0/0").asDouble()).isEqualTo(99.5);
        assertThat(max.at("/level/totalCount/0/0").asLong()).isEqualTo(1441);
    }

    @Test
    void aTypeThatKeepsNothingLosesItsHistoryBeforeTheCutoff() {
        String id = entity("RetentionDroppedProbe");
        String untouched = entity("RetentionSummarizedProbe");
        compaction.compactEndedBefore(Instant.parse("2021-05-03T00:00:00Z"));
        Instant now = Instant.parse("2021-05-02T12:00:00Z").plus(Duration.ofDays(30));
        retention.apply("readings:default:" + DROPPED, now).orElseThrow();
        assertThat(count(id, ALL)).as("from noon of day 2 on").isEqualTo(720 + 1440);
        JsonNode oldest = api.get(TEMPORAL + id + "?attrs=level&" + ALL).json();
        assertThat(oldest.at("/level/0/observedAt").asString()).isEqualTo("2021-05-02T12:00:00Z");
        assertThat(count(untouched, ALL)).as("the other type's rule did not run").isEqualTo(1 + 3 * 1440);
    }
}
