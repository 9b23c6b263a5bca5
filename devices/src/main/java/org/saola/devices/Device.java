package org.saola.devices;

import java.time.Instant;
import org.saola.platform.TenantId;

/** A registered device, as operators and other modules see it (never its secret). */
public record Device(TenantId tenant, String id, String name, String kind, String entityId, double latitude,
        double longitude, Instant createdAt) {

    /** The one MQTT topic this device publishes its readings to. */
    public String topic() {
        return DeviceIdentity.topicOf(tenant, id);
    }
}
