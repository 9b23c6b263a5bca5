package org.saola.devices.domain;

import java.util.concurrent.CompletableFuture;
import org.saola.devices.DeviceIdentity;

/** How a command reaches a device: the broker it is connected to. */
public interface CommandChannel {

    /** Publishes the command's JSON on the device's commands topic at QoS 1; completes when the broker took it. */
    CompletableFuture<Void> send(DeviceIdentity device, String json);

    /** Publishes {@code payload} on {@code topic} at QoS 1 (a FIWARE device's {@code /<apikey>/<id>/cmd}). */
    CompletableFuture<Void> publish(String topic, byte[] payload);
}
