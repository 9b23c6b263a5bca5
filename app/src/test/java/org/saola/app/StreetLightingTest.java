package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.domains.lighting.LightingWatch;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Street lights' nights as the city's lighting officer reads them: energy against the full-power baseline, the
 * failed lamp found and written on its entity, and the rule's work order raised for it.
 */
class StreetLightingTest extends PlatformTest {

    static final ZoneId CITY = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    ContextService context;

    @Autowired
    LightingWatch watch;

    @Autowired
    TestClock clock;

    /** A light far from the other tests' things, read every 15 minutes over the night ending {@code morning}. */
    String light(String tag, LocalDate morning, IntToDoubleFunction wattsAtMinute) {
        return light(context, tag, morning, wattsAtMinute);
    }

    static String light(ContextService context, String tag, LocalDate morning, IntToDoubleFunction wattsAtMinute) {
        var f = JsonNodeFactory.instance;
        String id = "urn:ngsi-ld:Streetlight:" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        context.upsert(new EntityUpdate(TenantId.DEFAULT, id, "Streetlight", Map.of("name", Attribute.property(f.stringNode(tag)))))
                .join();
        Instant dusk = morning.minusDays(1).atTime(17, 0).atZone(CITY).toInstant();
        for (int m = 0; m <= 14 * 60; m += 15) {
            boolean on = m >= 60 && m < 13 * 60;
            Instant at = dusk.plus(Duration.ofMinutes(m));
            context.observe(new EntityUpdate(TenantId.DEFAULT, id, "Streetlight", Map.of(
                    "powerState", Attribute.property(f.stringNode(on ? "on" : "off"), at, null),
                    "powerConsumption", Attribute.property(f.numberNode(on ? wattsAtMinute.applyAsDouble(m) : 0.0), at, "WTT")))).join();
        }
        return id;
    }

    @Test
    void theFailedLampIsFoundAndItsWorkOrderRaised() {
        assertThat(client().send("PUT", "/api/v1/lighting/settings", "{\"nightStart\": \"17:30\"}").body()).contains("nightStart");
        assertThat(client().send("PUT", "/api/v1/lighting/settings", "{\"nightStart\": \"17:00\", \"nightEnd\": \"07:00\"}").status())
                .isEqualTo(200);
        LocalDate morning = LocalDate.ofInstant(clock.instant(), CITY).minusDays(3);
        String a = light("den-a", morning, m -> 100);
        String b = light("den-b", morning, m -> 100);
        String failed = light("den-hong", morning, m -> 2);

        JsonNode report = client().get("/api/v1/lighting/nights?morning=" + morning).json();
        // By hand (trapezoids): 17:45–18:00 half of 100 W for a quarter hour, 12.5 Wh; 18:00–05:45 at 100 W,
        // 1 175 Wh; 05:45–06:00, 12.5 Wh: 1.2 kWh. Lit 18:00–06:00, 12 h at its full 100 W: a baseline of 1.2 kWh too
        // (never dimmed, nothing saved).
        for (JsonNode n : report.get("lights")) {
            if (n.get("id").asString().equals(a)) {
                assertThat(n.get("kwh").asDouble()).isBetween(1.1999, 1.2001);
                assertThat(n.get("baselineKwh").asDouble()).isBetween(1.1999, 1.2001);
                assertThat(n.get("condition").asString()).isEqualTo("OK");
            }
        }
        assertThat(report.get("faults").findValuesAsString("id")).contains(failed).doesNotContain(a, b);
        assertThat(client().get("/api/v1/lighting/nights?morning=last-night").status()).isEqualTo(400);

        SaolaClient.Response rule = client().post("/api/v1/rules", """
                {"name": "Đèn hỏng %s", "entityType": "Streetlight", "entityIds": ["%s", "%s"],
                 "condition": "lampCondition == 'LAMP_FAILED'", "clearCondition": "lampCondition == 'OK'", "holdFor": "PT0S",
                 "severity": "MINOR", "messageVi": "Đèn {{id}} hỏng", "messageEn": "Lamp {{id}} failed", "enabled": true}
                """.formatted(UUID.randomUUID(), failed, a));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        watch.record(TenantId.DEFAULT, watch.analyse(TenantId.DEFAULT, watch.night(watch.settings(TenantId.DEFAULT), morning)));
        JsonNode entity = client().get("/ngsi-ld/v1/entities/" + failed).json();
        assertThat(entity.at("/lampCondition/value").asString()).isEqualTo("LAMP_FAILED");
        assertThat(client().get("/ngsi-ld/v1/entities/" + a).json().at("/energyLastNight/value").asDouble()).isEqualTo(1.2);
        await().atMost(Duration.ofSeconds(15)).until(() -> client().get("/api/v1/alerts?entityId=" + failed).json().size() == 1);
        assertThat(client().get("/api/v1/alerts?entityId=" + a).json().size()).isZero();
    }

    @Test
    void theDimmingScheduleIsSentToTheLightsAsCommandsOncePerStep() {
        String device = "sl-schedule-" + UUID.randomUUID().toString().substring(0, 8);
        client().registerDevice(device, "street-light", 16.05, 108.2);
        String step = java.time.LocalTime.ofInstant(clock.instant(), CITY).minusMinutes(1).withSecond(0).withNano(0).toString();
        SaolaClient.Response wrong = client().send("PUT", "/api/v1/lighting/settings",
                "{\"schedule\": [{\"at\": \"" + step + "\", \"dim\": 1.5}]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("schedule[0].dim");
        assertThat(client().send("PUT", "/api/v1/lighting/settings",
                "{\"schedule\": [{\"at\": \"" + step + "\", \"dim\": 0.5}]}").status()).isEqualTo(200);

        assertThat(watch.applySchedule()).isPositive();
        JsonNode commands = client().get("/api/v1/devices/" + device + "/commands").json();
        assertThat(commands.findValuesAsString("command")).containsExactly("dim");
        assertThat(commands.get(0).get("value").asDouble()).isEqualTo(0.5);
        assertThat(commands.get(0).get("issuedBy").asString()).isEqualTo("lighting schedule");
        assertThat(watch.applySchedule()).as("a step is sent once").isZero();
        client().send("PUT", "/api/v1/lighting/settings", "{}");
    }
}
