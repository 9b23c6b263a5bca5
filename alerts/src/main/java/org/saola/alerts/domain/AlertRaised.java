package org.saola.alerts.domain;

import java.time.Instant;
import java.util.UUID;
import org.saola.platform.TenantId;

/** A rule raised an alert (published after the commit that raised it). */
public record AlertRaised(TenantId tenant, UUID alertId, UUID ruleId, String entityId, Severity severity,
        String department, Instant raisedAt) {
}
