package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The temporal API: history in a window, simplified and aggregated, across entities; appended; deleted. */
class NgsiLdTemporalTest extends PlatformTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private SaolaClient api;
    private String type;
    private String a;
    private String b;

    @BeforeEach
    void twoSensorsWithAnHourOfMinutes() {
        api = client().withApiKey(client().issueApiKey("temporal test"));
        type = "WaterQualityObserved" + UUID.randomUUID().toString().substring(0, 8);
        a = "urn:ngsi-ld:" + type + ":a";
        b = "urn:ngsi-ld:" + type + ":b";
        for (String id : List.of(a, b)) {
            assertThat(api.send("POST", "/ngsi-ld/v1/entities", """
                    {"id": "%s", "type": "%s", "turbidity": {"type": "Property", "value": -1, "unitCode": "NTU",
                     "observedAt": "2026-11-22T09:00:00Z"}}""".formatted(id, type)).status()).isEqualTo(201);
        }
        StringBuilder instances = new StringBuilder("{\"turbidity\": [");
        for (int i = 0; i < 60; i++) {
            instances.append(i == 0 ? "" : ",").append("{\"type\": \"Property\", \"value\": ").append(i)
                    .append(", \"observedAt\": \"").append(T0.plusSeconds(60L * i)).append("\"}");
        }
        instances.append("]}");
        SaolaClient.Response appended = api.send("POST", "/ngsi-ld/v1/temporal/entities/" + a + "/attrs", instances.toString());
        assertThat(appended.status()).as(appended.body()).isEqualTo(204);
        api.send("POST", "/ngsi-ld/v1/temporal/entities/" + b + "/attrs", instances.toString());
    }

    private String window() {
        return "timerel=between&timeAt=" + T0 + "&endTimeAt=" + T0.plusSeconds(3600);
    }

    private static List<Double> values(JsonNode instances) {
        List<Double> out = new ArrayList<>();
        instances.forEach(i -> out.add(i.get("value").asDouble()));
        return out;
    }

    @Test
    void historyIsReadInATimeWindowAndLastN() {
        JsonNode all = api.get("/ngsi-ld/v1/temporal/entities/" + a + "?attrs=turbidity").json();
        assertThat(all.get("turbidity")).hasSize(61);
        JsonNode window = api.get("/ngsi-ld/v1/temporal/entities/" + a + "?attrs=turbidity&" + window()).json();
        assertThat(values(window.get("turbidity"))).hasSize(60).startsWith(0.0, 1.0);
        JsonNode last = api.get("/ngsi-ld/v1/temporal/entities/" + a + "?lastN=3&timerel=before&timeAt=" + T0.plusSeconds(600)).json();
        assertThat(values(last.get("turbidity"))).containsExactly(7.0, 8.0, 9.0);
    }

    @Test
    void temporalValuesGiveValueTimePairs() {
        JsonNode e = api.get("/ngsi-ld/v1/temporal/entities/" + a + "?options=temporalValues&lastN=2").json();
        assertThat(e.at("/turbidity/type").asString()).isEqualTo("Property");
        JsonNode pairs = e.at("/turbidity/values");
        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(1).get(0).asDouble()).isEqualTo(59.0);
        assertThat(pairs.get(1).get(1).asString()).isEqualTo(T0.plusSeconds(59 * 60).toString());
    }

    @Test
    void aggregatesArePerPeriod() {
        JsonNode e = api.get("/ngsi-ld/v1/temporal/entities/" + a + "?aggrMethods=avg,max,totalCount,sum,sumsq,stddev,min,distinctCount"
                + "&aggrPeriodDuration=PT30M&" + window()).json();
        JsonNode avg = e.at("/turbidity/avg");
        assertThat(avg).hasSize(2);
        assertThat(avg.get(0).get(0).asDouble()).isEqualTo(14.5);
        assertThat(avg.get(0).get(1).asString()).isEqualTo(T0.toString());
        assertThat(avg.get(0).get(2).asString()).isEqualTo(T0.plusSeconds(1800).toString());
        assertThat(avg.get(1).get(0).asDouble()).isEqualTo(44.5);
        assertThat(e.at("/turbidity/max/1/0").asDouble()).isEqualTo(59.0);
        assertThat(e.at("/turbidity/min/1/0").asDouble()).isEqualTo(30.0);
        assertThat(e.at("/turbidity/totalCount/0/0").asInt()).isEqualTo(30);
        assertThat(e.at("/turbidity/distinctCount/0/0").asInt()).isEqualTo(30);
        assertThat(e.at("/turbidity/sum/0/0").asDouble()).isEqualTo(435.0);
        assertThat(e.at("/turbidity/sumsq/0/0").asDouble()).isEqualTo(8555.0);
        assertThat(e.at("/turbidity/stddev/0/0").asDouble()).isCloseTo(8.803, org.assertj.core.data.Offset.offset(0.001));

        JsonNode whole = api.get("/ngsi-ld/v1/temporal/entities/" + a + "?aggrMethods=avg&" + window()).json();
        assertThat(whole.at("/turbidity/avg")).hasSize(1);
        assertThat(whole.at("/turbidity/avg/0/0").asDouble()).isEqualTo(29.5);
    }

    @Test
    void temporalQueriesSpanEntities() {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/temporal/entities?type=" + type + "&attrs=turbidity&lastN=2&count=true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("NGSILD-Results-Count")).isEqualTo("2");
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).get("id").asString()).isEqualTo(a);
        assertThat(values(r.json().get(1).get("turbidity"))).containsExactly(58.0, 59.0);

        JsonNode aggregated = api.get("/ngsi-ld/v1/temporal/entities?type=" + type
                + "&aggrMethods=max&aggrPeriodDuration=PT1H&" + window()).json();
        assertThat(aggregated.get(1).at("/turbidity/max/0/0").asDouble()).isEqualTo(59.0);
    }

    @Test
    void aTemporalEntityIsCreatedFromInstancesAndItsNewestIsTheLatestState() {
        String id = "urn:ngsi-ld:" + type + ":created";
        String body = """
                {"id": "%s", "type": "%s", "turbidity": [
                  {"type": "Property", "value": 3, "observedAt": "2026-11-22T08:00:00Z"},
                  {"type": "Property", "value": 5, "observedAt": "2026-11-22T10:00:00Z"},
                  {"type": "Property", "value": 4, "observedAt": "2026-11-22T09:00:00Z"}]}""".formatted(id, type);
        SaolaClient.Response created = api.send("POST", "/ngsi-ld/v1/temporal/entities", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/ngsi-ld/v1/temporal/entities/" + id);
        assertThat(api.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble()).isEqualTo(5.0);
        assertThat(values(api.get("/ngsi-ld/v1/temporal/entities/" + id).json().get("turbidity")))
                .containsExactly(3.0, 4.0, 5.0);
        SaolaClient.Response updated = api.send("POST", "/ngsi-ld/v1/temporal/entities", """
                {"id": "%s", "type": "%s", "turbidity": [{"type": "Property", "value": 6, "observedAt": "2026-11-22T11:00:00Z"}]}"""
                .formatted(id, type));
        assertThat(updated.status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + id).json().get("turbidity")).hasSize(4);
    }

    @Test
    void historyCanBeDeleted() {
        assertThat(api.delete("/ngsi-ld/v1/temporal/entities/" + a + "/attrs/turbidity").status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + a).json().has("turbidity")).isFalse();
        assertThat(api.delete("/ngsi-ld/v1/temporal/entities/" + a + "/attrs/turbidity").status()).isEqualTo(404);
        assertThat(api.delete("/ngsi-ld/v1/temporal/entities/" + b).status()).isEqualTo(204);
        // §5.6.16: the entity goes with its temporal representation (NgsiLdClausesTest).
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + b).status()).isEqualTo(404);
        assertThat(api.get("/ngsi-ld/v1/entities/" + b).status()).isEqualTo(404);
    }

    @Test
    void badTemporalRequestsSayWhatToFix() {
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + a + "?aggrMethods=median").json().get("detail").asString())
                .contains("median");
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + a + "?aggrMethods=avg&aggrPeriodDuration=P1MT1H").json()
                .get("detail").asString()).contains("aggrPeriodDuration");
        assertThat(api.get("/ngsi-ld/v1/temporal/entities?lastN=1").json().get("detail").asString())
                .contains("selects entities");
        SaolaClient.Response noTime = api.send("POST", "/ngsi-ld/v1/temporal/entities/" + a + "/attrs",
                "{\"turbidity\": [{\"type\": \"Property\", \"value\": 1}]}");
        assertThat(noTime.status()).isEqualTo(400);
        assertThat(noTime.json().get("detail").asString()).contains("observedAt");
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + a + "?lastN=0").status()).isEqualTo(400);
    }
}
