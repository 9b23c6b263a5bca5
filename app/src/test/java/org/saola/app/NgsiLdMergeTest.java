package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Merge (ETSI GS CIM 009 V1.8.1 §5.6.17 Merge Entity, §5.6.20 Batch Entity Merge): JSON merge-patch of entities. */
class NgsiLdMergeTest extends PlatformTest {

    private static final String ENTITIES = "/ngsi-ld/v1/entities/";

    private SaolaClient api;
    private String id;

    @BeforeEach
    void entity() {
        api = client().withApiKey(client().issueApiKey("merge"));
        id = "urn:ngsi-ld:WaterQualityObserved:merge-" + UUID.randomUUID().toString().substring(0, 8);
        create(id);
    }

    private void create(String entityId) {
        SaolaClient.Response created = api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "WaterQualityObserved",
                 "temperature": {"type": "Property", "value": 24.5, "unitCode": "CEL", "observedAt": "2026-11-30T08:00:00Z",
                                 "accuracy": {"type": "Property", "value": 0.2},
                                 "calibrated": {"type": "Property", "value": true}},
                 "turbidity": {"type": "Property", "value": 3.1},
                 "refPointOfInterest": {"type": "Relationship", "object": "urn:ngsi-ld:PointOfInterest:han-river"}}"""
                .formatted(entityId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void clause5_6_17_mergeEntityPatchesWhatItNamesAndKeepsTheRest() {
        SaolaClient.Response merged = api.send("PATCH", ENTITIES + id, """
                {"temperature": {"type": "Property", "value": 25.0, "observedAt": "2026-11-30T09:00:00Z",
                                 "accuracy": {"type": "Property", "value": 0.1},
                                 "calibrated": "urn:ngsi-ld:null"},
                 "turbidity": "urn:ngsi-ld:null",
                 "ph": {"type": "Property", "value": 7.2}}""");
        assertThat(merged.status()).as(merged.body()).isEqualTo(204);

        JsonNode e = api.get(ENTITIES + id).json();
        assertThat(e.at("/temperature/value").asDouble()).isEqualTo(25.0);
        assertThat(e.at("/temperature/observedAt").asString()).isEqualTo("2026-11-30T09:00:00Z");
        assertThat(e.at("/temperature/unitCode").asString()).as("kept: not named").isEqualTo("CEL");
        assertThat(e.at("/temperature/accuracy/value").asDouble()).as("a sub-attribute merged").isEqualTo(0.1);
        assertThat(e.get("temperature").has("calibrated")).as("a sub-attribute deleted by the NGSI-LD Null").isFalse();
        assertThat(e.has("turbidity")).as("an attribute deleted by the NGSI-LD Null").isFalse();
        assertThat(e.at("/ph/value").asDouble()).as("a new attribute added").isEqualTo(7.2);
        assertThat(e.at("/refPointOfInterest/object").asString()).as("untouched").isEqualTo("urn:ngsi-ld:PointOfInterest:han-river");

        // The merge is history like any write: both temperatures are in the temporal representation.
        JsonNode history = api.get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=temperature").json().get("temperature");
        assertThat(history).hasSize(2);
    }

    @Test
    void clause5_6_17_mergeOfAnEntityThatDoesNotExistOrWithAnotherIdIsRefused() {
        SaolaClient.Response missing = api.send("PATCH", ENTITIES + id + "-missing", "{\"ph\": 7}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
        SaolaClient.Response otherId = api.send("PATCH", ENTITIES + id, "{\"id\": \"urn:ngsi-ld:X:other\", \"ph\": 7}");
        assertThat(otherId.status()).isEqualTo(400);
        assertThat(api.send("PATCH", ENTITIES + id, "{}").status()).as("nothing to merge").isEqualTo(400);
    }

    @Test
    void clause5_6_20_batchMergeMergesEachAndNamesThoseItCouldNot() {
        String second = id + "-b";
        create(second);
        SaolaClient.Response all = api.post("/ngsi-ld/v1/entityOperations/merge", """
                [{"id": "%s", "type": "WaterQualityObserved", "ph": {"type": "Property", "value": 7.1}},
                 {"id": "%s", "type": "WaterQualityObserved", "ph": 6.9, "turbidity": "urn:ngsi-ld:null"}]"""
                .formatted(id, second));
        assertThat(all.status()).as(all.body()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).json().at("/ph/value").asDouble()).isEqualTo(7.1);
        JsonNode b = api.get(ENTITIES + second).json();
        assertThat(b.at("/ph/value").asDouble()).isEqualTo(6.9);
        assertThat(b.has("turbidity")).isFalse();
        assertThat(b.at("/temperature/unitCode").asString()).isEqualTo("CEL");

        SaolaClient.Response some = api.post("/ngsi-ld/v1/entityOperations/merge", """
                [{"id": "%s", "type": "WaterQualityObserved", "ph": 7.0},
                 {"id": "%s-missing", "type": "WaterQualityObserved", "ph": 7.0}]""".formatted(id, id));
        assertThat(some.status()).as(some.body()).isEqualTo(207);
        assertThat(some.json().get("success")).extracting(JsonNode::asString).containsExactly(id);
        assertThat(some.json().at("/errors/0/entityId").asString()).isEqualTo(id + "-missing");
        assertThat(some.json().at("/errors/0/error/status").asInt()).isEqualTo(404);
    }
}
