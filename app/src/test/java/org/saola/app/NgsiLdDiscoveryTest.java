package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Discovery of the types and attributes a tenant holds, in a tenant of its own so counts are exact. */
class NgsiLdDiscoveryTest extends PlatformTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiKeys apiKeys;

    private SaolaClient api;

    @BeforeEach
    void tenantWithData() {
        jdbc.sql("INSERT INTO tenant (id, name) VALUES ('quang-nam', 'Quảng Nam') ON CONFLICT DO NOTHING").update();
        api = client().withApiKey(apiKeys.issue(TenantId.of("quang-nam"), "discovery", StaffRole.OPERATOR, "test").secret());
        api.send("POST", "/ngsi-ld/v1/entityOperations/upsert", """
                [{"id": "urn:ngsi-ld:ParkingSpot:p1", "type": "ParkingSpot", "status": "free",
                  "refParkingSite": {"type": "Relationship", "object": "urn:ngsi-ld:ParkingSite:s1"}},
                 {"id": "urn:ngsi-ld:ParkingSpot:p2", "type": "ParkingSpot", "status": "occupied"},
                 {"id": "urn:ngsi-ld:Streetlight:l1", "type": "Streetlight", "status": "ok",
                  "location": {"type": "Point", "coordinates": [108.3, 15.88]}}]""");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void typesListsTheTenantsEntityTypes() {
        JsonNode list = api.get("/ngsi-ld/v1/types").json();
        assertThat(list.get("type").asString()).isEqualTo("EntityTypeList");
        assertThat(strings(list.get("typeList"))).containsExactly("ParkingSpot", "Streetlight");

        JsonNode details = api.get("/ngsi-ld/v1/types?details=true").json();
        assertThat(details.get(0).get("typeName").asString()).isEqualTo("ParkingSpot");
        assertThat(strings(details.get(0).get("attributeNames"))).containsExactly("refParkingSite", "status");

        JsonNode info = api.get("/ngsi-ld/v1/types/ParkingSpot").json();
        assertThat(info.get("entityCount").asInt()).isEqualTo(2);
        assertThat(info.get("attributeDetails")).hasSize(2);
        assertThat(api.get("/ngsi-ld/v1/types/Bridge").status()).isEqualTo(404);
    }

    @Test
    void attributesSayHowManyEntitiesOfWhichTypesHaveThem() {
        JsonNode list = api.get("/ngsi-ld/v1/attributes").json();
        assertThat(strings(list.get("attributeList"))).containsExactlyInAnyOrder("status", "refParkingSite", "location");

        JsonNode status = api.get("/ngsi-ld/v1/attributes/status").json();
        assertThat(status.get("attributeCount").asInt()).isEqualTo(3);
        assertThat(strings(status.get("typeNames"))).containsExactly("ParkingSpot", "Streetlight");
        assertThat(strings(status.get("attributeTypes"))).containsExactly("Property");
        assertThat(strings(api.get("/ngsi-ld/v1/attributes/location").json().get("attributeTypes")))
                .containsExactly("GeoProperty");
        assertThat(api.get("/ngsi-ld/v1/attributes/nothing").status()).isEqualTo(404);
        assertThat(api.get("/ngsi-ld/v1/attributes?details=true").json()).hasSize(3);
    }

    @Test
    void servedContextsAreListed() {
        assertThat(strings(api.get("/ngsi-ld/v1/jsonldContexts").json()))
                .contains("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
    }
}
