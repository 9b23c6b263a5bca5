package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The bundled Smart Data Models: their @contexts work offline, and a tenant may check entities against them. */
class SmartDataModelsTest extends PlatformTest {

    private static final String ENVIRONMENT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiKeys apiKeys;

    private SaolaClient admin;
    private SaolaClient operator;

    @BeforeEach
    void ownTenant() {
        jdbc.sql("INSERT INTO tenant (id, name) VALUES ('hoi-an', 'Hội An') ON CONFLICT DO NOTHING").update();
        TenantId hoiAn = TenantId.of("hoi-an");
        admin = client().withApiKey(apiKeys.issue(hoiAn, "sdm admin", StaffRole.ADMIN, "test").secret());
        operator = client().withApiKey(apiKeys.issue(hoiAn, "sdm operator", StaffRole.OPERATOR, "test").secret());
    }

    @AfterEach
    void validationOff() {
        admin.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\": \"off\"}");
    }

    private static String link(String url) {
        return "<" + url + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    }

    private String station(String id, String typeofLocation, double reliability) {
        return """
                {"id": "%s", "type": "AirQualityObserved", "dateObserved": "2026-11-23T08:00:00Z",
                 "location": {"type": "Point", "coordinates": [108.33, 15.88]}, "pm25": 18.0,
                 "typeofLocation": "%s", "reliability": %s}""".formatted(id, typeofLocation, reliability);
    }

    @Test
    void theModelsContextsAreServedOfflineUnderTheirPublishedUrls() {
        String id = "urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID();
        SaolaClient.Response r = operator.send("POST", "/ngsi-ld/v1/entities", station(id, "outdoor", 0.9),
                "Link", link(ENVIRONMENT));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode expanded = operator.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(expanded.get("type").asString()).isEqualTo("https://smartdatamodels.org/dataModel.Environment/AirQualityObserved");
        assertThat(expanded.has("https://smartdatamodels.org/dataModel.Environment/pm25")).isTrue();
        JsonNode compact = operator.get("/ngsi-ld/v1/entities/" + id, "Link", link(ENVIRONMENT)).json();
        assertThat(compact.get("type").asString()).isEqualTo("AirQualityObserved");
        assertThat(compact.at("/pm25/value").asDouble()).isEqualTo(18.0);
        assertThat(operator.get("/ngsi-ld/v1/jsonldContexts").json().toString()).contains(ENVIRONMENT);
    }

    @Test
    void eachTenantChoosesToIgnoreWarnOrRejectEntitiesThatBreakTheirModel() {
        assertThat(operator.get("/api/v1/context/settings").json().get("schemaValidation").asString()).isEqualTo("off");
        assertThat(operator.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\": \"reject\"}").status())
                .isEqualTo(403);
        String bad = station("urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID(), "underground", 1.5);
        assertThat(operator.send("POST", "/ngsi-ld/v1/entities", bad, "Link", link(ENVIRONMENT)).status()).isEqualTo(201);

        assertThat(admin.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\": \"warn\"}").status()).isEqualTo(200);
        SaolaClient.Response warned = operator.send("POST", "/ngsi-ld/v1/entities",
                station("urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID(), "underground", 0.5), "Link", link(ENVIRONMENT));
        assertThat(warned.status()).isEqualTo(201);
        assertThat(warned.header("Saola-Schema-Warning")).contains("typeofLocation").contains("underground");

        assertThat(admin.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\": \"reject\"}").status()).isEqualTo(200);
        SaolaClient.Response refused = operator.send("POST", "/ngsi-ld/v1/entities",
                station("urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID(), "outdoor", 1.5), "Link", link(ENVIRONMENT));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("reliability").contains("above the maximum 1");
        // Without the model's @context the type and attributes are the default vocabulary's; still checked by name.
        SaolaClient.Response missing = operator.send("POST", "/ngsi-ld/v1/entities",
                "{\"id\": \"urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID() + "\", \"type\": \"AirQualityObserved\", \"pm25\": 3}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("requires dateObserved").contains("requires location");

        String good = "urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID();
        assertThat(operator.send("POST", "/ngsi-ld/v1/entities", station(good, "indoor", 0.7), "Link", link(ENVIRONMENT))
                .status()).isEqualTo(201);
        SaolaClient.Response badPatch = operator.send("PATCH", "/ngsi-ld/v1/entities/" + good + "/attrs",
                "{\"typeofLocation\": \"roof\"}", "Link", link(ENVIRONMENT));
        assertThat(badPatch.status()).isEqualTo(400);
        SaolaClient.Response batch = operator.send("POST", "/ngsi-ld/v1/entityOperations/create",
                "[" + station("urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID(), "outdoor", 0.2) + ","
                        + station("urn:ngsi-ld:AirQualityObserved:" + UUID.randomUUID(), "outdoor", -2) + "]",
                "Link", link(ENVIRONMENT));
        assertThat(batch.status()).isEqualTo(207);
        assertThat(batch.json().get("success")).hasSize(1);
        assertThat(batch.json().at("/errors/0/error/detail").asString()).contains("below the minimum 0");
        assertThat(admin.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\": \"strict\"}").status()).isEqualTo(400);
    }
}
