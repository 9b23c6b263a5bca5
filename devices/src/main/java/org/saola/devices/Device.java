package org.saola.devices;

import java.time.Instant;
import java.util.Optional;
import org.saola.platform.TenantId;

/**
 * A registered device, as operators and other modules see it (never its secret): {@code profile} is the id of its
 * device profile, {@code entityId} the first entity it feeds, {@code gateway} the device that sends its readings
 * for it, if any.
 */
public record Device(TenantId tenant, String id, String name, String profile, String entityId, double latitude,
        double longitude, Instant createdAt, Stewardship stewardship, Optional<String> gateway) {

    /** The one MQTT topic this device publishes its readings to. */
    public String topic() {
        return DeviceIdentity.topicOf(tenant, id);
    }
}
