package org.saola.alerts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;

/**
 * A rule: when its condition holds on an entity of its type (and, if it names them, one of its entities) for at
 * least {@code holdFor}, an alert is raised for that entity, once; it is resolved when the clear condition holds
 * (or, without one, when the condition no longer does), so a reading wavering around a threshold does not make
 * alerts flap when the clear condition leaves a margin (hysteresis).
 */
public record Rule(UUID id, TenantId tenant, String name, String entityType, List<String> entityIds, Condition condition,
        Optional<Condition> clearCondition, Duration holdFor, Severity severity, String messageVi, String messageEn,
        Optional<String> department, boolean enabled, Instant createdAt, Instant updatedAt, RuleActions actions,
        Optional<RuleArea> area) {

    /** A rule that only raises its alert. */
    public Rule(UUID id, TenantId tenant, String name, String entityType, List<String> entityIds, Condition condition,
            Optional<Condition> clearCondition, Duration holdFor, Severity severity, String messageVi, String messageEn,
            Optional<String> department, boolean enabled, Instant createdAt, Instant updatedAt) {
        this(id, tenant, name, entityType, entityIds, condition, clearCondition, holdFor, severity, messageVi, messageEn,
                department, enabled, createdAt, updatedAt, RuleActions.NONE, Optional.empty());
    }

    static final Duration LONGEST_HOLD = Duration.ofDays(7);

    public Rule {
        name = text("name", name, 200);
        entityType = text("entityType", entityType, 200);
        if (!entityType.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new InvalidInputException("entityType", "entityType is a type name of the core @context, such as "
                    + "WaterObserved; got '" + entityType + "'");
        }
        entityIds = List.copyOf(entityIds);
        if (entityIds.size() > 1000) {
            throw new InvalidInputException("entityIds", "a rule names at most 1000 entities; scope it by type instead");
        }
        if (holdFor.isNegative() || holdFor.compareTo(LONGEST_HOLD) > 0) {
            throw new InvalidInputException("holdFor", "holdFor is between PT0S and P7D; got " + holdFor);
        }
        messageVi = text("messageVi", messageVi, 1000);
        messageEn = text("messageEn", messageEn, 1000);
        actions = actions == null ? RuleActions.NONE : actions;
        area = area == null ? Optional.empty() : area;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field, field + " is at most " + max + " characters");
        }
        return v;
    }

    /** Whether an entity's location (GeoJSON as the variables hold it) is where the rule looks: anywhere, without an area. */
    public boolean watchesPlace(Object location) {
        return area.isEmpty() || area.get().holds(location);
    }

    /** Whether the rule looks at this entity at all (its type already matched). */
    public boolean covers(String entityId) {
        return enabled && (entityIds.isEmpty() || entityIds.contains(entityId));
    }

    /** The attributes whose change may change the rule's judgement. */
    public java.util.Set<String> reads() {
        java.util.Set<String> reads = new java.util.TreeSet<>(condition.attributes());
        reads.addAll(condition.windows().keySet());
        clearCondition.ifPresent(c -> {
            reads.addAll(c.attributes());
            reads.addAll(c.windows().keySet());
        });
        return reads;
    }

    /** The attributes the rule reads over windows, each with the longest window it asks of it. */
    public java.util.Map<String, Duration> windows() {
        java.util.Map<String, Duration> w = new java.util.TreeMap<>(condition.windows());
        clearCondition.ifPresent(c -> c.windows().forEach((a, d) -> w.merge(a, d, (x, y) -> x.compareTo(y) >= 0 ? x : y)));
        return w;
    }
}
