package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Linked entity retrieval (ETSI GS CIM 009 V1.8.1 §4.5.23): join=inline|flat, joinLevel, containedBy. */
class NgsiLdLinkedEntitiesTest extends PlatformTest {

    private SaolaClient api;
    private String light;
    private String group;
    private String cabinet;

    @BeforeEach
    void streetLighting() {
        api = client().withApiKey(client().issueApiKey("linked entities"));
        String s = UUID.randomUUID().toString().substring(0, 8);
        light = "urn:ngsi-ld:Streetlight:" + s;
        group = "urn:ngsi-ld:StreetlightGroup:" + s;
        cabinet = "urn:ngsi-ld:StreetlightControlCabinet:" + s;
        create("""
                {"id": "%s", "type": "Streetlight", "powerState": "on",
                 "refStreetlightGroup": {"type": "Relationship", "object": "%s"}}""".formatted(light, group));
        create("""
                {"id": "%s", "type": "StreetlightGroup", "name": "Bạch Đằng",
                 "refStreetlightControlCabinet": {"type": "Relationship", "object": "%s"},
                 "lights": {"type": "ListRelationship", "objectList": [{"object": "%s"}]}}""".formatted(group, cabinet, light));
        // The cabinet points back to its group: a cycle.
        create("""
                {"id": "%s", "type": "StreetlightControlCabinet", "brand": "Saola",
                 "refStreetlightGroup": {"type": "Relationship", "object": "%s"}}""".formatted(cabinet, group));
    }

    private void create(String body) {
        SaolaClient.Response r = api.post("/ngsi-ld/v1/entities", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void clause4_5_23_inlinePutsTheEntityPointedToIntoTheRelationshipLevelByLevelWithoutCycles() {
        JsonNode one = api.get("/ngsi-ld/v1/entities/" + light + "?join=inline").json();
        assertThat(one.at("/refStreetlightGroup/object").asString()).isEqualTo(group);
        assertThat(one.at("/refStreetlightGroup/entity/id").asString()).isEqualTo(group);
        assertThat(one.at("/refStreetlightGroup/entity/name/value").asString()).isEqualTo("Bạch Đằng");
        assertThat(one.at("/refStreetlightGroup/entity/refStreetlightControlCabinet").has("entity"))
                .as("joinLevel 1 by default").isFalse();

        JsonNode deep = api.get("/ngsi-ld/v1/entities/" + light + "?join=inline&joinLevel=3").json();
        JsonNode cab = deep.at("/refStreetlightGroup/entity/refStreetlightControlCabinet/entity");
        assertThat(cab.get("brand").get("value").asString()).isEqualTo("Saola");
        assertThat(cab.get("refStreetlightGroup").has("entity")).as("the group is on the way: not again").isFalse();
        assertThat(deep.at("/refStreetlightGroup/entity/lights/entityList")).as("the light itself is on the way").isEmpty();

        JsonNode fromGroup = api.get("/ngsi-ld/v1/entities/" + group + "?join=inline").json();
        assertThat(fromGroup.at("/lights/entityList/0/id").asString()).as("a ListRelationship's entities").isEqualTo(light);

        JsonNode simplified = api.get("/ngsi-ld/v1/entities/" + light + "?join=inline&options=keyValues").json();
        assertThat(simplified.at("/refStreetlightGroup/id").asString()).isEqualTo(group);
        assertThat(simplified.at("/refStreetlightGroup/name").asString()).isEqualTo("Bạch Đằng");
    }

    @Test
    void clause4_5_23_flatReturnsTheLinkedEntitiesBesideEachOnce() {
        JsonNode flat = api.get("/ngsi-ld/v1/entities/" + light + "?join=flat&joinLevel=3").json();
        assertThat(ids(flat)).containsExactly(light, group, cabinet);

        JsonNode queried = api.get("/ngsi-ld/v1/entities?type=Streetlight&id=" + light + "&join=flat").json();
        assertThat(ids(queried)).containsExactly(light, group);

        JsonNode bounded = api.get("/ngsi-ld/v1/entities/" + light + "?join=flat&joinLevel=3&containedBy=" + group).json();
        assertThat(ids(bounded)).as("containedBy: already had, not followed").containsExactly(light);
    }

    @Test
    void clause4_5_23_aMalformedJoinIsBadRequestData() {
        for (String bad : List.of("join=sideways", "join=inline&joinLevel=0", "join=flat&joinLevel=9", "joinLevel=2",
                "join=flat&containedBy=not%20an%20id")) {
            SaolaClient.Response r = api.get("/ngsi-ld/v1/entities/" + light + "?" + bad);
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.get("id").asString()));
        return out;
    }
}
