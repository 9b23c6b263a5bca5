package org.saola.devices;

import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * Commands to actuators for other modules (a street light dimmed by a schedule): checked against the device's
 * profile, recorded, and sent as {@code POST /api/v1/devices/{id}/commands} sends them; its status is on the
 * device's command list.
 */
public interface DeviceCommands {

    /** Issues {@code command} (with {@code value} if it takes one) to the device; the command's id. */
    UUID issue(TenantId tenant, String deviceId, String command, Optional<Double> value, String issuedBy);
}
