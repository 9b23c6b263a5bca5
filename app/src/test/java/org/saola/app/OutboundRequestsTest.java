package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbound policy as a client meets it: subscriptions to loopback, cloud-metadata and a name resolving
 * to a private address are refused, until the tenant's administrator allow-lists them, and then the
 * notifications arrive; one tenant's allow-list opens nothing for another.
 */
class OutboundRequestsTest extends PlatformTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiKeys apiKeys;

    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        client().send("PUT", "/api/v1/settings/outbound-allow-list", "{\"networks\":[]}");
    }

    private String subscription(String endpoint, String type) {
        return """
                {"id":"urn:ngsi-ld:Subscription:%s","type":"Subscription","entities":[{"type":"%s"}],
                 "notification":{"endpoint":{"uri":"%s"}}}""".formatted(UUID.randomUUID(), type, endpoint);
    }

    @Test
    void internalEndpointsAreRefusedUntilTheTenantAllowListsThem() throws IOException {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        receiver.createContext("/notify", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String loopback = "http://127.0.0.2:" + receiver.getAddress().getPort() + "/notify";
        String type = "Hydrant" + UUID.randomUUID().toString().substring(0, 8);
        SaolaClient api = client().withApiKey(client().issueApiKey("outbound"));

        for (String refused : new String[] {loopback, "http://169.254.169.254/latest/meta-data/",
                "http://intranet.saola.test:8080/notify"}) {
            SaolaClient.Response r = api.post("/ngsi-ld/v1/subscriptions", subscription(refused, type));
            assertThat(r.status()).as(refused + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().path("detail").asString()).contains("internal address");
        }

        SaolaClient operator = client().withApiKey(client().issueApiKey("outbound operator", "OPERATOR"));
        assertThat(operator.send("PUT", "/api/v1/settings/outbound-allow-list", "{\"networks\":[\"0.0.0.0/0\"]}").status())
                .isEqualTo(403);
        assertThat(client().send("PUT", "/api/v1/settings/outbound-allow-list", "{\"networks\":[\"10.20.30.0/33\"]}")
                .json().path("field").asString()).isEqualTo("networks");
        SaolaClient.Response allowed = client().send("PUT", "/api/v1/settings/outbound-allow-list",
                "{\"networks\":[\"127.0.0.2/32\",\"10.20.30.0/24\"]}");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(client().get("/api/v1/settings/outbound-allow-list").body()).contains("127.0.0.2/32", "10.20.30.0/24");

        assertThat(api.post("/ngsi-ld/v1/subscriptions", subscription(loopback, type)).status()).isEqualTo(201);
        assertThat(api.post("/ngsi-ld/v1/subscriptions", subscription("http://intranet.saola.test:8080/notify", type)).status())
                .isEqualTo(201);
        assertThat(api.post("/ngsi-ld/v1/subscriptions", subscription("http://169.254.169.254/latest/meta-data/", type))
                .status()).as("still not cloud metadata").isEqualTo(400);
        api.post("/ngsi-ld/v1/entities", "{\"id\":\"urn:ngsi-ld:" + type + ":1\",\"type\":\"" + type
                + "\",\"pressure\":{\"type\":\"Property\",\"value\":3.2}}");
        await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
        assertThat(received.peek()).contains("urn:ngsi-ld:" + type + ":1");
        assertThat(client().get("/api/v1/audit?action=OUTBOUND_ALLOW_LIST_CHANGED").body()).contains("127.0.0.2/32");

        // Another city's allow-list is its own.
        jdbc.sql("INSERT INTO tenant (id, name) VALUES ('hue', 'Thừa Thiên Huế') ON CONFLICT DO NOTHING").update();
        SaolaClient hue = client().withApiKey(apiKeys.issue(TenantId.of("hue"), "outbound", StaffRole.ADMIN, "test").secret());
        assertThat(hue.post("/ngsi-ld/v1/subscriptions", subscription(loopback, type)).status()).isEqualTo(400);
    }

    @Test
    void credentialsInAnEndpointAreUsedButNeverShownAgain() throws IOException {
        Queue<String> authorization = new ConcurrentLinkedQueue<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify", exchange -> {
            authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String type = "Bench" + UUID.randomUUID().toString().substring(0, 8);
        SaolaClient api = client().withApiKey(client().issueApiKey("outbound credentials"));
        String body = subscription("http://city:s3cret@127.0.0.1:" + receiver.getAddress().getPort() + "/notify", type);
        String id = SaolaClient.JSON.readTree(body).path("id").asString();
        assertThat(api.post("/ngsi-ld/v1/subscriptions", body).status()).isEqualTo(201);
        assertThat(api.get("/ngsi-ld/v1/subscriptions/" + id).body()).doesNotContain("s3cret");
        api.post("/ngsi-ld/v1/entities", "{\"id\":\"urn:ngsi-ld:" + type + ":1\",\"type\":\"" + type
                + "\",\"seats\":{\"type\":\"Property\",\"value\":3}}");
        await().atMost(Duration.ofSeconds(15)).until(() -> !authorization.isEmpty());
        assertThat(authorization.peek()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("city:s3cret".getBytes()));
    }
}
