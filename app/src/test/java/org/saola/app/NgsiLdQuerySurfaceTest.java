package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The query surface of ETSI GS CIM 009 V1.8.1 beyond {@code GET /entities}: query by POST (§5.7.2, §6.23), purge
 * (§6.4.3.3), pagination links on subscriptions and registrations (§5.5.9), {@code options=simplified} (§6.3.7).
 */
class NgsiLdQuerySurfaceTest extends PlatformTest {

    private SaolaClient api;
    private String type;

    @BeforeEach
    void entities() {
        api = client().withApiKey(client().issueApiKey("query surface"));
        type = "ParkingSpot" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            SaolaClient.Response r = api.post("/ngsi-ld/v1/entities", """
                    {"id": "urn:ngsi-ld:%1$s:%2$d", "type": "%1$s",
                     "status": {"type": "Property", "value": "%3$s"},
                     "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.2%2$d, 16.06]}}}"""
                    .formatted(type, i, i % 2 == 0 ? "free" : "occupied"));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @Test
    void clause6_23_aQueryPostedAsABodyAnswersAsTheSameQueryInTheUrl() {
        String body = """
                {"type": "Query", "entities": [{"type": "%s"}], "attrs": ["status"], "q": "status==\\"free\\"",
                 "geoQ": {"georel": "near;maxDistance==30000", "geometry": "Point", "coordinates": [108.2, 16.06]}}"""
                .formatted(type);
        SaolaClient.Response posted = api.post("/ngsi-ld/v1/entityOperations/query?count=true&limit=2", body);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        SaolaClient.Response got = api.get("/ngsi-ld/v1/entities?type=" + type + "&attrs=status&q=status==%22free%22"
                + "&georel=near;maxDistance==30000&geometry=Point&coordinates=%5B108.2,16.06%5D&count=true&limit=2");
        assertThat(posted.json()).isEqualTo(got.json());
        assertThat(posted.header("NGSILD-Results-Count")).isEqualTo("3");
        assertThat(posted.json()).hasSize(2);
        assertThat(posted.header("Link")).contains("rel=\"next\"");

        SaolaClient.Response simplified = api.post("/ngsi-ld/v1/entityOperations/query?options=simplified",
                "{\"type\": \"Query\", \"entities\": [{\"type\": \"" + type + "\", \"id\": \"urn:ngsi-ld:" + type + ":1\"}]}");
        assertThat(simplified.json().get(0).get("status").asString()).isEqualTo("occupied");

        // Selectors are alternatives: one of a type with an id beside one of another type is not one query.
        SaolaClient.Response mixed = api.post("/ngsi-ld/v1/entityOperations/query", "{\"type\": \"Query\", \"entities\": ["
                + "{\"type\": \"" + type + "\", \"id\": \"urn:ngsi-ld:" + type + ":1\"}, {\"type\": \"Streetlight\"}]}");
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(422);
        SaolaClient.Response ids = api.post("/ngsi-ld/v1/entityOperations/query", "{\"type\": \"Query\", \"entities\": ["
                + "{\"type\": \"" + type + "\", \"id\": \"urn:ngsi-ld:" + type + ":1\"},"
                + " {\"type\": \"" + type + "\", \"id\": \"urn:ngsi-ld:" + type + ":2\"}]}");
        assertThat(ids.json()).hasSize(2);

        SaolaClient.Response bad = api.post("/ngsi-ld/v1/entityOperations/query", "{\"type\": \"Query\", \"where\": 1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("where");
    }

    @Test
    void clause4_5_16_entitiesAreGivenAsGeoJsonFeaturesWhenAskedFor() {
        SaolaClient.Response collection = api.get("/ngsi-ld/v1/entities?type=" + type + "&limit=2&count=true",
                "Accept", "application/geo+json");
        assertThat(collection.status()).as(collection.body()).isEqualTo(200);
        assertThat(collection.header("Content-Type")).startsWith("application/geo+json");
        assertThat(collection.header("NGSILD-Results-Count")).isEqualTo("6");
        JsonNode fc = collection.json();
        assertThat(fc.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(fc.get("features")).hasSize(2);
        JsonNode first = fc.at("/features/0");
        assertThat(first.get("type").asString()).isEqualTo("Feature");
        assertThat(first.get("id").asString()).isEqualTo("urn:ngsi-ld:" + type + ":0");
        assertThat(first.at("/geometry/type").asString()).isEqualTo("Point");
        assertThat(first.at("/properties/type").asString()).isEqualTo(type);
        assertThat(first.at("/properties/status/value").asString()).isEqualTo("free");

        SaolaClient.Response one = api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":1?options=keyValues",
                "Accept", "application/geo+json");
        assertThat(one.json().get("type").asString()).isEqualTo("Feature");
        assertThat(one.json().at("/geometry/coordinates/0").asDouble()).isEqualTo(108.21);
        assertThat(one.json().at("/properties/status").asString()).isEqualTo("occupied");
        assertThat(one.header("Link")).contains("rel=\"http://www.w3.org/ns/json-ld#context\"");
        // JSON stays the default.
        assertThat(api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":1").json().get("type").asString()).isEqualTo(type);
    }

    @Test
    void clause6_4_3_3_purgeDeletesEveryEntityTheQuerySelects() {
        assertThat(api.send("DELETE", "/ngsi-ld/v1/entities?type=" + type + "&q=status==%22occupied%22", null).status())
                .isEqualTo(204);
        JsonNode left = api.get("/ngsi-ld/v1/entities?type=" + type + "&limit=100").json();
        List<String> statuses = new ArrayList<>();
        left.forEach(e -> statuses.add(e.at("/status/value").asString()));
        assertThat(statuses).containsExactly("free", "free", "free");
        assertThat(api.send("DELETE", "/ngsi-ld/v1/entities?q=status==%22free%22", null).status())
                .as("a purge names its entities").isEqualTo(400);
        assertThat(api.send("DELETE", "/ngsi-ld/v1/entities?type=" + type + "&limit=1", null).status())
                .as("only selectors").isEqualTo(400);
        assertThat(api.send("DELETE", "/ngsi-ld/v1/entities?type=" + type, null).status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/entities?type=" + type).json()).isEmpty();
    }

    @Test
    void clause5_5_9_subscriptionsAndRegistrationsArePagedWithLinks() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/ngsi-ld/v1/subscriptions", """
                    {"type": "Subscription", "entities": [{"type": "%s"}],
                     "notification": {"endpoint": {"uri": "http://127.0.0.1:9/notify"}}}""".formatted(type)).status())
                    .isEqualTo(201);
            assertThat(api.post("/ngsi-ld/v1/csourceRegistrations", """
                    {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "%s"}]}],
                     "endpoint": "http://127.0.0.1:9/source"}""".formatted(type)).status()).isEqualTo(201);
        }
        SaolaClient.Response first = api.get("/ngsi-ld/v1/subscriptions?limit=1");
        assertThat(first.header("Link")).contains("offset=1").contains("rel=\"next\"");
        SaolaClient.Response registrations = api.get("/ngsi-ld/v1/csourceRegistrations?type=" + type + "&limit=2&offset=1");
        assertThat(registrations.json()).hasSize(2);
        assertThat(registrations.headers().get("Link")).anyMatch(l -> l.contains("rel=\"prev\""))
                .noneMatch(l -> l.contains("rel=\"next\""));
    }
}
