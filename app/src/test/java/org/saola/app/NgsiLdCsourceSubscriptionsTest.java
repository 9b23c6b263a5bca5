package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Context source subscriptions (ETSI GS CIM 009 V1.8.1 §5.11): told when registrations that concern them change. */
class NgsiLdCsourceSubscriptionsTest extends PlatformTest {

    private static final String CSUB = "/ngsi-ld/v1/csourceSubscriptions";
    private static final String CSR = "/ngsi-ld/v1/csourceRegistrations";

    private SaolaClient api;
    private NgsiLdSubscriptionsTest.Receiver receiver;
    private String type;

    @BeforeEach
    void subscriber() throws Exception {
        api = client().withApiKey(client().issueApiKey("csource subscriptions"));
        receiver = new NgsiLdSubscriptionsTest.Receiver();
        type = "ParkingSpot" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String register(String forType, String extra) {
        SaolaClient.Response r = api.post(CSR, """
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "%s"}]}],
                 "endpoint": "https://parking.example.vn/ngsi-ld", %s "operator": "DaNangParking"}""".formatted(forType, extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").substring((CSR + "/").length());
    }

    @Test
    void clause5_11_registrationsCreatedChangedAndDeletedAreNotifiedWithWhy() {
        SaolaClient.Response created = api.post(CSUB, """
                {"type": "Subscription", "entities": [{"type": "%s"}], "csf": "operator==\\"DaNangParking\\"",
                 "notification": {"endpoint": {"uri": "%s"}}}""".formatted(type, receiver.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String subscription = created.header("Location").substring((CSUB + "/").length());

        register("Other" + type, "");                                   // not of the type watched: not told
        String registration = register(type, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 1);
        JsonNode first = receiver.notifications.peek();
        assertThat(first.get("subscriptionId").asString()).isEqualTo(subscription);
        assertThat(first.get("triggerReason").asString()).isEqualTo("newlyMatching");
        assertThat(first.at("/data/0/id").asString()).isEqualTo(registration);

        assertThat(api.send("PATCH", CSR + "/" + registration, "{\"mode\": \"auxiliary\"}").status()).isEqualTo(204);
        assertThat(api.send("PATCH", CSR + "/" + registration,
                "{\"information\": [{\"entities\": [{\"type\": \"Other" + type + "\"}]}]}").status()).isEqualTo(204);
        assertThat(api.send("DELETE", CSR + "/" + register(type, ""), null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.notifications.size() == 5);
        assertThat(reasons()).containsExactly("newlyMatching", "updated", "noLongerMatching", "newlyMatching",
                "noLongerMatching");

        // Read back with its status; paused, it hears nothing; deleted, it is gone.
        JsonNode shown = api.get(CSUB + "/" + subscription).json();
        assertThat(shown.get("status").asString()).isEqualTo("active");
        assertThat(shown.at("/notification/timesSent").asInt()).isEqualTo(5);
        assertThat(api.get(CSUB).json().findValuesAsString("id")).contains(subscription);
        assertThat(api.send("PATCH", CSUB + "/" + subscription, "{\"isActive\": false}").status()).isEqualTo(204);
        register(type, "");
        assertThat(api.get(CSUB + "/" + subscription).json().get("status").asString()).isEqualTo("paused");
        assertThat(api.send("DELETE", CSUB + "/" + subscription, null).status()).isEqualTo(204);
        assertThat(api.get(CSUB + "/" + subscription).status()).isEqualTo(404);
        assertThat(receiver.notifications).hasSize(5);

        // csf: a registration by another operator is not one this subscription watches.
        SaolaClient.Response other = api.post(CSUB, """
                {"type": "Subscription", "entities": [{"type": "%s"}], "csf": "operator==\\"Elsewhere\\"",
                 "notification": {"endpoint": {"uri": "%s"}}}""".formatted(type, receiver.url()));
        assertThat(other.status()).isEqualTo(201);
        register(type, "");
        assertThat(receiver.notifications).hasSize(5);
    }

    @Test
    void badContextSourceSubscriptionsAreRefused() {
        assertThat(api.post(CSUB, """
                {"type": "Subscription", "entities": [{"type": "%s"}],
                 "notification": {"endpoint": {"uri": "mqtt://broker:1883/registrations"}}}""".formatted(type)).status())
                .isEqualTo(400);
        assertThat(api.post(CSUB, """
                {"type": "Subscription", "entities": [{"type": "%s"}], "timeInterval": 60,
                 "notification": {"endpoint": {"uri": "%s"}}}""".formatted(type, receiver.url())).status()).isEqualTo(400);
        assertThat(api.post(CSUB, "{\"type\": \"Subscription\", \"notification\": {}}").status()).isEqualTo(400);
        assertThat(api.get(CSUB + "/urn:ngsi-ld:Subscription:none").status()).isEqualTo(404);
    }

    private List<String> reasons() {
        List<String> out = new ArrayList<>();
        receiver.notifications.forEach(n -> out.add(n.get("triggerReason").asString()));
        return out;
    }
}
