package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A device that resends what it is not sure was stored (no acknowledgement before a crash, a lost answer) gets
 * each reading stored once; a backlog sent after an outage goes to history without pushing the entity back
 * in time. Over MQTT at QoS 1 and over HTTP, since the pipeline behind them is one.
 */
class ResendTest extends PlatformTest {

    private static String reading(double pm25, Instant at) {
        return "{\"pm25\": " + pm25 + ", \"dateObserved\": \"" + at + "\"}";
    }

    private SaolaClient.Response post(SaolaClient.Device d, String body) {
        return client().anonymous().send("POST", "/api/v1/telemetry", body, "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((d.username() + ":" + d.secret()).getBytes(StandardCharsets.UTF_8)), "Content-Type", "application/json");
    }

    private JsonNode history(SaolaClient.Device d) {
        return client().get("/ngsi-ld/v1/temporal/entities/" + d.entityId() + "?attrs=pm25").json().get("pm25");
    }

    @Test
    void aReadingSentTwiceIsStoredOnceAndALateOneGoesToHistoryOnly() {
        SaolaClient.Device station = client().registerStation("resend-" + UUID.randomUUID().toString().substring(0, 6), 16.04, 108.2);
        Instant t = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        assertThat(post(station, reading(20, t)).status()).isEqualTo(200);
        assertThat(post(station, reading(20, t)).status()).as("the same reading again: acknowledged").isEqualTo(200);
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            mqtt.publish(station.topic(), reading(20, t));
            mqtt.publish(station.topic(), reading(25, t.plusSeconds(600)));
            // The backlog of an outage, oldest first, then sent once more.
            mqtt.publish(station.topic(), "[" + reading(21, t.plusSeconds(120)) + ", " + reading(22, t.plusSeconds(240)) + "]");
            mqtt.publish(station.topic(), "[" + reading(21, t.plusSeconds(120)) + ", " + reading(22, t.plusSeconds(240)) + "]");
        }
        assertThat(post(station, reading(25, t.plusSeconds(600))).status()).isEqualTo(200);

        assertThat(history(station).findValues("value")).extracting(JsonNode::asDouble).containsExactly(20.0, 21.0, 22.0, 25.0);
        JsonNode entity = client().get("/ngsi-ld/v1/entities/" + station.entityId()).json();
        assertThat(entity.at("/pm25/value").asDouble()).as("the newest observation, not the last to arrive").isEqualTo(25.0);
        assertThat(entity.get("dateObserved").toString()).contains(t.plusSeconds(600).toString());
    }
}
