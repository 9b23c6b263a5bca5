package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** JsonProperty, VocabProperty, ListProperty and ListRelationship (NGSI-LD 1.8.1 §4.5.18-4.5.22) over HTTP. */
class NgsiLdAttributeKindsTest extends PlatformTest {

    private SaolaClient api;
    private String type;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("attribute kinds test"));
        type = "Bridge" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String bridge(String id) {
        return """
                {"id": "%s", "type": "%s",
                 "config": {"type": "JsonProperty", "json": {"lanes": 4, "lights": {"colour": "gold", "id": "x"}, "note": null}},
                 "category": {"type": "VocabProperty", "vocab": "monument"},
                 "tags": {"type": "VocabularyProperty", "vocab": ["landmark", "sightseeing"]},
                 "loads": {"type": "ListProperty", "valueList": [12, 40, 7], "unitCode": "TNE"},
                 "connects": {"type": "ListRelationship", "objectType": "District",
                              "objectList": [{"object": "urn:ngsi-ld:District:hai-chau"}, "urn:ngsi-ld:District:son-tra"]}}"""
                .formatted(id, type);
    }

    @Test
    void everyKindIsStoredAndReadBackNormalizedSimplifiedAndConcise() {
        String id = "urn:ngsi-ld:" + type + ":dragon";
        SaolaClient.Response created = api.post("/ngsi-ld/v1/entities", bridge(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode e = api.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(e.at("/config/type").asString()).isEqualTo("JsonProperty");
        assertThat(e.at("/config/json/lights/colour").asString()).isEqualTo("gold");
        assertThat(e.at("/config/json/note").isNull()).isTrue();              // JSON kept as sent, nulls too
        assertThat(e.at("/category/vocab").asString()).isEqualTo("monument");   // expanded, compacted back
        assertThat(e.at("/tags/type").asString()).isEqualTo("VocabProperty");
        assertThat(e.at("/tags/vocab").toString()).isEqualTo("[\"landmark\",\"sightseeing\"]");
        assertThat(e.at("/loads/valueList").toString()).isEqualTo("[12,40,7]");
        assertThat(e.at("/loads/unitCode").asString()).isEqualTo("TNE");
        assertThat(e.at("/connects/objectList").toString()).isEqualTo(
                "[{\"object\":\"urn:ngsi-ld:District:hai-chau\"},{\"object\":\"urn:ngsi-ld:District:son-tra\"}]");
        assertThat(e.at("/connects/objectType").asString()).isEqualTo("District");

        JsonNode simple = api.get("/ngsi-ld/v1/entities/" + id + "?options=keyValues").json();
        assertThat(simple.at("/config/json/lanes").asInt()).isEqualTo(4);
        assertThat(simple.at("/category/vocab").asString()).isEqualTo("monument");
        assertThat(simple.get("loads").toString()).isEqualTo("[12,40,7]");
        assertThat(simple.get("connects").toString())
                .isEqualTo("[\"urn:ngsi-ld:District:hai-chau\",\"urn:ngsi-ld:District:son-tra\"]");

        JsonNode concise = api.get("/ngsi-ld/v1/entities/" + id + "?format=concise").json();
        assertThat(concise.at("/category/type").isMissingNode()).isTrue();
        assertThat(concise.at("/category/vocab").asString()).isEqualTo("monument");

        // Concise input: the member tells the kind.
        String other = "urn:ngsi-ld:" + type + ":han";
        SaolaClient.Response conciseCreate = api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "config": {"json": [1, 2]}, "category": {"vocab": "bridge"},
                 "loads": {"valueList": [3]}, "connects": {"objectList": ["urn:ngsi-ld:District:hai-chau"]}}"""
                .formatted(other, type));
        assertThat(conciseCreate.status()).as(conciseCreate.body()).isEqualTo(201);
        JsonNode h = api.get("/ngsi-ld/v1/entities/" + other).json();
        assertThat(h.at("/config/type").asString()).isEqualTo("JsonProperty");
        assertThat(h.at("/category/type").asString()).isEqualTo("VocabProperty");
        assertThat(h.at("/loads/type").asString()).isEqualTo("ListProperty");
        assertThat(h.at("/connects/type").asString()).isEqualTo("ListRelationship");
    }

    @Test
    void queriesReachIntoListsJsonAndVocabularies() {
        api.post("/ngsi-ld/v1/entities", bridge("urn:ngsi-ld:" + type + ":1"));
        api.post("/ngsi-ld/v1/entities", bridge("urn:ngsi-ld:" + type + ":2")
                .replace("[12, 40, 7]", "[5]").replace("\"gold\"", "\"white\"").replace("son-tra", "ngu-hanh-son")
                .replace("\"monument\"", "\"park\""));
        assertThat(ids("loads>30")).containsExactly("urn:ngsi-ld:" + type + ":1");
        // A negation holds when no element matches (as subscriptions evaluate it), not when one element differs.
        assertThat(ids("loads!=40")).containsExactly("urn:ngsi-ld:" + type + ":2");
        assertThat(ids("connects==\"urn:ngsi-ld:District:ngu-hanh-son\"")).containsExactly("urn:ngsi-ld:" + type + ":2");
        assertThat(ids("connects==\"urn:ngsi-ld:District:hai-chau\"")).hasSize(2);
        assertThat(ids("config[lights.colour]==\"white\"")).containsExactly("urn:ngsi-ld:" + type + ":2");
        // A VocabProperty holds IRIs: terms without a user @context live under the default vocabulary.
        assertThat(ids("category==\"https://uri.etsi.org/ngsi-ld/default-context/monument\""))
                .containsExactly("urn:ngsi-ld:" + type + ":1");
        // expandValues: the term as the client knows it, expanded like the vocab was.
        assertThat(ids("category==\"park\"", "&expandValues=category")).containsExactly("urn:ngsi-ld:" + type + ":2");
        assertThat(ids("category==\"park\"")).isEmpty();
    }

    private java.util.List<String> ids(String q) {
        return ids(q, "");
    }

    private java.util.List<String> ids(String q, String moreParameters) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + type + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8) + moreParameters);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().findValues("id").stream().map(JsonNode::asString).filter(i -> i.startsWith("urn:ngsi-ld:" + type)).toList();
    }

    @Test
    void malformedAttributesOfTheseKindsAreRefusedNamingTheAttribute() {
        String id = "urn:ngsi-ld:" + type + ":bad";
        assertBad("{\"id\": \"%s\", \"type\": \"%s\", \"c\": {\"type\": \"JsonProperty\", \"value\": 1}}", "JsonProperty");
        assertBad("{\"id\": \"%s\", \"type\": \"%s\", \"c\": {\"type\": \"ListProperty\", \"valueList\": 3}}", "valueList");
        assertBad("{\"id\": \"%s\", \"type\": \"%s\", \"c\": {\"type\": \"ListProperty\", \"valueList\": [1], \"value\": 1}}",
                "not 'value'");
        assertBad("{\"id\": \"%s\", \"type\": \"%s\", \"c\": {\"type\": \"ListRelationship\", \"objectList\": [\"not a uri\"]}}",
                "absolute URI");
        assertBad("{\"id\": \"%s\", \"type\": \"%s\", \"c\": {\"type\": \"VocabProperty\", \"vocab\": 7}}", "vocab");
        assertThat(api.get("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(404);
    }

    private void assertBad(String template, String detail) {
        SaolaClient.Response r = api.post("/ngsi-ld/v1/entities", template.formatted("urn:ngsi-ld:" + type + ":bad", type));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("c").contains(detail);
    }
}
