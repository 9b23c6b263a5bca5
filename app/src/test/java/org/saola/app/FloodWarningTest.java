package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.saola.alerts.cap.CapProfile;
import org.saola.alerts.cap.CapSchema;
import org.saola.alerts.notify.Notifier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/**
 * A flood, end to end: a river gauge rises over its rule's threshold, the alert is raised, e-mailed to the
 * department (a real SMTP server) and posted to a signed webhook, and a public warning appears in the Atom feed as a
 * CAP 1.2 message that validates against Saola's schema and the aggregators' rules; the river falls, the alert
 * resolves, the warning is cancelled by a message that references it, and the people are told. Operators also
 * issue, update and cancel warnings by hand; mistakes are refused with the field named.
 */
class FloodWarningTest extends PlatformTest {

    record Call(Map<String, List<String>> headers, String body) {
    }

    HttpServer webhook;
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    volatile int answer = 204;

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private String department(String email) {
        String code = unique("pctt-");
        SaolaClient.Response r = client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Ban chỉ huy phòng chống thiên tai","nameEn":"Disaster prevention committee",
                 "contactEmail":"%s","wards":["Hải Châu 1","Thạch Thang"]}""".formatted(code, email));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return code;
    }

    private String channel(String secret) {
        String name = unique("hook-");
        SaolaClient.Response r = client().post("/api/v1/alerts/channels", """
                {"name":"%s","kind":"WEBHOOK","target":"http://127.0.0.1:%d/hook","secret":"%s"}"""
                .formatted(name, webhook.getAddress().getPort(), secret));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("hasSecret").asBoolean()).isTrue();
        assertThat(r.body()).as("a secret is never read back").doesNotContain(secret);
        return name;
    }

    private void level(String id, double level) {
        assertThat(client().send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel", "{\"value\": " + level + "}")
                .status()).isEqualTo(204);
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The CAP messages the feed links, newest first, each as served. */
    private List<String> capMessagesInFeed() throws Exception {
        SaolaClient.Response feed = client().anonymous().get("/public/v1/warnings.atom");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("application/atom+xml");
        NodeList links = xml(feed.body()).getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            if ("application/cap+xml".equals(link.getAttribute("type"))) {
                String href = link.getAttribute("href");
                SaolaClient.Response cap = client().anonymous().get(href.substring(href.indexOf("/public/")));
                assertThat(cap.status()).isEqualTo(200);
                assertThat(cap.header("Content-Type")).startsWith("application/cap+xml");
                messages.add(cap.body());
            }
        }
        return messages;
    }

    /** Valid against the schema and the aggregators' rules, the references known from the feed itself. */
    private static void assertValid(String cap, List<String> feed) {
        assertThat(CapSchema.problem(cap)).as(cap).isEmpty();
        assertThat(CapProfile.problems(cap, id -> feed.stream().anyMatch(m -> m.contains("<identifier>" + id + "</identifier>"))))
                .as(cap).isEmpty();
    }

    @Test
    void aFloodIsAlertedMailedWarnedInCapAndCancelledWhenTheRiverFalls() throws Exception {
        String email = unique("pctt-") + "@danang.example";
        String dept = department(email);
        String secret = "a-webhook-secret-" + UUID.randomUUID();
        String hook = channel(secret);
        String type = unique("RiverGauge").replace("-", "");
        SaolaClient.Response rule = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "clearCondition": "waterLevel < 2.5",
                 "holdFor": "PT0S", "severity": "SEVERE", "department": "%s",
                 "messageVi": "Mực nước {{waterLevel}} m tại {{id}}", "messageEn": "Water level {{waterLevel}} m at {{id}}",
                 "channels": ["department", "%s"],
                 "warning": {"categories": ["Met"], "event": {"vi": "Lũ", "en": "Flood"}, "responseTypes": ["Prepare"],
                   "urgency": "Expected", "certainty": "Observed",
                   "headline": {"vi": "Lũ: mực nước sông {{waterLevel}} m", "en": "Flood: the river is at {{waterLevel}} m"},
                   "description": {"vi": "Trạm {{id}} đo được {{waterLevel}} m, vượt báo động.",
                                   "en": "Gauge {{id}} measured {{waterLevel}} m, over the alarm level."},
                   "instruction": {"vi": "Tránh xa bờ sông.", "en": "Keep away from the river banks."},
                   "wards": ["Hải Châu 1"], "radiusKm": 2, "expiresAfter": "PT6H"}}"""
                .formatted(unique("flood "), type, dept, hook));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().get("channels")).hasSize(2);
        String gauge = "urn:ngsi-ld:" + type + ":" + unique("han-");
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 1.8},
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.2241, 16.0612]}}}"""
                .formatted(gauge, type)).status()).isEqualTo(201);

        level(gauge, 2.6);
        level(gauge, 3.2);

        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.mailTo(email, "New alert").isPresent());
        assertThat(TestMailAndSms.mailTo(email, "New alert").orElseThrow())
                .contains("Mực nước 3.2 m tại " + gauge).contains("Water level 3.2 m at " + gauge).contains("SEVERE");
        await().atMost(Duration.ofSeconds(15)).until(() -> !calls.isEmpty());
        Call call = calls.poll();
        String signature = call.headers().get("X-saola-signature").get(0);
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(signature).as("signed with the channel's secret")
                .endsWith(",v1=" + Notifier.sign(secret, t, call.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode posted = SaolaClient.JSON.readTree(call.body());
        assertThat(posted.get("event").asString()).isEqualTo("RAISED");
        assertThat(posted.at("/alert/entityId").asString()).isEqualTo(gauge);

        List<String> feed = capMessagesInFeed();
        String alertMessage = feed.stream().filter(m -> m.contains(gauge)).findFirst().orElseThrow();
        assertValid(alertMessage, feed);
        assertThat(alertMessage).contains("<msgType>Alert</msgType>").contains("<severity>Severe</severity>")
                .contains("<headline>Flood: the river is at 3.2 m</headline>")
                .contains("<geocode><valueName>ward</valueName><value>Hải Châu 1</value></geocode>")
                .contains("<circle>16.0612,108.2241 2</circle>").contains("<language>vi-VN</language>")
                .contains("<areaDesc>Within 2 km of " + gauge + "</areaDesc>");
        JsonNode current = client().anonymous().get("/public/v1/warnings").json();
        JsonNode ours = null;
        for (JsonNode w : current) {
            if (w.at("/headline/en").asString().equals("Flood: the river is at 3.2 m")) {
                ours = w;
            }
        }
        assertThat(ours).as("in effect: " + current).isNotNull();
        JsonNode alert = client().get("/api/v1/alerts?entityId=" + gauge).json().get(0);
        String alertId = alert.get("id").asString();
        assertThat(client().get("/api/v1/alerts/" + alertId).json().get("warning").asString())
                .isEqualTo(ours.get("id").asString());

        level(gauge, 2.8);                     // under the threshold, over the clear level: the warning stands
        level(gauge, 2.3);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.mailTo(email, "Alert resolved").isPresent());
        List<String> after = capMessagesInFeed();
        String cancel = after.stream().filter(m -> m.contains("<msgType>Cancel</msgType>") && m.contains(gauge))
                .findFirst().orElseThrow();
        assertValid(cancel, after);
        String identifier = alertMessage.replaceAll("(?s).*<identifier>([^<]+)</identifier>.*", "$1");
        assertThat(cancel).contains("<references>canhbao@danang.example,".replace("canhbao@danang.example",
                alertMessage.replaceAll("(?s).*<sender>([^<]+)</sender>.*", "$1")) + identifier + ",");
        String warningId = ours.get("id").asString();
        assertThat(client().anonymous().get("/public/v1/warnings").json().findValuesAsString("id"))
                .as("no longer in effect").doesNotContain(warningId);
        await().atMost(Duration.ofSeconds(15)).until(() -> client().get("/api/v1/alerts/" + alertId).json()
                .get("notifications").findValuesAsString("status").stream().filter("SENT"::equals).count() == 4);
        JsonNode notifications = client().get("/api/v1/alerts/" + alertId).json().get("notifications");
        assertThat(notifications.findValuesAsString("event")).containsExactlyInAnyOrder("RAISED", "RAISED", "RESOLVED", "RESOLVED");
    }

    @Test
    void aNotificationThatFailsIsRetriedAndItsErrorShownOnTheAlert() {
        answer = 500;
        String dept = department(unique("x-") + "@danang.example");
        String hook = channel("another-secret-0123456789");
        String type = unique("RiverGauge").replace("-", "");
        assertThat(client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "MODERATE",
                 "department": "%s", "messageVi": "Nước cao", "messageEn": "High water", "channels": ["%s"]}"""
                .formatted(unique("high "), type, dept, hook)).status()).isEqualTo(201);
        String gauge = "urn:ngsi-ld:" + type + ":" + unique("g-");
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 3.5}}""".formatted(gauge, type))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode list = client().get("/api/v1/alerts?entityId=" + gauge).json();
            return list.size() == 1 && client().get("/api/v1/alerts/" + list.get(0).get("id").asString()).json()
                    .at("/notifications/0/attempts").asInt() >= 1;
        });
        String alertId = client().get("/api/v1/alerts?entityId=" + gauge).json().get(0).get("id").asString();
        JsonNode n = client().get("/api/v1/alerts/" + alertId).json().at("/notifications/0");
        assertThat(n.get("status").asString()).as("tried again later").isEqualTo("PENDING");
        assertThat(n.get("lastError").asString()).contains("HTTP 500");
        assertThat(n.get("nextAttemptAt").isNull()).isFalse();
    }

    @Test
    void operatorsIssueUpdateAndCancelWarningsByHandAndMistakesAreNamed() throws Exception {
        department(unique("y-") + "@danang.example");
        String draft = """
                {"categories": ["Met"], "event": {"vi": "Bão", "en": "Typhoon"}, "urgency": "Expected",
                 "severity": "%s", "certainty": "Likely", "expires": "%s",
                 "headline": {"vi": "Bão số 9 đổ bộ", "en": "Typhoon No. 9 makes landfall"},
                 "description": {"vi": "Gió mạnh cấp 12.", "en": "Winds of force 12."},
                 "instruction": {"vi": "Ở trong nhà.", "en": "Stay indoors."}, "responseTypes": ["Shelter"],
                 "areas": [{"description": {"vi": "Ven biển", "en": "Coast"},
                            "polygon": {"type": "Polygon", "coordinates": [[[108.2, 16.0], [108.3, 16.0], [108.3, 16.1], [108.2, 16.1]]]}},
                           {"wards": ["Thạch Thang"]}]}""";
        String expires = clock.instant().plus(Duration.ofHours(12)).toString();
        SaolaClient operator = client().withApiKey(client().issueApiKey("duty operator", "OPERATOR"));
        SaolaClient.Response issued = operator.post("/api/v1/warnings", draft.formatted("Severe", expires));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String id = issued.json().get("id").asString();
        assertThat(issued.json().get("msgType").asString()).isEqualTo("Alert");

        SaolaClient.Response updated = operator.post("/api/v1/warnings/" + id + "/updates", draft.formatted("Extreme", expires));
        assertThat(updated.status()).as(updated.body()).isEqualTo(201);
        SaolaClient.Response cancelled = operator.post("/api/v1/warnings/" + id + "/cancel", "{\"note\": \"the typhoon turned north\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(201);
        assertThat(operator.post("/api/v1/warnings/" + id + "/cancel", "{\"note\": \"again\"}").status()).isEqualTo(409);
        JsonNode chain = operator.get("/api/v1/warnings/" + id).json();
        assertThat(chain.findValuesAsString("msgType")).containsExactly("Alert", "Update", "Cancel");

        String cancel = client().anonymous().get(chain.get(2).get("cap").asString().replaceAll("^https?://[^/]+", "")).body();
        assertThat(CapSchema.problem(cancel)).isEmpty();
        assertThat(cancel).contains("<note>the typhoon turned north</note>")
                .contains(chain.get(0).get("identifier").asString()).contains(chain.get(1).get("identifier").asString());
        assertThat(CapProfile.problems(cancel, i -> i.equals(chain.get(0).get("identifier").asString())
                || i.equals(chain.get(1).get("identifier").asString()))).isEmpty();

        SaolaClient.Response bad = operator.post("/api/v1/warnings", draft.formatted("Severe", expires)
                .replace("[108.3, 16.1], [108.2, 16.1]", "[108.2, 16.1], [108.3, 16.1]"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("areas[0].polygon").contains("crosses itself");
        SaolaClient.Response past = operator.post("/api/v1/warnings", draft.formatted("Severe", "2020-01-01T00:00:00+07:00"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("expires");
        assertThat(operator.post("/api/v1/warnings", draft.formatted("Awful", expires)).body()).contains("severity");

        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.post("/api/v1/warnings", draft.formatted("Severe", expires)).status()).isEqualTo(403);
    }

    @Test
    void residentsAreSentTheWarningsOfTheWardsTheyChoseUntilTheyStop() throws Exception {
        department(unique("z-") + "@danang.example");       // the city's wards include Hải Châu 1 and Thạch Thang
        String base = "http://localhost:" + port;
        String lan = unique("lan-") + "@example.vn";
        String minh = unique("minh-") + "@example.vn";
        FormSession lanSession = TestResidents.signedIn(base, lan);
        FormSession minhSession = TestResidents.signedIn(base, minh);
        assertThat(lanSession.get("/city/warnings/subscribe").body()).as("signed in: the form").contains("id=\"scope-city\"");
        minhSession.get("/city/warnings/subscribe");
        assertThat(lanSession.post("/city/warnings/subscribe", List.of(Map.entry("scope", "wards"),
                Map.entry("ward", "Thạch Thang"))).statusCode()).isEqualTo(302);
        assertThat(minhSession.post("/city/warnings/subscribe", List.of(Map.entry("scope", "wards"),
                Map.entry("ward", "Hải Châu 1"))).statusCode()).isEqualTo(302);
        assertThat(lanSession.get("/city/warnings/subscribe").body()).contains("Thạch Thang");
        assertThat(minhSession.post("/city/warnings/subscribe", List.of(Map.entry("scope", "wards"),
                Map.entry("ward", "Atlantis"))).statusCode()).as("not a ward: refused, nothing changed").isEqualTo(302);
        assertThat(new FormSession(base).post("/city/warnings/subscribe", List.of(Map.entry("scope", "city")))
                .statusCode()).as("only a signed-in resident").isIn(302, 401, 403);

        String tag = unique("");
        String draft = """
                {"categories": ["Met"], "event": {"vi": "Ngập", "en": "Flooding"}, "urgency": "Immediate",
                 "severity": "Moderate", "certainty": "Observed", "expires": "%s",
                 "headline": {"vi": "Ngập đường %s", "en": "Streets flooded %s"},
                 "description": {"vi": "Nước ngập 30 cm.", "en": "Water 30 cm deep."},
                 "areas": [{"wards": ["Thạch Thang"]}]}""".formatted(clock.instant().plus(Duration.ofHours(2)), tag, tag);
        SaolaClient.Response issued = client().post("/api/v1/warnings", draft);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.mailTo(lan, "Streets flooded " + tag).isPresent());
        assertThat(TestMailAndSms.mailTo(lan, "Streets flooded " + tag).orElseThrow())
                .contains("Ngập đường " + tag).contains("Water 30 cm deep.").contains("/city/warnings/subscribe");
        assertThat(TestMailAndSms.mailTo(minh, "Streets flooded " + tag)).as("another ward").isEmpty();

        lanSession.get("/city/warnings/subscribe");
        assertThat(lanSession.post("/city/warnings/subscribe", List.of(Map.entry("action", "stop"))).statusCode()).isEqualTo(302);
        String id = issued.json().get("id").asString();
        assertThat(client().post("/api/v1/warnings/" + id + "/cancel", "{\"note\": \"the water went down\"}").status())
                .isEqualTo(201);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> TestMailAndSms.mailTo(lan, "Cancelled: Streets flooded " + tag).isEmpty());
    }

    @Autowired
    TestClock clock;

    @Autowired
    org.saola.alerts.AlertActions actions;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void anAlertNobodyAcknowledgesInTimeIsEscalatedOnce() {
        String dept = department(unique("e-") + "@danang.example");
        String hook = channel("escalation-secret-0123456789");
        String type = unique("RiverGauge").replace("-", "");
        SaolaClient.Response bad = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "SEVERE",
                 "messageVi": "Nước cao", "messageEn": "High water", "escalateAfter": "PT10M"}""".formatted(unique("x "), type));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("escalateTo");
        SaolaClient.Response rule = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "SEVERE", "department": "%s",
                 "messageVi": "Nước cao", "messageEn": "High water", "escalateAfter": "PT10M", "escalateTo": ["%s"]}"""
                .formatted(unique("escalate "), type, dept, hook));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().get("escalateAfter").asString()).isEqualTo("PT10M");
        clock.freeze();
        try {
            String gauge = "urn:ngsi-ld:" + type + ":" + unique("g-");
            assertThat(client().post("/ngsi-ld/v1/entities", """
                    {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 3.5}}""".formatted(gauge, type))
                    .status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/alerts?entityId=" + gauge).json().size() == 1);
            String alertId = client().get("/api/v1/alerts?entityId=" + gauge).json().get(0).get("id").asString();
            clock.advance(Duration.ofMinutes(9));
            transactions.execute(s -> actions.escalateDue());
            assertThat(client().get("/api/v1/alerts/" + alertId).json().get("events").findValuesAsString("kind"))
                    .doesNotContain("ESCALATED");
            clock.advance(Duration.ofMinutes(2));
            transactions.execute(s -> actions.escalateDue());
            transactions.execute(s -> actions.escalateDue());
            assertThat(client().get("/api/v1/alerts/" + alertId).json().get("events").findValuesAsString("kind"))
                    .containsExactly("RAISED", "ESCALATED");
            await().atMost(Duration.ofSeconds(15)).until(() -> calls.stream().anyMatch(c -> c.body().contains(alertId)));
            assertThat(calls.stream().filter(c -> c.body().contains(alertId)).toList()).hasSize(1)
                    .allMatch(c -> c.body().contains("\"event\":\"ESCALATED\""));
        } finally {
            clock.resume();
        }
    }
}
