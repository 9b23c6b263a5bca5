package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The @context management API (ETSI GS CIM 009 V1.8.1 §5.13): hosted, implicitly created and cached @contexts. */
class NgsiLdContextManagementTest extends PlatformTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    org.saola.platform.security.ApiKeys apiKeys;

    private static final String CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    private SaolaClient api;
    private String term;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("contexts"));
        term = "flow" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void clause5_13_aHostedContextIsServedUsedListedAndDeleted() {
        SaolaClient.Response added = api.post("/ngsi-ld/v1/jsonldContexts",
                "{\"@context\": {\"" + term + "\": \"https://water.danang.example/vocab#" + term + "\"}}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String location = added.header("Location");
        assertThat(location).startsWith("/ngsi-ld/v1/jsonldContexts/urn:saola:jsonld-context:");
        String id = location.substring("/ngsi-ld/v1/jsonldContexts/".length());
        String url = "http://localhost:" + port + location;

        // Served to anyone, and used as any @context is, by its URL.
        SaolaClient anonymous = client().anonymous();
        assertThat(anonymous.get(location).json().at("/@context/" + term).asString())
                .isEqualTo("https://water.danang.example/vocab#" + term);
        String link = "<" + url + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
        String entity = "urn:ngsi-ld:WaterObserved:hosted-" + term;
        assertThat(api.send("POST", "/ngsi-ld/v1/entities", "{\"id\": \"" + entity + "\", \"type\": \"WaterObserved\", \""
                + term + "\": 12.5}", "Link", link).status()).isEqualTo(201);
        assertThat(api.get("/ngsi-ld/v1/entities/" + entity, "Link", link).json().at("/" + term + "/value").asDouble())
                .isEqualTo(12.5);
        assertThat(api.get("/ngsi-ld/v1/entities/" + entity).json().has("https://water.danang.example/vocab#" + term))
                .as("without the context, the full IRI").isTrue();

        // Listed with its kind.
        assertThat(strings(api.get("/ngsi-ld/v1/jsonldContexts?kind=hosted").json())).contains(url);
        JsonNode details = api.get("/ngsi-ld/v1/jsonldContexts?kind=hosted&details=true").json();
        assertThat(details.findValuesAsString("localId")).contains(id);
        assertThat(details.findValuesAsString("kind")).containsOnly("Hosted");
        assertThat(api.get(location + "?details=true").json().get("kind").asString()).isEqualTo("Hosted");
        assertThat(strings(api.get("/ngsi-ld/v1/jsonldContexts?kind=cached").json())).contains(CORE);
        assertThat(strings(api.get("/ngsi-ld/v1/jsonldContexts").json())).contains(CORE, url);

        // Deleted: no longer served.
        assertThat(api.send("DELETE", location, null).status()).isEqualTo(204);
        assertThat(anonymous.get(location).status()).isEqualTo(404);
        assertThat(api.send("DELETE", location, null).status()).isEqualTo(404);
    }

    @Test
    void clause5_13_eachTenantListsAndDeletesTheContextsItHolds() {
        jdbc.sql("INSERT INTO tenant (id, name) VALUES ('hoi-an', 'Hội An') ON CONFLICT DO NOTHING").update();
        SaolaClient other = client().withApiKey(apiKeys.issue(org.saola.platform.TenantId.of("hoi-an"), "contexts",
                org.saola.platform.security.StaffRole.ADMIN, "test").secret());
        String body = "{\"@context\": {\"" + term + "\": \"https://water.danang.example/vocab#" + term + "\"}}";
        String location = api.post("/ngsi-ld/v1/jsonldContexts", body).header("Location");
        String url = "http://localhost:" + port + location;
        assertThat(strings(other.get("/ngsi-ld/v1/jsonldContexts?kind=hosted").json())).doesNotContain(url);
        assertThat(other.send("DELETE", location, null).status()).as("not the other tenant's to delete").isEqualTo(404);
        // The same context hosted by both: one letting it go leaves it served for the other.
        assertThat(other.post("/ngsi-ld/v1/jsonldContexts", body).header("Location")).isEqualTo(location);
        assertThat(api.send("DELETE", location, null).status()).isEqualTo(204);
        assertThat(strings(api.get("/ngsi-ld/v1/jsonldContexts?kind=hosted").json())).doesNotContain(url);
        assertThat(client().anonymous().get(location).status()).isEqualTo(200);
        assertThat(other.send("DELETE", location, null).status()).isEqualTo(204);
        assertThat(client().anonymous().get(location).status()).isEqualTo(404);
    }

    @Test
    void clause5_13_4_whatIsInUseOrBundledStaysAndBadContextsAreRefused() {
        // A subscription created with an inline @context: kept (ImplicitlyCreated), and not deletable while in use.
        SaolaClient.Response s = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "WaterObserved"}], "watchedAttributes": ["%1$s"],
                 "notification": {"endpoint": {"uri": "http://127.0.0.1:9/notify"}},
                 "@context": [{"%1$s": "https://water.danang.example/vocab#%1$s"}, "%2$s"]}""".formatted(term, CORE),
                "Content-Type", "application/ld+json");
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        JsonNode implicit = api.get("/ngsi-ld/v1/jsonldContexts?kind=implicitlyCreated&details=true").json();
        List<String> ids = implicit.findValuesAsString("localId");
        assertThat(ids).isNotEmpty();
        String inUse = null;
        for (String id : ids) {
            JsonNode c = api.get("/ngsi-ld/v1/jsonldContexts/" + id).json();
            if (c.toString().contains(term)) {
                inUse = id;
            }
        }
        assertThat(inUse).as("the subscription's @context").isNotNull();
        SaolaClient.Response refused = api.send("DELETE", "/ngsi-ld/v1/jsonldContexts/" + inUse, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("in use");

        // The core context is bundled: it cannot be deleted.
        JsonNode cached = api.get("/ngsi-ld/v1/jsonldContexts?kind=cached&details=true").json();
        String core = null;
        for (JsonNode d : cached) {
            if (d.get("URL").asString().equals(CORE)) {
                core = d.get("localId").asString();
            }
        }
        assertThat(api.send("DELETE", "/ngsi-ld/v1/jsonldContexts/" + core + "?reload=true", null).status()).isEqualTo(400);
        // §5.13.4.4: a cached @context is described on demand, not served (422 OperationNotSupported).
        JsonNode described = api.get("/ngsi-ld/v1/jsonldContexts/" + core + "?details=true").json();
        assertThat(described.get("URL").asString()).isEqualTo(CORE);
        assertThat(described.get("kind").asString()).isEqualTo("Cached");
        SaolaClient.Response notServed = api.get("/ngsi-ld/v1/jsonldContexts/" + core);
        assertThat(notServed.status()).as(notServed.body()).isEqualTo(422);
        assertThat(notServed.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/OperationNotSupported");
        assertThat(api.get("/ngsi-ld/v1/jsonldContexts/urn:saola:cached-context:00").status()).isEqualTo(404);

        assertThat(api.post("/ngsi-ld/v1/jsonldContexts", "{\"terms\": {}}").status()).isEqualTo(400);
        assertThat(api.post("/ngsi-ld/v1/jsonldContexts", "{\"@context\": {\"x\": {\"@id\": 5}}}").status()).isEqualTo(400);
        assertThat(api.get("/ngsi-ld/v1/jsonldContexts?kind=borrowed").status()).isEqualTo(400);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
