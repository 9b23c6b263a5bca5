package org.saola.devices.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProfileDocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DeviceProfile read(String json) {
        return ProfileDocuments.read(JSON.readTree(json));
    }

    private static String pointerOf(String json) {
        try {
            read(json);
        } catch (InvalidInputException e) {
            return e.field() + " " + e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void saolaShipsTheNineKindsOfSensorTheCityRunsAndAGatewayEachOnItsSmartDataModel() {
        Map<String, DeviceProfile> shipped = DeviceProfiles.loadShipped();
        assertThat(shipped).containsOnlyKeys("air-quality", "water-level", "waste-container", "noise", "street-light",
                "water-meter", "weather", "parking-spot", "traffic-counter", "gateway");
        Map<String, String> types = Map.of("air-quality", "AirQualityObserved", "water-level", "WaterObserved",
                "waste-container", "WasteContainer", "noise", "NoiseLevelObserved", "street-light", "Streetlight",
                "water-meter", "WaterConsumptionObserved", "weather", "WeatherObserved", "parking-spot", "ParkingSpot",
                "traffic-counter", "TrafficFlowObserved", "gateway", "Device");
        types.forEach((id, type) -> assertThat(shipped.get(id).targets().get(0).entityType()).as(id).isEqualTo(type));
        shipped.values().forEach(p -> assertThat(p.name()).as(p.id()).containsKeys("vi", "en"));
        assertThat(shipped.get("street-light").commands()).extracting(DeviceProfile.Command::name)
                .containsExactly("on", "off", "dim");
    }

    @Test
    void aProfileExportedIsTheDocumentAnotherCityImports() {
        for (DeviceProfile p : DeviceProfiles.loadShipped().values()) {
            JsonNode doc = ProfileDocuments.write(p);
            assertThat(ProfileDocuments.read(doc)).as(p.id()).isEqualTo(p);
        }
    }

    @Test
    void aMultiSensorFeedsSeveralEntitiesAndTwoOfOneTypeNeedDifferentSuffixes() {
        DeviceProfile p = read("""
                {"id": "kerb-box", "name": {"en": "Kerb box"}, "reportingInterval": "PT1M",
                 "targets": [{"entityType": "AirQualityObserved", "measurements": [{"field": "pm25"}]},
                             {"entityType": "NoiseLevelObserved", "measurements": [{"field": "db", "attribute": "LAeq"}]}]}""");
        assertThat(p.entityIds("k1")).containsExactly("urn:ngsi-ld:AirQualityObserved:k1", "urn:ngsi-ld:NoiseLevelObserved:k1");
        assertThat(p.decoder()).isEqualTo("json");
        assertThat(p.timestampField()).isEqualTo("dateObserved");

        assertThat(pointerOf("""
                {"id": "two", "name": {"en": "Two"}, "reportingInterval": "PT1M",
                 "targets": [{"entityType": "ParkingSpot", "measurements": [{"field": "a", "attribute": "status"}]},
                             {"entityType": "ParkingSpot", "measurements": [{"field": "b", "attribute": "status"}]}]}"""))
                .startsWith("profile/targets/1/idSuffix two targets of type ParkingSpot need different idSuffix values");
        assertThat(read("""
                {"id": "two", "name": {"en": "Two"}, "reportingInterval": "PT1M",
                 "targets": [{"entityType": "ParkingSpot", "idSuffix": "a", "measurements": [{"field": "a", "attribute": "status"}]},
                             {"entityType": "ParkingSpot", "idSuffix": "b", "measurements": [{"field": "b", "attribute": "status"}]}]}""")
                .entityIds("p")).containsExactly("urn:ngsi-ld:ParkingSpot:p:a", "urn:ngsi-ld:ParkingSpot:p:b");
    }

    @Test
    void eachMistakeIsNamedByItsJsonPointer() {
        String base = """
                {"id": "x", "name": {"en": "X"}, "reportingInterval": "PT1M",
                 "targets": [{"entityType": "WeatherObserved", "measurements": [%s]}]%s}""";
        assertThat(pointerOf(base.formatted("{\"field\": \"t\", \"unitCode\": \"celsius\"}", "")))
                .startsWith("profile/targets/0/measurements/0/unitCode ");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\", \"min\": 5, \"max\": 1}", "")))
                .startsWith("profile/targets/0/measurements/0/min min 5.0 is above max 1.0");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\", \"attribute\": \"location\"}", "")))
                .startsWith("profile/targets/0/measurements/0/attribute 'location' is set by Saola");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\", \"kind\": \"text\", \"unitCode\": \"CEL\"}", "")))
                .startsWith("profile/targets/0/measurements/0/kind unitCode, scale, offset, min and max apply to numbers only");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\", \"colour\": \"red\"}", "")))
                .startsWith("profile/targets/0/measurements/0/colour unknown key 'colour'");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\"}, {\"field\": \"t\", \"attribute\": \"u\"}", "")))
                .startsWith("profile/targets/0/measurements/1/field the field 't' is mapped twice");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\"}", ", \"commands\": [{\"name\": \"on\"}, {\"name\": \"on\"}]")))
                .startsWith("profile/commands/1/name the command 'on' is listed twice");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\"}", ", \"decoder\": \"cayenne\"")))
                .startsWith("profile/decoder the decoder must be one of [json]");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\"}", ", \"health\": {\"stuckAfter\": 1}")))
                .startsWith("profile/health/stuckAfter stuckAfter is 0 (not watched) or a whole number");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\"}", ", \"health\": {\"silentAfter\": 0.5}")))
                .startsWith("profile/health/silentAfter ");
        assertThat(pointerOf(base.formatted("{\"field\": \"t\"}", ", \"health\": {\"lowBattery\": 0.2}")))
                .startsWith("profile/health/lowBattery unknown key");
        assertThat(pointerOf("""
                {"id": "x y", "name": {"en": "X"}, "reportingInterval": "PT1M", "targets": []}"""))
                .startsWith("profile/id ");
        assertThat(pointerOf("""
                {"id": "x", "name": {"en": "X"}, "reportingInterval": "5 minutes", "targets": []}"""))
                .startsWith("profile/reportingInterval /reportingInterval must be an ISO 8601 duration");
        assertThat(pointerOf("""
                {"id": "x", "name": {}, "reportingInterval": "PT1M", "targets": []}"""))
                .startsWith("profile/name a profile needs a name");
        assertThat(pointerOf("""
                {"id": "x", "name": {"en": "X"}, "reportingInterval": "PT1M", "targets": []}"""))
                .startsWith("profile/targets a profile feeds 1-10 entities");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(InvalidInputException.class);
    }
}
