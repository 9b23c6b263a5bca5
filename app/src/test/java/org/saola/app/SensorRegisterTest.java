package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public sensor register: anyone sees, for every sensor, what it measures, where, whose it is, why, whether
 * it collects personal data and how long its data are kept, and never a credential or an internal field.
 */
class SensorRegisterTest extends PlatformTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    private SaolaClient.Response register(String id, String profile, String extra) {
        return client().post("/api/v1/devices", """
                {"id": "%s", "name": "Sensor %s", "profile": "%s", "latitude": 16.06, "longitude": 108.22, %s}"""
                .formatted(id, id, profile, extra));
    }

    @Test
    void everyoneSeesWhoseAndWhyAndNeverASecret() {
        String department = "dept-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Công ty Cấp nước","nameEn":"Water Supply Company","contactEmail":"cskh@example.vn",
                 "wards":[],"serviceCategories":[]}""".formatted(department)).status()).isEqualTo(201);
        List<String> secrets = new ArrayList<>();
        SaolaClient.Response meter = register("meter-" + suffix, "water-meter", """
                "owner": {"department": "%s"}, "purpose": "remote meter reading and leak detection",
                "personalData": "a household's water use", "legalBasis": "the supply contract", "retention": "P2Y",
                "installedOn": "2025-03-01\"""".formatted(department));
        assertThat(meter.status()).as(meter.body()).isEqualTo(201);
        secrets.add(meter.json().at("/mqtt/secret").asString());
        SaolaClient.Response bin = register("bin-" + suffix, "waste-container", """
                "owner": {"organisation": "Green Bins JSC"}, "purpose": "tells the collectors which bins are full\"""");
        assertThat(bin.status()).as(bin.body()).isEqualTo(201);
        secrets.add(bin.json().at("/mqtt/secret").asString());

        SaolaClient anonymous = client().anonymous();
        SaolaClient.Response all = anonymous.get("/public/v1/sensors");
        assertThat(all.status()).isEqualTo(200);
        JsonNode m = find(all.json(), "meter-" + suffix);
        assertThat(m.at("/kind/id").asString()).isEqualTo("water-meter");
        assertThat(m.at("/kind/nameVi").asString()).isEqualTo("Đồng hồ nước thông minh");
        assertThat(m.get("kind").get("measures").toString()).contains("waterConsumption");
        assertThat(m.at("/owner/nameEn").asString()).isEqualTo("Water Supply Company");
        assertThat(m.at("/owner/contact").asString()).isEqualTo("cskh@example.vn");
        assertThat(m.get("collectsPersonalData").asBoolean()).isTrue();
        assertThat(m.get("legalBasis").asString()).isEqualTo("the supply contract");
        assertThat(m.get("retention").asString()).isEqualTo("P2Y");
        assertThat(m.get("installedOn").asString()).isEqualTo("2025-03-01");
        JsonNode b = find(all.json(), "bin-" + suffix);
        assertThat(b.at("/owner/type").asString()).isEqualTo("organisation");
        assertThat(b.at("/owner/nameVi").asString()).isEqualTo("Green Bins JSC");
        assertThat(b.get("collectsPersonalData").asBoolean()).isFalse();

        assertThat(ids(anonymous.get("/public/v1/sensors?personalData=true").json())).contains("meter-" + suffix)
                .doesNotContain("bin-" + suffix);
        assertThat(ids(anonymous.get("/public/v1/sensors?kind=waste-container&q=collectors").json()))
                .contains("bin-" + suffix).doesNotContain("meter-" + suffix);
        assertThat(ids(anonymous.get("/public/v1/sensors?owner=" + department).json())).containsExactly("meter-" + suffix);
        assertThat(anonymous.get("/public/v1/sensors?personalData=maybe").status()).isEqualTo(400);

        // Nothing a device proves itself with, nor any internal field, in any answer of the register.
        List<SaolaClient.Response> answers = List.of(all, anonymous.get("/public/v1/sensors?personalData=true"),
                anonymous.get("/city/sensors"), anonymous.get("/city/sensors?lang=en&kind=water-meter"));
        for (SaolaClient.Response r : answers) {
            assertThat(r.status()).isEqualTo(200);
            for (String secret : secrets) {
                assertThat(r.body()).doesNotContain(secret);
            }
            assertThat(r.body()).doesNotContain("\"secret\"", "mqtt", "saola/default/devices", "urn:ngsi-ld:",
                    "secret_hash", "username");
        }
        for (JsonNode s : all.json()) {
            assertThat(s.propertyNames()).containsExactlyInAnyOrder("id", "name", "kind", "connected", "latitude", "longitude",
                    "owner", "purpose", "collectsPersonalData", "personalData", "legalBasis", "retention", "installedOn",
                    "status", "health");
            assertThat(s.get("health").propertyNames()).contains("status", "problems").isSubsetOf("status", "problems", "availability");
        }
    }

    @Test
    void staffMustSayWhoseAndWhyAndALegalBasisForPersonalData() {
        assertThat(register("x1-" + suffix, "noise", "\"purpose\": \"p\"").json().get("field").asString()).isEqualTo("owner");
        assertThat(register("x2-" + suffix, "noise", "\"owner\": {\"organisation\": \"o\"}").json().get("field").asString())
                .isEqualTo("purpose");
        assertThat(register("x3-" + suffix, "noise", """
                "owner": {"organisation": "o"}, "purpose": "p", "personalData": "faces\"""").json().get("field").asString())
                .isEqualTo("legalBasis");
        assertThat(register("x4-" + suffix, "noise", """
                "owner": {"department": "no-such-department"}, "purpose": "p\"""").json().get("field").asString())
                .isEqualTo("owner.department");
        assertThat(register("x5-" + suffix, "noise", """
                "owner": {"organisation": "o"}, "purpose": "p", "retention": "forever\"""").json().get("field").asString())
                .isEqualTo("retention");
    }

    @Test
    void staffKeepTheEntryTrueAndARetiredSensorLeavesTheRegister() {
        String id = "light-" + suffix;
        assertThat(register(id, "street-light", "\"owner\": {\"organisation\": \"Lights Co\"}, \"purpose\": \"lighting\"")
                .status()).isEqualTo(201);
        SaolaClient.Response patched = client().send("PATCH", "/api/v1/devices/" + id,
                "{\"purpose\": \"lighting and dimming at night\", \"status\": \"MAINTENANCE\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/register/purpose").asString()).isEqualTo("lighting and dimming at night");
        assertThat(patched.json().at("/register/owner/organisation").asString()).isEqualTo("Lights Co");
        JsonNode entry = find(client().anonymous().get("/public/v1/sensors").json(), id);
        assertThat(entry.get("status").asString()).isEqualTo("MAINTENANCE");

        assertThat(client().send("PATCH", "/api/v1/devices/" + id, "{\"status\": \"RETIRED\"}").status()).isEqualTo(200);
        assertThat(ids(client().anonymous().get("/public/v1/sensors").json())).doesNotContain(id);
        assertThat(client().send("PATCH", "/api/v1/devices/" + id, "{\"status\": \"GONE\"}").json().get("field").asString())
                .isEqualTo("status");
    }

    @Test
    void aCameraThatSendsNothingToSaolaIsInTheRegisterToo() {
        String id = "cctv-" + suffix;
        String camera = """
                {"id": "%s", "name": "Camera %s", "kind": "cctv-camera", "measures": "images of the crossing",
                 "latitude": 16.07, "longitude": 108.22, "owner": {"organisation": "City Police"},
                 "purpose": "road safety", "personalData": "faces and number plates", "legalBasis": "Decree 13/2023",
                 "retention": "P30D"}""".formatted(id, id);
        SaolaClient.Response listed = client().post("/api/v1/listed-sensors", camera);
        assertThat(listed.status()).as(listed.body()).isEqualTo(201);
        assertThat(client().post("/api/v1/listed-sensors", camera).status()).as("the same id twice").isEqualTo(409);
        assertThat(client().post("/api/v1/listed-sensors", camera.replace("cctv-camera", "drone")).json()
                .get("field").asString()).isEqualTo("kind");

        JsonNode entry = find(client().anonymous().get("/public/v1/sensors?kind=cctv-camera").json(), id);
        assertThat(entry.get("connected").asBoolean()).isFalse();
        assertThat(entry.at("/kind/nameVi").asString()).isEqualTo("Camera giám sát (CCTV)");
        assertThat(entry.get("kind").get("measures").toString()).contains("images of the crossing");
        assertThat(entry.get("personalData").asString()).isEqualTo("faces and number plates");
        assertThat(entry.get("retention").asString()).isEqualTo("P30D");

        SaolaClient.Response replaced = client().send("PUT", "/api/v1/listed-sensors/" + id,
                camera.replace("\"P30D\"", "\"P7D\""));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(find(client().anonymous().get("/public/v1/sensors").json(), id).get("retention").asString()).isEqualTo("P7D");
        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.get("/api/v1/listed-sensors/" + id).status()).isEqualTo(200);
        assertThat(analyst.delete("/api/v1/listed-sensors/" + id).status()).isEqualTo(403);
        assertThat(client().delete("/api/v1/listed-sensors/" + id).status()).isEqualTo(204);
        assertThat(ids(client().anonymous().get("/public/v1/sensors").json())).doesNotContain(id);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode s : list) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no sensor " + id + " in the register");
    }

    @Test
    void aLongRegisterComesInPagesWithTheTotalAndTheWayOn() {
        for (int i = 0; i < 3; i++) {
            assertThat(register("page-" + i + "-" + suffix, "noise", "\"owner\": {\"organisation\": \"o\"}, \"purpose\": \"p\"")
                    .status()).isEqualTo(201);
        }
        SaolaClient anonymous = client().anonymous();
        SaolaClient.Response first = anonymous.get("/public/v1/sensors?q=page-&limit=2");
        assertThat(first.json()).hasSize(2);
        int total = Integer.parseInt(first.header("X-Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.header("Link")).contains("offset=2").contains("limit=2").endsWith("rel=\"next\"");
        SaolaClient.Response rest = anonymous.get("/public/v1/sensors?q=page-&limit=2&offset=2");
        assertThat(rest.json()).hasSize(Math.min(2, total - 2));
        assertThat(ids(first.json())).doesNotContainAnyElementsOf(ids(rest.json()));
        assertThat(anonymous.get("/public/v1/sensors?limit=0").json().get("field").asString()).isEqualTo("limit");
        assertThat(anonymous.get("/public/v1/sensors?offset=-1").status()).isEqualTo(400);
        assertThat(anonymous.get("/city/sensors?page=0").status()).isEqualTo(400);
        assertThat(anonymous.get("/city/sensors?q=page-").body()).doesNotContain("rel=\"next\"");
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(s -> out.add(s.get("id").asString()));
        return out;
    }
}
