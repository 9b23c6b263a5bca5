package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The temporal API as ETSI GS CIM 009 V1.8.1 defines it where Saola deviated: long histories in pages (206 and
 * Content-Range), the time an instance is selected by (timeproperty, with deletions), and where aggregation
 * periods start. Each test is named after its clause.
 */
class NgsiLdTemporalClausesTest extends PlatformTest {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final String TEMPORAL = "/ngsi-ld/v1/temporal/entities/";

    @Autowired
    TestClock clock;

    private SaolaClient api;
    private String type;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("temporal clauses"));
        type = "NoiseLevelObserved" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An entity whose attribute has {@code n} instances a minute apart from T0 (values 0 … n-1). */
    private String entityWithHistory(String attribute, int n) {
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder("{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"" + attribute + "\": [");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\": \"Property\", \"value\": ").append(i)
                    .append(", \"observedAt\": \"").append(T0.plusSeconds(60L * i)).append("\"}");
        }
        SaolaClient.Response created = api.send("POST", "/ngsi-ld/v1/temporal/entities", body.append("]}").toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private static List<Integer> values(JsonNode instances) {
        List<Integer> out = new ArrayList<>();
        instances.forEach(i -> out.add(i.get("value").asInt()));
        return out;
    }

    @Test
    void clause6_3_10_aLongHistoryComesInPagesWithTheTimeRangeCovered() {
        String id = entityWithHistory("LAeq", 2300);
        SaolaClient.Response first = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=after&timeAt=" + T0);
        assertThat(first.status()).as(first.body()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("date-time " + T0 + "-" + T0.plusSeconds(60L * 999) + "/*");
        assertThat(values(first.json().get("LAeq"))).hasSize(1000).startsWith(0, 1).endsWith(999);

        // The client goes on from the end of the range: the instance at its edge comes again, nothing is missed.
        Instant next = T0.plusSeconds(60L * 999);
        SaolaClient.Response second = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=after&timeAt=" + next);
        assertThat(second.status()).isEqualTo(206);
        assertThat(values(second.json().get("LAeq"))).hasSize(1000).startsWith(999).endsWith(1998);
        SaolaClient.Response last = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=after&timeAt=" + T0.plusSeconds(60L * 1998));
        assertThat(last.status()).as("what is left fits").isEqualTo(200);
        assertThat(last.header("Content-Range")).isNull();
        assertThat(values(last.json().get("LAeq"))).hasSize(302).endsWith(2299);

        // lastN beyond the page: the newest thousand, the range running back from the newest, sized by lastN.
        SaolaClient.Response newest = api.get(TEMPORAL + id + "?attrs=LAeq&lastN=1500");
        assertThat(newest.status()).isEqualTo(206);
        assertThat(newest.header("Content-Range")).isEqualTo("date-time " + T0.plusSeconds(60L * 2299) + "-"
                + T0.plusSeconds(60L * 1300) + "/1500");
        assertThat(values(newest.json().get("LAeq"))).hasSize(1000).startsWith(1300).endsWith(2299);
        SaolaClient.Response few = api.get(TEMPORAL + id + "?attrs=LAeq&lastN=5");
        assertThat(few.status()).isEqualTo(200);
        assertThat(values(few.json().get("LAeq"))).containsExactly(2295, 2296, 2297, 2298, 2299);

        // By when instances were written: the 2 300 written by one request page on all the same.
        Instant written = Instant.parse(api.get(TEMPORAL + id + "?attrs=LAeq&timeproperty=createdAt&lastN=1")
                .json().at("/LAeq/0/createdAt").asString());
        SaolaClient.Response byWriting = api.get(TEMPORAL + id + "?attrs=LAeq&timeproperty=createdAt&timerel=after&timeAt="
                + written.minusSeconds(3600));
        assertThat(byWriting.status()).isEqualTo(206);
        String end = byWriting.header("Content-Range").replaceFirst("^date-time [^Z]+Z-", "").replaceFirst("/\\*$", "");
        SaolaClient.Response onwards = api.get(TEMPORAL + id + "?attrs=LAeq&timeproperty=createdAt&timerel=after&timeAt="
                + end);
        List<Integer> firstPage = values(byWriting.json().get("LAeq"));
        List<Integer> nextPage = values(onwards.json().get("LAeq"));
        assertThat(nextPage.getFirst()).as("the next page starts at the edge").isEqualTo(firstPage.getLast());
        assertThat(nextPage).as("and moves on").hasSize(1000).doesNotContainAnyElementsOf(firstPage.subList(0, 999));

        // Queries too; every attribute is cut at the same time so the range is whole for all of them.
        SaolaClient.Response query = api.get("/ngsi-ld/v1/temporal/entities?type=" + type + "&timerel=after&timeAt=" + T0);
        assertThat(query.status()).isEqualTo(206);
        assertThat(query.header("Content-Range")).startsWith("date-time " + T0 + "-");
    }

    @Test
    void clause6_3_10_aQueryOfManyEntitiesHoldsFewerInstancesOfEachAndPagesOnInTime() {
        // 30 entities of 700 instances: 21 000 in all, more than a response holds (20 000), so 666 of each.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(entityWithHistory("LAeq", 700));
        }
        String query = "/ngsi-ld/v1/temporal/entities?type=" + type + "&attrs=LAeq&limit=30&timerel=after&timeAt=";
        SaolaClient.Response first = api.get(query + T0);
        assertThat(first.status()).as(first.body()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("date-time " + T0 + "-" + T0.plusSeconds(60L * 665) + "/*");
        assertThat(first.json()).hasSize(30);
        first.json().forEach(e -> assertThat(values(e.get("LAeq"))).hasSize(666).startsWith(0).endsWith(665));

        SaolaClient.Response rest = api.get(query + T0.plusSeconds(60L * 665));
        assertThat(rest.status()).as("the rest fits").isEqualTo(200);
        rest.json().forEach(e -> assertThat(values(e.get("LAeq"))).hasSize(35).startsWith(665).endsWith(699));

        // One entity of them alone still gets a whole page, and lastN is cut the same way.
        assertThat(values(api.get(TEMPORAL + ids.getFirst() + "?attrs=LAeq&timerel=after&timeAt=" + T0).json()
                .get("LAeq"))).hasSize(700);
        SaolaClient.Response newest = api.get("/ngsi-ld/v1/temporal/entities?type=" + type + "&attrs=LAeq&limit=30&lastN=700");
        assertThat(newest.status()).isEqualTo(206);
        assertThat(newest.header("Content-Range")).isEqualTo("date-time " + T0.plusSeconds(60L * 699) + "-"
                + T0.plusSeconds(60L * 34) + "/700");
        newest.json().forEach(e -> assertThat(values(e.get("LAeq"))).hasSize(666).startsWith(34).endsWith(699));
    }

    @Test
    void clause6_3_10_aPageIsNeverCutInsideAnInstantWhereThatWouldLoseInstancesOrPageForEver() {
        // 1 005 instances of one attribute at one instant (more than a page of it), one before and three after.
        Instant crowded = T0.plusSeconds(60);
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder body = new StringBuilder("{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"LAeq\": [");
        body.append("{\"type\": \"Property\", \"value\": -1, \"observedAt\": \"").append(T0).append("\"}");
        List<Integer> atOnce = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            atOnce.add(i);
            body.append(",{\"type\": \"Property\", \"value\": ").append(i).append(", \"observedAt\": \"").append(crowded)
                    .append("\"}");
        }
        for (int i = 1; i <= 3; i++) {
            body.append(",{\"type\": \"Property\", \"value\": ").append(2000 + i).append(", \"observedAt\": \"")
                    .append(crowded.plusSeconds(60L * i)).append("\"}");
        }
        assertThat(api.send("POST", "/ngsi-ld/v1/temporal/entities", body.append("]}").toString()).status()).isEqualTo(201);

        // Forwards: the first page ends at the crowded instant, which comes again in the next.
        SaolaClient.Response first = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=after&timeAt=" + T0);
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.header("Content-Range")).isEqualTo("date-time " + T0 + "-" + crowded + "/*");
        assertThat(values(first.json().get("LAeq"))).hasSize(1000).startsWith(-1);
        // The next page starts there: it holds the whole instant, and its range ends a microsecond after it.
        SaolaClient.Response second = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=after&timeAt=" + crowded);
        assertThat(second.status()).isEqualTo(206);
        Instant after = crowded.plusNanos(1000);
        assertThat(second.header("Content-Range")).isEqualTo("date-time " + crowded + "-" + after + "/*");
        assertThat(values(second.json().get("LAeq"))).containsExactlyInAnyOrderElementsOf(atOnce);
        SaolaClient.Response third = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=after&timeAt=" + after);
        assertThat(third.status()).as("the next moves on").isEqualTo(200);
        assertThat(values(third.json().get("LAeq"))).containsExactly(2001, 2002, 2003);

        // A window ending just after the crowded instant: its whole instant is the rest of the answer.
        SaolaClient.Response within = api.get(TEMPORAL + id + "?attrs=LAeq&timerel=between&timeAt=" + crowded
                + "&endTimeAt=" + after);
        assertThat(within.status()).as("nothing left after it").isEqualTo(200);
        assertThat(values(within.json().get("LAeq"))).containsExactlyInAnyOrderElementsOf(atOnce);

        // Backwards (lastN): the client asks next for what is strictly before the end of the range. The cut falls
        // among the crowded instant's instances, so the page leaves that instant out and ends just after it.
        SaolaClient.Response newest = api.get(TEMPORAL + id + "?attrs=LAeq&lastN=1008");
        assertThat(newest.status()).isEqualTo(206);
        assertThat(newest.header("Content-Range")).isEqualTo("date-time " + crowded.plusSeconds(180) + "-" + after + "/1008");
        assertThat(values(newest.json().get("LAeq"))).containsExactly(2001, 2002, 2003);
        // The next holds nothing but that instant: all of it, and the one after ends before it.
        SaolaClient.Response before = api.get(TEMPORAL + id + "?attrs=LAeq&lastN=1008&timerel=before&timeAt=" + after);
        assertThat(before.status()).isEqualTo(206);
        assertThat(before.header("Content-Range")).isEqualTo("date-time " + after + "-" + crowded + "/1008");
        assertThat(values(before.json().get("LAeq"))).containsExactlyInAnyOrderElementsOf(atOnce);
        assertThat(values(api.get(TEMPORAL + id + "?attrs=LAeq&lastN=1008&timerel=before&timeAt=" + crowded).json()
                .get("LAeq"))).containsExactly(-1);
    }

    @Test
    void clause6_18_3_2_timepropertySelectsInstancesByWhenTheyWereModified() {
        String id = "urn:ngsi-ld:" + type + ":modified";
        assertThat(api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "LAeq": {"type": "Property", "value": 50, "observedAt": "2026-01-01T00:00:00Z"}}"""
                .formatted(id, type)).status()).isEqualTo(201);
        clock.advance(Duration.ofHours(2));
        Instant between = clock.instant().minus(Duration.ofHours(1));
        assertThat(api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs",
                "{\"LAeq\": {\"type\": \"Property\", \"value\": 61, \"observedAt\": \"2026-02-01T00:00:00Z\"}}").status())
                .isEqualTo(204);

        JsonNode byModification = api.get(TEMPORAL + id + "?timeproperty=modifiedAt&timerel=after&timeAt=" + between).json();
        assertThat(values(byModification.get("LAeq"))).as("written after the time asked, observed long before")
                .containsExactly(61);
        JsonNode byObservation = api.get(TEMPORAL + id + "?timerel=before&timeAt=2026-01-15T00:00:00Z").json();
        assertThat(values(byObservation.get("LAeq"))).containsExactly(50);
        JsonNode pairs = api.get(TEMPORAL + id + "?timeproperty=modifiedAt&format=temporalValues&lastN=1").json();
        assertThat(pairs.at("/LAeq/values/0/1").asString()).as("paired with the time asked for")
                .isNotEqualTo("2026-02-01T00:00:00Z").isGreaterThan(between.toString());
        assertThat(api.get(TEMPORAL + id + "?timeproperty=seenAt").status()).isEqualTo(400);
    }

    @Test
    void clause4_5_7_deletionsAreHistoryAndADeletedEntityKeepsItsOwn() {
        String id = "urn:ngsi-ld:" + type + ":deleted";
        assertThat(api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "LAeq": {"type": "Property", "value": 50, "observedAt": "2026-11-01T00:00:00Z"},
                 "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:n1"}}""".formatted(id, type))
                .status()).isEqualTo(201);
        Instant before = clock.instant();
        assertThat(api.delete("/ngsi-ld/v1/entities/" + id + "/attrs/refDevice").status()).isEqualTo(204);

        JsonNode deletions = api.get(TEMPORAL + id + "?timeproperty=deletedAt").json();
        assertThat(deletions.get("refDevice")).hasSize(1);
        assertThat(deletions.at("/refDevice/0/type").asString()).isEqualTo("Relationship");
        assertThat(deletions.at("/refDevice/0/object").asString()).isEqualTo("urn:ngsi-ld:null");
        assertThat(Instant.parse(deletions.at("/refDevice/0/deletedAt").asString())).isAfterOrEqualTo(before);
        assertThat(deletions.has("LAeq")).as("nothing of LAeq was deleted").isFalse();
        assertThat(api.get(TEMPORAL + id).json().has("refDevice")).as("the observed history is kept").isTrue();

        // §5.6.6 Delete Entity leaves its temporal representation (only §5.6.16 removes it): retrieved with deletedAt.
        assertThat(api.delete("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(204);
        SaolaClient.Response gone = api.get(TEMPORAL + id);
        assertThat(gone.status()).as(gone.body()).isEqualTo(200);
        assertThat(gone.json().get("deletedAt")).isNotNull();
        assertThat(values(gone.json().get("LAeq"))).containsExactly(50);
        assertThat(api.get(TEMPORAL + id + "?timeproperty=deletedAt").json().get("LAeq")).as("its attributes went too")
                .hasSize(1);
        assertThat(api.delete(TEMPORAL + id).status()).isEqualTo(204);
        assertThat(api.get(TEMPORAL + id).status()).isEqualTo(404);
    }

    @Test
    void clause4_5_19_periodsStartAtTimeAtOrTheFirstInstanceAndMayBeCalendarMonths() {
        String id = entityWithHistory("LAeq", 60);
        // No timeAt: periods run from the first instance (T0 + 0), not from an arbitrary epoch.
        JsonNode sevenMinutes = api.get(TEMPORAL + id + "?aggrMethods=totalCount&aggrPeriodDuration=PT7M"
                + "&timerel=before&timeAt=" + T0.plusSeconds(3600)).json();
        assertThat(sevenMinutes.at("/LAeq/totalCount/0/1").asString()).isEqualTo(T0.toString());
        assertThat(sevenMinutes.at("/LAeq/totalCount/0/0").asInt()).isEqualTo(7);
        // With timeAt, from timeAt.
        Instant at = T0.plusSeconds(90);
        JsonNode fromTimeAt = api.get(TEMPORAL + id + "?aggrMethods=totalCount&aggrPeriodDuration=PT10M&timerel=after&timeAt="
                + at).json();
        assertThat(fromTimeAt.at("/LAeq/totalCount/0/1").asString()).isEqualTo(at.toString());
        assertThat(fromTimeAt.at("/LAeq/totalCount/0/2").asString()).isEqualTo(at.plusSeconds(600).toString());

        // Calendar months: 31 October, then November (30 days) and December.
        String months = "urn:ngsi-ld:" + type + ":months";
        assertThat(api.send("POST", "/ngsi-ld/v1/temporal/entities", """
                {"id": "%s", "type": "%s", "LAeq": [
                  {"type": "Property", "value": 1, "observedAt": "2026-10-15T00:00:00Z"},
                  {"type": "Property", "value": 3, "observedAt": "2026-11-14T23:00:00Z"},
                  {"type": "Property", "value": 5, "observedAt": "2026-11-15T01:00:00Z"},
                  {"type": "Property", "value": 7, "observedAt": "2026-12-20T00:00:00Z"}]}""".formatted(months, type))
                .status()).isEqualTo(201);
        JsonNode monthly = api.get(TEMPORAL + months + "?aggrMethods=sum&aggrPeriodDuration=P1M").json().at("/LAeq/sum");
        assertThat(monthly).as(monthly.toString()).hasSize(3);
        assertThat(monthly.get(0).get(0).asInt()).isEqualTo(4);
        assertThat(monthly.get(0).get(1).asString()).isEqualTo("2026-10-15T00:00:00Z");
        assertThat(monthly.get(0).get(2).asString()).isEqualTo("2026-11-15T00:00:00Z");
        assertThat(monthly.get(1).get(0).asInt()).isEqualTo(5);
        assertThat(monthly.get(2).get(0).asInt()).isEqualTo(7);
        JsonNode weekly = api.get(TEMPORAL + months + "?aggrMethods=totalCount&aggrPeriodDuration=P1W").json();
        assertThat(weekly.at("/LAeq/totalCount/0/2").asString()).isEqualTo("2026-10-22T00:00:00Z");
    }

    @Test
    void clause4_15_langGivesEachInstanceOfALanguagePropertyInTheBestLanguage() {
        String id = "urn:ngsi-ld:" + type + ":lang";
        SaolaClient.Response created = api.send("POST", "/ngsi-ld/v1/temporal/entities", """
                {"id": "%s", "type": "%s", "status": [
                  {"type": "LanguageProperty", "languageMap": {"vi": "ồn", "en": "noisy"}, "observedAt": "%s"},
                  {"type": "LanguageProperty", "languageMap": {"vi": "yên tĩnh", "en": "quiet"}, "observedAt": "%s"}]}"""
                .formatted(id, type, T0, T0.plusSeconds(60)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode english = api.get(TEMPORAL + id + "?lang=en").json().get("status");
        assertThat(english).hasSize(2);
        List<String> said = new ArrayList<>();
        for (JsonNode instance : english) {
            assertThat(instance.get("type").asString()).isEqualTo("Property");
            assertThat(instance.get("lang").asString()).isEqualTo("en");
            assertThat(instance.has("observedAt")).isTrue();
            said.add(instance.get("value").asString());
        }
        assertThat(said).containsExactlyInAnyOrder("noisy", "quiet");

        JsonNode pairs = api.get(TEMPORAL + id + "?lang=vi-VN&options=temporalValues").json().get("status");
        assertThat(pairs.get("type").asString()).isEqualTo("Property");
        List<String> vietnamese = new ArrayList<>();
        pairs.get("values").forEach(p -> vietnamese.add(p.get(0).asString()));
        assertThat(vietnamese).containsExactlyInAnyOrder("ồn", "yên tĩnh");

        JsonNode every = api.get(TEMPORAL + id).json().get("status");
        assertThat(every.get(0).get("languageMap").size()).as("without lang, every language").isEqualTo(2);
        assertThat(api.get(TEMPORAL + id + "?lang=vi;q=high").status()).isEqualTo(400);
    }

    @Test
    void clause6_24_3_1_aTemporalQueryByPostReadsItsTemporalQAsTheParameters() {
        String id = entityWithHistory("LAeq", 10);
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/temporal/entityOperations/query", """
                {"type": "Query", "entities": [{"type": "%s"}], "attrs": ["LAeq"],
                 "temporalQ": {"timerel": "after", "timeAt": "%s"}}""".formatted(type, T0.plusSeconds(60L * 7)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).hasSize(1);
        assertThat(r.json().get(0).get("id").asString()).isEqualTo(id);
        assertThat(values(r.json().get(0).get("LAeq"))).containsExactly(7, 8, 9);
        SaolaClient.Response lastN = api.send("POST", "/ngsi-ld/v1/temporal/entityOperations/query", """
                {"type": "Query", "entities": [{"type": "%s"}], "temporalQ": {"lastN": 2}}""".formatted(type));
        assertThat(values(lastN.json().get(0).get("LAeq"))).containsExactlyInAnyOrder(8, 9);
        assertThat(api.send("POST", "/ngsi-ld/v1/temporal/entityOperations/query", """
                {"type": "Query", "entities": [{"type": "%s"}], "temporalQ": {"timerel": "sometime"}}""".formatted(type))
                .status()).isEqualTo(400);
        assertThat(api.send("POST", "/ngsi-ld/v1/temporal/entityOperations/query", """
                {"type": "Query", "entities": [{"type": "%s"}], "temporalQ": {"when": 1}}""".formatted(type))
                .status()).isEqualTo(400);
    }
}
