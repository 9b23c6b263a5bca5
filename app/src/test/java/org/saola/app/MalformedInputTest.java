package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Bad input gets a precise 4xx, never a 5xx, and gives nothing away: the named regressions of what used to
 * answer 500, then a sweep of malformed requests over every route of the running application.
 */
class MalformedInputTest extends PlatformTest {

    @Autowired
    ApplicationContext context;

    private String adminKey;

    @BeforeEach
    void key() {
        if (adminKey == null) {
            adminKey = client().issueApiKey("malformed input");
        }
    }

    private static void harmless(RawHttp.Answer a, String what) {
        assertThat(a.status()).as(what + "\n" + a.text()).isBetween(400, 499);
        assertThat(a.text()).as(what).doesNotContain("\tat ", "Exception", "SELECT ", "INSERT ", "PSQL", "ERROR:");
    }

    private RawHttp.Answer raw(String head, String body) {
        return RawHttp.send(port, head, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8InAQueryStringIsABadRequest() {
        RawHttp.Answer a = raw("GET /ngsi-ld/v1/entities?type=%C3%28 HTTP/1.1\r\nAuthorization: Bearer " + adminKey, "");
        harmless(a, "invalid UTF-8 in the query");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text()).contains("UTF-8");
        harmless(raw("GET /login?error=%E0%A4 HTTP/1.1", ""), "truncated UTF-8 sequence");
        harmless(raw("GET /login?x=%ZZ HTTP/1.1", ""), "broken percent-encoding");
    }

    @Test
    void aMultipartBodyWithoutBoundaryIsABadRequest() {
        harmless(raw("POST /login HTTP/1.1\r\nContent-Type: multipart/form-data\r\nContent-Length: 5", "hello"),
                "multipart without boundary to /login");
        harmless(raw("POST /ngsi-ld/v1/entities HTTP/1.1\r\nAuthorization: Bearer " + adminKey
                + "\r\nContent-Type: multipart/form-data\r\nContent-Length: 5", "hello"), "multipart without boundary to NGSI-LD");
        harmless(raw("POST /api/v1/devices HTTP/1.1\r\nAuthorization: Bearer " + adminKey
                + "\r\nContent-Type: multipart/form-data\r\nContent-Length: 5", "hello"), "multipart without boundary to the API");
    }

    @Test
    void duplicateKeysInAJsonBodyAreRefusedAndNothingIsWritten() {
        SaolaClient api = client().withApiKey(adminKey);
        String id = "urn:ngsi-ld:Thing:dup-" + System.nanoTime();
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entities",
                "{\"id\":\"" + id + "\",\"type\":\"Thing\",\"type\":\"Other\",\"n\":{\"type\":\"Property\",\"value\":1}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).containsIgnoringCase("duplicate");
        assertThat(api.get("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(404);
        SaolaClient.Response d = client().post("/api/v1/departments",
                "{\"code\":\"dup\",\"code\":\"dup2\",\"nameVi\":\"a\",\"nameEn\":\"a\"}");
        assertThat(d.status()).as(d.body()).isEqualTo(400);
        assertThat(client().get("/api/v1/departments/dup2").status()).isEqualTo(404);
    }

    @Test
    void aTwentyMegabyteSignInFormIsTooLarge() {
        byte[] body = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        System.arraycopy("username=".getBytes(), 0, body, 0, 9);
        RawHttp.Answer a = RawHttp.send(port, "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length, body);
        harmless(a, "20 MB form to /login");
        assertThat(a.status()).isEqualTo(413);
    }

    @Test
    void aOneMegabyteFieldInTheSignInFormIsTooLarge() {
        String field = "a".repeat(1024 * 1024);
        String body = "username=" + field + "&password=x";
        RawHttp.Answer a = raw("POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length(), body);
        harmless(a, "1 MB field to /login");
        assertThat(a.status()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyPastTheLimitIsTooLargeToo() {
        StringBuilder chunks = new StringBuilder();
        String start = "{\"code\":\"big\",\"nameVi\":\"";
        chunks.append(Integer.toHexString(start.length())).append("\r\n").append(start).append("\r\n");
        String chunk = "a".repeat(64 * 1024);
        for (int i = 0; i < 20; i++) {
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Answer a = raw("POST /api/v1/departments HTTP/1.1\r\nAuthorization: Bearer " + adminKey
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunks.toString());
        harmless(a, "chunked 1.3 MB to a 1 MB route");
        assertThat(a.status()).as(a.text()).isEqualTo(413);
    }

    /** What each route is sent: content type, body. */
    static final List<Map.Entry<String, String>> BODIES = List.of(
            Map.entry("text/plain", "hello"),
            Map.entry("multipart/form-data", "hello"),
            Map.entry("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"),
            Map.entry("application/x-www-form-urlencoded", "a=%ZZ&b=%C3%28&" + "c=1&".repeat(2000)),
            Map.entry("application/json", "{\"a\":"),
            Map.entry("application/json", "{\"id\":\"urn:ngsi-ld:T:1\",\"id\":\"urn:ngsi-ld:T:2\",\"type\":\"T\"}"),
            Map.entry("application/json", "[".repeat(20_000) + "]".repeat(20_000)),
            Map.entry("application/json", "{\"id\":\"urn:ngsi-ld:T:'; DROP TABLE context_entity; --\",\"type\":\"T\",\"name\":\"' OR 1=1 --\"}"),
            Map.entry("application/json", "{\"username\":\"\\u0000\",\"code\":\"../../etc/passwd\",\"name\":\"\\ud800\"}"),
            Map.entry("application/ld+json", "{\"@context\":{\"@context\":{\"@context\":[]}},\"id\":1,\"type\":[[]]}"),
            Map.entry("application/json", "null"),
            Map.entry("application/json", "12345678901234567890123456789012345678901234567890e999999"));

    /** Bodies that get past content negotiation to a handler's own parsing, sent with each malformed query. */
    static final List<Map.Entry<String, String>> QUERY_BODIES = List.of(BODIES.get(3), BODIES.get(7), BODIES.get(9));

    static final List<String> QUERIES = List.of("", "?q=%27%20OR%201%3D1&limit=-1&offset=abc&type=%00",
            "?attrs=" + "a,".repeat(500) + "&georel=near;maxDistance==-1&coordinates=[[[");

    static final List<String> PATH_VALUES = List.of("..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1%20--",
            "urn:ngsi-ld:Thing:%00", "x".repeat(3000), "%E2%80%AE%F0%9F%98%80");

    @Test
    void noMalformedRequestToAnyRouteGetsAServerError() {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
                for (String pattern : e.getKey().getPatternValues()) {
                    if (pattern.equals("/error") || pattern.startsWith("/actuator")) {
                        continue;
                    }
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                        // A path without variables is the same whatever value the sweep would put in them.
                        for (String value : pattern.contains("{") ? PATH_VALUES : PATH_VALUES.subList(0, 1)) {
                            String path = pattern.replaceAll("\\{[^}]+}", value);
                            for (String query : QUERIES) {
                                // Every body without a query; the malformed queries with bodies a handler reads.
                                for (Map.Entry<String, String> body : m == RequestMethod.GET || m == RequestMethod.DELETE
                                        ? List.of(Map.entry("application/json", "")) : query.isEmpty() ? BODIES : QUERY_BODIES) {
                                    byte[] bytes = body.getValue().getBytes(StandardCharsets.UTF_8);
                                    // From many addresses (behind a local proxy), so public routes' per-address
                                    // limits leave the sweep reaching every handler.
                                    RawHttp.Answer a = RawHttp.send(port, m + " " + path + query + " HTTP/1.1\r\nAuthorization: Bearer "
                                            + adminKey + "\r\nX-Forwarded-For: 198.51.100." + (sent % 250 + 1)
                                            + "\r\nContent-Type: " + body.getKey() + "\r\nContent-Length: " + bytes.length, bytes);
                                    sent++;
                                    String text = a.text();
                                    if (a.status() >= 500 || text.contains("\tat ") || text.contains("PSQLException")
                                            || text.contains("SELECT ") || text.contains("ERROR: ")) {
                                        failures.add(a.status() + " " + m + " " + path + query + " " + body.getKey() + " "
                                                + body.getValue().substring(0, Math.min(60, body.getValue().length()))
                                                + " -> " + text.substring(text.indexOf("\r\n\r\n") + 4).lines().findFirst().orElse(""));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(1000);
        assertThat(failures).as("malformed requests answered with a server error or leaking internals").isEmpty();
    }
}
