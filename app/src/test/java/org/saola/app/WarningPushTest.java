package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.platform.webpush.P256;
import org.saola.platform.webpush.WebPushEncryption;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warnings pushed to residents' browsers, as a push service sees them: a browser subscribes with no account (its
 * push subscription and wards); a warning for one of its wards, or drawn on the map over that ward's area, reaches
 * it encrypted so that only that browser can read it (RFC 8291) and signed with the city's VAPID key (RFC 8292); a
 * warning elsewhere does not; a subscription the push service says is gone is forgotten; bad input is a 400.
 */
class WarningPushTest extends PlatformTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Push(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** A browser: its key pair and auth secret, and the endpoint its push service gave it. */
    record Browser(KeyPair keys, byte[] auth, String endpoint) {
        byte[] publicKey() {
            return P256.encode((ECPublicKey) keys.getPublic());
        }

        String subscription() {
            return """
                    {"endpoint": "%s", "expirationTime": null, "keys": {"p256dh": "%s", "auth": "%s"}}"""
                    .formatted(endpoint, P256.base64Url(publicKey()), P256.base64Url(auth));
        }

        JsonNode open(Push p) throws Exception {
            return JSON.readTree(WebPushEncryption.decrypt(p.body(), (ECPrivateKey) keys.getPrivate(), publicKey(), auth));
        }
    }

    HttpServer pushService;
    final Queue<Push> pushes = new ConcurrentLinkedQueue<>();

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void startPushService() throws Exception {
        pushService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushService.createContext("/", exchange -> {
            pushes.add(new Push(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            // a browser that unsubscribed: the push service answers 410 Gone (RFC 8030 §7.3)
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/gone/") ? 410 : 201, -1);
            exchange.close();
        });
        pushService.start();
    }

    @AfterEach
    void stopPushService() {
        pushService.stop(0);
    }

    private Browser browser(String path) {
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        return new Browser(P256.generate(), auth, "http://127.0.0.1:" + pushService.getAddress().getPort() + path
                + UUID.randomUUID());
    }

    private List<Push> pushesTo(Browser b) {
        return pushes.stream().filter(p -> b.endpoint().endsWith(p.path())).toList();
    }

    private SaolaClient.Response subscribe(Browser b, String choice, String language) {
        return client().anonymous().post("/public/v1/warnings/push/subscriptions", """
                {"subscription": %s, %s, "language": "%s"}""".formatted(b.subscription(), choice, language));
    }

    private String warning(String tag, String severity, String area) {
        String draft = """
                {"categories": ["Met"], "event": {"vi": "Ngập", "en": "Flooding"}, "urgency": "Immediate",
                 "severity": "%s", "certainty": "Observed", "expires": "%s",
                 "headline": {"vi": "Ngập đường %s", "en": "Streets flooded %s"},
                 "description": {"vi": "Nước ngập 30 cm.", "en": "Water 30 cm deep."},
                 "instruction": {"vi": "Tránh xa bờ sông.", "en": "Keep away from the river banks."},
                 "areas": [%s]}""".formatted(severity, clock.instant().plus(Duration.ofHours(2)), tag, tag, area);
        SaolaClient.Response issued = client().post("/api/v1/warnings", draft);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("id").asString();
    }

    @Test
    void aBrowserIsSentTheWarningsOfItsWardsEncryptedForItAloneAndSignedByTheCity() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String ward = "Phường " + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"push-%s","nameVi":"Phòng chống thiên tai","nameEn":"Disaster prevention","wards":["%s", "Khuê Trung %s"]}"""
                .formatted(suffix, ward, suffix)).status()).isEqualTo(201);
        // where the ward is: a District entity, as the city's ward register (far from every other test's geometry)
        SaolaClient.Response district = client().send("POST", "/ngsi-ld/v1/entityOperations/upsert", """
                [{"id": "urn:ngsi-ld:District:push-%s", "type": "District", "name": {"type": "Property", "value": "%s"},
                  "location": {"type": "GeoProperty", "value": {"type": "Polygon",
                    "coordinates": [[[103.0, 13.0], [103.1, 13.0], [103.1, 13.1], [103.0, 13.1], [103.0, 13.0]]]}}}]"""
                .formatted(suffix, ward), "Content-Type", "application/json");
        assertThat(district.status()).as(district.body()).isIn(201, 204);

        Browser lan = browser("/push/");
        Browser elsewhere = browser("/push/");
        Browser gone = browser("/gone/");
        SaolaClient.Response subscribed = subscribe(lan, "\"wards\": [\"" + ward + "\"]", "en");
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);
        assertThat(subscribed.json().get("wards").get(0).asString()).isEqualTo(ward);
        assertThat(subscribe(elsewhere, "\"wards\": [\"Khuê Trung " + suffix + "\"]", "vi").status()).isEqualTo(200);
        assertThat(subscribe(gone, "\"wards\": [\"" + ward + "\"]", "vi").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM warning_push_subscription WHERE position(convert_to(?, 'UTF8') IN endpoint) > 0")
                .params(lan.endpoint()).query(Long.class).single()).as("endpoints are sealed at rest").isZero();

        // a warning naming the ward
        String named = warning(suffix, "Severe", "{\"wards\": [\"" + ward + "\"]}");
        await().atMost(Duration.ofSeconds(15)).until(() -> pushesTo(lan).size() == 1);
        Push p = pushesTo(lan).get(0);
        JsonNode message = lan.open(p);
        assertThat(message.get("title").asString()).isEqualTo("Streets flooded " + suffix);
        assertThat(message.get("body").asString()).contains("Keep away from the river banks.").contains("Water 30 cm deep.");
        assertThat(message.get("url").asString()).endsWith("/city/warnings/" + named);
        assertThat(message.get("lang").asString()).isEqualTo("en");
        assertThat(p.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(p.header("Urgency")).as("a severe warning").isEqualTo("high");
        assertThat(p.header("Topic")).isEqualTo(named.replace("-", ""));
        long ttl = Long.parseLong(p.header("TTL"));
        assertThat(ttl).as("kept by the push service until the warning expires").isBetween(7000L, 7200L);
        assertThat(new String(p.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Streets flooded");
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT count(*) FROM warning_push WHERE title LIKE ? AND sent_at IS NOT NULL")
                .params("%" + suffix).query(Long.class).single() == 1);

        // signed with the city's VAPID key, for the push service's origin
        String key = client().anonymous().get("/public/v1/warnings/push/key").json().get("publicKey").asString();
        String authorization = p.header("Authorization");
        assertThat(authorization).startsWith("vapid t=").endsWith(", k=" + key);
        String[] jwt = authorization.substring(8, authorization.indexOf(", k=")).split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.get("aud").asString()).isEqualTo("http://127.0.0.1:" + pushService.getAddress().getPort());
        assertThat(claims.get("sub").asString()).startsWith("mailto:");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(P256.publicKey(P256.fromBase64Url(key)));
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();

        // the push service says the other browser is gone: it is forgotten
        await().atMost(Duration.ofSeconds(15)).until(() -> pushesTo(gone).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT count(*) FROM warning_push_subscription WHERE tenant_id = ? AND endpoint_lookup = ?")
                .params(org.saola.platform.TenantId.DEFAULT.value(), lookup(gone.endpoint())).query(Long.class).single() == 0);
        assertThat(pushesTo(elsewhere)).as("another ward").isEmpty();

        // a warning drawn on the map over the ward's area, with no ward named: the ward's browsers are told, in
        // their language; one drawn elsewhere reaches nobody who chose a ward
        warning(suffix + "b", "Moderate", """
                {"description": {"vi": "Khu bờ sông", "en": "The river bank"},
                 "polygon": {"type": "Polygon", "coordinates": [[[103.05, 13.05], [103.2, 13.05], [103.2, 13.2], [103.05, 13.05]]]}}""");
        await().atMost(Duration.ofSeconds(15)).until(() -> pushesTo(lan).size() == 2);
        Push drawn = pushesTo(lan).get(1);
        assertThat(lan.open(drawn).get("title").asString()).isEqualTo("Streets flooded " + suffix + "b");
        assertThat(drawn.header("Urgency")).isEqualTo("normal");
        warning(suffix + "c", "Moderate", circle(13.5, 103.5, 1));
        String circled = warning(suffix + "d", "Moderate", circle(12.99, 103.05, 2));
        await().atMost(Duration.ofSeconds(15)).until(() -> pushesTo(lan).size() == 3);
        assertThat(lan.open(pushesTo(lan).get(2)).get("url").asString()).as("the circle reaches 0.9 km into the ward")
                .endsWith("/city/warnings/" + circled);

        // a cancellation is pushed too; after the browser stops, nothing more
        assertThat(client().post("/api/v1/warnings/" + named + "/cancel", "{\"note\": \"the water went down\"}").status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> pushesTo(lan).size() == 4);
        JsonNode cancelled = lan.open(pushesTo(lan).get(3));
        assertThat(cancelled.get("title").asString()).isEqualTo("Cancelled: Streets flooded " + suffix);
        assertThat(cancelled.get("body").asString()).isEqualTo("This warning is cancelled: the water went down");
        assertThat(client().anonymous().post("/public/v1/warnings/push/subscriptions/remove",
                "{\"endpoint\": \"" + lan.endpoint() + "\"}").status()).isEqualTo(204);
        warning(suffix + "e", "Extreme", "{\"wards\": [\"" + ward + "\"]}");
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> pushesTo(lan).size() == 4);
    }

    private static String circle(double latitude, double longitude, double radiusKm) {
        return """
                {"description": {"vi": "Quanh trạm đo", "en": "Around the gauge"},
                 "circle": {"latitude": %s, "longitude": %s, "radiusKm": %s}}""".formatted(latitude, longitude, radiusKm);
    }

    @Test
    void aSubscriptionThatIsNotOneIsRefusedWithTheFieldNamed() {
        Browser b = browser("/push/");
        SaolaClient.Response noWard = subscribe(b, "\"wards\": []", "vi");
        assertThat(noWard.status()).isEqualTo(400);
        assertThat(noWard.body()).contains("wards");
        SaolaClient.Response unknown = subscribe(b, "\"wards\": [\"Atlantis\"]", "vi");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Atlantis");
        assertThat(subscribe(b, "\"wholeCity\": true", "fr").body()).contains("language");
        SaolaClient.Response badKey = client().anonymous().post("/public/v1/warnings/push/subscriptions", """
                {"subscription": {"endpoint": "%s", "keys": {"p256dh": "AAAA", "auth": "%s"}}, "wholeCity": true}"""
                .formatted(b.endpoint(), P256.base64Url(b.auth())));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body()).contains("p256dh");
        SaolaClient.Response plainHttp = client().anonymous().post("/public/v1/warnings/push/subscriptions", """
                {"subscription": {"endpoint": "http://push.example.com/1", "keys": {"p256dh": "%s", "auth": "%s"}}, "wholeCity": true}"""
                .formatted(P256.base64Url(b.publicKey()), P256.base64Url(b.auth())));
        assertThat(plainHttp.status()).isEqualTo(400);
        assertThat(plainHttp.body()).contains("https");
        assertThat(client().anonymous().post("/public/v1/warnings/push/subscriptions", "{\"subscription\": ").status())
                .isEqualTo(400);
        assertThat(client().anonymous().post("/public/v1/warnings/push/subscriptions", "{\"wholeCity\": true}").body())
                .contains("subscription");
        SaolaClient.Response elsewhere = client().anonymous().post("/public/v1/warnings/push/subscriptions", """
                {"subscription": {"endpoint": "https://victim.example.com/hook", "keys": {"p256dh": "%s", "auth": "%s"}}, "wholeCity": true}"""
                .formatted(P256.base64Url(b.publicKey()), P256.base64Url(b.auth())));
        assertThat(elsewhere.status()).as("not a push service").isEqualTo(400);
        assertThat(elsewhere.body()).contains("push service");
        SaolaClient.Response nullWard = subscribe(b, "\"wards\": [null, \"  \"]", "vi");
        assertThat(nullWard.status()).isEqualTo(400);
        assertThat(subscribe(b, "\"wholeCity\": true", "vi").status()).isEqualTo(200);
        assertThat(client().anonymous().post("/public/v1/warnings/push/subscriptions/remove",
                "{\"endpoint\": \"" + b.endpoint() + "\"}").status()).isEqualTo(204);
    }

    @Autowired
    org.saola.platform.residents.ContactCipher cipher;

    private byte[] lookup(String endpoint) {
        return cipher.lookup(endpoint);
    }
}
