package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A gateway sends the readings of the devices registered behind it in one message, over HTTP or MQTT, with its
 * own credentials; each device's part is judged by that device's profile and recorded against it, and a part
 * for a device not behind the gateway is refused while the others are stored.
 */
class GatewayTest extends PlatformTest {

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private SaolaClient.Device register(String id, String profile, String gateway) {
        SaolaClient.Response r = client().post("/api/v1/devices", """
                {"id":"%s","name":"Device %s","profile":"%s","latitude":16.05,"longitude":108.2,
                 "owner":{"organisation":"Saola's tests"},"purpose":"checks gateways"%s}""".formatted(id, id, profile,
                gateway == null ? "" : ", \"gateway\": \"" + gateway + "\""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        return new SaolaClient.Device(id, body.at("/device/entityId").asString(), body.at("/mqtt/username").asString(),
                body.at("/mqtt/secret").asString(), body.at("/mqtt/topic").asString());
    }

    private SaolaClient.Response post(SaolaClient.Device gateway, String body) {
        return client().anonymous().send("POST", "/api/v1/telemetry/gateway", body, "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((gateway.username() + ":" + gateway.secret()).getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/json");
    }

    private double fill(SaolaClient.Device bin) {
        return client().get("/ngsi-ld/v1/entities/" + bin.entityId()).json().at("/fillingLevel/value").asDouble();
    }

    @Test
    void aGatewaysMessageIsSplitByDeviceAndEachPartJudgedByItsOwnProfile() {
        SaolaClient.Device gw = register("gw-" + run, "gateway", null);
        SaolaClient.Device a = register("gw-bin-a-" + run, "waste-container", gw.id());
        SaolaClient.Device b = register("gw-bin-b-" + run, "waste-container", gw.id());
        SaolaClient.Device stranger = register("gw-stranger-" + run, "waste-container", null);

        SaolaClient.Response r = post(gw, """
                {"%s": {"fillPercent": 30}, "%s": [{"fillPercent": 40}, {"fillPercent": 500}], "%s": {"fillPercent": 1}}"""
                .formatted(a.id(), b.id(), stranger.id()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("stored").asInt()).isEqualTo(2);
        assertThat(r.json().get("rejected").findValuesAsString("detail")).containsExactlyInAnyOrder(
                "device " + stranger.id() + ": not registered behind gateway " + gw.id(),
                "device " + b.id() + ": reading 1: fillPercent must be between 0 and 1 C62 once scaled; got 5 (sent 500)");
        assertThat(fill(a)).isEqualTo(0.3);
        assertThat(fill(b)).isEqualTo(0.4);
        assertThat(client().get("/api/v1/devices/" + b.id() + "/rejection-counts").json().findValuesAsString("reason"))
                .as("recorded against the device it concerns").containsExactly("OUT_OF_RANGE");
        assertThat(client().get("/api/v1/devices/" + gw.id() + "/rejection-counts").json().findValuesAsString("reason"))
                .containsExactly("NOT_BEHIND_GATEWAY");
        assertThat(client().get("/ngsi-ld/v1/entities/" + stranger.entityId()).json().has("fillingLevel")).isFalse();

        SaolaClient.Response none = post(gw, "{\"" + stranger.id() + "\": {\"fillPercent\": 1}}");
        assertThat(none.status()).as("nothing it may send").isEqualTo(403);
        assertThat(post(gw, "[{\"fillPercent\": 1}]").json().get("detail").asString())
                .contains("a gateway message is a JSON object of 1-1000 device ids");
        assertThat(post(a, "{\"" + b.id() + "\": {\"fillPercent\": 1}}").status()).as("a bin is no gateway").isEqualTo(403);
    }

    @Test
    void overMqttOnTheGatewayTopicAndOnlyByTheGateway() {
        SaolaClient.Device gw = register("gwm-" + run, "gateway", null);
        SaolaClient.Device spot = register("gwm-spot-" + run, "parking-spot", gw.id());
        String gatewayTopic = gw.topic().replace("/readings", "/gateway");

        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, gw)) {
            assertThat(mqtt.publish(gatewayTopic, "{\"" + spot.id() + "\": {\"status\": \"occupied\", \"battery\": 77}}"))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(mqtt.publish(gw.topic(), "{\"state\": \"ok\"}")).as("its own state").isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }
        assertThat(client().get("/ngsi-ld/v1/entities/" + spot.entityId()).json().at("/status/value").asString()).isEqualTo("occupied");
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, spot)) {
            assertThat(mqtt.publish(gatewayTopic, "{\"" + spot.id() + "\": {\"status\": \"free\"}}"))
                    .as("the gateway's topic is the gateway's").isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        }
        SaolaClient.Response unknown = client().post("/api/v1/devices", """
                {"id":"gwm-x-%s","name":"x","profile":"parking-spot","latitude":16.05,"longitude":108.2,
                 "owner":{"organisation":"o"},"purpose":"p","gateway":"no-such-gateway"}""".formatted(run));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("gateway");
        assertThat(client().get("/api/v1/devices/" + spot.id()).json().get("gateway").asString()).isEqualTo(gw.id());

        // Taken from behind the gateway, the spot's readings from it are refused; put back, accepted again.
        assertThat(client().send("PATCH", "/api/v1/devices/" + spot.id(), "{\"gateway\": \"\"}", "Content-Type",
                "application/json").json().has("gateway")).isFalse();
        SaolaClient.Response away = client().anonymous().send("POST", "/api/v1/telemetry/gateway",
                "{\"" + spot.id() + "\": {\"status\": \"free\"}}", "Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((gw.username() + ":" + gw.secret()).getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/json");
        assertThat(away.status()).isEqualTo(403);
        assertThat(client().send("PATCH", "/api/v1/devices/" + spot.id(), "{\"gateway\": \"" + gw.id() + "\"}",
                "Content-Type", "application/json").json().get("gateway").asString()).isEqualTo(gw.id());
        assertThat(client().send("PATCH", "/api/v1/devices/" + spot.id(), "{\"gateway\": \"" + spot.id() + "\"}",
                "Content-Type", "application/json").json().get("field").asString()).isEqualTo("gateway");
    }
}
