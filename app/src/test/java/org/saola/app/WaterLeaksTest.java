package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.domains.water.LeakDetector;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Water leaks found the way the water company works: its metered district set up (mistakes named), meters read
 * through the night; the planted leaks ranked first by the water they lose, the district's own loss from its
 * night balance; the nightly job writes each meter's result on its entity and a rule raises the alert.
 */
class WaterLeaksTest extends PlatformTest {

    static final ZoneId CITY = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    ContextService context;

    @Autowired
    LeakDetector detector;

    @Autowired
    TestClock clock;

    @Autowired
    java.util.List<org.saola.platform.operations.OperationsView> operations;

    /** A meter at a place, read every 15 minutes from 22:00 to 07:00 on the night ending {@code morning}. */
    String meter(String tag, String name, double lat, double lon, LocalDate morning, IntToDoubleFunction litresPerHourAt) {
        return meter(context, tag, name, lat, lon, morning, litresPerHourAt);
    }

    static String meter(ContextService context, String tag, String name, double lat, double lon, LocalDate morning,
            IntToDoubleFunction litresPerHourAt) {
        var f = JsonNodeFactory.instance;
        String id = "urn:ngsi-ld:WaterConsumptionObserved:" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        var point = f.objectNode().put("type", "Point");
        point.putArray("coordinates").add(lon).add(lat);
        context.upsert(new EntityUpdate(TenantId.DEFAULT, id, "WaterConsumptionObserved", Map.of(
                "location", Attribute.geoProperty(point), "name", Attribute.property(f.stringNode(name))))).join();
        Instant t = morning.minusDays(1).atTime(22, 0).atZone(CITY).toInstant();
        double total = 50_000;
        for (int q = 0; q <= 9 * 4; q++) {
            context.observe(new EntityUpdate(TenantId.DEFAULT, id, "WaterConsumptionObserved", Map.of("waterConsumption",
                    Attribute.property(f.numberNode(Math.round(total * 100) / 100.0), t, "LTR")))).join();
            int hour = t.atZone(CITY).getHour();
            total += litresPerHourAt.applyAsDouble(hour) / 4;
            t = t.plus(Duration.ofMinutes(15));
        }
        return id;
    }

    static boolean asleep(int hour) {
        return hour >= 1 && hour < 5;
    }

    @Test
    void theNightFindsThePlantedLeaksAndTheRuleRaisesTheAlert() {
        LocalDate morning = LocalDate.ofInstant(clock.instant(), CITY).minusDays(1);
        String run = UUID.randomUUID().toString().substring(0, 6);
        // A district far from every other test's meters, with a sleeping household, one with a leaking cistern
        // (15 L/h) and the inlet, which also loses 250 L/h from the district's pipes.
        String sleeps = meter("sleeps", "Nhà 1", 10.505, 105.505, morning, h -> asleep(h) ? 0 : 90);
        String cistern = meter("cistern", "Nhà 2", 10.506, 105.506, morning, h -> (asleep(h) ? 0 : 90) + 15);
        String inlet = meter("inlet", "Đồng hồ tổng", 10.501, 105.501, morning, h -> (asleep(h) ? 0 : 180) + 15 + 250);
        String settings = """
                {"districts": [{"id": "dma-%s", "name": "Khu thử %s", "inflowMeter": "%s",
                  "area": {"type": "Polygon", "coordinates": [[[105.5, 10.5], [105.51, 10.5], [105.51, 10.51], [105.5, 10.51], [105.5, 10.5]]]},
                  "properties": 2, "allowanceLitresPerPropertyHour": 0}],
                 "nightStart": "01:00", "nightEnd": "05:00", "continuousFlowLitresPerHour": 2, "districtExcessLitresPerHour": 100}
                """.formatted(run, run, inlet);
        SaolaClient.Response open = client().send("PUT", "/api/v1/water/settings",
                settings.replace("[105.5, 10.5]]]", "[105.5, 10.6]]]"));
        assertThat(open.status()).as(open.body()).isEqualTo(400);
        assertThat(open.body()).contains("districts[0].area");
        assertThat(client().send("PUT", "/api/v1/water/settings", settings.replace("\"01:00\"", "\"01:30\"")).body()).contains("nightStart");
        SaolaClient.Response set = client().send("PUT", "/api/v1/water/settings", settings);
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        JsonNode report = client().get("/api/v1/water/leaks?morning=" + morning).json();
        // This test's suspects in the ranking's order (other tests' meters may be in it too).
        java.util.List<JsonNode> ranked = new java.util.ArrayList<>();
        report.get("ranked").forEach(r -> {
            if (r.get("id").asString().equals("dma-" + run) || r.get("id").asString().equals(cistern)
                    || r.get("id").asString().equals(sleeps)) {
                ranked.add(r);
            }
        });
        // By hand: the district's inlet at its quietest hour takes 265 L while its customers' meters measured 15:
        // 250 L/h, 6 000 litres a day; the cistern 15 L/h, 360 a day; the sleeping household is not a suspect.
        assertThat(ranked).hasSize(2);
        assertThat(ranked.get(0).get("id").asString()).isEqualTo("dma-" + run);
        assertThat(ranked.get(0).get("litresPerDay").asDouble()).isBetween(5999.0, 6001.0);
        assertThat(ranked.get(1).get("id").asString()).isEqualTo(cistern);
        assertThat(ranked.get(1).get("litresPerDay").asDouble()).isBetween(359.0, 361.0);
        assertThat(report.get("districts").get(0).get("customers").asInt()).isEqualTo(2);
        assertThat(client().get("/api/v1/water/leaks?morning=yesterday").status()).isEqualTo(400);

        // The rule the water company keeps, and the nightly job writing each meter's result on its entity.
        SaolaClient.Response rule = client().post("/api/v1/rules", """
                {"name": "Rò rỉ nước %s / Water leak", "entityType": "WaterConsumptionObserved", "entityIds": ["%s", "%s"],
                 "condition": "estimatedLeakage >= 150", "clearCondition": "estimatedLeakage < 50", "holdFor": "PT0S",
                 "severity": "MODERATE", "messageVi": "Nghi rò rỉ tại {{id}}", "messageEn": "Suspected leak at {{id}}", "enabled": true}
                """.formatted(run, cistern, inlet));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        var analysed = detector.analyse(TenantId.DEFAULT, detector.settings(TenantId.DEFAULT), detector.night(detector.settings(TenantId.DEFAULT), morning));
        detector.record(TenantId.DEFAULT, analysed);
        JsonNode entity = client().get("/ngsi-ld/v1/entities/" + cistern).json();
        assertThat(entity.at("/estimatedLeakage/value").asInt()).isEqualTo(360);
        assertThat(entity.at("/estimatedLeakage/unitCode").asString()).isEqualTo("LD");
        assertThat(entity.at("/nightMinimumFlow/value").asDouble()).isEqualTo(15.0);
        assertThat(client().get("/ngsi-ld/v1/entities/" + sleeps).json().at("/estimatedLeakage/value").asInt()).isZero();
        assertThat(client().get("/ngsi-ld/v1/entities/" + inlet).json().at("/estimatedLeakage/value").asInt()).isEqualTo(6000);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(client().get("/api/v1/alerts?entityId=" + cistern).json().size()).isEqualTo(1);
            assertThat(client().get("/api/v1/alerts?entityId=" + inlet).json().size()).isEqualTo(1);
        });
        assertThat(client().get("/api/v1/alerts?entityId=" + sleeps).json().size()).isZero();

        // The nightly job itself: the nights that ended two hours ago or more, once; its summary is the operations
        // centre's figure.
        assertThat(detector.run()).isPositive();
        assertThat(detector.run()).as("each night once").isZero();
        assertThat(detector.lastResult(TenantId.DEFAULT).orElseThrow().get("suspects").asInt()).isGreaterThanOrEqualTo(0);
        var caller = new org.saola.platform.security.SaolaPrincipal(TenantId.DEFAULT, "operator",
                org.saola.platform.security.StaffRole.OPERATOR);
        assertThat(operations.stream().flatMap(v -> v.tiles(caller).stream()).map(org.saola.platform.operations.OperationsView.Tile::id))
                .contains("water-leaks");
    }
}
