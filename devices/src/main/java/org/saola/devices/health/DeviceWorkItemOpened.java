package org.saola.devices.health;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.saola.platform.TenantId;

/** A device turned unhealthy and a maintenance work item was opened for its owner (published after commit). */
public record DeviceWorkItemOpened(TenantId tenant, long workItemId, String deviceId, Optional<String> department,
        Set<HealthProblem> problems, Instant at) {
}
