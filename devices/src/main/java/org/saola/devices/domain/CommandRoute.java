package org.saola.devices.domain;

import org.saola.devices.Device;
import org.saola.platform.TenantId;

/**
 * How commands reach devices that are not told on Saola's own commands topic: FIWARE devices, told in
 * UltraLight or IoT Agent JSON, over MQTT, by HTTP to their endpoint, or when they collect them.
 */
public interface CommandRoute {

    /** Whether this route is how commands reach the device. */
    boolean reaches(TenantId tenant, String deviceId);

    /** Refuses (with a conflict saying why) a command this route cannot deliver now, before it is recorded. */
    void requireDeliverable(TenantId tenant, String deviceId);

    /** Delivers a recorded, pending command; its later states come back through {@link CommandService}. */
    void deliver(TenantId tenant, Device device, DeviceCommand command);
}
