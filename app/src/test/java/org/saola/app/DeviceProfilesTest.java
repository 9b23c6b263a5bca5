package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Devices are of a profile, not of a hard-wired type: Saola ships the common kinds, a tenant imports its own as a
 * file, and a device of any profile publishes readings that land, scaled and with their units, in the entities
 * its profile names (several for a multi-sensor).
 */
class DeviceProfilesTest extends PlatformTest {

    private static final String KERB_BOX = """
            {"id": "kerb-box-%s", "name": {"vi": "Hộp cảm biến vỉa hè", "en": "Kerb sensor box"},
             "reportingInterval": "PT1M",
             "targets": [
               {"entityType": "AirQualityObserved", "measurements": [
                  {"field": "pm25", "unitCode": "GQ", "min": 0, "max": 1000},
                  {"field": "tempC", "attribute": "temperature", "unitCode": "CEL", "min": -50, "max": 70}]},
               {"entityType": "NoiseLevelObserved", "measurements": [
                  {"field": "noiseDb", "attribute": "LAeq", "unitCode": "2N", "min": 0, "max": 160},
                  {"field": "tempC", "attribute": "temperature", "unitCode": "CEL"}]}]}""";

    @Test
    void theShippedProfilesAreListedAndExportedAsTheDocumentAnotherCityImports() {
        JsonNode list = client().get("/api/v1/device-profiles").json();
        assertThat(list.findValuesAsString("id")).contains("air-quality", "water-level", "waste-container", "noise",
                "street-light", "water-meter", "weather", "parking-spot", "traffic-counter");
        JsonNode light = client().get("/api/v1/device-profiles/street-light").json();
        assertThat(light.at("/targets/0/entityType").asString()).isEqualTo("Streetlight");
        assertThat(light.get("commands").findValuesAsString("name")).containsExactly("on", "off", "dim");
        assertThat(client().get("/api/v1/device-profiles/no-such").status()).isEqualTo(404);
    }

    @Test
    void aMultiSensorOfAnImportedProfileFeedsTwoEntitiesFromOneMessage() {
        String id = "kerb-box-" + System.nanoTime();
        SaolaClient.Response imported = client().post("/api/v1/device-profiles", KERB_BOX.formatted(id.substring(9)));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.header("Location")).endsWith("/api/v1/device-profiles/" + id);

        SaolaClient.Device box = client().registerDevice("box-" + id.substring(9), id, 16.07, 108.22);
        JsonNode device = client().get("/api/v1/devices/" + box.id()).json();
        assertThat(device.get("profile").asString()).isEqualTo(id);
        String air = "urn:ngsi-ld:AirQualityObserved:" + box.id();
        String noise = "urn:ngsi-ld:NoiseLevelObserved:" + box.id();
        assertThat(device.get("entityIds").toString()).isEqualTo("[\"" + air + "\",\"" + noise + "\"]");

        Instant t = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, box)) {
            assertThat(mqtt.publish(box.topic(), """
                    {"pm25": 17.5, "tempC": 31, "noiseDb": 64.2, "dateObserved": "%s"}""".formatted(t)))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }
        SaolaClient api = client().withApiKey(client().issueApiKey("profiles test"));
        JsonNode a = api.get("/ngsi-ld/v1/entities/" + air).json();
        assertThat(a.at("/pm25/value").asDouble()).isEqualTo(17.5);
        assertThat(a.at("/temperature/value").asDouble()).isEqualTo(31);
        assertThat(a.has("LAeq")).isFalse();
        JsonNode n = api.get("/ngsi-ld/v1/entities/" + noise).json();
        assertThat(n.at("/type").asString()).isEqualTo("NoiseLevelObserved");
        assertThat(n.at("/LAeq/value").asDouble()).isEqualTo(64.2);
        assertThat(n.at("/LAeq/unitCode").asString()).isEqualTo("2N");
        assertThat(n.at("/LAeq/observedAt").asString()).isEqualTo(t.toString());
        assertThat(n.at("/temperature/value").asDouble()).isEqualTo(31);
        assertThat(n.at("/name/value").asString()).isEqualTo("Device " + box.id());

        assertThat(client().delete("/api/v1/device-profiles/" + id).status()).as("in use").isEqualTo(409);
    }

    @Test
    void aWaterLevelGaugeReportsCentimetresAndTheEntityHoldsMetres() {
        SaolaClient.Device gauge = client().registerDevice("gauge-" + System.nanoTime(), "water-level", 16.06, 108.22);
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, gauge)) {
            assertThat(mqtt.publish(gauge.topic(), "{\"levelCm\": 182}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(mqtt.publish(gauge.topic(), "{\"levelCm\": 9000}")).isNotEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }
        assertThat(gauge.entityId()).isEqualTo("urn:ngsi-ld:WaterObserved:" + gauge.id());
        JsonNode e = client().withApiKey(client().issueApiKey("gauge test")).get("/ngsi-ld/v1/entities/" + gauge.entityId()).json();
        assertThat(e.at("/waterLevel/value").asDouble()).isEqualTo(1.82);
        assertThat(e.at("/waterLevel/unitCode").asString()).isEqualTo("MTR");
        JsonNode rejections = client().get("/api/v1/devices/" + gauge.id() + "/rejections").json();
        assertThat(rejections.findValuesAsString("detail"))
                .containsExactly("levelCm must be between 0 and 30 MTR once scaled; got 90 (sent 9000)");
    }

    @Test
    void aBadProfileIsRefusedWithThePlaceToFixAndShippedIdsAreReserved() {
        SaolaClient.Response bad = client().post("/api/v1/device-profiles", """
                {"id": "bad", "name": {"en": "Bad"}, "reportingInterval": "PT1M",
                 "targets": [{"entityType": "WeatherObserved", "measurements": [{"field": "t", "unitCode": "celsius"}]}]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("profile/targets/0/measurements/0/unitCode");
        assertThat(bad.json().get("detail").asString()).contains("UN/CEFACT");

        SaolaClient.Response shipped = client().post("/api/v1/device-profiles", KERB_BOX.formatted("x")
                .replace("kerb-box-x", "noise"));
        assertThat(shipped.status()).isEqualTo(409);

        String id = "spare-" + System.nanoTime();
        String doc = KERB_BOX.formatted("x").replace("kerb-box-x", id);
        assertThat(client().post("/api/v1/device-profiles", doc).status()).isEqualTo(201);
        assertThat(client().post("/api/v1/device-profiles", doc).status()).as("the same id twice").isEqualTo(409);
        assertThat(client().delete("/api/v1/device-profiles/" + id).status()).isEqualTo(204);
        assertThat(client().get("/api/v1/device-profiles/" + id).status()).isEqualTo(404);

        SaolaClient.Response unknown = client().post("/api/v1/devices", """
                {"id": "nope-1", "name": "Nope", "profile": "teleporter", "latitude": 16, "longitude": 108, "owner": {"organisation": "x"}, "purpose": "y"}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("profile");
        SaolaClient.Response missing = client().post("/api/v1/devices", """
                {"id": "nope-2", "name": "Nope", "latitude": 16, "longitude": 108, "owner": {"organisation": "x"}, "purpose": "y"}""");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("profile");
    }

    @Test
    void anAnalystReadsProfilesButImportsNone() {
        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.get("/api/v1/device-profiles").status()).isEqualTo(200);
        assertThat(analyst.post("/api/v1/device-profiles", KERB_BOX.formatted("analyst")).status()).isEqualTo(403);
    }
}
