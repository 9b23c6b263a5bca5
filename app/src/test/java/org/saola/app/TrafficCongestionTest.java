package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.domains.traffic.CongestionWatch;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Congestion as the operations centre sees it: two counters read for a week, one slowed by an accident in the
 * last hour; the accident is flagged against that road's usual, the other road's rush hour is not; the hourly job
 * writes the levels on the counters' entities and a rule raises the alert.
 */
class TrafficCongestionTest extends PlatformTest {

    @Autowired
    ContextService context;

    @Autowired
    CongestionWatch watch;

    @Autowired
    TestClock clock;

    /** A counter read twice an hour for the week before {@code until}, at the speed {@code speedAt(hour start)}. */
    String counter(String name, Instant until, Function<Instant, Double> speedAt) {
        return counter(context, name, until, speedAt);
    }

    static String counter(ContextService context, String name, Instant until, Function<Instant, Double> speedAt) {
        var f = JsonNodeFactory.instance;
        String id = "urn:ngsi-ld:TrafficFlowObserved:test-" + UUID.randomUUID().toString().substring(0, 8);
        context.upsert(new EntityUpdate(TenantId.DEFAULT, id, "TrafficFlowObserved", Map.of("name",
                Attribute.property(f.stringNode(name))))).join();
        for (Instant h = until.minus(Duration.ofDays(7)); h.isBefore(until); h = h.plus(Duration.ofHours(1))) {
            for (int minute : new int[] {15, 45}) {
                context.observe(new EntityUpdate(TenantId.DEFAULT, id, "TrafficFlowObserved", Map.of("averageVehicleSpeed",
                        Attribute.property(f.numberNode(speedAt.apply(h)), h.plus(Duration.ofMinutes(minute)), "KMH")))).join();
            }
        }
        return id;
    }

    @Test
    void anAccidentIsFlaggedAgainstItsRoadsUsualAndRaisesTheAlert() {
        SaolaClient.Response wrong = client().send("PUT", "/api/v1/traffic/settings", "{\"lookbackDays\": 0}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("lookbackDays");
        assertThat(client().send("PUT", "/api/v1/traffic/settings", "{\"lookbackDays\": 7}").status()).isEqualTo(200);

        Instant hour = watch.currentHour().minus(Duration.ofHours(1));
        Instant until = hour.plus(Duration.ofHours(1));
        // The accident's road: 40 km/h always, 8 km/h in the last hour. The other: 40 km/h, 16 km/h at this hour
        // of every day (its rush hour: usual).
        String accident = counter("Đường có tai nạn", until, h -> h.equals(hour) ? 8.0 : 40.0);
        String rush = counter("Đường giờ cao điểm", until,
                h -> h.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getHour() == hour.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getHour() ? 16.0 : 40.0);

        JsonNode report = client().get("/api/v1/traffic/congestion?hours=2").json();
        // By hand: 40 km/h free flow, 8 km/h is 40/8 − 1 = 400 % against a usual 0 %; the rush road's 16 km/h is
        // 150 %, as usual.
        JsonNode abnormal = report.get("abnormal");
        assertThat(abnormal.findValuesAsString("segment")).contains(accident).doesNotContain(rush);
        for (JsonNode a : abnormal) {
            if (a.get("segment").asString().equals(accident)) {
                assertThat(a.get("level").asDouble()).isBetween(399.9, 400.1);
                assertThat(a.get("usualLevel").asDouble()).isZero();
            }
        }
        assertThat(client().get("/api/v1/traffic/congestion?hours=0").status()).isEqualTo(400);

        SaolaClient.Response rule = client().post("/api/v1/rules", """
                {"name": "Ùn tắc bất thường %s", "entityType": "TrafficFlowObserved", "entityIds": ["%s", "%s"],
                 "condition": "abnormalCongestion == true", "clearCondition": "abnormalCongestion == false",
                 "holdFor": "PT0S", "severity": "MODERATE", "messageVi": "Ùn tắc tại {{id}}", "messageEn": "Congestion at {{id}}", "enabled": true}
                """.formatted(UUID.randomUUID(), accident, rush));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        // What the hourly job does for the hour that has just ended (called here so that no run of the job in
        // between, on the other tests' data, decides which hour is written).
        assertThat(watch.record(TenantId.DEFAULT, watch.analyse(TenantId.DEFAULT, watch.settings(TenantId.DEFAULT), hour, until), hour))
                .isGreaterThanOrEqualTo(2);
        JsonNode entity = client().get("/ngsi-ld/v1/entities/" + accident).json();
        assertThat(entity.at("/congestionLevel/value").asInt()).isEqualTo(400);
        assertThat(entity.at("/congestionLevel/observedAt").asString()).isEqualTo(until.toString());
        assertThat(entity.at("/abnormalCongestion/value").asBoolean()).isTrue();
        assertThat(client().get("/ngsi-ld/v1/entities/" + rush).json().at("/congestionLevel/value").asInt()).isEqualTo(150);
        await().atMost(Duration.ofSeconds(15)).until(() -> client().get("/api/v1/alerts?entityId=" + accident).json().size() == 1);
        assertThat(client().get("/api/v1/alerts?entityId=" + rush).json().size()).isZero();
    }
}
