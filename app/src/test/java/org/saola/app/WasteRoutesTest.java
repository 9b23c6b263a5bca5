package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Waste collection rounds through the API as a city's staff use it: the fleet set up (mistakes named), the
 * containers' forecast, a plan that visits exactly the containers that will be full before the next round, the
 * saving against visiting them all, and a container seen emptied when its level drops.
 */
class WasteRoutesTest extends PlatformTest {

    static final String FLEET = """
            {"depots": [{"id": "depot-1", "name": "Bãi xe Hòa Khánh", "latitude": 16.050, "longitude": 108.200}],
             "trucks": [{"id": "43C-001", "name": "Xe 1", "depot": "depot-1", "capacityLitres": 1000000, "shiftStart": "05:00", "shiftEnd": "23:00"},
                        {"id": "43C-002", "name": "Xe 2", "depot": "depot-1", "capacityLitres": 1000000, "shiftStart": "05:00", "shiftEnd": "23:00"}],
             "roundEvery": "P1D", "fullAt": 0.9, "containerLitres": 660, "roadFactor": 1.3, "speedKmh": 20,
             "serviceMinutes": 2, "solveSeconds": 1}
            """;

    @Autowired
    ContextService context;

    @Autowired
    TestClock clock;

    /** A container near the depot read hourly for six hours, filling at {@code perHour} up to {@code level} now. */
    String container(String name, double lat, double lon, double level, double perHour, Duration lastReadAgo) {
        return container(context, clock, name, lat, lon, level, perHour, lastReadAgo);
    }

    static String container(ContextService context, TestClock clock, String name, double lat, double lon, double level,
            double perHour, Duration lastReadAgo) {
        var f = JsonNodeFactory.instance;
        String id = "urn:ngsi-ld:WasteContainer:test-" + UUID.randomUUID();
        var point = f.objectNode().put("type", "Point");
        point.putArray("coordinates").add(lon).add(lat);
        context.upsert(new EntityUpdate(TenantId.DEFAULT, id, "WasteContainer", Map.of("location", Attribute.geoProperty(point),
                "name", Attribute.property(f.stringNode(name))))).join();
        Instant last = clock.instant().minus(lastReadAgo);
        for (int h = 6; h >= 0; h--) {
            context.observe(new EntityUpdate(TenantId.DEFAULT, id, "WasteContainer", Map.of("fillingLevel",
                    Attribute.property(f.numberNode(level - perHour * h), last.minus(Duration.ofHours(h)), "C62")))).join();
        }
        return id;
    }

    @Test
    void aRoundVisitsTheContainersThatWillBeFullAndIsSeenEmptyingThem() {
        SaolaClient.Response wrong = client().send("PUT", "/api/v1/waste/fleet", FLEET.replace("\"depot\": \"depot-1\", \"capacityLitres\": 1000000, \"shiftStart\": \"05:00\", \"shiftEnd\": \"23:00\"},",
                "\"depot\": \"depot-9\", \"capacityLitres\": 1000000, \"shiftStart\": \"05:00\", \"shiftEnd\": \"23:00\"},"));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.body()).contains("trucks[0].depot");
        assertThat(client().send("PUT", "/api/v1/waste/fleet", FLEET.replace("\"P1D\"", "\"daily\"")).body()).contains("roundEvery");
        SaolaClient.Response set = client().send("PUT", "/api/v1/waste/fleet", FLEET);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(client().get("/api/v1/waste/fleet").json().at("/trucks/1/id").asString()).isEqualTo("43C-002");

        // Planted: two will be full by tomorrow, one will not, one has said nothing for three days.
        String nearlyFull = container("Chợ Hàn", 16.055, 108.205, 0.8, 0.1, Duration.ofMinutes(10));
        String steady = container("Bạch Đằng", 16.045, 108.210, 0.5, 0.03, Duration.ofMinutes(10));
        String slow = container("Công viên", 16.060, 108.195, 0.1, 0.005, Duration.ofMinutes(10));
        String silent = container("Hẻm 12", 16.048, 108.190, 0.3, 0.01, Duration.ofDays(3));

        JsonNode forecast = client().get("/api/v1/waste/forecast").json();
        Map<String, JsonNode> byId = new HashMap<>();
        forecast.get("containers").forEach(c -> byId.put(c.get("id").asString(), c));
        assertThat(byId.get(nearlyFull).get("reason").asString()).isEqualTo("FULL_BEFORE_NEXT_ROUND");
        assertThat(byId.get(steady).get("reason").asString()).isEqualTo("FULL_BEFORE_NEXT_ROUND");
        assertThat(byId.get(slow).get("reason").asString()).isEqualTo("NOT_DUE");
        assertThat(byId.get(silent).get("reason").asString()).isEqualTo("NO_RECENT_READING");
        // 0.1 read ten minutes ago at 0.005 an hour: 0.1 + 0.005 × 24h10m ≈ 0.221 when the next round starts.
        assertThat(byId.get(slow).get("ratePerHour").asDouble()).isBetween(0.00499, 0.00501);
        assertThat(byId.get(slow).get("levelAtNextRound").asDouble()).isBetween(0.2205, 0.2215);

        SaolaClient.Response started = client().post("/api/v1/waste/plans", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("status").asString()).isEqualTo("SOLVING");
        String location = started.header("Location");
        await().atMost(Duration.ofSeconds(60)).until(() -> !client().get(location).json().get("status").asString().equals("SOLVING"));
        JsonNode plan = client().get(location).json();
        assertThat(plan.get("status").asString()).as(plan.toString()).isEqualTo("READY");
        JsonNode body = plan.get("body");
        List<String> visited = new ArrayList<>();
        for (JsonNode route : body.get("routes")) {
            assertThat(route.get("litres").asLong()).isLessThanOrEqualTo(route.get("capacityLitres").asLong());
            assertThat(route.get("seconds").asLong()).isLessThanOrEqualTo(18 * 3600);
            route.get("stops").forEach(s -> visited.add(s.get("container").asString()));
        }
        assertThat(visited).contains(nearlyFull, steady, silent).doesNotContain(slow).doesNotHaveDuplicates();
        assertThat(body.get("feasible").asBoolean()).isTrue();
        assertThat(body.get("unserved")).isEmpty();
        assertThat(body.get("visits").asInt()).isEqualTo(visited.size()).isEqualTo(body.get("due").asInt());
        assertThat(body.get("fixedVisits").asInt()).as("the fixed round visits every container")
                .isEqualTo(body.get("containers").asInt()).isGreaterThan(body.get("visits").asInt());
        // Fewer bins, a shorter round (the two are solved separately in a second each: within 5 % of it at worst).
        assertThat(body.get("metres").asLong()).isPositive().isLessThanOrEqualTo(Math.round(body.get("fixedMetres").asLong() * 1.05));
        assertThat(client().get("/api/v1/waste/plans").json().findValuesAsString("id")).contains(plan.get("id").asString());

        // The truck empties the nearly full container: its next reading drops, and the plan shows it emptied.
        Instant emptiedAt = clock.instant().plus(Duration.ofMinutes(20));
        context.observe(new EntityUpdate(TenantId.DEFAULT, nearlyFull, "WasteContainer", Map.of("fillingLevel",
                Attribute.property(JsonNodeFactory.instance.numberNode(0.03), emptiedAt, "C62")))).join();
        clock.advance(Duration.ofMinutes(30));
        JsonNode after = client().get(location).json();
        assertThat(after.at("/emptied").has(nearlyFull)).as(after.toString()).isTrue();
        assertThat(Instant.parse(after.at("/emptied").get(nearlyFull).asString())).isEqualTo(emptiedAt);
        assertThat(after.at("/emptied").has(steady)).isFalse();
    }

    @Test
    void plansNeedTheRightRoleAndGoodInput() {
        String analyst = client().issueApiKey("waste-analyst-" + UUID.randomUUID(), "ANALYST");
        SaolaClient reader = client().withApiKey(analyst);
        assertThat(reader.get("/api/v1/waste/fleet").status()).isEqualTo(200);
        assertThat(reader.post("/api/v1/waste/plans", "{}").status()).isEqualTo(403);
        assertThat(reader.send("PUT", "/api/v1/waste/fleet", FLEET).status()).isEqualTo(403);
        SaolaClient.Response badTime = client().post("/api/v1/waste/plans", "{\"roundAt\": \"tomorrow\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body()).contains("roundAt");
        assertThat(client().get("/api/v1/waste/plans/not-a-uuid").status()).isEqualTo(400);
        assertThat(client().get("/api/v1/waste/plans/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(client().get("/api/v1/waste/plans?limit=0").status()).isEqualTo(400);
        SaolaClient.Response notJson = client().send("PUT", "/api/v1/waste/fleet", "{\"trucks\": 3}");
        assertThat(notJson.status()).isEqualTo(400);
    }
}
