package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.context.api.LeanWrites;
import org.saola.platform.security.RateLimits;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lean path of partial updates (issue #17, item 3: {@code PATCH …/attrs/{attr}} and {@code PATCH …/attrs}) answers what the full path (Spring Security's
 * chain, Spring MVC, the controller) answers: each request is sent twice, once as the lean path takes it and once
 * with a {@code charset} parameter on its {@code Content-Type}, which it leaves to the full path; status, headers and
 * body must be the same, and the lean path's counter says which answered. Every refusal of the caller (unknown or
 * revoked key, a role without the permission, another tenant, the rate limit) and every body that is not a JSON
 * object stays the full path's.
 */
class LeanWritesTest extends PlatformTest {

    /** Headers that differ between any two answers, whoever writes them. */
    private static final List<String> VARYING = List.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive");

    @Autowired
    LeanWrites lean;
    @Autowired
    RateLimits limits;
    @Autowired
    TestClock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.saola.platform.security.ApiKeys apiKeys;

    private SaolaClient operator;
    private String secret;
    private String keyName;
    private String type;

    private SaolaClient reader;

    /**
     * A tenant of the test's own: a context source registered in the default tenant by another test sends that
     * tenant's writes to the full path (they may have to be forwarded), as it should.
     */
    @BeforeEach
    void entities() {
        jdbc.sql("INSERT INTO tenant (id, name) VALUES ('" + TENANT + "', 'Lean writes') ON CONFLICT DO NOTHING").update();
        keyName = "lean " + UUID.randomUUID();
        secret = key(keyName, org.saola.platform.security.StaffRole.OPERATOR);
        operator = client().withApiKey(secret);
        reader = client().withApiKey(key("lean reader", org.saola.platform.security.StaffRole.OPERATOR));
        type = "LeanGauge" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static final String TENANT = "lean";

    private String key(String name, org.saola.platform.security.StaffRole role) {
        return apiKeys.issue(org.saola.platform.TenantId.of(TENANT), name, role, "test").secret();
    }

    private String gauge() {
        String id = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        assertThat(operator.send("POST", "/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "level": {"type": "Property", "value": 1.5, "unitCode": "MTR"},
                 "name": "Cầu Rồng"}""".formatted(id, type)).status()).isEqualTo(201);
        return id;
    }

    /** The request through the lean path and through the full path: the two answers, and which path took each. */
    private record Pair(SaolaClient.Response lean, boolean leanAnswered, SaolaClient.Response full, boolean fullLean) {
    }

    private Pair both(SaolaClient client, String path, String body, String... headers) {
        return both("application/json", client, path, body, headers);
    }

    /** The same with {@code type} as the Content-Type, and {@code type; charset=utf-8} for the full path. */
    private Pair both(String type, SaolaClient client, String path, String body, String... headers) {
        long before = lean.answered();
        SaolaClient.Response a = client.send("PATCH", path, body, with(headers, "Content-Type", type));
        long between = lean.answered();
        SaolaClient.Response b = client.send("PATCH", path, body, with(headers, "Content-Type", type + "; charset=utf-8"));
        return new Pair(a, between > before, b, lean.answered() > between);
    }

    private static String[] with(String[] headers, String name, String value) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }

    private static Map<String, List<String>> headers(SaolaClient.Response r) {
        return r.headers().entrySet().stream().filter(e -> !VARYING.contains(e.getKey().toLowerCase()))
                .filter(e -> !e.getKey().startsWith(":"))
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue, (x, y) -> x, TreeMap::new));
    }

    private static void assertSameAnswer(Pair p) {
        assertThat(p.lean().status()).as("status; lean body %s, full body %s", p.lean().body(), p.full().body())
                .isEqualTo(p.full().status());
        assertThat(headers(p.lean())).isEqualTo(headers(p.full()));
        assertThat(p.lean().body()).isEqualTo(p.full().body());
        assertThat(p.fullLean()).as("the charset variant goes to the full path").isFalse();
    }

    @Test
    void aPlainUpdateIsAnsweredByTheLeanPathExactlyAsByTheFullPath() {
        String id = gauge();
        String attribute = "/ngsi-ld/v1/entities/" + id + "/attrs/level";

        Pair p = both(operator, attribute, "{\"value\": 2.25, \"observedAt\": \"2026-12-06T05:00:00Z\"}");
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.lean().status()).isEqualTo(204);
        assertSameAnswer(p);
        assertThat(p.lean().header("X-Content-Type-Options")).isEqualTo("nosniff");

        // Written as the full path writes it: the new value, the unit kept, both instances in the history.
        SaolaClient.Response entity = operator.get("/ngsi-ld/v1/entities/" + id);
        assertThat(entity.json().at("/level/value").asDouble()).isEqualTo(2.25);
        assertThat(entity.json().at("/level/unitCode").asString()).isEqualTo("MTR");
        assertThat(operator.get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=level").json().get("level")).hasSize(3);

        // The other spellings of an API key, a Link to the core @context, the caller's own tenant named.
        SaolaClient plain = client().anonymous();
        p = both(plain, attribute, "{\"value\": 3}", "X-API-Key", secret);
        assertThat(p.leanAnswered()).isTrue();
        assertSameAnswer(p);
        p = both(plain, attribute, "{\"value\": 4}", "X-Auth-Token", secret);
        assertThat(p.leanAnswered()).isTrue();
        assertSameAnswer(p);
        p = both(operator, attribute, "{\"value\": 5}", "Link",
                "<https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
        assertThat(p.leanAnswered()).isTrue();
        assertSameAnswer(p);
        p = both("application/ld+json", operator, attribute,
                "{\"value\": 5.5, \"@context\": \"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld\"}");
        assertThat(p.leanAnswered()).isTrue();
        assertSameAnswer(p);
        p = both("application/ld+json", operator, attribute, "{\"value\": 5.5}");     // no @context: refused alike
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.lean().status()).isEqualTo(400);
        assertSameAnswer(p);
        p = both(operator, attribute, "{\"value\": 6}", "NGSILD-Tenant", TENANT);
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.lean().header("NGSILD-Tenant")).isEqualTo(TENANT);
        assertSameAnswer(p);
        assertThat(operator.get("/ngsi-ld/v1/entities/" + id).json().at("/level/value").asDouble()).isEqualTo(6);
    }

    @Test
    void updatesOfSeveralAttributesAreAnsweredAlikeToo() {
        String id = gauge();
        String attrs = "/ngsi-ld/v1/entities/" + id + "/attrs";
        Pair p = both(operator, attrs, "{\"level\": {\"type\": \"Property\", \"value\": 2.5}, \"name\": \"Cầu Sông Hàn\"}");
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.lean().status()).isEqualTo(204);
        assertSameAnswer(p);
        SaolaClient.Response entity = operator.get("/ngsi-ld/v1/entities/" + id);
        assertThat(entity.json().at("/level/value").asDouble()).isEqualTo(2.5);
        assertThat(entity.json().at("/name/value").asString()).isEqualTo("Cầu Sông Hàn");

        // An attribute the entity does not have: 207, what was updated and what was not, alike.
        p = both(operator, attrs, "{\"level\": 3, \"depth\": 1}");
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.lean().status()).isEqualTo(207);
        assertThat(p.lean().json().at("/updated/0").asString()).isEqualTo("level");
        assertThat(p.lean().json().at("/notUpdated/0/attributeName").asString()).isEqualTo("depth");
        assertSameAnswer(p);

        // No such entity, nothing to write, not an entity id.
        for (String[] c : new String[][] {{"/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":nobody/attrs", "{\"level\": 1}"},
                {attrs, "{}"}, {"/ngsi-ld/v1/entities/not-a-uri/attrs", "{\"level\": 1}"}}) {
            p = both(operator, c[0], c[1]);
            assertThat(p.leanAnswered()).as(c[0] + " " + c[1]).isTrue();
            assertThat(p.lean().status()).as(c[0] + " " + c[1]).isBetween(400, 499);
            assertSameAnswer(p);
        }
        // Not the lean path's: an encoded path, staff with a password.
        long before = lean.answered();
        assertThat(operator.send("PATCH", "/ngsi-ld/v1/entities/" + id.replace(":", "%3A") + "/attrs", "{\"level\": 4}")
                .status()).isEqualTo(204);
        assertThat(client().send("PATCH", attrs, "{\"level\": 5}").status()).isEqualTo(404);
        assertThat(lean.answered()).isEqualTo(before);
        assertThat(operator.get("/ngsi-ld/v1/entities/" + id).json().at("/level/value").asDouble()).isEqualTo(4);
    }

    @Test
    void errorsOfTheUpdateItselfAreTheFullPathsProblems() {
        String id = gauge();
        // No such entity; no such attribute; not an entity id; an @context in a JSON body; a null value;
        // an attribute name NGSI-LD forbids; a Relationship without an object.
        for (String[] c : new String[][] {
                {"/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":nobody/attrs/level", "{\"value\": 1}"},
                {"/ngsi-ld/v1/entities/" + id + "/attrs/depth", "{\"value\": 1}"},
                {"/ngsi-ld/v1/entities/not-a-uri/attrs/level", "{\"value\": 1}"},
                {"/ngsi-ld/v1/entities/" + id + "/attrs/level", "{\"value\": 1, \"@context\": \"https://example.org/x.jsonld\"}"},
                {"/ngsi-ld/v1/entities/" + id + "/attrs/level", "{\"value\": null}"},
                {"/ngsi-ld/v1/entities/" + id + "/attrs/le(vel", "{\"value\": 1}"},
                {"/ngsi-ld/v1/entities/" + id + "/attrs/level", "{\"type\": \"Relationship\"}"}}) {
            Pair p = both(operator, c[0], c[1]);
            assertThat(p.leanAnswered()).as(c[0] + " " + c[1]).isTrue();
            assertThat(p.lean().status()).as(c[0] + " " + c[1]).isBetween(400, 499);
            assertThat(p.lean().json().get("type").asString()).startsWith("https://uri.etsi.org/ngsi-ld/errors/");
            assertSameAnswer(p);
        }
        // Whatever the client accepts, the answers are the same.
        for (String accept : List.of("application/ld+json", "text/html", "application/xml", "*/*")) {
            Pair p = both(operator, "/ngsi-ld/v1/entities/not-a-uri/attrs/level", "{\"value\": 1}", "Accept", accept);
            assertSameAnswer(p);
            p = both(operator, "/ngsi-ld/v1/entities/" + id + "/attrs/level", "{\"value\": 1.5}", "Accept", accept);
            assertThat(p.lean().status()).isEqualTo(204);
            assertSameAnswer(p);
        }
        assertThat(operator.get("/ngsi-ld/v1/entities/" + id).json().at("/level/value").asDouble()).isEqualTo(1.5);
    }

    @Test
    void whatTheLeanPathDoesNotTakeIsLeftToTheFullPath() {
        String id = gauge();
        String attribute = "/ngsi-ld/v1/entities/" + id + "/attrs/level";
        // Bodies that are not a JSON object: the full path's parser says what is wrong.
        for (String body : List.of("{\"value\": ", "[1, 2]", "\"text\"", "{\"value\": 1} trailing")) {
            Pair p = both(operator, attribute, body);
            assertThat(p.leanAnswered()).as(body).isFalse();
            assertThat(p.lean().status()).as(body).isEqualTo(400);
            assertSameAnswer(p);
        }
        // Callers it does not vouch for: an unknown key, a role without context writes, staff with a password,
        // another tenant named.
        long before = lean.answered();
        assertThat(client().withApiKey("saola_unknown").send("PATCH", attribute, "{\"value\": 2}").status()).isEqualTo(401);
        SaolaClient.Response analyst = client().withApiKey(key("lean analyst", org.saola.platform.security.StaffRole.ANALYST))
                .send("PATCH", attribute, "{\"value\": 2}");
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.json().get("detail").asString()).contains("CONTEXT_WRITE");
        // (the administrator's password is for the default tenant: the entity is not there)
        assertThat(client().send("PATCH", attribute, "{\"value\": 7}").status()).isEqualTo(404);
        SaolaClient.Response otherTenant = operator.send("PATCH", attribute, "{\"value\": 2}", "NGSILD-Tenant", "hue");
        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(otherTenant.json().get("type").asString()).endsWith("NonexistentTenant");
        // A query string, an encoded path: Spring MVC's.
        assertThat(operator.send("PATCH", attribute + "?lang=en", "{\"value\": 8}").status()).isEqualTo(204);
        assertThat(operator.send("PATCH", "/ngsi-ld/v1/entities/" + id.replace(":", "%3A") + "/attrs/level",
                "{\"value\": 9}").status()).isEqualTo(204);
        assertThat(lean.answered()).isEqualTo(before);
        assertThat(operator.get("/ngsi-ld/v1/entities/" + id).json().at("/level/value").asDouble()).isEqualTo(9);
    }

    /** The request timers of the route, method and status (Spring's tag keys, any values of the others). */
    private static java.util.Collection<io.micrometer.core.instrument.Timer> timers(
            io.micrometer.core.instrument.MeterRegistry meters, String method, String uri, int status) {
        return meters.find("http.server.requests").tags("method", method, "uri", uri, "status", Integer.toString(status))
                .timers();
    }

    @Test
    void theLeanPathsAnswersAreTimedInTheFullPathsRequestTimers(@Autowired io.micrometer.core.instrument.MeterRegistry meters) {
        String id = gauge();
        String attribute = "/ngsi-ld/v1/entities/{id}/attrs/{attr}";
        both(operator, "/ngsi-ld/v1/entities/" + id + "/attrs/level", "{\"value\": 1}");
        both(operator, "/ngsi-ld/v1/entities/not-a-uri/attrs/level", "{\"value\": 1}");
        for (int status : new int[] {204, 400}) {
            var before = timers(meters, "PATCH", attribute, status);
            assertThat(before).as("one timer of status %d, whichever path answered", status).hasSize(1);
            long count = before.iterator().next().count();
            Pair p = both(operator, "/ngsi-ld/v1/entities/" + (status == 204 ? id : "not-a-uri") + "/attrs/level",
                    "{\"value\": 2}");
            assertThat(p.leanAnswered()).isTrue();
            assertThat(p.lean().status()).isEqualTo(status);
            // Both answers in the one timer: the lean path's tags (error, exception, outcome, ...) are the full path's.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
                var after = timers(meters, "PATCH", attribute, status);
                assertThat(after).hasSize(1);
                assertThat(after.iterator().next().count()).isEqualTo(count + 2);
            });
        }
    }

    /** A POST to Create Entity through the lean path, then the same through the full path ({@code charset}). */
    private Pair bothCreate(String leanBody, String fullBody, String... headers) {
        long before = lean.answered();
        SaolaClient.Response a = operator.send("POST", "/ngsi-ld/v1/entities", leanBody,
                with(headers, "Content-Type", "application/json"));
        long between = lean.answered();
        SaolaClient.Response b = operator.send("POST", "/ngsi-ld/v1/entities", fullBody,
                with(headers, "Content-Type", "application/json; charset=utf-8"));
        return new Pair(a, between > before, b, lean.answered() > between);
    }

    @Test
    void aCreationIsAnsweredByTheLeanPathAsByTheFullPath() {
        String a = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        String b = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        String body = """
                {"id": "%s", "type": "%s", "level": {"type": "Property", "value": 1.5, "unitCode": "MTR",
                 "observedAt": "2026-12-07T05:00:00Z"}, "name": "Cầu Rồng",
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.2272, 16.0610]}}}""";
        Pair p = bothCreate(body.formatted(a, type), body.formatted(b, type));
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.fullLean()).isFalse();
        assertThat(p.lean().status()).isEqualTo(201);
        assertThat(p.full().status()).isEqualTo(201);
        assertThat(p.lean().header("Location")).isEqualTo("/ngsi-ld/v1/entities/" + a);
        assertThat(p.full().header("Location")).isEqualTo("/ngsi-ld/v1/entities/" + b);
        Map<String, List<String>> leanHeaders = headers(p.lean());
        Map<String, List<String>> fullHeaders = headers(p.full());
        leanHeaders.remove("location");
        fullHeaders.remove("location");
        assertThat(leanHeaders).isEqualTo(fullHeaders);
        assertThat(p.lean().body()).isEqualTo(p.full().body());

        // Stored alike: the entity, its history, and a query by value finds both.
        String storedA = operator.get("/ngsi-ld/v1/entities/" + a + "?options=sysAttrs").body();
        String storedB = operator.get("/ngsi-ld/v1/entities/" + b + "?options=sysAttrs").body();
        assertThat(storedA.replace(a, "ID").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "T"))
                .isEqualTo(storedB.replace(b, "ID").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "T"));
        assertThat(operator.get("/ngsi-ld/v1/temporal/entities/" + a + "?attrs=level").json().get("level").size())
                .isEqualTo(operator.get("/ngsi-ld/v1/temporal/entities/" + b + "?attrs=level").json().get("level").size());
        assertThat(operator.get("/ngsi-ld/v1/entities?type=" + type + "&q=level==1.5").json()).hasSize(2);

        // The id taken: 409 alike. Then what NGSI-LD refuses in the body: no id, not a URI, no type, a bad
        // attribute name, an attribute without a value, an @context in a JSON body.
        String again = body.formatted(a, type);
        p = bothCreate(again, again);
        assertThat(p.leanAnswered()).isTrue();
        assertThat(p.lean().status()).isEqualTo(409);
        assertSameAnswer(p);
        for (String bad : List.of("{\"type\": \"%s\"}".formatted(type),
                "{\"id\": \"not-a-uri\", \"type\": \"%s\"}".formatted(type),
                "{\"id\": \"urn:ngsi-ld:%s:x\"}".formatted(type),
                "{\"id\": \"urn:ngsi-ld:%s:x\", \"type\": \"%s\", \"le(vel\": 1}".formatted(type, type),
                "{\"id\": \"urn:ngsi-ld:%s:x\", \"type\": \"%s\", \"level\": {\"type\": \"Property\"}}".formatted(type, type),
                "{\"id\": \"urn:ngsi-ld:%s:x\", \"type\": \"%s\", \"@context\": \"https://example.org/x.jsonld\"}".formatted(type, type))) {
            p = bothCreate(bad, bad);
            assertThat(p.leanAnswered()).as(bad).isTrue();
            assertThat(p.lean().status()).as(bad).isBetween(400, 499);
            assertThat(p.lean().json().get("type").asString()).startsWith("https://uri.etsi.org/ngsi-ld/errors/");
            assertSameAnswer(p);
        }
        assertThat(operator.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":x").status()).isEqualTo(404);

        // Not the lean path's: a body that is not a JSON object, a query string, another route under the prefix.
        long before = lean.answered();
        assertThat(operator.send("POST", "/ngsi-ld/v1/entities", "[1]").status()).isEqualTo(400);
        String c = "urn:ngsi-ld:" + type + ":" + UUID.randomUUID();
        assertThat(operator.send("POST", "/ngsi-ld/v1/entities?lang=en", body.formatted(c, type)).status()).isEqualTo(201);
        assertThat(operator.send("POST", "/ngsi-ld/v1/entities/" + c + "/attrs", "{\"depth\": 2}").status()).isEqualTo(204);
        assertThat(lean.answered()).isEqualTo(before);
    }

    @Test
    void aCallerOverItsRateLimitIsRefusedByTheRouteRulesAsBefore() {
        String id = gauge();
        String caller = TENANT + "/api-key:" + keyName;
        clock.freeze();                 // nothing refills the allowance spent below
        try {
            while (limits.call(caller).allowed()) {
                // spend the key's allowance
            }
            long before = lean.answered();
            SaolaClient.Response refused = operator.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/level", "{\"value\": 2}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(lean.answered()).isEqualTo(before);
        } finally {
            clock.resume();
        }
        assertThat(reader.get("/ngsi-ld/v1/entities/" + id).json().at("/level/value").asDouble()).isEqualTo(1.5);
    }
}
