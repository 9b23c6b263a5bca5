package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input is refused with its reason recorded against the device; the good readings beside it are stored. */
class RejectedReadingsTest extends PlatformTest {

    private static String reading(double pm25, Instant at) {
        return "{\"pm25\": " + pm25 + ", \"dateObserved\": \"" + at + "\"}";
    }

    @Test
    void badJsonWrongCredentialAndOutOfSchemaValueAreRefusedWhileGoodReadingsAreStored() {
        SaolaClient admin = client();
        SaolaClient.Device station = admin.registerStation("reject-1", 16.06, 108.2);
        Instant t = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            assertThat(mqtt.publish(station.topic(), reading(11, t))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(mqtt.publish(station.topic(), "{\"pm25\": 12, ")).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(mqtt.publish(station.topic(), reading(-3, t.plusSeconds(1))))
                    .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            assertThat(mqtt.publish(station.topic(), reading(13, t.plusSeconds(2)))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }
        assertThatThrownBy(() -> DeviceMqtt.connect(this.mqtt, station.username(), "not-the-secret"))
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));

        JsonNode rejections = admin.get("/api/v1/devices/reject-1/rejections").json();
        assertThat(rejections.findValuesAsString("reason"))
                .containsExactlyInAnyOrder("MALFORMED_PAYLOAD", "OUT_OF_RANGE", "BAD_CREDENTIALS");
        assertThat(detailOf(rejections, "MALFORMED_PAYLOAD")).contains("not valid JSON");
        assertThat(detailOf(rejections, "OUT_OF_RANGE")).contains("pm25 must be between 0 and 1000");
        assertThat(detailOf(rejections, "BAD_CREDENTIALS")).contains("wrong secret");

        JsonNode history = admin.get("/ngsi-ld/v1/temporal/entities/" + station.entityId() + "?attrs=pm25").json();
        assertThat(history.get("pm25").findValues("value")).extracting(JsonNode::asDouble).containsExactly(11.0, 13.0);
    }

    @Test
    void aPacketLargerThanTheBrokersLimitIsRefusedAndTheDeviceStillPublishes() {
        SaolaClient.Device station = client().registerStation("reject-huge", 16.05, 108.2);
        Instant t = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String huge = "{\"pm25\": 10, \"note\": \"" + "x".repeat(300 * 1024) + "\"}";
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            // The broker announces its maximum packet size (256 KB) in CONNACK; the packet never gets through.
            assertThatThrownBy(() -> mqtt.publish(station.topic(), huge)).isInstanceOf(RuntimeException.class);
        }
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            assertThat(mqtt.publish(station.topic(), reading(14, t))).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }
    }

    @Test
    void aBatchWithOneBadReadingStoresTheOthers() {
        SaolaClient admin = client();
        SaolaClient.Device station = admin.registerStation("reject-batch", 16.02, 108.2);
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String batch = "[" + reading(30, t) + ", {\"pm25\": \"high\"}, {\"noise\": 60}, " + reading(32, t.plusSeconds(60)) + "]";

        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            assertThat(mqtt.publish(station.topic(), batch)).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }

        JsonNode history = admin.get("/ngsi-ld/v1/temporal/entities/" + station.entityId() + "?attrs=pm25").json();
        assertThat(history.get("pm25").findValues("value")).extracting(JsonNode::asDouble).containsExactly(30.0, 32.0);
        JsonNode rejections = admin.get("/api/v1/devices/reject-batch/rejections").json();
        assertThat(rejections.findValuesAsString("detail")).containsExactlyInAnyOrder(
                "reading 1: pm25 must be a number; got \"high\"",
                "reading 2: unknown attribute 'noise'; devices of the profile air-quality send pm25, pm10, no2, o3, so2, co,"
                        + " temperature, relativeHumidity, dateObserved");
    }

    @Test
    void aDevicePublishingToAnotherDevicesTopicIsRefusedAndRecorded() {
        SaolaClient admin = client();
        SaolaClient.Device intruder = admin.registerStation("reject-intruder", 16.03, 108.2);
        SaolaClient.Device victim = admin.registerStation("reject-victim", 16.04, 108.2);

        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, intruder)) {
            assertThat(mqtt.publish(victim.topic(), reading(99, Instant.now()))).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        }

        assertThat(admin.get("/api/v1/devices/reject-intruder/rejections").json().findValuesAsString("reason"))
                .containsExactly("FORBIDDEN_TOPIC");
        JsonNode victimEntity = admin.get("/ngsi-ld/v1/entities/" + victim.entityId()).json();
        assertThat(victimEntity.has("pm25")).isFalse();
    }

    @Test
    void rejectionsAreCountedInPrometheusMetrics() {
        SaolaClient admin = client();
        SaolaClient.Device station = admin.registerStation("reject-metrics", 16.01, 108.2);
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            mqtt.publish(station.topic(), "not json");
            mqtt.publish(station.topic(), reading(10, Instant.now()));
        }
        String metrics = admin.get("/actuator/prometheus").body();
        assertThat(metrics).contains("saola_readings_rejected_total{application=\"saola\",reason=\"MALFORMED_PAYLOAD\"}");
        assertThat(metrics).contains("saola_readings_stored_total");
        assertThat(metrics).contains("saola_ingest_latency_seconds_count");
        // The API's request timer stays; only its "active requests" long-task timer is left out (application.yml).
        assertThat(metrics).contains("http_server_requests_seconds_count{").doesNotContain("http_server_requests_active");
        assertThat(admin.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
    }

    private static String detailOf(JsonNode rejections, String reason) {
        for (JsonNode r : rejections) {
            if (r.get("reason").asString().equals(reason)) {
                return r.get("detail").asString();
            }
        }
        return "";
    }
}
