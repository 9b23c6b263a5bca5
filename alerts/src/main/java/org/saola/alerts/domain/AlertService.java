package org.saola.alerts.domain;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.alerts.store.AlertStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.events.DomainEvents;
import org.saola.platform.security.Departments;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with alerts: list and read them, acknowledge, comment, assign to a department, resolve by hand.
 * A caller scoped to departments (an officer, or a key given a department) sees and works only the alerts of those
 * departments; administrators and operators see them all.
 */
public class AlertService {

    private final AlertStore alerts;
    private final Departments departments;
    private final DomainEvents events;
    private final InstantSource clock;
    private final AlertFollowUp followUp;

    /** {@code followUp}: what follows an alert resolved by hand (notifications, a warning cancelled), in its transaction. */
    public AlertService(AlertStore alerts, Departments departments, DomainEvents events, InstantSource clock,
            AlertFollowUp followUp) {
        this.followUp = followUp;
        this.alerts = alerts;
        this.departments = departments;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The departments whose alerts the caller may see, or null for all: administrators and operators see all; a
     * caller scoped to departments sees theirs; an officer of no department sees none.
     */
    public static Set<String> scope(SaolaPrincipal caller) {
        return caller.departmentScope().orElse(null);
    }

    public List<Alert> list(SaolaPrincipal caller, String status, String entityId, int limit, int offset) {
        boolean openOnly = status == null || status.equals("open");
        Optional<Alert.Status> exactly = Optional.empty();
        if (status != null && !status.equals("open") && !status.equals("all")) {
            try {
                exactly = Optional.of(Alert.Status.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "status is open, all, RAISED, ACKNOWLEDGED or RESOLVED; got '"
                        + status + "'");
            }
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit is between 1 and 500; got " + limit);
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "offset is 0 or more; got " + offset);
        }
        return alerts.list(caller.tenant(), openOnly && exactly.isEmpty(), exactly, scope(caller), entityId, limit, offset);
    }

    public Map<Severity, Long> openBySeverity(SaolaPrincipal caller) {
        return alerts.openBySeverity(caller.tenant(), scope(caller));
    }

    public Alert.WithEvents get(SaolaPrincipal caller, UUID id) {
        Alert a = visible(caller, id);
        return new Alert.WithEvents(a, alerts.events(caller.tenant(), id));
    }

    private Alert visible(SaolaPrincipal caller, UUID id) {
        Alert a = alerts.find(caller.tenant(), id).orElseThrow(() -> new NotFoundException("no alert " + id));
        Set<String> scope = scope(caller);
        if (scope != null && (a.department().isEmpty() || !scope.contains(a.department().get()))) {
            throw new NotFoundException("no alert " + id);     // not theirs: as if it did not exist
        }
        return a;
    }

    @Transactional
    public Alert acknowledge(SaolaPrincipal caller, UUID id, String note) {
        Alert a = visible(caller, id);
        Instant now = clock.instant();
        if (!alerts.acknowledge(caller.tenant(), id, caller.name(), now)) {
            throw new ConflictException("alert " + id + " is " + a.status() + "; only a RAISED alert can be acknowledged");
        }
        alerts.event(caller.tenant(), id, now, caller.name(), "ACKNOWLEDGED", note(note));
        events.publish(new AlertAcknowledged(caller.tenant(), id, a.department().orElse(null), caller.name(), now));
        return alerts.find(caller.tenant(), id).orElseThrow();
    }

    @Transactional
    public Alert comment(SaolaPrincipal caller, UUID id, String text) {
        visible(caller, id);
        String note = note(text);
        if (note.isEmpty()) {
            throw new InvalidInputException("text", "text is required");
        }
        alerts.event(caller.tenant(), id, clock.instant(), caller.name(), "COMMENTED", note);
        return alerts.find(caller.tenant(), id).orElseThrow();
    }

    @Transactional
    public Alert assign(SaolaPrincipal caller, UUID id, String department) {
        Alert a = visible(caller, id);
        if (department == null || department.isBlank()) {
            throw new InvalidInputException("department", "department is required");
        }
        departments.existing(caller.tenant(), "department", List.of(department));
        if (!a.status().open()) {
            throw new ConflictException("alert " + id + " is resolved");
        }
        Instant now = clock.instant();
        alerts.assign(caller.tenant(), id, department, now);
        alerts.event(caller.tenant(), id, now, caller.name(), "ASSIGNED", department);
        return alerts.find(caller.tenant(), id).orElseThrow();
    }

    /**
     * Resolves an alert by hand. The rule forgets the entity: if its condition still holds, the next change raises
     * a new alert (after the rule's hold time), rather than the problem going unseen.
     */
    @Transactional
    public Alert resolve(SaolaPrincipal caller, UUID id, String note) {
        Alert a = visible(caller, id);
        alerts.lockEngine();
        Instant now = clock.instant();
        if (!alerts.resolve(caller.tenant(), id, caller.name(), now)) {
            throw new ConflictException("alert " + id + " is resolved already");
        }
        alerts.deleteStatesOfAlert(caller.tenant(), id);
        alerts.event(caller.tenant(), id, now, caller.name(), "RESOLVED", note(note));
        events.publish(new AlertResolved(caller.tenant(), id, a.ruleId(), a.entityId(), a.department().orElse(null),
                caller.name(), now));
        followUp.resolved(caller.tenant(), id, note(note).isEmpty() ? "resolved by " + caller.name() : note(note));
        return alerts.find(caller.tenant(), id).orElseThrow();
    }

    private static String note(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > 2000) {
            throw new InvalidInputException("note", "a note is at most 2000 characters");
        }
        return t;
    }
}
