package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saola.alerts.domain.RuleEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rules and alerts over HTTP, as the operations centre uses them: a rule in CEL raises one alert per entity when
 * its condition holds (after its hold time), the alert is acknowledged and resolved when the clear condition
 * holds; callers scoped to a department see only its alerts; bad rules are refused with where they are wrong.
 */
class AlertsTest extends PlatformTest {

    @Autowired
    TestClock clock;

    @Autowired
    RuleEngine engine;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void resumeClock() {
        clock.resume();
    }

    private int raiseDue() {
        Integer raised = transactions.execute(s -> engine.raiseDue());
        return raised == null ? 0 : raised;
    }

    private int raiseSilent() {
        Integer raised = transactions.execute(s -> engine.raiseSilent());
        return raised == null ? 0 : raised;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    }

    private String department() {
        String dept = unique("flood-").toLowerCase();
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng phòng chống thiên tai","nameEn":"Disaster prevention"}""".formatted(dept))
                .status()).isEqualTo(201);
        return dept;
    }

    private String rule(String type, String dept, String holdFor) {
        SaolaClient.Response r = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "clearCondition": "waterLevel < 2.8",
                 "holdFor": "%s", "severity": "SEVERE", "department": "%s",
                 "messageVi": "Mực nước {{waterLevel}} m tại {{id}}", "messageEn": "Water level {{waterLevel}} m at {{id}}"}"""
                .formatted(unique("flood rule "), type, holdFor, dept));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String gauge(String type, double level) {
        String id = "urn:ngsi-ld:" + type + ":" + unique("g");
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": %s}}""".formatted(id, type, level))
                .status()).isEqualTo(201);
        return id;
    }

    private void level(String id, double level) {
        assertThat(client().send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel", "{\"value\": " + level + "}")
                .status()).isEqualTo(204);
    }

    private JsonNode alerts(SaolaClient as, String entityId) {
        return as.get("/api/v1/alerts?status=all&entityId=" + entityId).json();
    }

    @Test
    void oneAlertIsRaisedAcknowledgedAndResolvedByTheClearConditionWithAMargin() {
        String type = unique("WaterGauge");
        String dept = department();
        String ruleId = rule(type, dept, "PT0S");
        String id = gauge(type, 2.0);
        level(id, 3.1);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), id).size() == 1);
        level(id, 3.3);
        level(id, 2.9);          // under the threshold, above the clear level: still open
        JsonNode alert = alerts(client(), id).get(0);
        assertThat(alert.get("status").asString()).isEqualTo("RAISED");
        assertThat(alert.get("ruleId").asString()).isEqualTo(ruleId);
        assertThat(alert.get("severity").asString()).isEqualTo("SEVERE");
        assertThat(alert.get("department").asString()).isEqualTo(dept);
        assertThat(alert.get("messageVi").asString()).isEqualTo("Mực nước 3.1 m tại " + id);
        assertThat(alert.get("messageEn").asString()).isEqualTo("Water level 3.1 m at " + id);
        assertThat(alert.at("/values/waterLevel").asDouble()).isEqualTo(3.1);
        String alertId = alert.get("id").asString();

        SaolaClient operator = client().withApiKey(client().issueApiKey("duty operator", "OPERATOR"));
        SaolaClient.Response ack = operator.post("/api/v1/alerts/" + alertId + "/acknowledge", "{\"note\": \"crew sent\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(operator.post("/api/v1/alerts/" + alertId + "/acknowledge", "{}").status())
                .as("acknowledged once").isEqualTo(409);
        assertThat(operator.post("/api/v1/alerts/" + alertId + "/comments", "{\"text\": \"pumps running\"}").status())
                .isEqualTo(200);

        level(id, 2.7);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), id).get(0).get("status").asString()
                .equals("RESOLVED"));
        JsonNode resolved = client().get("/api/v1/alerts/" + alertId).json();
        assertThat(resolved.get("resolvedBy").asString()).isEqualTo("rule");
        assertThat(resolved.get("events").findValues("kind")).extracting(JsonNode::asString)
                .containsExactly("RAISED", "ACKNOWLEDGED", "COMMENTED", "RESOLVED");
        assertThat(alerts(client(), id)).as("one alert for the whole episode").hasSize(1);

        level(id, 3.4);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), id).size() == 2);
        assertThat(client().get("/api/v1/alerts?entityId=" + id).json()).as("open ones only, by default").hasSize(1);
    }

    @Test
    void theHoldTimeIsWaitedAndTheTimerRaisesWithoutAnotherReading() {
        String type = unique("WaterGauge");
        rule(type, department(), "PT10M");
        clock.freeze();
        String id = gauge(type, 3.5);
        level(id, 3.6);
        clock.advance(Duration.ofMinutes(5));
        level(id, 3.7);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> alerts(client(), id).isEmpty());
        assertThat(raiseDue()).as("five minutes to go").isZero();

        clock.advance(Duration.ofMinutes(6));
        assertThat(raiseDue()).isEqualTo(1);
        JsonNode alert = alerts(client(), id).get(0);
        assertThat(alert.get("status").asString()).isEqualTo("RAISED");
        assertThat(alert.at("/values/waterLevel").asDouble()).isEqualTo(3.7);
        assertThat(raiseDue()).as("raised once").isZero();
    }

    @Test
    void callersScopedToADepartmentSeeAndWorkOnlyItsAlerts() {
        String type = unique("WaterGauge");
        String mine = department();
        String theirs = department();
        rule(type, mine, "PT0S");
        String otherType = unique("WaterGauge");
        rule(otherType, theirs, "PT0S");
        String a = gauge(type, 3.2);
        String b = gauge(otherType, 3.2);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), a).size() == 1 && alerts(client(), b).size() == 1);
        String theirAlert = alerts(client(), b).get(0).get("id").asString();

        SaolaClient.Response key = client().post("/api/v1/api-keys",
                "{\"name\": \"ward officer\", \"role\": \"OFFICER\", \"department\": \"" + mine + "\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        SaolaClient officer = client().withApiKey(key.json().get("secret").asString());
        assertThat(alerts(officer, a)).hasSize(1);
        assertThat(alerts(officer, b)).isEmpty();
        assertThat(officer.get("/api/v1/alerts/" + theirAlert).status()).isEqualTo(404);
        assertThat(officer.post("/api/v1/alerts/" + theirAlert + "/resolve", "{}").status()).isEqualTo(404);
        String myAlert = alerts(officer, a).get(0).get("id").asString();
        assertThat(officer.post("/api/v1/alerts/" + myAlert + "/resolve", "{\"note\": \"checked on site\"}").status())
                .isEqualTo(200);
        assertThat(officer.post("/api/v1/rules", "{}").status()).as("officers do not write rules").isEqualTo(403);

        SaolaClient noDepartment = client().withApiKey(client().issueApiKey("officer of no department", "OFFICER"));
        assertThat(alerts(noDepartment, a)).as("an officer of no department sees none").isEmpty();

        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.get("/api/v1/alerts/" + theirAlert).status()).isEqualTo(200);
        assertThat(analyst.post("/api/v1/alerts/" + theirAlert + "/acknowledge", "{}").status()).isEqualTo(403);
    }

    @Test
    void aRuleNamingEntitiesWatchesOnlyThemAndTheEngineShowsItKeepsUp() {
        String type = unique("WaterGauge");
        String watched = gauge(type, 1.0);
        String other = gauge(type, 1.0);
        SaolaClient.Response r = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "entityIds": ["%s"], "condition": "waterLevel >= 2.0",
                 "severity": "MODERATE", "messageVi": "{{waterLevel}}", "messageEn": "{{waterLevel}}"}"""
                .formatted(unique("own alarm level "), type, watched));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long before = client().get("/api/v1/rules/engine").json().get("evaluations").asLong();
        level(other, 2.5);
        level(watched, 2.5);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), watched).size() == 1);
        assertThat(alerts(client(), other)).isEmpty();
        JsonNode engine = client().get("/api/v1/rules/engine").json();
        assertThat(engine.get("evaluations").asLong() - before).as("the other gauge's change visits no rule").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/rules/engine").json()
                .get("groupCommitsBehind").asLong() == 0);
        assertThat(client().withApiKey(client().issueApiKey("officer", "OFFICER")).get("/api/v1/rules/engine").status())
                .isEqualTo(403);
    }

    @Test
    void aWindowedAverageIsTakenFromHistoryAfterTheEngineForgetsItsWindows() {
        String type = unique("WaterGauge");
        SaolaClient.Response r = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "avgOver('waterLevel', 'PT30M') >= 3.0",
                 "severity": "SEVERE", "messageVi": "TB {{waterLevel}}", "messageEn": "avg {{waterLevel}}"}"""
                .formatted(unique("half-hour average "), type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        java.time.Instant t0 = java.time.Instant.parse("2026-10-14T00:00:00Z");
        String id = "urn:ngsi-ld:" + type + ":" + unique("g");
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 1.0, "observedAt": "%s"}}"""
                .formatted(id, type, t0)).status()).isEqualTo(201);
        observed(id, 2.0, t0.plusSeconds(600));
        observed(id, 2.5, t0.plusSeconds(1200));
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/rules/engine").json()
                .get("groupCommitsBehind").asLong() == 0);
        engine.reload();                 // as after a restart: the engine's windows are gone
        observed(id, 4.0, t0.plusSeconds(1800));   // the last half hour: 2.0, 2.5, 4.0, on average 2.83
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> alerts(client(), id).isEmpty());
        observed(id, 4.0, t0.plusSeconds(2400));   // 2.5, 4.0, 4.0: 3.5
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), id).size() == 1);
        assertThat(alerts(client(), id).get(0).get("raisedAt").asString()).isEqualTo("2026-10-14T00:40:00Z");
    }

    private void observed(String id, double level, java.time.Instant at) {
        assertThat(client().send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel",
                "{\"value\": " + level + ", \"observedAt\": \"" + at + "\"}").status()).isEqualTo(204);
    }

    @Test
    void aRuleIsTriedOnTheLastDaysHistoryBeforeItIsSaved() {
        String type = unique("WaterGauge");
        // The platform's clock: other tests move it on, so it may be ahead of the real time.
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String id = "urn:ngsi-ld:" + type + ":" + unique("g");
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 1.0, "observedAt": "%s"}}"""
                .formatted(id, type, now.minusSeconds(5 * 3600))).status()).isEqualTo(201);
        observed(id, 3.2, now.minusSeconds(4 * 3600));
        observed(id, 3.4, now.minusSeconds(3 * 3600));
        observed(id, 2.5, now.minusSeconds(2 * 3600));
        observed(id, 3.1, now.minusSeconds(3600));
        String draft = """
                {"name": "trial", "entityType": "%s", "condition": "waterLevel >= 3.0", "clearCondition": "waterLevel < 2.8",
                 "severity": "SEVERE", "messageVi": "a", "messageEn": "a"}""".formatted(type);
        SaolaClient.Response r = client().post("/api/v1/rules/trial", draft);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode result = r.json();
        assertThat(result.get("entities").asInt()).isEqualTo(1);
        assertThat(result.get("readings").asInt()).isEqualTo(5);
        JsonNode firings = result.get("firings");
        assertThat(firings).hasSize(2);
        assertThat(firings.get(0).get("raisedAt").asString()).isEqualTo(now.minusSeconds(4 * 3600).toString());
        assertThat(firings.get(0).get("clearedAt").asString()).isEqualTo(now.minusSeconds(2 * 3600).toString());
        assertThat(firings.get(1).get("raisedAt").asString()).isEqualTo(now.minusSeconds(3600).toString());
        assertThat(firings.get(1).has("clearedAt")).as("still firing").isFalse();
        assertThat(client().get("/api/v1/rules").json().findValues("name")).extracting(JsonNode::asString)
                .as("nothing saved").doesNotContain("trial");

        SaolaClient.Response held = client().post("/api/v1/rules/trial?hours=6", draft.replace("\"severity\"",
                "\"holdFor\": \"PT90M\", \"severity\""));
        assertThat(held.json().get("firings")).as("held 90 minutes: raised by the timer, 3.2 then 3.4").hasSize(1);
        assertThat(held.json().at("/firings/0/raisedAt").asString()).isEqualTo(now.minusSeconds(4 * 3600 - 5400).toString());
        assertThat(client().post("/api/v1/rules/trial?hours=0", draft).status()).isEqualTo(400);
    }

    @Test
    void badRulesAreRefusedWithWhereTheyAreWrong() {
        String type = unique("WaterGauge");
        SaolaClient admin = client();
        SaolaClient.Response r = admin.post("/api/v1/rules", """
                {"name": "x", "entityType": "%s", "condition": "waterLevel >=\\n  (", "severity": "SEVERE",
                 "messageVi": "a", "messageEn": "a"}""".formatted(type));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("condition");
        assertThat(r.json().get("detail").asString()).contains("line 2, column");

        r = admin.post("/api/v1/rules", """
                {"name": "x", "entityType": "%s", "condition": "waterLevel > 3", "severity": "APOCALYPTIC",
                 "messageVi": "a", "messageEn": "a"}""".formatted(type));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("severity");
        r = admin.post("/api/v1/rules", """
                {"name": "x", "entityType": "%s", "condition": "waterLevel > 3", "severity": "MINOR", "holdFor": "10 minutes",
                 "messageVi": "a", "messageEn": "a"}""".formatted(type));
        assertThat(r.json().get("field").asString()).isEqualTo("holdFor");
        r = admin.post("/api/v1/rules", """
                {"name": "x", "entityType": "%s", "condition": "waterLevel > 3", "severity": "MINOR",
                 "department": "no-such-department", "messageVi": "a", "messageEn": "a"}""".formatted(type));
        assertThat(r.json().get("field").asString()).isEqualTo("department");
        r = admin.post("/api/v1/rules", """
                {"name": "x", "entityType": "%s", "condition": "waterLevel > 3", "severity": "MINOR"}""".formatted(type));
        assertThat(r.json().get("field").asString()).isEqualTo("messageVi");
        assertThat(admin.post("/api/v1/rules", "[1, 2]").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/rules/not-a-uuid").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/rules/" + UUID.randomUUID()).status()).isEqualTo(404);

        String ok = """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel > 3", "severity": "MINOR",
                 "messageVi": "a", "messageEn": "a"}""".formatted(type, type);
        assertThat(admin.post("/api/v1/rules", ok).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/rules", ok).status()).as("names are unique").isEqualTo(409);
    }

    @Test
    void rulesGoOutToAFileAndComeBackIn() {
        String type = unique("WaterGauge");
        String dept = department();
        rule(type, dept, "PT5M");
        JsonNode exported = client().get("/api/v1/rules/export").json();
        JsonNode mine = null;
        for (JsonNode r : exported) {
            if (r.get("entityType").asString().equals(type)) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("holdFor").asString()).isEqualTo("PT5M");
        String changed = mine.toString().replace("waterLevel >= 3.0", "waterLevel >= 3.5");
        SaolaClient.Response imported = client().post("/api/v1/rules/import", "[" + changed + "]");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(client().get("/api/v1/rules").json().findValues("condition")).extracting(JsonNode::asString)
                .contains("waterLevel >= 3.5").doesNotContain("waterLevel >= 3.0 ");
        SaolaClient.Response bad = client().post("/api/v1/rules/import", "[" + changed.replace("waterLevel >= 3.5", "((") + "]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("rules[0].condition");
    }

    @Test
    void aRuleWithAnAreaJudgesOnlyTheEntitiesInIt() {
        String type = unique("WaterGauge");
        SaolaClient.Response bad = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "SEVERE",
                 "messageVi": "a", "messageEn": "a",
                 "area": {"type": "Polygon", "coordinates": [[[108.2, 16.0], [108.3, 16.1], [108.3, 16.0], [108.2, 16.1], [108.2, 16.0]]]}}"""
                .formatted(unique("bow tie "), type));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("area");
        SaolaClient.Response r = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "SEVERE",
                 "messageVi": "Hải Châu {{waterLevel}}", "messageEn": "Hai Chau {{waterLevel}}",
                 "area": {"type": "Polygon", "coordinates": [[[108.205, 16.02], [108.235, 16.02], [108.235, 16.08], [108.205, 16.08], [108.205, 16.02]]]}}"""
                .formatted(unique("hai chau "), type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/area/type").asString()).isEqualTo("Polygon");
        String inside = "urn:ngsi-ld:" + type + ":" + unique("in");
        String outside = "urn:ngsi-ld:" + type + ":" + unique("out");
        String nowhere = "urn:ngsi-ld:" + type + ":" + unique("nowhere");
        for (String[] e : new String[][] {{inside, "[108.22, 16.05]"}, {outside, "[108.15, 16.10]"}}) {
            assertThat(client().post("/ngsi-ld/v1/entities", """
                    {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 3.5},
                     "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": %s}}}"""
                    .formatted(e[0], type, e[1])).status()).isEqualTo(201);
        }
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 3.5}}""".formatted(nowhere, type))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), inside).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> alerts(client(), outside).isEmpty() && alerts(client(), nowhere).isEmpty());
    }

    @Test
    void aGaugeThatFallsSilentRaisesAnAlertThatItsNextReadingClears() {
        String type = unique("WaterGauge");
        SaolaClient.Response r = client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "noDataFor('waterLevel', 'PT30M')", "severity": "MODERATE",
                 "messageVi": "Trạm {{id}} im lặng", "messageEn": "Gauge {{id}} is silent"}""".formatted(unique("silent "), type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        clock.freeze();
        java.time.Instant t0 = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(600);
        String id = "urn:ngsi-ld:" + type + ":" + unique("g");
        assertThat(client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 1.0, "observedAt": "%s"}}"""
                .formatted(id, type, t0)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/rules/engine").json()
                .get("groupCommitsBehind").asLong() == 0);
        assertThat(raiseSilent()).as("ten minutes of silence").isZero();
        clock.advance(Duration.ofMinutes(25));
        assertThat(raiseSilent()).isEqualTo(1);
        assertThat(raiseSilent()).as("raised once").isZero();
        JsonNode alert = alerts(client(), id).get(0);
        assertThat(alert.get("raisedAt").asString()).isEqualTo(t0.plusSeconds(1800).toString());
        assertThat(alert.get("messageEn").asString()).isEqualTo("Gauge " + id + " is silent");
        observed(id, 1.1, clock.instant());
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts(client(), id).get(0).get("status").asString()
                .equals("RESOLVED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/rules/engine").json()
                .get("groupCommitsBehind").asLong() == 0);

        clock.advance(Duration.ofMinutes(31));                    // silent again: a new alert
        assertThat(raiseSilent()).isEqualTo(1);
        String second = client().get("/api/v1/alerts?entityId=" + id).json().get(0).get("id").asString();
        assertThat(client().post("/api/v1/alerts/" + second + "/resolve", "{\"note\": \"gauge under repair\"}").status())
                .isEqualTo(200);
        assertThat(raiseSilent()).as("resolved by hand: not raised again for the same silence").isZero();
    }
}
