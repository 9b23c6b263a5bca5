package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A city's own @context, fetched from its URL once and then reused, in the Link header and in the body. */
class NgsiLdRemoteContextTest extends PlatformTest {

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private SaolaClient api;
    private String context;

    @BeforeEach
    void cityContext() throws IOException {
        api = client().withApiKey(client().issueApiKey("remote context test"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/danang.jsonld", exchange -> {
            fetches.incrementAndGet();
            byte[] body = """
                    {"@context": {"Bridge": "https://smart.danang.gov.vn/ontology#Bridge",
                                  "clearance": "https://smart.danang.gov.vn/ontology#clearance"}}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/missing.jsonld", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        context = "http://127.0.0.1:" + server.getAddress().getPort() + "/danang.jsonld";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String link(String url) {
        return "<" + url + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    }

    @Test
    void termsOfAFetchedContextAreExpandedAndCompactedConsistently() {
        String id = "urn:ngsi-ld:Bridge:" + UUID.randomUUID();
        SaolaClient.Response created = api.send("POST", "/ngsi-ld/v1/entities",
                "{\"id\": \"" + id + "\", \"type\": \"Bridge\", \"clearance\": {\"type\": \"Property\", \"value\": 7.5, \"unitCode\": \"MTR\"}}",
                "Link", link(context));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode withContext = api.get("/ngsi-ld/v1/entities/" + id, "Link", link(context)).json();
        assertThat(withContext.get("type").asString()).isEqualTo("Bridge");
        assertThat(withContext.at("/clearance/value").asDouble()).isEqualTo(7.5);

        JsonNode coreOnly = api.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(coreOnly.get("type").asString()).isEqualTo("https://smart.danang.gov.vn/ontology#Bridge");
        assertThat(coreOnly.has("https://smart.danang.gov.vn/ontology#clearance")).isTrue();

        String ld = "{\"@context\": [\"" + context + "\"], \"type\": \"Bridge\"}";
        assertThat(api.send("PUT", "/ngsi-ld/v1/entities/" + id, ld, "Content-Type", "application/ld+json").status())
                .isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/entities?type=Bridge&limit=1000", "Link", link(context)).json()
                .findValues("id").stream().map(JsonNode::asString)).contains(id);
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void aContextThatCannotBeFetchedIsNamedInTheError() {
        String missing = "http://127.0.0.1:" + server.getAddress().getPort() + "/missing.jsonld";
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=Bridge", "Link", link(missing));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("type").asString()).endsWith("/LdContextNotAvailable");
        assertThat(r.json().get("detail").asString()).contains(missing).contains("HTTP 404");
    }
}
