package org.saola.devices.mqtt;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.CommandChannel;

/**
 * Commands published by the embedded broker itself on the device's commands topic, at QoS 1. The broker's
 * publish service is the one Saola's extension was given when the broker started: HiveMQ's {@code Services}
 * are static, and another broker started in the same JVM (a test's) would otherwise take its place.
 */
final class EmbeddedCommandChannel implements CommandChannel {

    private volatile PublishService publishService;

    void use(PublishService service) {
        this.publishService = service;
    }

    @Override
    public CompletableFuture<Void> send(DeviceIdentity device, String json) {
        return publish(device.commandsTopic(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        PublishService service = publishService;
        if (service == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the embedded broker has not started"));
        }
        return service.publish(Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(payload)).build());
    }
}
