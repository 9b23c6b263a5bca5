package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Batch operations: each entity succeeds or fails alone, and the answer says which and why. */
class NgsiLdBatchOperationsTest extends PlatformTest {

    private static final String OPS = "/ngsi-ld/v1/entityOperations/";
    private SaolaClient api;
    private String prefix;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("batch test"));
        prefix = "urn:ngsi-ld:WasteContainer:" + UUID.randomUUID() + ":";
    }

    private String bin(int i, double fillingLevel) {
        return """
                {"id": "%s%d", "type": "WasteContainer", "fillingLevel": {"type": "Property", "value": %s},
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.2, 16.0]}}}"""
                .formatted(prefix, i, fillingLevel);
    }

    private String bins(int from, int to) {
        return "[" + String.join(",", IntStream.range(from, to).mapToObj(i -> bin(i, 0.5)).toList()) + "]";
    }

    private List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void aBatchCreateOfGoodEntitiesAnswersTheirIds() {
        SaolaClient.Response r = api.send("POST", OPS + "create", bins(0, 50));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(strings(r.json())).hasSize(50).contains(prefix + "0", prefix + "49");
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "49").json().at("/fillingLevel/value").asDouble())
                .isEqualTo(0.5);
    }

    @Test
    void badEntitiesInABatchAreReportedAndTheGoodOnesStored() {
        api.send("POST", OPS + "create", "[" + bin(0, 0.1) + "]");
        String body = "[" + bin(0, 0.2) + ","                              // exists already
                + bin(1, 0.3) + ","                                        // good
                + "{\"id\": \"" + prefix + "2\"},"                         // no type
                + bin(3, 0.4).replace("[108.2, 16.0]", "[500, 16.0]") + "," // bad geometry
                + bin(4, 0.5) + "]";                                       // good
        SaolaClient.Response r = api.send("POST", OPS + "create", body);
        assertThat(r.status()).isEqualTo(207);
        assertThat(strings(r.json().get("success"))).containsExactly(prefix + "1", prefix + "4");
        JsonNode errors = r.json().get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("entityId").asString()).isEqualTo(prefix + "0");
        assertThat(errors.get(0).at("/error/type").asString()).endsWith("/AlreadyExists");
        assertThat(errors.get(1).at("/error/detail").asString()).contains("needs a 'type'");
        assertThat(errors.get(2).at("/error/detail").asString()).contains("outside WGS 84");
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "4").status()).isEqualTo(200);
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "0").json().at("/fillingLevel/value").asDouble())
                .isEqualTo(0.1);
    }

    @Test
    void upsertCreatesNewEntitiesAndReplacesOrUpdatesExistingOnes() {
        api.send("POST", OPS + "create", "[" + bin(0, 0.1) + "]");
        SaolaClient.Response r = api.send("POST", OPS + "upsert", "[" + bin(0, 0.9) + "," + bin(1, 0.2) + "]");
        assertThat(r.status()).isEqualTo(201);
        assertThat(strings(r.json())).containsExactly(prefix + "1");
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "0").json().at("/fillingLevel/value").asDouble())
                .isEqualTo(0.9);

        String partial = "[{\"id\": \"" + prefix + "0\", \"type\": \"WasteContainer\", \"status\": \"ok\"}]";
        assertThat(api.send("POST", OPS + "upsert?options=update", partial).status()).isEqualTo(204);
        JsonNode merged = api.get("/ngsi-ld/v1/entities/" + prefix + "0").json();
        assertThat(merged.has("fillingLevel")).isTrue();
        assertThat(merged.at("/status/value").asString()).isEqualTo("ok");

        assertThat(api.send("POST", OPS + "upsert", partial).status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "0").json().has("fillingLevel")).isFalse();

        assertThat(api.send("POST", OPS + "upsert?options=merge", partial).status()).isEqualTo(400);
    }

    @Test
    void updateAppendsToExistingEntitiesAndReportsMissingOnes() {
        api.send("POST", OPS + "create", "[" + bin(0, 0.1) + "]");
        String body = "[{\"id\": \"" + prefix + "0\", \"type\": \"WasteContainer\", \"fillingLevel\": 0.7},"
                + "{\"id\": \"" + prefix + "9\", \"type\": \"WasteContainer\", \"fillingLevel\": 0.7}]";
        SaolaClient.Response r = api.send("POST", OPS + "update", body);
        assertThat(r.status()).isEqualTo(207);
        assertThat(strings(r.json().get("success"))).containsExactly(prefix + "0");
        assertThat(r.json().at("/errors/0/error/status").asInt()).isEqualTo(404);
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "0").json().at("/fillingLevel/value").asDouble())
                .isEqualTo(0.7);

        String again = "[{\"id\": \"" + prefix + "0\", \"type\": \"WasteContainer\", \"fillingLevel\": 0.1}]";
        // §5.6.9: with noOverwrite the attribute is kept, and the entity's error says so (NgsiLdClausesTest).
        assertThat(api.send("POST", OPS + "update?options=noOverwrite", again).status()).isEqualTo(207);
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "0").json().at("/fillingLevel/value").asDouble())
                .isEqualTo(0.7);
    }

    @Test
    void deleteRemovesListedEntitiesAndReportsUnknownOnes() {
        api.send("POST", OPS + "create", bins(0, 3));
        SaolaClient.Response r = api.send("POST", OPS + "delete",
                "[\"" + prefix + "0\", \"" + prefix + "1\", \"" + prefix + "7\", 42]");
        assertThat(r.status()).isEqualTo(207);
        assertThat(strings(r.json().get("success"))).containsExactly(prefix + "0", prefix + "1");
        assertThat(r.json().get("errors")).hasSize(2);
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "0").status()).isEqualTo(404);
        assertThat(api.get("/ngsi-ld/v1/entities/" + prefix + "2").status()).isEqualTo(200);
        assertThat(api.send("POST", OPS + "delete", "[\"" + prefix + "2\"]").status()).isEqualTo(204);
    }

    @Test
    void aBatchIsAJsonArrayOfBoundedSize() {
        SaolaClient.Response notArray = api.send("POST", OPS + "create", bin(0, 0.1));
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(notArray.json().get("detail").asString()).contains("JSON array");
        assertThat(api.send("POST", OPS + "create", "[]").status()).isEqualTo(400);
        SaolaClient.Response tooBig = api.send("POST", OPS + "create", bins(0, 1001));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("detail").asString()).contains("1 to 1000");
    }
}
