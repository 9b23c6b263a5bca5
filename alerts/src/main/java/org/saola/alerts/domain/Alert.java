package org.saola.alerts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * An alert: raised by a rule on one entity, acknowledged by someone who takes it on, resolved when the rule's
 * clear condition holds (or by a person). One open alert per rule and entity at a time.
 */
public record Alert(TenantId tenant, UUID id, UUID ruleId, String ruleName, String entityId, String entityType,
        Severity severity, Status status, Optional<String> department, String messageVi, String messageEn,
        Map<String, Object> triggerValues, Instant raisedAt, Optional<Instant> acknowledgedAt,
        Optional<String> acknowledgedBy, Optional<Instant> resolvedAt, Optional<String> resolvedBy, Instant updatedAt) {

    public enum Status {
        RAISED, ACKNOWLEDGED, RESOLVED;

        public boolean open() {
            return this != RESOLVED;
        }
    }

    /** One step of its life, with who took it ({@code rule} for the rule itself). */
    public record Event(Instant at, String actor, String kind, String note) {
    }

    /** An alert with its life so far. */
    public record WithEvents(Alert alert, List<Event> events) {
    }
}
