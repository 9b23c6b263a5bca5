package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Behaviours where Saola deviated from ETSI GS CIM 009 V1.8.1 (found by a conformance check), each test named
 * after the clause it now follows.
 */
class NgsiLdClausesTest extends PlatformTest {

    private static final String ENTITIES = "/ngsi-ld/v1/entities/";
    private static final String BAD_REQUEST = "https://uri.etsi.org/ngsi-ld/errors/BadRequestData";
    private static final String NOT_FOUND = "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound";

    private SaolaClient api;
    private String id;

    @BeforeEach
    void entity() {
        api = client().withApiKey(client().issueApiKey("clauses"));
        id = "urn:ngsi-ld:Streetlight:clause-" + UUID.randomUUID().toString().substring(0, 8);
        SaolaClient.Response created = api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "Streetlight",
                 "powerState": {"type": "Property", "value": "on"},
                 "illuminanceLevel": {"type": "Property", "value": 0.8, "observedAt": "2026-11-30T18:00:00Z"},
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.22, 16.06]}},
                 "lampModel": [{"type": "Property", "value": "LED-60", "datasetId": "urn:ngsi-ld:Dataset:inventory"},
                               {"type": "Property", "value": "LED-60W", "datasetId": "urn:ngsi-ld:Dataset:survey"}]}"""
                .formatted(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void clause6_3_anUnknownQueryParameterIsAnInvalidRequestNotIgnored() {
        for (String path : java.util.List.of(ENTITIES + id + "?attr=powerState", "/ngsi-ld/v1/entities?type=Streetlight&limt=5",
                "/ngsi-ld/v1/temporal/entities/" + id + "?lastn=3", "/ngsi-ld/v1/types?detail=true")) {
            SaolaClient.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/InvalidRequest");
            assertThat(r.json().get("detail").asString()).contains("unknown query parameter");
        }
        assertThat(api.get(ENTITIES + id + "?attrs=powerState&options=sysAttrs").status()).isEqualTo(200);
    }

    @Test
    void clause4_10_equalsMatchesAPolygonByItsShapeWhicheverVertexItStartsAt() {
        String park = "urn:ngsi-ld:Park:clause-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "Park", "location": {"type": "GeoProperty", "value": {"type": "Polygon",
                 "coordinates": [[[108.20, 16.05], [108.21, 16.05], [108.21, 16.06], [108.20, 16.06], [108.20, 16.05]]]}}}"""
                .formatted(park)).status()).isEqualTo(201);
        String same = "[[[108.21,16.05],[108.21,16.06],[108.20,16.06],[108.20,16.05],[108.21,16.05]]]";
        JsonNode found = api.get("/ngsi-ld/v1/entities?type=Park&georel=equals&geometry=Polygon&coordinates="
                + java.net.URLEncoder.encode(same, java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(found.toString()).contains(park);
        String other = "[[[108.20,16.05],[108.22,16.05],[108.22,16.06],[108.20,16.06],[108.20,16.05]]]";
        JsonNode notFound = api.get("/ngsi-ld/v1/entities?type=Park&georel=equals&geometry=Polygon&coordinates="
                + java.net.URLEncoder.encode(other, java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(notFound.toString()).doesNotContain(park);
    }

    @Test
    void clause4_5_5_datasetIdSelectsTheInstancesOfMultiAttributes() {
        JsonNode survey = api.get(ENTITIES + id + "?datasetId=urn:ngsi-ld:Dataset:survey").json();
        assertThat(survey.at("/lampModel/value").asString()).isEqualTo("LED-60W");
        assertThat(survey.has("powerState")).as("a default instance, not of that dataset").isFalse();
        JsonNode defaults = api.get(ENTITIES + id + "?datasetId=@none").json();
        assertThat(defaults.has("powerState")).isTrue();
        assertThat(defaults.has("lampModel")).isFalse();
        JsonNode queried = api.get("/ngsi-ld/v1/entities?type=Streetlight&id=" + id
                + "&datasetId=urn:ngsi-ld:Dataset:inventory,@none").json();
        assertThat(queried.get(0).at("/lampModel/value").asString()).isEqualTo("LED-60");
        assertThat(queried.get(0).has("powerState")).isTrue();
        assertThat(api.get(ENTITIES + id + "?datasetId=not%20a%20uri").status()).isEqualTo(400);
    }

    @Test
    void clause4_5_0_theNgsiLdNullInAnUpdateOrAppendDeletesTheAttribute() {
        // §5.6.2 Update Entity Attributes.
        assertThat(patch("/attrs", "{\"powerState\": {\"type\": \"Property\", \"value\": \"urn:ngsi-ld:null\"}}"))
                .isEqualTo(204);
        // §5.6.3 Append Entity Attributes: a GeoProperty too, whose value is otherwise a geometry.
        assertThat(api.send("POST", ENTITIES + id + "/attrs",
                "{\"location\": {\"type\": \"GeoProperty\", \"value\": \"urn:ngsi-ld:null\"}}").status()).isEqualTo(204);
        // One instance of a multi-attribute, by its datasetId.
        assertThat(patch("/attrs", "{\"lampModel\": {\"type\": \"Property\", \"value\": \"urn:ngsi-ld:null\","
                + " \"datasetId\": \"urn:ngsi-ld:Dataset:survey\"}}")).isEqualTo(204);
        // §5.6.4 Partial Attribute Update.
        assertThat(patch("/attrs/illuminanceLevel", "{\"value\": \"urn:ngsi-ld:null\"}")).isEqualTo(204);

        JsonNode e = api.get(ENTITIES + id).json();
        assertThat(e.has("powerState")).as(e.toString()).isFalse();
        assertThat(e.has("location")).isFalse();
        assertThat(e.has("illuminanceLevel")).isFalse();
        assertThat(e.at("/lampModel/value").asString()).as("the other instance stays").isEqualTo("LED-60");
        assertThat(e.toString()).doesNotContain("urn:ngsi-ld:null");
    }

    @Test
    void clause4_5_5_aMultiAttributeWithOneInstanceIsRenderedAsThatInstance() {
        assertThat(api.send("DELETE", ENTITIES + id + "/attrs/lampModel?datasetId=urn:ngsi-ld:Dataset:survey", null)
                .status()).isEqualTo(204);
        JsonNode lamp = api.get(ENTITIES + id).json().get("lampModel");
        assertThat(lamp.isObject()).as(lamp.toString()).isTrue();
        assertThat(lamp.get("datasetId").asString()).isEqualTo("urn:ngsi-ld:Dataset:inventory");
        assertThat(api.get(ENTITIES + id + "?options=keyValues").json().get("lampModel").asString()).isEqualTo("LED-60");
    }

    @Test
    void clause4_4_anAttributeNameThatExpandsToNoIriIsBadRequestData() {
        SaolaClient.Response r = api.send("PUT", ENTITIES + id + "/attrs/@invalid", "{\"type\": \"Property\", \"value\": 1}");
        assertProblem(r, 400, BAD_REQUEST, "@invalid");
    }

    @Test
    void clause4_21_pickAndOmitAreValidatedAndClause5_7_1_anEntityWithoutTheAttributesAskedIsNotFound() {
        assertProblem(api.get(ENTITIES + id + "?pick=powerState,,location"), 400, BAD_REQUEST, "pick");
        assertProblem(api.get(ENTITIES + id + "?pick=powerState&omit=location"), 400, BAD_REQUEST, "pick or omit");
        assertProblem(api.get(ENTITIES + id + "?pick=powerState&attrs=location"), 400, BAD_REQUEST, "attrs or pick");
        assertProblem(api.get(ENTITIES + id + "?pick=noSuchMember"), 404, NOT_FOUND, "noSuchMember");
        assertProblem(api.get(ENTITIES + id + "?attrs=noSuchAttribute"), 404, NOT_FOUND, "noSuchAttribute");

        JsonNode picked = api.get(ENTITIES + id + "?pick=id,powerState").json();
        assertThat(picked.propertyNames()).containsExactlyInAnyOrder("id", "powerState");
        JsonNode omitted = api.get(ENTITIES + id + "?omit=lampModel,location").json();
        assertThat(omitted.has("lampModel") || omitted.has("location")).isFalse();
        assertThat(omitted.has("powerState")).isTrue();
    }

    @Test
    void clause5_6_16_deletingTheTemporalRepresentationDeletesTheEntityWithItsHistory() {
        assertThat(patch("/attrs", "{\"illuminanceLevel\": {\"type\": \"Property\", \"value\": 0.4,"
                + " \"observedAt\": \"2026-11-30T19:00:00Z\"}}")).isEqualTo(204);
        assertThat(api.send("DELETE", "/ngsi-ld/v1/temporal/entities/" + id, null).status()).isEqualTo(204);
        assertProblem(api.get(ENTITIES + id), 404, NOT_FOUND, id);
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + id).status()).isEqualTo(404);

        // Created again, it starts afresh: created (201), with only the instance sent now.
        SaolaClient.Response again = api.post("/ngsi-ld/v1/temporal/entities", """
                {"id": "%s", "type": "Streetlight",
                 "illuminanceLevel": [{"type": "Property", "value": 0.9, "observedAt": "2026-11-30T20:00:00Z"}]}"""
                .formatted(id));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        JsonNode history = api.get("/ngsi-ld/v1/temporal/entities/" + id).json();
        assertThat(history.get("illuminanceLevel")).hasSize(1);
        assertThat(history.has("powerState")).isFalse();
    }

    @Test
    void clause5_6_14_and_5_6_15_oneInstanceOfHistoryIsModifiedOrDeletedByItsInstanceId() {
        assertThat(patch("/attrs", "{\"illuminanceLevel\": {\"type\": \"Property\", \"value\": 0.4,"
                + " \"observedAt\": \"2026-11-30T19:00:00Z\"}}")).isEqualTo(204);
        String temporal = "/ngsi-ld/v1/temporal/entities/" + id;
        JsonNode instances = api.get(temporal + "?attrs=illuminanceLevel").json().get("illuminanceLevel");
        assertThat(instances).hasSize(2);
        String first = instances.get(0).get("instanceId").asString();
        String second = instances.get(1).get("instanceId").asString();
        assertThat(first).startsWith("urn:ngsi-ld:attribute:instance:").isNotEqualTo(second);

        // Modified: the value given replaces the instance's, and a new observedAt moves it in time.
        assertThat(api.send("PATCH", temporal + "/attrs/illuminanceLevel/" + first,
                "{\"value\": 0.75, \"observedAt\": \"2026-11-30T17:30:00Z\"}").status()).isEqualTo(204);
        JsonNode modified = api.get(temporal + "?attrs=illuminanceLevel").json().get("illuminanceLevel").get(0);
        assertThat(modified.get("instanceId").asString()).isEqualTo(first);
        assertThat(modified.get("value").asDouble()).isEqualTo(0.75);
        assertThat(modified.get("observedAt").asString()).isEqualTo("2026-11-30T17:30:00Z");
        assertProblem(api.send("PATCH", temporal + "/attrs/illuminanceLevel/" + first,
                "{\"type\": \"Relationship\", \"object\": \"urn:ngsi-ld:X:1\"}"), 400, BAD_REQUEST, "Relationship");

        // Deleted: only that instance goes; a second time, or an instance of another attribute, is not found.
        assertThat(api.send("DELETE", temporal + "/attrs/illuminanceLevel/" + second, null).status()).isEqualTo(204);
        assertThat(api.get(temporal + "?attrs=illuminanceLevel").json().get("illuminanceLevel")).hasSize(1);
        assertProblem(api.send("DELETE", temporal + "/attrs/illuminanceLevel/" + second, null), 404, NOT_FOUND, second);
        assertProblem(api.send("DELETE", temporal + "/attrs/powerState/" + first, null), 404, NOT_FOUND, first);
        assertProblem(api.send("DELETE", temporal + "/attrs/illuminanceLevel/urn:ngsi-ld:attribute:instance:x", null),
                404, NOT_FOUND, "instance:x");
    }

    @Test
    void clause5_6_3_and_5_6_9_noOverwriteKeepsWhatExistsInstanceByInstanceAndSaysWhatItKept() {
        // Append: a new datasetId of an existing attribute is a new instance, not an overwrite.
        SaolaClient.Response appended = api.send("POST", ENTITIES + id + "/attrs?options=noOverwrite", """
                {"lampModel": {"type": "Property", "value": "LED-80", "datasetId": "urn:ngsi-ld:Dataset:vendor"},
                 "powerState": {"type": "Property", "value": "off"}}""");
        assertThat(appended.status()).as(appended.body()).isEqualTo(207);
        assertThat(appended.json().get("updated").toString()).contains("lampModel");
        assertThat(appended.json().at("/notUpdated/0/attributeName").asString()).isEqualTo("powerState");
        JsonNode e = api.get(ENTITIES + id).json();
        assertThat(e.get("lampModel")).hasSize(3);
        assertThat(e.at("/powerState/value").asString()).isEqualTo("on");

        // Batch update: an entity with attributes kept is reported, naming them; the others succeed.
        String other = id + "-b";
        assertThat(api.post("/ngsi-ld/v1/entities", "{\"id\": \"" + other + "\", \"type\": \"Streetlight\"}").status())
                .isEqualTo(201);
        SaolaClient.Response batch = api.post("/ngsi-ld/v1/entityOperations/update?options=noOverwrite", """
                [{"id": "%s", "type": "Streetlight", "powerState": {"type": "Property", "value": "off"}},
                 {"id": "%s", "type": "Streetlight", "powerState": {"type": "Property", "value": "off"}}]"""
                .formatted(id, other));
        assertThat(batch.status()).as(batch.body()).isEqualTo(207);
        assertThat(batch.json().get("success")).extracting(JsonNode::asString).containsExactly(other);
        assertThat(batch.json().at("/errors/0/entityId").asString()).isEqualTo(id);
        assertThat(batch.json().at("/errors/0/error/detail").asString()).contains("powerState");
        assertThat(api.get(ENTITIES + id).json().at("/powerState/value").asString()).isEqualTo("on");
    }

    @Test
    void clause6_18_aTemporalUpsertSentTwiceDuplicatesNothingAndTemporalQueriesProject() {
        String temporal = "/ngsi-ld/v1/temporal/entities";
        String body = """
                {"id": "%s", "type": "Streetlight",
                 "illuminanceLevel": [{"type": "Property", "value": 0.5, "observedAt": "2026-11-30T19:00:00Z"},
                                      {"type": "Property", "value": 0.6, "observedAt": "2026-11-30T20:00:00Z"}]}"""
                .formatted(id);
        assertThat(api.post(temporal, body).status()).isEqualTo(204);
        assertThat(api.post(temporal, body).status()).isEqualTo(204);
        JsonNode history = api.get(temporal + "/" + id + "?attrs=illuminanceLevel").json().get("illuminanceLevel");
        assertThat(history).as("the one created with the entity and the two sent, each once").hasSize(3);

        JsonNode values = api.get(temporal + "/" + id + "?attrs=illuminanceLevel&format=temporalValues&pick=id,illuminanceLevel")
                .json();
        assertThat(values.propertyNames()).containsExactlyInAnyOrder("id", "illuminanceLevel");
        assertThat(values.at("/illuminanceLevel/values")).hasSize(3);
        JsonNode omitted = api.get(temporal + "/" + id + "?omit=illuminanceLevel").json();
        assertThat(omitted.has("illuminanceLevel")).isFalse();
        assertThat(omitted.has("powerState")).isTrue();
        assertThat(api.get(temporal + "/" + id + "?format=tabular").status()).isEqualTo(400);
    }

    @Test
    void clause5_2_12_aSubscriptionExpiringInThePastIsRefused() {
        SaolaClient.Response r = api.post("/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "Streetlight"}], "expiresAt": "2020-01-01T00:00:00Z",
                 "notification": {"endpoint": {"uri": "http://127.0.0.1:9/notify"}}}""");
        assertProblem(r, 400, BAD_REQUEST, "expiresAt");
    }

    @Test
    void clause6_3_2_aPathTheServerRefusesStillGetsNgsiLdProblemDetails() {
        // An encoded '/' in an entity id, and an empty id: refused before any route, as BadRequestData.
        assertProblem(api.get(ENTITIES + "urn:ngsi-ld:Streetlight:a%2Fb"), 400, BAD_REQUEST, "%2F");
        assertProblem(api.send("PATCH", ENTITIES + "/attrs", "{\"powerState\": \"off\"}"), 400, BAD_REQUEST, "//");
        // Other API routes answer problem details too, not the web server's HTML page.
        SaolaClient.Response other = client().get("/api/v1/devices/a%2Fb");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    }

    private int patch(String path, String body) {
        SaolaClient.Response r = api.send("PATCH", ENTITIES + id + path, body);
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r.status();
    }

    private static void assertProblem(SaolaClient.Response r, int status, String type, String detailHas) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode problem = r.json();
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("detail").asString()).contains(detailHas);
    }
}
