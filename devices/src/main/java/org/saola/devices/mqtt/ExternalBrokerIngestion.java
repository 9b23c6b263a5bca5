package org.saola.devices.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.ReadingIngestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Ingestion from a broker the city runs. Saola subscribes at QoS 1 with a persistent session and acknowledges
 * each message to the broker only after its readings are committed; an unacknowledged message is redelivered
 * after a reconnect, so nothing is lost across a crash. In this mode the broker authenticates devices and
 * must restrict each one to its own topic {@code saola/<tenant>/devices/<deviceId>/readings}.
 */
public class ExternalBrokerIngestion implements SmartLifecycle, org.saola.devices.domain.CommandChannel {

    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerIngestion.class);
    /** Devices' readings topics and gateways' topics; what matches neither is acknowledged and dropped. */
    static final String TOPIC_FILTER = "saola/+/devices/+/+";
    /** Devices' answers to commands. */
    static final String RESULTS_FILTER = "saola/+/devices/+/commands/result";

    private final MqttProperties properties;
    private final ReadingIngestion ingestion;
    private Mqtt5AsyncClient client;
    private volatile boolean running;

    private final org.saola.devices.fiware.IotAgentMqtt fiware;
    private final org.springframework.beans.factory.ObjectProvider<org.saola.devices.domain.CommandService> commands;

    public ExternalBrokerIngestion(MqttProperties properties, ReadingIngestion ingestion,
            org.saola.devices.fiware.IotAgentMqtt fiware,
            org.springframework.beans.factory.ObjectProvider<org.saola.devices.domain.CommandService> commands) {
        this.commands = commands;
        this.fiware = fiware;
        this.properties = properties;
        this.ingestion = ingestion;
    }

    @Override
    public void start() {
        URI url = URI.create(properties.externalUrl());
        var builder = MqttClient.builder().useMqttVersion5()
                .identifier(properties.externalClientId())
                .serverHost(url.getHost())
                .serverPort(url.getPort() > 0 ? url.getPort() : 1883)
                .automaticReconnectWithDefaultConfig();
        if (!properties.externalUsername().isBlank()) {
            builder.simpleAuth().username(properties.externalUsername())
                    .password(properties.externalPassword().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        client = builder.buildAsync();
        try {
            client.connectWith().cleanStart(false).sessionExpiryInterval(Duration.ofDays(7).toSeconds())
                    .send().get(30, TimeUnit.SECONDS);
            // A persistent session keeps the subscriptions of earlier versions or settings: each message would
            // then arrive twice. Only the current filter stays.
            for (String old : java.util.List.of("saola/+/devices/+/readings", TOPIC_FILTER, "$share/saola/" + TOPIC_FILTER)) {
                if (!old.equals(topicFilter(properties))) {
                    client.unsubscribeWith().topicFilter(old).send().exceptionally(e -> null).get(30, TimeUnit.SECONDS);
                }
            }
            client.subscribeWith().topicFilter(topicFilter(properties)).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(this::onMessage).manualAcknowledgement(true)
                    .send().get(30, TimeUnit.SECONDS);
            // Devices' answers to commands, and FIWARE devices' topics (UltraLight, IoT Agent JSON), in the same share group.
            client.subscribeWith().topicFilter(shared(properties, RESULTS_FILTER)).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(this::onMessage).manualAcknowledgement(true)
                    .send().get(30, TimeUnit.SECONDS);
            for (String filter : org.saola.devices.fiware.IotAgentMqtt.EXTERNAL_FILTERS) {
                client.subscribeWith().topicFilter(shared(properties, filter)).qos(MqttQos.AT_LEAST_ONCE)
                        .callback(this::onMessage).manualAcknowledgement(true)
                        .send().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not subscribe to the external MQTT broker " + url, e);
        }
        running = true;
        log.info("Ingesting readings from external MQTT broker {} ({})", url, topicFilter(properties));
    }

    private static String shared(MqttProperties properties, String filter) {
        return properties.externalShareGroup().isEmpty() ? filter : "$share/" + properties.externalShareGroup() + "/" + filter;
    }

    /** The devices' topics, in the nodes' shared-subscription group when there is one. */
    static String topicFilter(MqttProperties properties) {
        return properties.externalShareGroup().isEmpty() ? TOPIC_FILTER
                : "$share/" + properties.externalShareGroup() + "/" + TOPIC_FILTER;
    }

    private void onMessage(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        if (topic.endsWith("/commands/result")) {
            Optional<DeviceIdentity> device = DeviceIdentity.fromTopic(
                    topic.substring(0, topic.length() - "/commands/result".length()) + "/readings");
            try {
                device.flatMap(d -> commands.getObject().answer(d, publish.getPayloadAsBytes()))
                        .ifPresent(why -> log.info("Answer on {} refused: {}", topic, why));
                publish.acknowledge();
            } catch (RuntimeException e) {
                log.warn("Answer on {} not recorded; left unacknowledged for redelivery: {}", topic, e.toString());
            }
            return;
        }
        if (org.saola.devices.fiware.IotAgentMqtt.isFiwareTopic(topic)) {
            fiware.fromBroker(topic, publish.getPayloadAsBytes()).whenComplete((outcome, failure) -> {
                if (failure == null && !outcome.needsResend()) {
                    publish.acknowledge();
                } else {
                    log.warn("Measures on {} not stored; left unacknowledged for redelivery", topic);
                }
            });
            return;
        }
        Optional<DeviceIdentity> device = DeviceIdentity.fromTopic(topic).or(() -> DeviceIdentity.fromGatewayTopic(topic));
        if (device.isEmpty()) {
            publish.acknowledge();
            return;
        }
        ingestion.ingest(device.get(), topic, publish.getPayloadAsBytes()).whenComplete((outcome, failure) -> {
            boolean committedOrRefused = failure == null && !outcome.needsResend();
            if (committedOrRefused) {
                publish.acknowledge();
            } else {
                // Not acknowledged: the broker redelivers it when the session resumes.
                log.warn("Readings on {} not stored; left unacknowledged for redelivery", topic);
            }
        });
    }

    /** Commands go out through the city's broker, whose ACL must let Saola's user write devices' command topics. */
    @Override
    public java.util.concurrent.CompletableFuture<Void> send(DeviceIdentity device, String json) {
        return publish(device.commandsTopic(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> publish(String topic, byte[] payload) {
        if (client == null || !running) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("not connected to the external MQTT broker"));
        }
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                .thenApply(result -> {
                    result.getError().ifPresent(e -> {
                        throw new java.util.concurrent.CompletionException(e);
                    });
                    return null;
                });
    }

    @Override
    public void stop() {
        if (client != null) {
            client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 100;
    }
}
