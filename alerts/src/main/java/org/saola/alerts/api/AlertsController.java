package org.saola.alerts.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saola.alerts.domain.Alert;
import org.saola.alerts.domain.AlertService;
import org.saola.alerts.domain.Severity;
import org.saola.alerts.notify.Notification;
import org.saola.alerts.notify.NotificationStore;
import org.saola.alerts.warnings.WarningService;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts: {@code GET /api/v1/alerts?status=open|all|RAISED|ACKNOWLEDGED|RESOLVED&entityId=&limit=&offset=}, newest
 * first; {@code GET /api/v1/alerts/{id}} with its life so far; {@code POST …/acknowledge}, {@code …/comments},
 * {@code …/assign}, {@code …/resolve}. Callers scoped to departments see only theirs. One alert shows its
 * notifications (sent, pending with the next attempt, failed with the error) and the public warning its rule issued.
 */
@RestController
class AlertsController {

    record Note(String note, String text, String department) {
    }

    record AlertView(String id, String ruleId, String rule, String entityId, String entityType, String severity,
            String status, String department, String messageVi, String messageEn, Map<String, Object> values,
            Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
            List<Alert.Event> events, List<NotificationView> notifications, String warning) {
        static AlertView of(Alert a, List<Alert.Event> events) {
            return of(a, events, null, null);
        }

        static AlertView of(Alert a, List<Alert.Event> events, List<NotificationView> notifications, String warning) {
            return new AlertView(a.id().toString(), a.ruleId().toString(), a.ruleName(), a.entityId(), a.entityType(),
                    a.severity().name(), a.status().name(), a.department().orElse(null), a.messageVi(), a.messageEn(),
                    a.triggerValues(), a.raisedAt(), a.acknowledgedAt().orElse(null), a.acknowledgedBy().orElse(null),
                    a.resolvedAt().orElse(null), a.resolvedBy().orElse(null), events, notifications, warning);
        }
    }

    /** A notification of the alert: to which channel, about what, whether it went out, the last error if not. */
    record NotificationView(String channel, String event, String status, int attempts, String lastError, Instant sentAt,
            Instant nextAttemptAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.channel(), n.event(), n.status(), n.attempts(),
                    n.lastError().isEmpty() ? null : n.lastError(), n.sentAt().orElse(null),
                    n.status().equals("PENDING") ? n.nextAt() : null);
        }
    }

    private final AlertService alerts;
    private final NotificationStore notifications;
    private final WarningService warnings;

    AlertsController(AlertService alerts, NotificationStore notifications, WarningService warnings) {
        this.alerts = alerts;
        this.notifications = notifications;
        this.warnings = warnings;
    }

    @GetMapping("/api/v1/alerts")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<AlertView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String entityId,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return alerts.list(CurrentCaller.principal(), status, entityId, limit, offset).stream()
                .map(a -> AlertView.of(a, null)).toList();
    }

    @GetMapping("/api/v1/alerts/summary")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    Map<Severity, Long> summary() {
        return alerts.openBySeverity(CurrentCaller.principal());
    }

    @GetMapping("/api/v1/alerts/{id}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    AlertView get(@PathVariable UUID id) {
        Alert.WithEvents a = alerts.get(CurrentCaller.principal(), id);
        return AlertView.of(a.alert(), a.events(), notifications.ofAlert(a.alert().tenant(), id).stream()
                .map(NotificationView::of).toList(),
                warnings.warningOfAlert(a.alert().tenant(), id).map(UUID::toString).orElse(null));
    }

    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    @RequiresPermission(Permission.ALERTS_WORK)
    AlertView acknowledge(@PathVariable UUID id, @RequestBody(required = false) Note body) {
        alerts.acknowledge(CurrentCaller.principal(), id, body == null ? null : body.note());
        return get(id);
    }

    @PostMapping("/api/v1/alerts/{id}/comments")
    @RequiresPermission(Permission.ALERTS_WORK)
    AlertView comment(@PathVariable UUID id, @RequestBody(required = false) Note body) {
        alerts.comment(CurrentCaller.principal(), id, body == null ? null : body.text());
        return get(id);
    }

    @PostMapping("/api/v1/alerts/{id}/assign")
    @RequiresPermission(Permission.ALERTS_WORK)
    AlertView assign(@PathVariable UUID id, @RequestBody(required = false) Note body) {
        alerts.assign(CurrentCaller.principal(), id, body == null ? null : body.department());
        return get(id);
    }

    @PostMapping("/api/v1/alerts/{id}/resolve")
    @RequiresPermission(Permission.ALERTS_WORK)
    AlertView resolve(@PathVariable UUID id, @RequestBody(required = false) Note body) {
        alerts.resolve(CurrentCaller.principal(), id, body == null ? null : body.note());
        return get(id);
    }
}
