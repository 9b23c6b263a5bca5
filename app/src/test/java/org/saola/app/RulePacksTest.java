package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saola.alerts.packs.VnAqiJob;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The rule packs a city switches on: VN_AQI computed on a station from its readings and an alert at the "poor"
 * level; the flood pack's alarm levels per gauge with a public warning at level III; switched off, their rules go.
 */
class RulePacksTest extends PlatformTest {

    @Autowired
    ContextService context;

    @Autowired
    VnAqiJob vnAqi;

    @Autowired
    TestClock clock;

    @AfterEach
    void switchOff() {
        for (String pack : new String[] {"vn-aqi", "flood"}) {
            client().send("PUT", "/api/v1/rules/packs/" + pack, "{\"enabled\": false}");
        }
    }

    private static JsonNode number(double v) {
        return JsonNodeFactory.instance.numberNode(v);
    }

    @Test
    void vnAqiIsComputedOnTheStationAndAPoorHourRaisesAnAlert() throws Exception {
        JsonNode packs = client().get("/api/v1/rules/packs").json();
        assertThat(packs.findValuesAsString("id")).containsExactly("vn-aqi", "flood", "waste", "street-lights");
        SaolaClient.Response on = client().send("PUT", "/api/v1/rules/packs/vn-aqi", "{\"enabled\": true}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("enabled").asBoolean()).isTrue();
        assertThat(client().get("/api/v1/rules").json().findValuesAsString("name"))
                .contains("VN_AQI: không khí kém / air quality poor", "VN_AQI: không khí rất xấu / air quality very bad");

        // Two days of hourly readings: PM2.5 60 µg/m³ (NowCast 60: index 116.7), NO2 118.7 µg/m³ (index 59.35).
        String id = "urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID();
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        for (int h = 47; h >= 0; h--) {
            Instant at = hour.minus(Duration.ofHours(h)).minus(Duration.ofMinutes(30));
            context.observe(new EntityUpdate(TenantId.DEFAULT, id, "AirQualityObserved", Map.of(
                    "pm25", Attribute.property(number(60), at, "GQ"),
                    "no2", Attribute.property(number(118.7), at, "GQ"),
                    "co", Attribute.property(number(1.2), at, "GP")))).join();
        }
        assertThat(vnAqi.run()).isGreaterThanOrEqualTo(2);
        JsonNode station = client().get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(station.at("/airQualityIndex/value").asInt()).isEqualTo(117);
        assertThat(station.at("/airQualityIndex/observedAt").asString()).isEqualTo(hour.toString());
        assertThat(station.at("/airQualityLevel/value").asString()).isEqualTo("poor");
        assertThat(station.at("/airQualityPollutant/value").asString()).isEqualTo("pm25");
        assertThat(station.at("/airQualityIndexDaily/value").asInt()).as("the day's PM2.5 mean").isEqualTo(117);
        assertThat(vnAqi.run()).as("nothing new until the next hour").isZero();

        // the operations centre's air-quality layer colours the station by its index, in the decision's colours
        context.observe(new EntityUpdate(TenantId.DEFAULT, id, "AirQualityObserved", Map.of("location",
                Attribute.geoProperty(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "Point")
                        .set("coordinates", tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(108.2).add(16.05)))))).join();
        JsonNode layer = SaolaClient.JSON.readTree(new StaffSession("http://localhost:" + port, "admin", ADMIN_PASSWORD)
                .get("/operations/air-quality/map?lang=en").body());
        JsonNode feature = java.util.stream.StreamSupport.stream(layer.get("features").spliterator(), false)
                .filter(f -> f.at("/properties/name").asString().equals(id)).findFirst().orElseThrow();
        assertThat(feature.at("/properties/status").asString()).isEqualTo("VN_AQI 117 · Poor");
        assertThat(feature.at("/properties/colour").asString()).isEqualTo("#FF7E00");

        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/alerts?entityId=" + id).json().size() == 1);
        JsonNode alert = client().get("/api/v1/alerts?entityId=" + id).json().get(0);
        assertThat(alert.get("rule").asString()).isEqualTo("VN_AQI: không khí kém / air quality poor");
        assertThat(alert.get("messageEn").asString()).isEqualTo("VN_AQI at " + id + " is 117 (poor): sensitive people "
                + "should spend less time outdoors");

        SaolaClient.Response off = client().send("PUT", "/api/v1/rules/packs/vn-aqi", "{\"enabled\": false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(client().get("/api/v1/rules").json().findValuesAsString("name"))
                .doesNotContain("VN_AQI: không khí kém / air quality poor");
    }

    @Test
    void theFloodPackComparesEachGaugeWithItsOwnAlarmLevelsAndWarnsAtLevelThree() {
        assertThat(client().send("PUT", "/api/v1/rules/packs/flood", "{\"enabled\": true}").status()).isEqualTo(200);
        String id = "urn:ngsi-ld:WaterObserved:" + UUID.randomUUID();
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "WaterObserved", "waterLevel": {"type": "Property", "value": 1.0},
                 "alarmLevel1": {"type": "Property", "value": 1.5}, "alarmLevel2": {"type": "Property", "value": 2.0},
                 "alarmLevel3": {"type": "Property", "value": 2.5},
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.21, 16.03]}}}"""
                .formatted(id)).status()).isEqualTo(201);
        assertThat(client().send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel", "{\"value\": 2.6}").status())
                .isEqualTo(204);
        // Level III at once; I and II wait for their five minutes; rising 1.6 m within the hour is fast.
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/alerts?entityId=" + id).json().size() == 2);
        JsonNode alerts = client().get("/api/v1/alerts?entityId=" + id).json();
        assertThat(alerts.findValuesAsString("severity")).containsExactlyInAnyOrder("EXTREME", "MODERATE");
        JsonNode alert = alerts.get(0).get("severity").asString().equals("EXTREME") ? alerts.get(0) : alerts.get(1);
        assertThat(alert.get("messageEn").asString()).isEqualTo("Water at " + id + " is 2.6 m, over alarm level III (2.5 m)");
        String warning = client().get("/api/v1/alerts/" + alert.get("id").asString()).json().get("warning").asString();
        JsonNode issued = client().get("/api/v1/warnings/" + warning).json().get(0);
        assertThat(issued.at("/headline/en").asString()).isEqualTo("Flood over alarm level III: water at 2.6 m");
        assertThat(issued.get("severity").asString()).isEqualTo("Extreme");

        assertThat(client().send("PUT", "/api/v1/rules/packs/nope", "{\"enabled\": true}").status()).isEqualTo(404);
        assertThat(client().send("PUT", "/api/v1/rules/packs/flood", "{}").status()).isEqualTo(400);
        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.send("PUT", "/api/v1/rules/packs/flood", "{\"enabled\": false}").status()).isEqualTo(403);
    }
}
