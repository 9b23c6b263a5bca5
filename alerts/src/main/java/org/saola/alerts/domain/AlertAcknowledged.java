package org.saola.alerts.domain;

import java.time.Instant;
import java.util.UUID;
import org.saola.platform.TenantId;

/** Someone took an alert on (published after the commit). */
public record AlertAcknowledged(TenantId tenant, UUID alertId, String department, String by, Instant at) {
}
