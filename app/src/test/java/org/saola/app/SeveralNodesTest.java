package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.SaolaApplication;
import org.saola.platform.db.EmbeddedDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Several Saola nodes on one database (GS CIM 009 leaves deployment to the implementation; ARCHITECTURE.md plans
 * stateless nodes, the README offers an external PostgreSQL): a second node, started here on the first node's
 * database, and subscriptions made, changed and deleted through either node take effect on both at once; every
 * change made through either node is notified, none lost; a periodic notification is sent once, not once per node.
 */
class SeveralNodesTest extends PlatformTest {

    private static ConfigurableApplicationContext second;
    private static SaolaClient secondApi;

    @Autowired
    TestClock clock;
    @Autowired
    EmbeddedDatabase database;
    @Autowired
    Environment environment;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.saola.platform.security.ApiKeys apiKeys;

    private NgsiLdSubscriptionsTest.Receiver receiver;
    private String type;

    @BeforeEach
    void startSecondNode() throws Exception {
        receiver = new NgsiLdSubscriptionsTest.Receiver(clock);
        type = "WaterObserved" + UUID.randomUUID().toString().substring(0, 8);
        if (second != null) {
            return;
        }
        Path dir = TestDataDirs.create("saola-second-node-");
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--saola.db.url=jdbc:postgresql://localhost:" + database.port() + "/saola",
                "--saola.db.username=postgres", "--saola.db.password=postgres",
                "--saola.data-dir=" + dir, "--saola.mqtt.data-dir=" + dir.resolve("mqtt"), "--saola.mqtt.port=0"));
        // Everything else as the first node has it: the same admin, contact key, schedules and outbound policy.
        for (String key : List.of("saola.admin.password", "saola.simulator.enabled", "saola.residents.data-dir",
                "saola.devices.health.check-every", "saola.retention.first-after", "saola.opendata.check-every",
                "saola.alerts.timer-every", "saola.water.leaks-every", "saola.traffic.congestion-every",
                "saola.lighting.nights-every", "saola.lighting.schedule-every", "saola.indicators.compute-every",
                "saola.outbound.allowed-networks[0]", "spring.mail.host", "spring.mail.port", "saola.residents.sms-url",
                "saola.residents.sms-token")) {
            args.add("--" + key + "=" + environment.getRequiredProperty(key));
        }
        // The second node's clock is the first's, so that the test moves both.
        TestClock shared = clock;
        second = new SpringApplicationBuilder(SaolaApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("secondNodeClock",
                        TestClock.class, () -> shared, definition -> definition.setPrimary(true)))
                .run(args.toArray(String[]::new));
        int port = ((WebServerApplicationContext) second).getWebServer().getPort();
        SaolaClient admin = new SaolaClient("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        secondApi = admin.withApiKey(admin.issueApiKey("second node"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void subscriptionsMadeThroughEitherNodeAreNotifiedOfEveryChangeMadeThroughEither() {
        SaolaClient first = client().withApiKey(client().issueApiKey("first node"));
        // One subscription through each node; the changes follow at once, through both, alternately.
        String viaFirst = subscribe(first, "");
        String viaSecond = subscribe(secondApi, "");
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            String id = "urn:ngsi-ld:" + type + ":" + i;
            upsert(i % 2 == 0 ? first : secondApi, id, i);
            expected.add(id + "=" + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received(viaFirst).containsAll(expected)
                && received(viaSecond).containsAll(expected));
        assertThat(received(viaFirst)).as("through node 1").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(received(viaSecond)).as("through node 2").containsExactlyInAnyOrderElementsOf(expected);

        // Changed through the other node: node 1's writes now match the new condition at once.
        SaolaClient.Response patched = secondApi.send("PATCH", "/ngsi-ld/v1/subscriptions/" + viaFirst,
                "{\"q\": \"flow>100\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(204);
        upsert(first, "urn:ngsi-ld:" + type + ":low", 5);
        upsert(first, "urn:ngsi-ld:" + type + ":high", 500);
        await().atMost(Duration.ofSeconds(30)).until(() -> received(viaSecond).contains("urn:ngsi-ld:" + type + ":high=500")
                && received(viaFirst).contains("urn:ngsi-ld:" + type + ":high=500"));

        // Deleted through the other node: no change through node 1 is notified to it any more, and none fails.
        assertThat(first.send("DELETE", "/ngsi-ld/v1/subscriptions/" + viaSecond, null).status()).isEqualTo(204);
        upsert(secondApi, "urn:ngsi-ld:" + type + ":after", 700);
        upsert(first, "urn:ngsi-ld:" + type + ":after", 701);
        await().atMost(Duration.ofSeconds(30)).until(() -> received(viaFirst).contains("urn:ngsi-ld:" + type + ":after=701"));
        assertThat(received(viaSecond)).noneMatch(r -> r.contains(":after="));
        assertThat(received(viaFirst)).as("flow>100 only").doesNotContain("urn:ngsi-ld:" + type + ":low=5");
    }

    @Test
    void aWriteThatReadsNothingBeforeItWritesStillHearsWhatTheOtherNodeDid() {
        SaolaClient first = client().withApiKey(client().issueApiKey("first node"));
        // Node 1 wrote this entity, so it holds it in memory and its next write reads nothing before it writes: the
        // subscriptions' version is read in the write's own round trip. A subscription made through node 2 meanwhile
        // is found there, and the write is applied again, so that it is notified.
        String held = "urn:ngsi-ld:" + type + ":held";
        upsert(first, held, 1);
        String viaSecond = subscribe(secondApi, "");
        upsert(first, held, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> received(viaSecond).contains(held + "=2"));

        // An entity node 2 made and node 1 does not hold: a creation through node 1 takes it to be absent, finds it
        // there on writing, and is refused as a creation of an existing entity, leaving node 2's entity as it was.
        String made = "urn:ngsi-ld:" + type + ":made-there";
        upsert(secondApi, made, 3);
        SaolaClient.Response created = first.send("POST", "/ngsi-ld/v1/entities",
                "{\"id\": \"" + made + "\", \"type\": \"" + type + "\", \"flow\": 4}");
        assertThat(created.status()).as(created.body()).isEqualTo(409);
        SaolaClient.Response read = first.get("/ngsi-ld/v1/entities/" + made + "?options=keyValues");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("\"flow\":3").doesNotContain("\"flow\":4");
    }

    @Test
    void aSubscriptionMadeAndDeletedInATenantANodeHoldsNothingOfLeavesThatNodeWorking() {
        // Review finding: node 2, holding no subscription of a tenant, read the creation and the deletion together
        // and failed on the deletion, and with it every group commit of its writers.
        String tenant = "qn-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.sql("INSERT INTO tenant (id, name) VALUES (?, 'Quảng Nam')").param(tenant).update();
        SaolaClient other = client().withApiKey(apiKeys.issue(org.saola.platform.TenantId.of(tenant), "several nodes",
                org.saola.platform.security.StaffRole.OPERATOR, "test").secret());
        for (int i = 0; i < 3; i++) {
            String id = subscribe(other, "");
            assertThat(other.send("DELETE", "/ngsi-ld/v1/subscriptions/" + id, null).status()).isEqualTo(204);
        }
        upsert(secondApi, "urn:ngsi-ld:" + type + ":still-written", 1);
        SaolaClient.Response read = secondApi.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":still-written");
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void anEntitysChangesAreNotifiedInOrderAcrossNodesEvenAfterAFailure() {
        SaolaClient first = client().withApiKey(client().issueApiKey("first node"));
        String id = subscribe(first, "");
        receiver.refuse.set(2);                 // the first two deliveries fail: the first change backs off
        String entity = "urn:ngsi-ld:" + type + ":ordered";
        for (int i = 1; i <= 6; i++) {
            upsert(i % 2 == 1 ? first : secondApi, entity, i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> flows(id, entity).size() >= 6);
        assertThat(flows(id, entity)).as("no node overtakes a change held back on the other")
                .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
    }

    /** The flows notified for an entity, in the order they arrived. */
    private List<Double> flows(String subscription, String entity) {
        List<Double> out = new ArrayList<>();
        for (JsonNode n : receiver.notifications) {
            if (n.get("subscriptionId").asString().equals(subscription)) {
                for (JsonNode e : n.get("data")) {
                    if (e.get("id").asString().equals(entity)) {
                        out.add(e.get("flow").asDouble());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aPeriodicSubscriptionIsSentOnceAnIntervalNotOncePerNode() throws InterruptedException {
        SaolaClient first = client().withApiKey(client().issueApiKey("first node"));
        upsert(first, "urn:ngsi-ld:" + type + ":p", 1);
        // An hour between notifications: only the clock both nodes share brings the next one.
        String id = subscribe(secondApi, "\"timeInterval\": 3600,");
        await().atMost(Duration.ofSeconds(10)).until(() -> received(id).size() == 1);
        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 2);
        Thread.sleep(2_000);        // both nodes' dispatchers look several times meanwhile
        assertThat(receiver.notifications).as("one notification an interval").hasSize(2);
    }

    private String subscribe(SaolaClient api, String extra) {
        String body = """
                {"type": "Subscription", "entities": [{"type": "%s"}], %s
                 "notification": {"format": "keyValues", "attributes": ["flow"], "endpoint": {"uri": "%s"}}}"""
                .formatted(type, extra, receiver.url());
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/subscriptions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").substring("/ngsi-ld/v1/subscriptions/".length());
    }

    private void upsert(SaolaClient api, String id, double flow) {
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update",
                "[{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"flow\": " + flow + "}]");
        assertThat(r.status()).as(r.body()).isIn(201, 204);
    }

    /** What a subscription was notified: each entity as {@code id=flow}. */
    private Set<String> received(String subscription) {
        return receiver.notifications.stream().filter(n -> n.get("subscriptionId").asString().equals(subscription))
                .flatMap(n -> {
                    List<String> data = new ArrayList<>();
                    for (JsonNode e : n.get("data")) {
                        data.add(e.get("id").asString() + "=" + e.get("flow").asDouble());
                    }
                    return data.stream();
                }).map(s -> s.endsWith(".0") ? s.substring(0, s.length() - 2) : s).collect(Collectors.toSet());
    }
}
