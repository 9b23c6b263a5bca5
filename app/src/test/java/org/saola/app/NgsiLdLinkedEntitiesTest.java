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
    void clause4_5_23_anInlineJoinThatWouldGrowWithoutBoundIsRefused() {
        // 101 entities each related to all the others: three levels inline under one would be a million renderings.
        String kind = "Cluster" + java.util.UUID.randomUUID().toString().substring(0, 6);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i <= 100; i++) {
            StringBuilder others = new StringBuilder();
            for (int j = 0; j <= 100; j++) {
                if (j != i) {
                    others.append(others.isEmpty() ? "" : ",").append("\"urn:ngsi-ld:").append(kind).append(':').append(j).append('"');
                }
            }
            batch.append(i == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(kind).append(':').append(i)
                    .append("\", \"type\": \"").append(kind).append("\", \"peers\": {\"type\": \"ListRelationship\", ")
                    .append("\"objectList\": [").append(others).append("]}}");
        }
        SaolaClient.Response created = api.post("/ngsi-ld/v1/entityOperations/create", batch.append("]").toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String root = "/ngsi-ld/v1/entities/urn:ngsi-ld:" + kind + ":0";
        SaolaClient.Response one = api.get(root + "?join=inline");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().at("/peers/entityList")).hasSize(100);
        SaolaClient.Response deep = api.get(root + "?join=inline&joinLevel=3");
        assertThat(deep.status()).as(deep.body().substring(0, Math.min(300, deep.body().length()))).isEqualTo(403);
        assertThat(deep.json().get("detail").asString()).contains("join=flat");
        SaolaClient.Response flat = api.get(root + "?join=flat&joinLevel=3");
        assertThat(flat.status()).as("each linked entity once").isEqualTo(200);
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
