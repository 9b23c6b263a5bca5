package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saola.devices.domain.CommandService;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A street light is commanded from the API: the command reaches the light over MQTT on its commands topic, the
 * light answers on its result topic, and each state (pending, sent, OK or error, expired) is on the command and
 * on the light's entity.
 */
class CommandsTest extends PlatformTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestClock clock;
    @Autowired
    CommandService commands;

    @AfterEach
    void resume() {
        clock.resume();
    }

    private Mqtt5BlockingClient connect(SaolaClient.Device d) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("light-" + UUID.randomUUID())
                .serverHost(mqtt.host()).serverPort(mqtt.port()).buildBlocking();
        c.connectWith().simpleAuth().username(d.username()).password(d.secret().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return c;
    }

    private SaolaClient.Response command(SaolaClient.Device d, String body) {
        return client().send("POST", "/api/v1/devices/" + d.id() + "/commands", body, "Content-Type", "application/json");
    }

    @Test
    void aLightIsDimmedAndSaysSoAndEveryStateIsOnItsEntity() throws Exception {
        SaolaClient.Device light = client().registerDevice("light-" + UUID.randomUUID().toString().substring(0, 6),
                "street-light", 16.06, 108.22);
        String commandsTopic = light.topic().replace("/readings", "/commands");
        Mqtt5BlockingClient device = connect(light);
        try (Mqtt5BlockingClient.Mqtt5Publishes incoming = device.publishes(MqttGlobalPublishFilter.ALL)) {
            device.subscribeWith().topicFilter(commandsTopic).qos(MqttQos.AT_LEAST_ONCE).send();

            SaolaClient.Response issued = command(light, "{\"command\": \"dim\", \"value\": 0.3}");
            assertThat(issued.status()).as(issued.body()).isEqualTo(202);
            String id = issued.json().get("id").asString();
            assertThat(issued.json().get("status").asString()).isEqualTo("PENDING");

            Optional<Mqtt5Publish> received = incoming.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            JsonNode message = JSON.readTree(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertThat(message.get("id").asString()).isEqualTo(id);
            assertThat(message.get("command").asString()).isEqualTo("dim");
            assertThat(message.get("value").asDouble()).isEqualTo(0.3);

            device.publishWith().topic(commandsTopic + "/result").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"id\": \"" + id + "\", \"status\": \"OK\", \"info\": \"dimmed to 30 %\"}").getBytes(StandardCharsets.UTF_8))
                    .send();
            JsonNode listed = client().get("/api/v1/devices/" + light.id() + "/commands").json().get(0);
            assertThat(listed.get("status").asString()).isEqualTo("OK");
            assertThat(listed.get("info").asString()).isEqualTo("dimmed to 30 %");
            JsonNode entity = client().get("/ngsi-ld/v1/entities/" + light.entityId()).json();
            assertThat(entity.at("/dim_status/value").asString()).isEqualTo("OK");
            assertThat(entity.at("/dim_info/value").asString()).isEqualTo("dimmed to 30 %");

            assertThatThrownBy(() -> device.publishWith().topic(commandsTopic + "/result").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"id\": \"" + id + "\", \"status\": \"OK\"}").getBytes(StandardCharsets.UTF_8)).send())
                    .as("answered already").isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                            e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID));
        } finally {
            device.disconnect();
        }
    }

    @Test
    void aCommandNobodyAnswersExpiresAndBadCommandsAreRefusedByName() {
        SaolaClient.Device light = client().registerDevice("light-" + UUID.randomUUID().toString().substring(0, 6),
                "street-light", 16.06, 108.23);
        assertThat(command(light, "{\"command\": \"blink\"}").json().get("detail").asString())
                .contains("take the commands [on, off, dim]");
        assertThat(command(light, "{\"command\": \"dim\"}").json().get("field").asString()).isEqualTo("value");
        assertThat(command(light, "{\"command\": \"on\", \"value\": 1}").json().get("field").asString()).isEqualTo("value");
        assertThat(command(light, "{\"command\": \"dim\", \"value\": 2}").json().get("detail").asString())
                .contains("between 0.0 and 1.0");
        SaolaClient.Device gauge = client().registerDevice("gauge-" + UUID.randomUUID().toString().substring(0, 6),
                "water-level", 16.06, 108.23);
        assertThat(command(gauge, "{\"command\": \"on\"}").json().get("detail").asString()).contains("take no commands");
        assertThat(client().withApiKey(client().issueApiKey("analyst", "ANALYST")).send("POST",
                "/api/v1/devices/" + light.id() + "/commands", "{\"command\": \"on\"}", "Content-Type", "application/json")
                .status()).isEqualTo(403);

        clock.freeze();
        assertThat(command(light, "{\"command\": \"on\"}").status()).isEqualTo(202);
        clock.advance(Duration.ofMinutes(6));
        assertThat(commands.expire()).isGreaterThanOrEqualTo(1);
        assertThat(client().get("/api/v1/devices/" + light.id() + "/commands").json().get(0).get("status").asString())
                .isEqualTo("EXPIRED");
        assertThat(client().get("/ngsi-ld/v1/entities/" + light.entityId()).json().at("/on_status/value").asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void aDeviceMayListenOnlyToItsOwnCommands() {
        SaolaClient.Device mine = client().registerDevice("light-" + UUID.randomUUID().toString().substring(0, 6),
                "street-light", 16.06, 108.24);
        SaolaClient.Device other = client().registerDevice("light-" + UUID.randomUUID().toString().substring(0, 6),
                "street-light", 16.06, 108.24);
        Mqtt5BlockingClient device = connect(mine);
        try {
            assertThatThrownBy(() -> device.subscribeWith().topicFilter(other.topic().replace("/readings", "/commands")).send())
                    .isInstanceOf(Mqtt5SubAckException.class);
        } finally {
            device.disconnect();
        }
    }
}
