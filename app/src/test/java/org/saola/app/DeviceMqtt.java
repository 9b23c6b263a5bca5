package org.saola.app;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.saola.devices.MqttEndpoint;

/** A device's MQTT 5 connection, made with the real HiveMQ client and the device's own credentials. */
final class DeviceMqtt implements AutoCloseable {

    private final Mqtt5BlockingClient client;

    private DeviceMqtt(Mqtt5BlockingClient client) {
        this.client = client;
    }

    static DeviceMqtt connect(MqttEndpoint broker, String username, String secret) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5()
                .identifier("test-" + UUID.randomUUID())
                .serverHost(broker.host()).serverPort(broker.port())
                .buildBlocking();
        client.connectWith().simpleAuth().username(username).password(secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        return new DeviceMqtt(client);
    }

    static DeviceMqtt connect(MqttEndpoint broker, SaolaClient.Device device) {
        return connect(broker, device.username(), device.secret());
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code, which Saola sends only after committing. */
    Mqtt5PubAckReasonCode publish(String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
