package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Inline @context objects in request bodies (JSON-LD 1.1 §3.1, NGSI-LD 1.8.1 §5.5.7), and how Saola serves them. */
class NgsiLdInlineContextTest extends PlatformTest {

    private static final String CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
    private static final String LD = "application/ld+json";

    private SaolaClient api;
    private String suffix;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("inline context test"));
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    /** A city's own terms, sent inline rather than published at a URL. */
    private String inlineContext() {
        return """
                {"Barn%1$s": "https://example.org/hue/Barn%1$s", "height": "https://example.org/hue/height",
                 "barn": "https://wiki.openstreetmap.org/wiki/Tag:building%%3Dbarn"}""".formatted(suffix);
    }

    @Test
    void termsOfAnInlineContextAreExpandedOnWriteAndCompactedWithTheHostedCopy() {
        String id = "urn:ngsi-ld:Barn:" + suffix;
        SaolaClient.Response created = api.send("POST", "/ngsi-ld/v1/entities", """
                {"@context": [%s, "%s"], "id": "%s", "type": "Barn%s",
                 "height": {"type": "Property", "value": 7.5}, "category": {"type": "VocabProperty", "vocab": "barn"}}"""
                .formatted(inlineContext(), CORE, id, suffix), "Content-Type", LD);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // Read with the core context only: the IRIs the inline context gave.
        JsonNode plain = api.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(plain.get("type").asString()).isEqualTo("https://example.org/hue/Barn" + suffix);
        assertThat(plain.at("/https:~1~1example.org~1hue~1height/value").asDouble()).isEqualTo(7.5);
        assertThat(plain.at("/category/vocab").asString()).isEqualTo("https://wiki.openstreetmap.org/wiki/Tag:building%3Dbarn");

        // A subscription with the same inline context: Saola keeps it and names its hosted copy.
        SaolaClient.Response sub = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"@context": %s, "type": "Subscription", "entities": [{"type": "Barn%s"}],
                 "notification": {"endpoint": {"uri": "http://127.0.0.1:9/unused"}}}"""
                .formatted(inlineContext(), suffix), "Content-Type", LD);
        assertThat(sub.status()).as(sub.body()).isEqualTo(201);
        String hosted = api.get(sub.header("Location")).json().get("jsonldContext").asString();
        assertThat(hosted).contains("/ngsi-ld/v1/jsonldContexts/urn:saola:jsonld-context:");

        // Anyone may fetch it, as JSON-LD processors do, without credentials.
        SaolaClient.Response served = api.anonymous().get(hosted.substring(hosted.indexOf("/ngsi-ld/")));
        assertThat(served.status()).as(served.body()).isEqualTo(200);
        assertThat(served.json().at("/@context/height").asString()).isEqualTo("https://example.org/hue/height");

        // Named in a Link header, it compacts the entity to the city's terms.
        JsonNode compacted = api.get("/ngsi-ld/v1/entities/" + id, "Link",
                "<" + hosted + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"").json();
        assertThat(compacted.get("type").asString()).isEqualTo("Barn" + suffix);
        assertThat(compacted.at("/height/value").asDouble()).isEqualTo(7.5);
        assertThat(compacted.at("/category/vocab").asString()).isEqualTo("barn");
    }

    @Test
    void notificationsOfASubscriptionWithAnInlineContextUseItsTerms() throws Exception {
        try (NgsiLdSubscriptionsTest.Receiver receiver = new NgsiLdSubscriptionsTest.Receiver()) {
            SaolaClient.Response sub = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                    {"@context": [%s], "type": "Subscription", "entities": [{"type": "Barn%s"}],
                     "notification": {"endpoint": {"uri": "%s"}}}"""
                    .formatted(inlineContext(), suffix, receiver.url()), "Content-Type", LD);
            assertThat(sub.status()).as(sub.body()).isEqualTo(201);
            api.send("POST", "/ngsi-ld/v1/entities", """
                    {"@context": %s, "id": "urn:ngsi-ld:Barn:n%s", "type": "Barn%s", "height": 3}"""
                    .formatted(inlineContext(), suffix, suffix), "Content-Type", LD);
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.notifications.isEmpty());
            JsonNode data = receiver.notifications.peek().at("/data/0");
            assertThat(data.get("type").asString()).isEqualTo("Barn" + suffix);
            assertThat(data.at("/height/value").asInt()).isEqualTo(3);
            assertThat(receiver.headers.peek().get("Link").getFirst()).contains("/ngsi-ld/v1/jsonldContexts/urn:saola:jsonld-context:");
        }
    }

    @Test
    void anInvalidInlineContextIsRefusedWithWhatIsWrong() {
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entities", """
                {"@context": [{"height": 5}, "%s"], "id": "urn:ngsi-ld:Barn:bad", "type": "Barn", "height": 1}"""
                .formatted(CORE), "Content-Type", LD);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
        assertThat(r.json().get("detail").asString()).contains("inline @context");
        SaolaClient.Response again = api.send("POST", "/ngsi-ld/v1/entities", """
                {"@context": [{"height": 5}, "%s"], "id": "urn:ngsi-ld:Barn:bad", "type": "Barn", "height": 1}"""
                .formatted(CORE), "Content-Type", LD);
        assertThat(again.status()).as("the same invalid context, sent again").isEqualTo(400);
        SaolaClient.Response unknown = api.anonymous().get("/ngsi-ld/v1/jsonldContexts/urn:saola:jsonld-context:00");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.anonymous().get("/ngsi-ld/v1/jsonldContexts/urn:saola:jsonld-context:%20").status()).isEqualTo(404);
        assertThat(api.anonymous().get("/ngsi-ld/v1/jsonldContexts/urn:saola:jsonld-context:" + "ab".repeat(32),
                "NGSILD-Tenant", "other").status()).as("no tenant check on the open route").isEqualTo(404);
    }
}
