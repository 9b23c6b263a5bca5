package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The NGSI-LD entity write operations, as a client uses them over HTTP, with their error cases. */
class NgsiLdEntityWritesTest extends PlatformTest {

    private static final String COLLECTION = "/ngsi-ld/v1/entities";
    private static final String ENTITIES = COLLECTION + "/";
    private static final String CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    private SaolaClient api;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("entity writes test"));
    }

    private static String newId() {
        return "urn:ngsi-ld:WeatherObserved:" + UUID.randomUUID();
    }

    private static String station(String id) {
        return """
                {"id": "%s", "type": "WeatherObserved",
                 "temperature": {"type": "Property", "value": 29.5, "unitCode": "CEL",
                                 "observedAt": "2026-11-23T08:00:00Z",
                                 "accuracy": {"type": "Property", "value": 0.2}},
                 "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:ws-1"},
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.2208, 16.0678]}},
                 "name": {"type": "LanguageProperty", "languageMap": {"vi": "Cầu Rồng", "en": "Dragon Bridge"}}}"""
                .formatted(id);
    }

    private SaolaClient.Response create(String body) {
        return api.send("POST", COLLECTION, body);
    }

    private void assertError(SaolaClient.Response r, int status, String type, String detailContains) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/" + type);
        assertThat(r.json().get("detail").asString()).contains(detailContains);
    }

    @Test
    void langShowsALanguagePropertyInTheLanguageAsked() {
        String id = newId();
        assertThat(create(station(id)).status()).isEqualTo(201);
        JsonNode vi = api.get(ENTITIES + id + "?lang=vi").json();
        assertThat(vi.at("/name/type").asString()).isEqualTo("Property");
        assertThat(vi.at("/name/value").asString()).isEqualTo("Cầu Rồng");
        assertThat(vi.at("/name/lang").asString()).isEqualTo("vi");
        assertThat(vi.at("/temperature/value").asDouble()).isEqualTo(29.5);      // other attributes as they are
        JsonNode en = api.get(ENTITIES + id + "?lang=" + java.net.URLEncoder.encode("fr,en;q=0.8,vi;q=0.5",
                java.nio.charset.StandardCharsets.UTF_8) + "&options=keyValues").json();
        assertThat(en.get("name").asString()).isEqualTo("Dragon Bridge");
        JsonNode query = api.get(COLLECTION + "?id=" + id + "&type=WeatherObserved&lang=en-GB").json();
        assertThat(query.at("/0/name/value").asString()).as("no en-GB: en").isEqualTo("Dragon Bridge");
        JsonNode none = api.get(ENTITIES + id + "?lang=ja").json();
        assertThat(none.at("/name/value").asString()).as("no Japanese: one of its languages")
                .isIn("Cầu Rồng", "Dragon Bridge");
        assertThat(none.at("/name/lang").asString()).isIn("vi", "en");
        assertThat(api.get(ENTITIES + id + "?lang=" + java.net.URLEncoder.encode("vi;q=x",
                java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void theAcceptHeaderChoosesJsonOrJsonLdByQuality() {
        String id = newId();
        assertThat(create(station(id)).status()).isEqualTo(201);
        String url = ENTITIES + id;
        assertThat(api.get(url, "Accept", "application/ld+json").header("Content-Type")).startsWith("application/ld+json");
        assertThat(api.get(url, "Accept", "application/ld+json").json().get("@context").asString()).isEqualTo(CORE);
        assertThat(api.get(url, "Accept", "*/*").header("Content-Type")).startsWith("application/json");
        assertThat(api.get(url, "Accept", "application/*").header("Content-Type")).startsWith("application/ld+json");
        assertThat(api.get(url, "Accept", "application/ld+json;q=0.5, application/json").header("Content-Type"))
                .startsWith("application/json");
        assertThat(api.get(url, "Accept", "application/ld+json;q=0, */*").header("Content-Type"))
                .startsWith("application/json");
        assertThat(api.get(url, "Accept", "application/json;q=0.2, application/ld+json;q=0.9").header("Content-Type"))
                .startsWith("application/ld+json");
        SaolaClient.Response refused = api.get(url, "Accept", "application/ld+json;q=0");
        assertThat(refused.status()).isEqualTo(406);
        assertThat(api.get(url, "Accept", "text/csv").status()).isEqualTo(406);
    }

    @Test
    void createdEntitiesReadBackAsSentWithEveryKindOfAttribute() {
        String id = newId();
        SaolaClient.Response created = create(station(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(ENTITIES + id);

        JsonNode e = api.get(ENTITIES + id).json();
        assertThat(e.get("type").asString()).isEqualTo("WeatherObserved");
        assertThat(e.at("/temperature/value").asDouble()).isEqualTo(29.5);
        assertThat(e.at("/temperature/unitCode").asString()).isEqualTo("CEL");
        assertThat(e.at("/temperature/observedAt").asString()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(e.at("/temperature/accuracy/value").asDouble()).isEqualTo(0.2);
        assertThat(e.at("/temperature/createdAt").isMissingNode()).isTrue();
        assertThat(e.at("/refDevice/object").asString()).isEqualTo("urn:ngsi-ld:Device:ws-1");
        assertThat(e.at("/location/value/coordinates/0").asDouble()).isEqualTo(108.2208);
        assertThat(e.at("/name/languageMap/vi").asString()).isEqualTo("Cầu Rồng");

        JsonNode kv = api.get(ENTITIES + id + "?options=keyValues").json();
        assertThat(kv.get("temperature").asDouble()).isEqualTo(29.5);
        assertThat(kv.get("refDevice").asString()).isEqualTo("urn:ngsi-ld:Device:ws-1");
        assertThat(kv.at("/name/languageMap/en").asString()).isEqualTo("Dragon Bridge");

        JsonNode concise = api.get(ENTITIES + id + "?format=concise").json();
        assertThat(concise.at("/temperature/value").asDouble()).isEqualTo(29.5);
        assertThat(concise.at("/temperature/type").isMissingNode()).isTrue();
        assertThat(concise.at("/temperature/accuracy").asDouble()).isEqualTo(0.2);
        assertThat(concise.at("/refDevice/object").asString()).isEqualTo("urn:ngsi-ld:Device:ws-1");
        assertThat(concise.at("/location/type").asString()).isEqualTo("Point");
        // What comes out concise goes back in as the same entity.
        String copy = concise.toString().replace(id, id + "-copy");
        assertThat(create(copy).status()).isEqualTo(201);
        assertThat(api.get(ENTITIES + id + "-copy").json().get("temperature"))
                .isEqualTo(api.get(ENTITIES + id).json().get("temperature"));

        JsonNode sys = api.get(ENTITIES + id + "?options=sysAttrs").json();
        assertThat(sys.get("createdAt").asString()).isNotBlank();
        assertThat(sys.at("/temperature/createdAt").asString()).isNotBlank();
        assertThat(sys.at("/temperature/modifiedAt").asString()).isNotBlank();
    }

    @Test
    void conciseInputIsStoredNormalized() {
        String id = newId();
        assertThat(create("""
                {"id": "%s", "type": "WeatherObserved", "temperature": 31,
                 "location": {"type": "Point", "coordinates": [108.2, 16.0]},
                 "refDevice": {"object": "urn:ngsi-ld:Device:ws-2"}}""".formatted(id)).status()).isEqualTo(201);
        JsonNode e = api.get(ENTITIES + id).json();
        assertThat(e.at("/temperature/type").asString()).isEqualTo("Property");
        assertThat(e.at("/location/type").asString()).isEqualTo("GeoProperty");
        assertThat(e.at("/refDevice/type").asString()).isEqualTo("Relationship");
    }

    @Test
    void jsonLdBodiesCarryTheirContext() {
        String id = newId();
        String ld = station(id).replaceFirst("\\{", "{\"@context\": \"" + CORE + "\", ");
        assertThat(api.send("POST", COLLECTION, ld, "Content-Type", "application/ld+json").status()).isEqualTo(201);
        assertThat(api.get(ENTITIES + id).status()).isEqualTo(200);

        assertError(api.send("POST", COLLECTION, station(newId()), "Content-Type", "application/ld+json"),
                400, "BadRequestData", "carries its @context");
        assertError(create(ld.replace(id, newId())), 400, "BadRequestData", "goes in a Link header");
        assertError(api.send("POST", COLLECTION, ld.replace(CORE, "https://example.org/unknown.jsonld"),
                "Content-Type", "application/ld+json"), 503, "LdContextNotAvailable", "https://example.org/unknown.jsonld");
    }

    @Test
    void creatingAnExistingEntityIsAConflict() {
        String id = newId();
        assertThat(create(station(id)).status()).isEqualTo(201);
        assertError(create(station(id)), 409, "AlreadyExists", id);
    }

    @Test
    void malformedEntitiesAreRefusedWithWhatToFix() {
        assertError(create("{\"type\": \"WeatherObserved\"}"), 400, "BadRequestData", "needs an 'id'");
        assertError(create("{\"id\": \"" + newId() + "\"}"), 400, "BadRequestData", "needs a 'type'");
        assertError(create("{\"id\": \"not a uri\", \"type\": \"T\"}"), 400, "BadRequestData", "not a valid URI");
        assertError(create(station(newId()).replace("[108.2208, 16.0678]", "[16.0678, 188.2208]")),
                400, "BadRequestData", "outside WGS 84");
        assertError(create(station(newId()).replace("\"urn:ngsi-ld:Device:ws-1\"", "\"ws-1\"")),
                400, "BadRequestData", "refDevice");
        assertError(create(station(newId()).replace("\"value\": 29.5", "\"value\": null")),
                400, "BadRequestData", "temperature");
        assertError(create(station(newId()).replace("\"temperature\"", "\"temp(c)\"")),
                400, "BadRequestData", "not a valid NGSI-LD name");
        assertError(create(station(newId()).replace("\"temperature\"", "\"P?|{{\"")),
                400, "BadRequestData", "not a valid NGSI-LD name");
        assertError(create(station(newId()).replace("\"unitCode\": \"CEL\"", "\"datasetId\": \"ds-1\"")),
                400, "BadRequestData", "datasetId 'ds-1' is not an absolute URI");
        assertError(create("{\"id\": "), 400, "InvalidRequest", "not valid JSON");
        SaolaClient.Response text = api.send("POST", COLLECTION, station(newId()), "Content-Type", "text/plain");
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    void appendAddsAttributesAndWithNoOverwriteKeepsExistingOnes() {
        String id = newId();
        create(station(id));
        assertThat(api.send("POST", ENTITIES + id + "/attrs", "{\"humidity\": {\"type\": \"Property\", \"value\": 0.8}}")
                .status()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).json().at("/humidity/value").asDouble()).isEqualTo(0.8);

        SaolaClient.Response partial = api.send("POST", ENTITIES + id + "/attrs?options=noOverwrite",
                "{\"humidity\": {\"type\": \"Property\", \"value\": 0.1}, \"pressure\": {\"type\": \"Property\", \"value\": 1012}}");
        assertThat(partial.status()).isEqualTo(207);
        assertThat(partial.json().get("updated").get(0).asString()).isEqualTo("pressure");
        assertThat(partial.json().at("/notUpdated/0/attributeName").asString()).isEqualTo("humidity");
        assertThat(api.get(ENTITIES + id).json().at("/humidity/value").asDouble()).isEqualTo(0.8);

        assertError(api.send("POST", ENTITIES + newId() + "/attrs", "{\"humidity\": 1}"), 404, "ResourceNotFound", "no entity");
        assertError(api.send("POST", ENTITIES + id + "/attrs", "{}"), 400, "BadRequestData", "no attribute");
    }

    @Test
    void updateChangesOnlyAttributesTheEntityHas() {
        String id = newId();
        create(station(id));
        SaolaClient.Response r = api.send("PATCH", ENTITIES + id + "/attrs",
                "{\"temperature\": {\"type\": \"Property\", \"value\": 33}, \"snow\": {\"type\": \"Property\", \"value\": 0}}");
        assertThat(r.status()).isEqualTo(207);
        assertThat(r.json().get("updated").get(0).asString()).isEqualTo("temperature");
        assertThat(r.json().at("/notUpdated/0/attributeName").asString()).isEqualTo("snow");
        JsonNode e = api.get(ENTITIES + id).json();
        assertThat(e.at("/temperature/value").asDouble()).isEqualTo(33);
        assertThat(e.has("snow")).isFalse();

        assertThat(api.send("PATCH", ENTITIES + id + "/attrs", "{\"temperature\": 34}").status()).isEqualTo(204);
    }

    @Test
    void aPartialAttributeUpdateKeepsWhatItDoesNotMentionAndGoesIntoHistory() {
        String id = newId();
        create(station(id));
        assertThat(api.send("PATCH", ENTITIES + id + "/attrs/temperature",
                "{\"value\": 30.5, \"observedAt\": \"2026-11-23T09:00:00Z\"}").status()).isEqualTo(204);
        JsonNode t = api.get(ENTITIES + id).json().get("temperature");
        assertThat(t.get("value").asDouble()).isEqualTo(30.5);
        assertThat(t.get("unitCode").asString()).isEqualTo("CEL");
        assertThat(t.at("/accuracy/value").asDouble()).isEqualTo(0.2);

        JsonNode history = api.get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=temperature").json();
        List<Double> values = new ArrayList<>();
        history.get("temperature").forEach(instance -> values.add(instance.get("value").asDouble()));
        assertThat(values).containsExactly(29.5, 30.5);

        assertError(api.send("PATCH", ENTITIES + id + "/attrs/temperature", "{\"type\": \"Relationship\"}"),
                400, "BadRequestData", "cannot make it a Relationship");
        assertError(api.send("PATCH", ENTITIES + id + "/attrs/snow", "{\"value\": 1}"), 404, "ResourceNotFound", "snow");
    }

    @Test
    void attributesCanBeReplacedAndDeleted() {
        String id = newId();
        create(station(id));
        assertThat(api.send("PUT", ENTITIES + id + "/attrs/refDevice",
                "{\"type\": \"Relationship\", \"object\": \"urn:ngsi-ld:Device:ws-9\"}").status()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).json().at("/refDevice/object").asString()).isEqualTo("urn:ngsi-ld:Device:ws-9");

        assertThat(api.delete(ENTITIES + id + "/attrs/refDevice").status()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).json().has("refDevice")).isFalse();
        assertError(api.delete(ENTITIES + id + "/attrs/refDevice"), 404, "ResourceNotFound", "refDevice");
    }

    @Test
    void replacingAnEntityKeepsOnlyTheNewAttributesAndItsCreationTime() {
        String id = newId();
        create(station(id));
        String createdAt = api.get(ENTITIES + id + "?options=sysAttrs").json().get("createdAt").asString();
        assertThat(api.send("PUT", ENTITIES + id, "{\"type\": \"WeatherObserved\", \"temperature\": 20}").status())
                .isEqualTo(204);
        JsonNode e = api.get(ENTITIES + id + "?options=sysAttrs").json();
        assertThat(e.get("temperature").get("value").asDouble()).isEqualTo(20);
        assertThat(e.has("location")).isFalse();
        assertThat(e.get("createdAt").asString()).isEqualTo(createdAt);

        assertError(api.send("PUT", ENTITIES + id, "{\"id\": \"urn:x:other\", \"type\": \"WeatherObserved\"}"),
                400, "BadRequestData", "differs");
        assertError(api.send("PUT", ENTITIES + newId(), "{\"type\": \"WeatherObserved\"}"), 404, "ResourceNotFound", "no entity");
    }

    @Test
    void deletedEntitiesAreGone() {
        String id = newId();
        create(station(id));
        assertThat(api.delete(ENTITIES + id).status()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).status()).isEqualTo(404);
        assertError(api.delete(ENTITIES + id), 404, "ResourceNotFound", id);
        assertThat(create(station(id)).status()).isEqualTo(201);
    }

    @Test
    void multiAttributesKeepOneInstancePerDatasetId() {
        String id = newId();
        String a = "urn:ngsi-ld:Dataset:sensor-a";
        String b = "urn:ngsi-ld:Dataset:sensor-b";
        assertThat(create("""
                {"id": "%s", "type": "WeatherObserved", "temperature": [
                  {"type": "Property", "value": 20, "datasetId": "%s"},
                  {"type": "Property", "value": 21, "datasetId": "%s"},
                  {"type": "Property", "value": 20.5}]}""".formatted(id, a, b)).status()).isEqualTo(201);
        assertThat(api.get(ENTITIES + id).json().get("temperature")).hasSize(3);

        assertThat(api.send("POST", ENTITIES + id + "/attrs",
                "{\"temperature\": {\"type\": \"Property\", \"value\": 22, \"datasetId\": \"" + a + "\"}}").status())
                .isEqualTo(204);
        assertThat(api.send("PATCH", ENTITIES + id + "/attrs/temperature",
                "{\"value\": 23, \"datasetId\": \"" + b + "\"}").status()).isEqualTo(204);
        JsonNode t = api.get(ENTITIES + id).json().get("temperature");
        assertThat(t).hasSize(3);
        List<String> values = new ArrayList<>();
        t.forEach(i -> values.add(i.path("datasetId").asString("default") + "=" + i.get("value").asDouble()));
        assertThat(values).containsExactlyInAnyOrder(a + "=22.0", b + "=23.0", "default=20.5");
        assertThat(api.get("/ngsi-ld/v1/entities?type=WeatherObserved&id=" + id + "&q=temperature%3E22.5").json()).hasSize(1);
        assertThat(api.get("/ngsi-ld/v1/entities?type=WeatherObserved&id=" + id + "&q=temperature%3E23.5").json()).isEmpty();

        assertThat(api.delete(ENTITIES + id + "/attrs/temperature?datasetId=" + a).status()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).json().get("temperature")).hasSize(2);
        assertThat(api.delete(ENTITIES + id + "/attrs/temperature").status()).isEqualTo(204);
        // §4.5.5: the one instance left is shown as itself, not as an array of one.
        assertThat(api.get(ENTITIES + id).json().at("/temperature/datasetId").asString()).isEqualTo(b);
        assertError(api.delete(ENTITIES + id + "/attrs/temperature?datasetId=" + a), 404, "ResourceNotFound", a);
        assertThat(api.delete(ENTITIES + id + "/attrs/temperature?deleteAll=true").status()).isEqualTo(204);
        assertThat(api.get(ENTITIES + id).json().has("temperature")).isFalse();

        JsonNode history = api.get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=temperature").json().get("temperature");
        assertThat(history).hasSize(5);
        assertThat(history.findValues("datasetId").stream().map(JsonNode::asString)).contains(a, b);
    }

    @Test
    void concurrentWritesToOneEntityAreAllKept() throws Exception {
        String id = newId();
        create(station(id));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String body = "{\"a" + i + "\": " + i + "}";
            results.add(pool.submit(() -> api.send("POST", ENTITIES + id + "/attrs", body).status()));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(204);
        }
        pool.shutdown();
        JsonNode e = api.get(ENTITIES + id + "?options=keyValues").json();
        for (int i = 0; i < 60; i++) {
            assertThat(e.get("a" + i).asInt()).as("a" + i).isEqualTo(i);
        }
    }
}
