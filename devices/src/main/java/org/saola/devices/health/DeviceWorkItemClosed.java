package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import org.saola.platform.TenantId;

/** A device recovered and its maintenance work item was closed, after {@code downtime} (published after commit). */
public record DeviceWorkItemClosed(TenantId tenant, long workItemId, String deviceId, Duration downtime, Instant at) {
}
