package org.saola.alerts;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.alerts.domain.Alert;
import org.saola.alerts.domain.AlertFollowUp;
import org.saola.alerts.domain.Rule;
import org.saola.alerts.domain.RuleEngine;
import org.saola.alerts.domain.RuleWarning;
import org.saola.alerts.notify.NotificationStore;
import org.saola.alerts.store.AlertStore;
import org.saola.alerts.store.RuleStore;
import org.saola.alerts.warnings.WarningService;
import org.saola.platform.TenantId;

/**
 * A rule's actions, run in the transaction that raised or resolved its alert: a notification queued for each
 * channel it names (sent afterwards, with retries, by the {@code Notifier}), and its public warning issued when the
 * alert is raised and cancelled when it is resolved. A warning that cannot be issued is written on the alert
 * ({@code WARNING_FAILED}) and the alert stands.
 */
public class AlertActions implements AlertFollowUp {

    /** Why a rule's warning is cancelled, as the public reads it. */
    static final String PUBLIC_REASON = "Nguy hiểm đã qua / The danger has passed";

    private final NotificationStore outbox;
    private final WarningService warnings;
    private final AlertStore alerts;
    private final RuleStore rules;
    private final InstantSource clock;

    public AlertActions(NotificationStore outbox, WarningService warnings, AlertStore alerts, RuleStore rules,
            InstantSource clock) {
        this.outbox = outbox;
        this.warnings = warnings;
        this.alerts = alerts;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public void raised(Rule rule, Alert alert, Map<String, Object> shown) {
        Instant now = clock.instant();
        for (String channel : rule.actions().channels()) {
            outbox.enqueue(rule.tenant(), alert.id(), channel, "RAISED", now);
        }
        Optional<RuleWarning> warning = rule.actions().warning();
        if (warning.isPresent()) {
            Optional<String> problem = warnings.issueForAlert(rule.tenant(),
                    warning.get().draft(rule.severity(), shown, point(shown.get("location")), now), alert.id());
            problem.ifPresent(p -> alerts.event(rule.tenant(), alert.id(), now, RuleEngine.RULE_ACTOR, "WARNING_FAILED", p));
            if (problem.isEmpty()) {
                alerts.event(rule.tenant(), alert.id(), now, RuleEngine.RULE_ACTOR, "WARNING_ISSUED", "");
            }
        }
    }

    @Override
    public void resolved(TenantId tenant, UUID alertId, String why) {
        Instant now = clock.instant();
        Optional<Alert> alert = alerts.find(tenant, alertId);
        Optional<Rule> rule = alert.flatMap(a -> rules.find(tenant, a.ruleId()));
        for (String channel : rule.map(r -> r.actions().channels()).orElse(List.of())) {
            outbox.enqueue(tenant, alertId, channel, "RESOLVED", now);
        }
        // The public reads a fixed reason: who resolved the alert, and their note, stay on the alert.
        Optional<String> problem = warnings.cancelForAlert(tenant, alertId, PUBLIC_REASON);
        problem.ifPresent(p -> alerts.event(tenant, alertId, now, RuleEngine.RULE_ACTOR, "WARNING_FAILED", p));
    }

    /**
     * Tells the escalation channels of the alerts nobody acknowledged in time (once each, noted on the alert). Call
     * in a transaction; how many were escalated.
     */
    public int escalateDue() {
        Instant now = clock.instant();
        List<AlertStore.Escalation> due = alerts.escalateDue(now);
        for (AlertStore.Escalation e : due) {
            for (String channel : e.to()) {
                outbox.enqueue(e.tenant(), e.alertId(), channel, "ESCALATED", now);
            }
            alerts.event(e.tenant(), e.alertId(), now, RuleEngine.RULE_ACTOR, "ESCALATED",
                    "not acknowledged within " + e.after() + "; told " + String.join(", ", e.to()));
        }
        return due.size();
    }

    /** A GeoJSON Point's {@code [longitude, latitude]}, if the entity's location is one. */
    static Optional<double[]> point(Object location) {
        if (location instanceof Map<?, ?> geo && "Point".equals(geo.get("type"))
                && geo.get("coordinates") instanceof List<?> c && c.size() >= 2
                && c.get(0) instanceof Number lon && c.get(1) instanceof Number lat) {
            return Optional.of(new double[] {lon.doubleValue(), lat.doubleValue()});
        }
        return Optional.empty();
    }
}
