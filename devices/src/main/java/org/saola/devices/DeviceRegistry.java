package org.saola.devices;

import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;

/** The devices of each tenant; what other modules (the simulator, pages) may ask of {@code devices}. */
public interface DeviceRegistry {

    /**
     * Registers a device of one of the tenant's profiles and creates the entities it feeds (with its place and
     * name), so it is on the map before its first reading; returns its credentials, shown once.
     */
    DeviceCredentials register(TenantId tenant, NewDevice device);

    /** Replaces what the public sensor register says about a device (owner, purpose, personal data, …). */
    Device updateStewardship(TenantId tenant, String deviceId, Stewardship stewardship);

    /** Puts the device behind a gateway (another device of the tenant), or no longer behind any. */
    Device updateGateway(TenantId tenant, String deviceId, Optional<String> gateway);

    /** Issues a new secret, invalidating the old one. */
    DeviceCredentials resetCredentials(TenantId tenant, String deviceId);

    Optional<Device> find(TenantId tenant, String deviceId);

    List<Device> list(TenantId tenant);

    /** How often each reason refused the device's messages (every refusal counts, kept or not as an example). */
    List<DeviceRejectionCount> rejectionCounts(TenantId tenant, String deviceId);

    /** The most recent rejections of a device, newest first (examples: at most 100 are kept). */
    List<DeviceRejection> rejections(TenantId tenant, String deviceId, int limit);
}
