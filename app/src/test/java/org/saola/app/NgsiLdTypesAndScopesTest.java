package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Entities of several types (NGSI-LD 1.8.1 §4.16, §4.17) and scopes (§4.18, §4.19), as a client uses them. */
class NgsiLdTypesAndScopesTest extends PlatformTest {

    private SaolaClient api;
    private String s;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("types and scopes test"));
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    private String building() {
        return "Building" + s;
    }

    private String tourist() {
        return "TouristDestination" + s;
    }

    private void create(String id, String types, String scope) {
        SaolaClient.Response r = api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": %s, %s "name": "Chợ Hàn"}""".formatted(id, types, scope == null ? "" : "\"scope\": " + scope + ","));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private List<String> ids(String query) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?" + query + "&limit=100");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().findValues("id").stream().map(JsonNode::asString).filter(i -> i.contains(s)).sorted().toList();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Test
    void anEntityOfSeveralTypesIsFoundByEachAndGainsTypesUntilReplaced() {
        String market = "urn:ngsi-ld:Market:" + s;
        String plain = "urn:ngsi-ld:Building:" + s;
        create(market, "[\"%s\", \"%s\"]".formatted(building(), tourist()), null);
        create(plain, "\"%s\"".formatted(building()), null);

        JsonNode e = api.get("/ngsi-ld/v1/entities/" + market).json();
        assertThat(e.get("type").toString()).isEqualTo("[\"%s\",\"%s\"]".formatted(building(), tourist()));
        assertThat(api.get("/ngsi-ld/v1/entities/" + plain).json().get("type").asString()).isEqualTo(building());

        assertThat(ids("type=" + building())).containsExactly(plain, market);
        assertThat(ids("type=" + tourist())).containsExactly(market);
        assertThat(ids("type=" + enc(building() + ";" + tourist()))).containsExactly(market);
        assertThat(ids("type=" + enc("(" + building() + ";Vehicle)," + tourist()))).containsExactly(market);

        JsonNode types = api.get("/ngsi-ld/v1/types/" + tourist()).json();
        assertThat(types.get("entityCount").asInt()).isEqualTo(1);
        assertThat(api.get("/ngsi-ld/v1/types").body()).contains(building()).contains(tourist());

        // Append and update add types; a type it has already changes nothing.
        assertThat(api.send("POST", "/ngsi-ld/v1/entities/" + plain + "/attrs",
                "{\"type\": \"" + tourist() + "\"}").status()).isEqualTo(204);
        assertThat(ids("type=" + tourist())).containsExactly(plain, market);
        assertThat(api.send("PATCH", "/ngsi-ld/v1/entities/" + plain + "/attrs",
                "{\"type\": \"" + building() + "\", \"name\": \"Chợ Cồn\"}").status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/entities/" + plain).json().get("type").size()).isEqualTo(2);

        // Replacing the entity is how types go away.
        assertThat(api.send("PUT", "/ngsi-ld/v1/entities/" + market,
                "{\"type\": \"" + building() + "\", \"name\": \"Chợ Hàn\"}").status()).isEqualTo(204);
        assertThat(ids("type=" + tourist())).containsExactly(plain);
    }

    @Test
    void scopesAreKeptAndQueriedWithWildcards() {
        String a = "urn:ngsi-ld:Park:a" + s;
        String b = "urn:ngsi-ld:Park:b" + s;
        String c = "urn:ngsi-ld:Park:c" + s;
        create(a, "\"" + building() + "\"", "\"/DaNang/HaiChau/Parks\"");
        create(b, "\"" + building() + "\"", "[\"/DaNang/SonTra/Parks\", \"/Company_A/Unit1\"]");
        create(c, "\"" + building() + "\"", null);

        JsonNode read = api.get("/ngsi-ld/v1/entities/" + b + "?options=keyValues").json();
        assertThat(read.get("scope").toString()).isEqualTo("[\"/DaNang/SonTra/Parks\",\"/Company_A/Unit1\"]");
        assertThat(api.get("/ngsi-ld/v1/entities/" + a).json().get("scope").asString()).isEqualTo("/DaNang/HaiChau/Parks");

        String type = "type=" + building() + "&scopeQ=";
        assertThat(ids(type + enc("/DaNang/HaiChau/Parks"))).containsExactly(a);
        assertThat(ids(type + enc("/DaNang/+/Parks"))).containsExactly(a, b);
        assertThat(ids(type + enc("/DaNang/#"))).containsExactly(a, b);
        assertThat(ids(type + enc("/#"))).containsExactly(a, b);
        assertThat(ids(type + enc("/DaNang/#;/Company_A/#"))).containsExactly(b);
        assertThat(ids(type + enc("/DaNang/HaiChau/Parks,/Company_A/Unit1"))).containsExactly(a, b);
        SaolaClient.Response bad = api.get("/ngsi-ld/v1/entities?" + type + "DaNang");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("starts with '/'");

        // Append replaces the scopes, with noOverwrite adds to them; update changes only existing scopes.
        api.send("POST", "/ngsi-ld/v1/entities/" + a + "/attrs", "{\"scope\": \"/DaNang/NguHanhSon\"}");
        assertThat(ids(type + enc("/DaNang/HaiChau/#"))).isEmpty();
        api.send("POST", "/ngsi-ld/v1/entities/" + a + "/attrs?options=noOverwrite", "{\"scope\": \"/Tourism\"}");
        assertThat(ids(type + enc("/DaNang/NguHanhSon;/Tourism"))).containsExactly(a);
        SaolaClient.Response noScope = api.send("PATCH", "/ngsi-ld/v1/entities/" + c + "/attrs", "{\"scope\": \"/X\"}");
        assertThat(noScope.status()).isEqualTo(207);
        assertThat(noScope.json().at("/notUpdated/0/attributeName").asString()).isEqualTo("scope");
        SaolaClient.Response badScope = api.send("POST", "/ngsi-ld/v1/entities/" + c + "/attrs", "{\"scope\": \"/a#b\"}");
        assertThat(badScope.status()).isEqualTo(400);

        // Deleting the scope attribute removes the entity's scopes.
        assertThat(api.delete("/ngsi-ld/v1/entities/" + a + "/attrs/scope").status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/entities/" + a).json().has("scope")).isFalse();
        assertThat(api.delete("/ngsi-ld/v1/entities/" + a + "/attrs/scope").status()).isEqualTo(404);
    }

    @Test
    void subscriptionsSelectByAnyTypeAndByScope() throws Exception {
        try (NgsiLdSubscriptionsTest.Receiver receiver = new NgsiLdSubscriptionsTest.Receiver()) {
            SaolaClient.Response sub = api.post("/ngsi-ld/v1/subscriptions", """
                    {"type": "Subscription", "entities": [{"type": "%s;%s"}], "scopeQ": "/DaNang/#",
                     "notification": {"endpoint": {"uri": "%s"}}}""".formatted(tourist(), building(), receiver.url()));
            assertThat(sub.status()).as(sub.body()).isEqualTo(201);
            create("urn:ngsi-ld:Market:out" + s, "[\"%s\", \"%s\"]".formatted(building(), tourist()), "\"/Hue\"");
            create("urn:ngsi-ld:Market:one" + s, "\"%s\"".formatted(tourist()), "\"/DaNang/SonTra\"");  // not both types
            create("urn:ngsi-ld:Market:in" + s, "[\"%s\", \"%s\"]".formatted(building(), tourist()), "\"/DaNang/HaiChau\"");
            // A later matching entity: its notification comes next, so none came for the two that do not match.
            create("urn:ngsi-ld:Market:later" + s, "[\"%s\", \"%s\"]".formatted(building(), tourist()), "\"/DaNang/SonTra\"");
            // (The two may come in one notification or two: count entities, not notifications.)
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.entities().size() >= 2);
            assertThat(receiver.entities()).extracting(e -> e.get("id").asString())
                    .containsExactly("urn:ngsi-ld:Market:in" + s, "urn:ngsi-ld:Market:later" + s);
            JsonNode data = receiver.notifications.peek().at("/data/0");
            assertThat(data.get("id").asString()).isEqualTo("urn:ngsi-ld:Market:in" + s);
            assertThat(data.get("type").size()).isEqualTo(2);
            assertThat(data.get("scope").asString()).isEqualTo("/DaNang/HaiChau");
        }
    }
}
