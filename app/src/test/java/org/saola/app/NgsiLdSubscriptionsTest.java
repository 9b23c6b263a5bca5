package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Subscriptions over HTTP: managed through the API, notified at least once, even under load and failures. */
class NgsiLdSubscriptionsTest extends PlatformTest {

    /** A subscriber's HTTP endpoint: records what it receives, and can refuse the first requests. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final Queue<JsonNode> notifications = new ConcurrentLinkedQueue<>();
        final Queue<Map<String, List<String>>> headers = new ConcurrentLinkedQueue<>();
        final AtomicInteger refuse = new AtomicInteger();
        /** When each notification arrived, on the platform's clock (null outside a Spring test). */
        final List<java.time.Instant> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.time.InstantSource clock;

        Receiver() throws IOException {
            this(java.time.InstantSource.system());
        }

        Receiver(java.time.InstantSource clock) throws IOException {
            this.clock = clock;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/notify", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (refuse.getAndDecrement() > 0) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    arrivals.add(this.clock.instant());
                    notifications.add(SaolaClient.JSON.readTree(new String(body, StandardCharsets.UTF_8)));
                    headers.add(exchange.getRequestHeaders());
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
        }

        List<JsonNode> entities() {
            return notifications.stream().flatMap(n -> {
                List<JsonNode> data = new java.util.ArrayList<>();
                n.get("data").forEach(data::add);
                return data.stream();
            }).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;
    private SaolaClient api;
    private Receiver receiver;
    private String type;

    @BeforeEach
    void subscriber() throws IOException {
        api = client().withApiKey(client().issueApiKey("subscriptions test"));
        receiver = new Receiver(clock);
        type = "WeatherObserved" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String subscribe(String extra) {
        return subscribe(extra, "");
    }

    /** Subscribes to this test's type; {@code extra} and {@code notification} add members to each. */
    private String subscribe(String extra, String notification) {
        String body = """
                {"type": "Subscription", "entities": [{"type": "%s"}], %s
                 "notification": {%s "endpoint": {"uri": "%s", "receiverInfo": [{"key": "X-City", "value": "da-nang"}]}}}"""
                .formatted(type, extra, notification, receiver.url());
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/subscriptions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").substring("/ngsi-ld/v1/subscriptions/".length());
    }

    private void entity(String id, double temperature) {
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update",
                "[{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"temperature\": " + temperature + "}]");
        assertThat(r.status()).as(r.body()).isIn(201, 204);
    }

    @Test
    void subscriptionsAreCreatedListedPausedAndDeleted() {
        String id = subscribe("\"watchedAttributes\": [\"temperature\"], \"q\": \"temperature>30\",");
        JsonNode s = api.get("/ngsi-ld/v1/subscriptions/" + id).json();
        assertThat(s.get("status").asString()).isEqualTo("active");
        assertThat(s.at("/notification/timesSent").asInt()).isZero();
        assertThat(s.get("q").asString()).isEqualTo("temperature>30");

        SaolaClient.Response list = api.get("/ngsi-ld/v1/subscriptions?count=true&limit=100");
        assertThat(list.json().findValues("id").stream().map(JsonNode::asString)).contains(id);

        assertThat(api.send("PATCH", "/ngsi-ld/v1/subscriptions/" + id, "{\"isActive\": false}").status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/subscriptions/" + id).json().get("status").asString()).isEqualTo("paused");

        // Headers sent to the receiver that carry credentials are used but never shown back; others are.
        assertThat(api.send("PATCH", "/ngsi-ld/v1/subscriptions/" + id, """
                {"notification": {"endpoint": {"uri": "%s", "receiverInfo": [{"key": "Authorization", "value": "Bearer r-5521"},
                 {"key": "X-City", "value": "da-nang"}]}}}""".formatted(receiver.url())).status()).isEqualTo(204);
        String shown = api.get("/ngsi-ld/v1/subscriptions/" + id).body();
        assertThat(shown).doesNotContain("r-5521").contains("da-nang").contains("****");

        assertThat(api.delete("/ngsi-ld/v1/subscriptions/" + id).status()).isEqualTo(204);
        assertThat(api.get("/ngsi-ld/v1/subscriptions/" + id).status()).isEqualTo(404);
    }

    @Test
    void badSubscriptionsAreRefusedWithWhatToFix() {
        SaolaClient.Response noNotification = api.send("POST", "/ngsi-ld/v1/subscriptions",
                "{\"type\": \"Subscription\", \"entities\": [{\"type\": \"T\"}]}");
        assertThat(noNotification.status()).isEqualTo(400);
        assertThat(noNotification.json().get("detail").asString()).contains("notification");
        SaolaClient.Response ftp = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "T"}], "notification": {"endpoint": {"uri": "ftp://x/y"}}}""");
        assertThat(ftp.json().get("detail").asString()).contains("http://, https:// or mqtt://");
        SaolaClient.Response badQ = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "T"}], "q": "t>>1",
                 "notification": {"endpoint": {"uri": "http://localhost/n"}}}""");
        assertThat(badQ.status()).isEqualTo(400);
        SaolaClient.Response both = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "T"}], "timeInterval": 60, "watchedAttributes": ["t"],
                 "notification": {"endpoint": {"uri": "http://localhost/n"}}}""");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("detail").asString()).contains("not both");
        SaolaClient.Response badContext = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "T"}], "jsonldContext": "http://x/c\\r\\nX-Evil: 1",
                 "notification": {"endpoint": {"uri": "http://localhost/n"}}}""");
        assertThat(badContext.status()).isEqualTo(400);
        assertThat(badContext.json().get("detail").asString()).contains("jsonldContext");
        SaolaClient.Response changesInKeyValues = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "T"}],
                 "notification": {"format": "keyValues", "showChanges": true, "endpoint": {"uri": "http://localhost/n"}}}""");
        assertThat(changesInKeyValues.status()).as("§5.2.14.1").isEqualTo(400);
        assertThat(changesInKeyValues.json().get("detail").asString()).contains("showChanges");
        String id = subscribe("");
        SaolaClient.Response twice = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"id": "%s", "type": "Subscription", "entities": [{"type": "T"}],
                 "notification": {"endpoint": {"uri": "http://localhost/n"}}}""".formatted(id));
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void aMatchingChangeIsNotifiedWithTheChosenAttributesAndHeaders() {
        String id = subscribe("\"watchedAttributes\": [\"temperature\"], \"q\": \"temperature>30\",",
                "\"attributes\": [\"temperature\"],");
        String e = "urn:ngsi-ld:" + type + ":1";
        entity(e, 25);                                                    // q does not hold: no notification
        api.send("POST", "/ngsi-ld/v1/entities/" + e + "/attrs", "{\"humidity\": 0.8}");   // not watched
        entity(e, 35);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.notifications.isEmpty());
        JsonNode n = receiver.notifications.peek();
        assertThat(n.get("type").asString()).isEqualTo("Notification");
        assertThat(n.get("subscriptionId").asString()).isEqualTo(id);
        assertThat(n.at("/data/0/id").asString()).isEqualTo(e);
        assertThat(n.at("/data/0/temperature/value").asDouble()).isEqualTo(35.0);
        assertThat(n.at("/data/0/humidity").isMissingNode()).isTrue();
        assertThat(receiver.headers.peek().get("X-city")).containsExactly("da-nang");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                api.get("/ngsi-ld/v1/subscriptions/" + id).json().at("/notification/timesSent").asInt() == 1);
        assertThat(receiver.notifications).hasSize(1);
        JsonNode status = api.get("/ngsi-ld/v1/subscriptions/" + id).json();
        assertThat(status.at("/notification/lastSuccess").asString()).isNotBlank();
        assertThat(status.at("/notification/status").asString()).isEqualTo("ok");
    }

    @Test
    void clause5_2_14_sysAttrsAddsTheSystemTimesToNotifications() {
        String with = subscribe("", "\"sysAttrs\": true,");
        String without = subscribe("");
        entity("urn:ngsi-ld:" + type + ":sys", 22);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        for (JsonNode n : receiver.notifications) {
            boolean asked = n.get("subscriptionId").asString().equals(with);
            assertThat(n.at("/data/0/createdAt").isMissingNode()).as("entity createdAt, asked: " + asked).isEqualTo(!asked);
            assertThat(n.at("/data/0/temperature/modifiedAt").isMissingNode()).isEqualTo(!asked);
        }
        assertThat(List.of(with, without)).hasSize(2);
    }

    @Test
    void clause5_2_12_langReducesLanguagePropertiesInNotificationsToTheBestLanguage() {
        String vietnamese = subscribe("\"lang\": \"vi,en;q=0.5\",");
        String english = subscribe("\"lang\": \"en-GB\",", "\"format\": \"keyValues\",");
        String every = subscribe("");
        assertThat(api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "%s"}], "lang": "vi;q=x",
                 "notification": {"endpoint": {"uri": "%s"}}}""".formatted(type, receiver.url())).status()).isEqualTo(400);
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entities", """
                {"id": "urn:ngsi-ld:%s:lang", "type": "%s",
                 "street": {"type": "LanguageProperty", "languageMap": {"vi": "Đường Bạch Đằng", "en": "Bach Dang Street"}}}"""
                .formatted(type, type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 3);
        for (JsonNode n : receiver.notifications) {
            JsonNode street = n.at("/data/0/street");
            String id = n.get("subscriptionId").asString();
            if (id.equals(vietnamese)) {
                assertThat(street.get("type").asString()).isEqualTo("Property");
                assertThat(street.get("value").asString()).isEqualTo("Đường Bạch Đằng");
                assertThat(street.get("lang").asString()).isEqualTo("vi");
            } else if (id.equals(english)) {
                assertThat(street.asString()).as("keyValues: the string itself (en-GB falls back to en)")
                        .isEqualTo("Bach Dang Street");
            } else {
                assertThat(id).isEqualTo(every);
                assertThat(street.get("languageMap").get("vi").asString()).isEqualTo("Đường Bạch Đằng");
            }
        }
    }

    @Test
    void clause5_2_12_datasetIdSelectsTheInstancesNotified() {
        String one = subscribe("\"datasetId\": [\"urn:ngsi-ld:Dataset:river\"],");
        assertThat(api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "%s"}], "datasetId": ["not a uri"],
                 "notification": {"endpoint": {"uri": "%s"}}}""".formatted(type, receiver.url())).status()).isEqualTo(400);
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entities", """
                {"id": "urn:ngsi-ld:%s:datasets", "type": "%s", "temperature": [
                   {"type": "Property", "value": 21, "datasetId": "urn:ngsi-ld:Dataset:river"},
                   {"type": "Property", "value": 30, "datasetId": "urn:ngsi-ld:Dataset:roof"},
                   {"type": "Property", "value": 25}]}""".formatted(type, type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 1);
        JsonNode n = receiver.notifications.peek();
        assertThat(n.get("subscriptionId").asString()).isEqualTo(one);
        JsonNode temperature = n.at("/data/0/temperature");
        assertThat(temperature.isObject()).as(temperature.toString()).isTrue();
        assertThat(temperature.get("value").asInt()).isEqualTo(21);
    }

    @Test
    void clause5_2_12_aJsonldContextSaolaCannotReadIsLdContextNotAvailable() {
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "%s"}], "jsonldContext": "http://127.0.0.1:9/missing.jsonld",
                 "notification": {"endpoint": {"uri": "%s"}}}""".formatted(type, receiver.url()));
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable");
    }

    @Test
    void notificationTriggersChooseWhichChangesAreNotifiedIncludingDeletions() {
        String e = "urn:ngsi-ld:" + type + ":trig";
        entity(e, 20);
        api.send("POST", "/ngsi-ld/v1/entities/" + e + "/attrs", "{\"humidity\": 0.8}");
        String deletions = subscribe("\"notificationTrigger\": [\"entityDeleted\", \"attributeDeleted\"],");
        String byDefault = subscribe("");
        JsonNode shown = api.get("/ngsi-ld/v1/subscriptions/" + byDefault).json();
        assertThat(shown.get("notificationTrigger").toString()).isEqualTo("[\"attributeCreated\",\"attributeUpdated\"]");

        // An update: the default subscription hears of it, the one for deletions does not.
        entity(e, 21);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 1);
        assertThat(receiver.notifications.peek().get("subscriptionId").asString()).isEqualTo(byDefault);

        // An attribute deleted: shown with the NGSI-LD Null to the subscription for deletions only.
        assertThat(api.delete("/ngsi-ld/v1/entities/" + e + "/attrs/humidity").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        JsonNode attributeDeleted = List.copyOf(receiver.notifications).get(1);
        assertThat(attributeDeleted.get("subscriptionId").asString()).isEqualTo(deletions);
        assertThat(attributeDeleted.at("/data/0/humidity/value").asString()).isEqualTo("urn:ngsi-ld:null");
        assertThat(attributeDeleted.at("/data/0/humidity/deletedAt").asString()).as("when it was deleted").isNotBlank();
        assertThat(attributeDeleted.at("/data/0/temperature/value").asDouble()).isEqualTo(21.0);

        // The entity deleted: its id, type and deletedAt, and its attributes shown as deleted.
        assertThat(api.delete("/ngsi-ld/v1/entities/" + e).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 3);
        JsonNode entityDeleted = List.copyOf(receiver.notifications).get(2);
        assertThat(entityDeleted.get("subscriptionId").asString()).isEqualTo(deletions);
        assertThat(entityDeleted.at("/data/0/id").asString()).isEqualTo(e);
        assertThat(entityDeleted.at("/data/0/deletedAt").asString()).isNotBlank();
        assertThat(entityDeleted.at("/data/0/temperature/value").asString()).isEqualTo("urn:ngsi-ld:null");

        SaolaClient.Response bad = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                {"type": "Subscription", "entities": [{"type": "T"}], "notificationTrigger": ["entityRenamed"],
                 "notification": {"endpoint": {"uri": "http://localhost/n"}}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("entityRenamed").contains("entityDeleted");
        // Nothing else arrived: the default subscription was not told of the deletions. A later change it hears
        // of is its next notification, and a subscription's notifications arrive in commit order.
        entity("urn:ngsi-ld:" + type + ":sentinel", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 4);
        JsonNode next = List.copyOf(receiver.notifications).get(3);
        assertThat(next.get("subscriptionId").asString()).isEqualTo(byDefault);
        assertThat(next.at("/data/0/id").asString()).isEqualTo("urn:ngsi-ld:" + type + ":sentinel");
    }

    @Test
    void showChangesAddsThePreviousValues() {
        String e = "urn:ngsi-ld:" + type + ":changes";
        entity(e, 20);
        subscribe("\"notificationTrigger\": [\"attributeUpdated\", \"attributeDeleted\"],", "\"showChanges\": true,");
        entity(e, 21.5);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 1);
        JsonNode updated = receiver.notifications.peek().at("/data/0/temperature");
        assertThat(updated.get("value").asDouble()).isEqualTo(21.5);
        assertThat(updated.get("previousValue").asDouble()).isEqualTo(20.0);

        assertThat(api.delete("/ngsi-ld/v1/entities/" + e + "/attrs/temperature").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        JsonNode deleted = List.copyOf(receiver.notifications).get(1).at("/data/0/temperature");
        assertThat(deleted.get("value").asString()).isEqualTo("urn:ngsi-ld:null");
        assertThat(deleted.get("previousValue").asDouble()).isEqualTo(21.5);

        // A multi-attribute: each instance its own previous value, by datasetId; a vocabulary compacted as the
        // current one is.
        String m = "urn:ngsi-ld:" + type + ":multi";
        assertThat(api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "temperature": [
                   {"type": "Property", "value": 1, "datasetId": "urn:ngsi-ld:Dataset:a"},
                   {"type": "Property", "value": 2, "datasetId": "urn:ngsi-ld:Dataset:b"}],
                 "category": {"type": "VocabProperty", "vocab": "Sensor"}}""".formatted(m, type)).status()).isEqualTo(201);
        assertThat(api.send("PATCH", "/ngsi-ld/v1/entities/" + m + "/attrs", """
                {"temperature": {"type": "Property", "value": 5, "datasetId": "urn:ngsi-ld:Dataset:b"},
                 "category": {"type": "VocabProperty", "vocab": "Actuator"}}""").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 3);
        JsonNode multi = List.copyOf(receiver.notifications).get(2).at("/data/0");
        JsonNode b = null;
        for (JsonNode i : multi.get("temperature")) {
            if (i.path("datasetId").asString("").equals("urn:ngsi-ld:Dataset:b")) {
                b = i;
            }
        }
        assertThat(b).as(multi.toString()).isNotNull();
        assertThat(b.get("previousValue").asDouble()).isEqualTo(2.0);
        assertThat(multi.at("/category/vocab").asString()).isEqualTo("Actuator");
        assertThat(multi.at("/category/previousVocab").asString()).isEqualTo("Sensor");

        // §5.8.6: one instance of a multi-attribute deleted is a deletion of that instance, shown nulled with its
        // datasetId (and its previous value), not an update showing the instances left.
        assertThat(api.delete("/ngsi-ld/v1/entities/" + m + "/attrs/temperature?datasetId=urn:ngsi-ld:Dataset:a")
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 4);
        JsonNode instance = List.copyOf(receiver.notifications).get(3).at("/data/0/temperature");
        assertThat(instance.get("value").asString()).as(instance.toString()).isEqualTo("urn:ngsi-ld:null");
        assertThat(instance.get("datasetId").asString()).isEqualTo("urn:ngsi-ld:Dataset:a");
        assertThat(instance.get("previousValue").asDouble()).isEqualTo(1.0);
        assertThat(instance.has("deletedAt")).isTrue();
        assertThat(api.get("/ngsi-ld/v1/entities/" + m).json().at("/temperature/value").asDouble())
                .as("the other instance stays").isEqualTo(5.0);
    }

    @Test
    void twoChangesOfOneEntityCommittedTogetherAreTwoNotificationsInOrder() {
        String e = "urn:ngsi-ld:" + type + ":twice";
        entity(e, 10);
        subscribe("");
        // One batch, one transaction: both changes are due at the same moment.
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/update", """
                [{"id": "%1$s", "type": "%2$s", "temperature": 11}, {"id": "%1$s", "type": "%2$s", "temperature": 12}]"""
                .formatted(e, type));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        List<JsonNode> got = List.copyOf(receiver.notifications);
        assertThat(got.get(0).get("data").size()).isEqualTo(1);
        assertThat(got.get(0).at("/data/0/temperature/value").asDouble()).isEqualTo(11.0);
        assertThat(got.get(1).at("/data/0/temperature/value").asDouble()).isEqualTo(12.0);
    }

    @Test
    void aRefusingEndpointIsRetriedWithBackOffUntilItTakesTheNotification() {
        receiver.refuse.set(2);
        String id = subscribe("", "\"attributes\": [\"temperature\"], \"format\": \"keyValues\",");
        entity("urn:ngsi-ld:" + type + ":r", 31);
        // Refused once: the next try is due 2 s later on the platform's clock, refused again: 4 s later.
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.refuse.get() == 1);
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.refuse.get() == 0);
        clock.advance(Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.notifications.isEmpty());
        assertThat(receiver.notifications.peek().at("/data/0/temperature").asDouble()).isEqualTo(31.0);
        JsonNode status = api.get("/ngsi-ld/v1/subscriptions/" + id).json();
        assertThat(status.at("/notification/timesFailed").asInt()).isEqualTo(2);
        assertThat(status.at("/notification/lastFailure").asString()).isNotBlank();
    }

    @Test
    void aPeriodicSubscriptionSendsTheCurrentStateEveryInterval() {
        entity("urn:ngsi-ld:" + type + ":p1", 20);
        entity("urn:ngsi-ld:" + type + ":p2", 21);
        // An hour between notifications: only the platform's clock, moved by the test, brings the next one.
        String id = subscribe("\"timeInterval\": 3600,", "\"format\": \"keyValues\",");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 1);
        entity("urn:ngsi-ld:" + type + ":p1", 29);
        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        for (JsonNode n : receiver.notifications) {
            assertThat(n.get("subscriptionId").asString()).isEqualTo(id);
            assertThat(n.get("data")).hasSize(2);
        }
        assertThat(List.copyOf(receiver.notifications).get(1).toString()).contains("29");
        assertThat(Duration.between(receiver.arrivals.get(0), receiver.arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void throttlingHoldsTheNextNotificationUntilItsTimeHasCome() {
        String id = subscribe("\"throttling\": 600,", "");
        entity("urn:ngsi-ld:" + type + ":t", 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 1);
        entity("urn:ngsi-ld:" + type + ":t", 11);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        assertThat(List.copyOf(receiver.notifications).get(1).at("/data/0/temperature/value").asDouble()).isEqualTo(11.0);
        assertThat(Duration.between(receiver.arrivals.get(0), receiver.arrivals.get(1)))
                .as("on the platform's clock").isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(api.get("/ngsi-ld/v1/subscriptions/" + id).json().get("throttling").asInt()).isEqualTo(600);
    }

    @Test
    void anExpiredSubscriptionIsShownExpiredAndNotifiesNothing() {
        java.time.Instant expires = clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String expiring = subscribe("\"expiresAt\": \"" + expires + "\",");
        assertThat(api.get("/ngsi-ld/v1/subscriptions/" + expiring).json().get("status").asString()).isEqualTo("active");
        clock.advance(Duration.ofMinutes(6));
        assertThat(api.get("/ngsi-ld/v1/subscriptions/" + expiring).json().get("status").asString()).isEqualTo("expired");
        // A change after the expiry reaches a subscription in force, and not the expired one.
        String inForce = subscribe("");
        entity("urn:ngsi-ld:" + type + ":x", 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.notifications.isEmpty());
        assertThat(receiver.notifications).extracting(n -> n.get("subscriptionId").asString()).containsOnly(inForce);
    }

    @Test
    void underManyUpdatesNoNotificationIsLost() {
        subscribe("\"watchedAttributes\": [\"temperature\"],");
        int entities = 20;
        int rounds = 100;
        for (int round = 0; round < rounds; round++) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < entities; i++) {
                batch.append(i == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(type).append(':').append(i)
                        .append("\", \"type\": \"").append(type).append("\", \"temperature\": ").append(round).append('}');
            }
            assertThat(api.send("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update", batch + "]").status())
                    .isIn(201, 204);
        }
        Set<String> expected = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < entities; i++) {
            for (int round = 0; round < rounds; round++) {
                expected.add("urn:ngsi-ld:" + type + ":" + i + "@" + round);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> received().containsAll(expected));
        assertThat(received()).containsAll(expected);
    }

    private Set<String> received() {
        Set<String> got = ConcurrentHashMap.newKeySet();
        receiver.entities().forEach(e -> got.add(e.get("id").asString() + "@" + e.at("/temperature/value").asInt()));
        return got;
    }
}
