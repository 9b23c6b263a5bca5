package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A maintenance visit a device needs, for the department (or organisation) that owns it: opened by the health
 * watch when the device turns unhealthy, closed by it when the device recovers, with the downtime.
 */
public record WorkItem(long id, String deviceId, Optional<String> department, Optional<String> organisation,
        Set<HealthProblem> problems, Instant openedAt, Optional<Instant> closedAt, Optional<Duration> downtime) {

    public WorkItem {
        problems = Set.copyOf(problems);
    }

    /** The problems spelt as message keys, in a stable order (see {@link DeviceHealth#problemKeys}). */
    public java.util.List<String> problemKeys() {
        return problems.stream().sorted().map(DeviceHealth::key).toList();
    }

    public boolean open() {
        return closedAt.isEmpty();
    }
}
