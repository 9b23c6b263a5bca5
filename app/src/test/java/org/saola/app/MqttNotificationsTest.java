package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * NGSI-LD notifications over MQTT: an application subscribes with its API key on the embedded broker, under
 * its tenant's notifications topics only, and Saola publishes the notifications there.
 */
class MqttNotificationsTest extends PlatformTest {

    private Mqtt5BlockingClient application(String key) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("app-" + UUID.randomUUID())
                .serverHost(mqtt.host()).serverPort(mqtt.port()).buildBlocking();
        c.connectWith().simpleAuth().username("air-dashboard").password(key.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return c;
    }

    @Test
    void notificationsArePublishedToTheApplicationsTopic() throws Exception {
        String key = client().issueApiKey("mqtt notifications");
        SaolaClient api = client().withApiKey(key);
        String type = "NoiseLevelObserved" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "saola/default/notifications/" + type;
        Mqtt5BlockingClient app = application(key);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = app.publishes(MqttGlobalPublishFilter.ALL)) {
            app.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            SaolaClient.Response created = api.send("POST", "/ngsi-ld/v1/subscriptions", """
                    {"type": "Subscription", "entities": [{"type": "%s"}],
                     "notification": {"format": "keyValues", "endpoint": {
                       "uri": "mqtt://air-dashboard:%s@%s:%d/%s", "accept": "application/json",
                       "receiverInfo": [{"key": "X-City", "value": "da-nang"}],
                       "notifierInfo": [{"key": "MQTT-QoS", "value": "1"}]}}}"""
                    .formatted(type, key, mqtt.host(), mqtt.port(), topic));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = "urn:ngsi-ld:" + type + ":bach-dang";
            assertThat(api.send("POST", "/ngsi-ld/v1/entities",
                    "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"LAeq\": 67.5}").status()).isEqualTo(201);

            Optional<Mqtt5Publish> message = publishes.receive(15, TimeUnit.SECONDS);
            assertThat(message).isPresent();
            JsonNode body = SaolaClient.JSON.readTree(new String(message.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertThat(body.at("/metadata/X-City").asString()).isEqualTo("da-nang");
            assertThat(body.at("/body/type").asString()).isEqualTo("Notification");
            assertThat(body.at("/body/data/0/id").asString()).isEqualTo(id);
            assertThat(body.at("/body/data/0/LAeq").asDouble()).isEqualTo(67.5);

            String shown = api.get(created.header("Location")).json().at("/notification/endpoint/uri").asString();
            assertThat(shown).doesNotContain(key).contains("air-dashboard:****@");
        } finally {
            app.disconnect();
        }
    }

    /**
     * A device's Will is dropped when it connects: the broker would otherwise publish it, past Saola's interceptor,
     * to any topic the device may publish to, such as an application's notifications. An application's own publish
     * on the same topic, sent after the device went away with its Will, is the first the application receives.
     */
    @Test
    void aDeviceCannotSlipAMessageIntoNotificationsThroughItsWill() throws Exception {
        String key = client().issueApiKey("mqtt will");
        String topic = "saola/default/notifications/will-" + UUID.randomUUID().toString().substring(0, 8);
        SaolaClient.Device station = client().registerStation("e2e-will-" + UUID.randomUUID().toString().substring(0, 6),
                16.07, 108.23);
        Mqtt5BlockingClient app = application(key);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = app.publishes(MqttGlobalPublishFilter.ALL)) {
            app.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("will-" + UUID.randomUUID())
                    .serverHost(mqtt.host()).serverPort(mqtt.port()).buildBlocking();
            device.connectWith().simpleAuth().username(station.username())
                    .password(station.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .willPublish().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"forged\": true}".getBytes(StandardCharsets.UTF_8)).applyWillPublish().send();
            device.disconnectWith().reasonCode(
                    com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
            app.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"marker\": true}".getBytes(StandardCharsets.UTF_8)).send();

            Optional<Mqtt5Publish> first = publishes.receive(15, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            assertThat(new String(first.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).contains("marker");
        } finally {
            app.disconnect();
        }
    }

    @Test
    void anApplicationReachesOnlyItsTenantsNotifications() {
        Mqtt5BlockingClient app = application(client().issueApiKey("mqtt confinement"));
        try {
            assertThatThrownBy(() -> app.subscribeWith().topicFilter("saola/default/devices/#").send())
                    .isInstanceOf(Mqtt5SubAckException.class);
            assertThatThrownBy(() -> app.subscribeWith().topicFilter("saola/hue/notifications/#").send())
                    .isInstanceOf(Mqtt5SubAckException.class);
        } finally {
            app.disconnect();
        }
        assertThatThrownBy(() -> application("saola_not-a-real-key")).isInstanceOf(RuntimeException.class);
    }
}
