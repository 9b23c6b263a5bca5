package org.saola.alerts.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.alerts.domain.Alert;
import org.saola.alerts.domain.RuleState;
import org.saola.alerts.domain.Severity;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Alerts, their events and the rules' state per entity. */
@Repository
public class AlertStore {

    /** Serializes the rule engine, its timer and people resolving alerts by hand, across nodes. */
    private static final String ENGINE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('saola.alerts.rules'))";
    private static final String COLUMNS = """
            tenant_id, id, rule_id, rule_name, entity_id, entity_type, severity, status, department_code, message_vi,
            message_en, trigger_values::text, raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, updated_at""";

    public record StateKey(TenantId tenant, UUID ruleId, String entityId) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AlertStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Takes the engine's lock for the current transaction. */
    public void lockEngine() {
        jdbc.sql(ENGINE_LOCK).query(rs -> { });
    }

    /** The rules' state for these entities of a tenant. */
    public Map<StateKey, RuleState> states(TenantId tenant, Set<String> entityIds) {
        Map<StateKey, RuleState> states = new HashMap<>();
        if (entityIds.isEmpty()) {
            return states;
        }
        jdbc.sql("SELECT rule_id, entity_id, pending_since, alert_id FROM alert_rule_state WHERE tenant_id = ? AND entity_id = ANY (?)")
                .params(tenant.value(), entityIds.toArray(String[]::new))
                .query(rs -> {
                    states.put(new StateKey(tenant, rs.getObject(1, UUID.class), rs.getString(2)),
                            new RuleState(rs.getTimestamp(3).toInstant(), Optional.ofNullable(rs.getObject(4, UUID.class))));
                });
        return states;
    }

    /** Pending states whose rule's hold time has passed by {@code now}: the timer raises them. */
    public List<StateKey> due(Instant now) {
        return jdbc.sql("""
                SELECT s.tenant_id, s.rule_id, s.entity_id FROM alert_rule_state s
                JOIN alert_rule r ON r.tenant_id = s.tenant_id AND r.id = s.rule_id
                WHERE s.alert_id IS NULL AND r.enabled AND s.pending_since + make_interval(secs => r.hold_seconds) <= ?
                ORDER BY s.pending_since LIMIT 1000""")
                .param(Timestamp.from(now))
                .query((rs, i) -> new StateKey(TenantId.of(rs.getString(1)), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    public void putState(StateKey key, RuleState state) {
        jdbc.sql("""
                INSERT INTO alert_rule_state (tenant_id, rule_id, entity_id, pending_since, alert_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, rule_id, entity_id) DO UPDATE
                   SET pending_since = EXCLUDED.pending_since, alert_id = EXCLUDED.alert_id""")
                .params(key.tenant().value(), key.ruleId(), key.entityId(), Timestamp.from(state.pendingSince()),
                        state.alertId().orElse(null))
                .update();
    }

    public void deleteState(StateKey key) {
        jdbc.sql("DELETE FROM alert_rule_state WHERE tenant_id = ? AND rule_id = ? AND entity_id = ?")
                .params(key.tenant().value(), key.ruleId(), key.entityId()).update();
    }

    public void deleteStatesOfAlert(TenantId tenant, UUID alertId) {
        jdbc.sql("DELETE FROM alert_rule_state WHERE tenant_id = ? AND alert_id = ?").params(tenant.value(), alertId).update();
    }

    /** Inserts the alert; if the rule already has one open on the entity, that one is kept and returned instead. */
    public UUID insertOrOpen(Alert a) {
        int inserted = jdbc.sql("INSERT INTO alert (" + COLUMNS.replace("trigger_values::text", "trigger_values") + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, NULL, NULL, NULL, NULL, ?)
                ON CONFLICT (tenant_id, rule_id, entity_id) WHERE status <> 'RESOLVED' DO NOTHING""")
                .params(a.tenant().value(), a.id(), a.ruleId(), a.ruleName(), a.entityId(), a.entityType(),
                        a.severity().name(), a.status().name(), a.department().orElse(null), a.messageVi(), a.messageEn(),
                        json.writeValueAsString(a.triggerValues()), Timestamp.from(a.raisedAt()), Timestamp.from(a.updatedAt()))
                .update();
        if (inserted == 1) {
            return a.id();
        }
        return jdbc.sql("SELECT id FROM alert WHERE tenant_id = ? AND rule_id = ? AND entity_id = ? AND status <> 'RESOLVED'")
                .params(a.tenant().value(), a.ruleId(), a.entityId()).query(UUID.class).single();
    }

    public void event(TenantId tenant, UUID alertId, Instant at, String actor, String kind, String note) {
        jdbc.sql("INSERT INTO alert_event (tenant_id, alert_id, at, actor, kind, note) VALUES (?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), alertId, Timestamp.from(at), actor, kind, note).update();
    }

    public boolean acknowledge(TenantId tenant, UUID id, String by, Instant at) {
        return jdbc.sql("""
                UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, updated_at = ?
                WHERE tenant_id = ? AND id = ? AND status = 'RAISED'""")
                .params(Timestamp.from(at), by, Timestamp.from(at), tenant.value(), id).update() == 1;
    }

    public boolean resolve(TenantId tenant, UUID id, String by, Instant at) {
        return jdbc.sql("""
                UPDATE alert SET status = 'RESOLVED', resolved_at = ?, resolved_by = ?, updated_at = ?
                WHERE tenant_id = ? AND id = ? AND status <> 'RESOLVED'""")
                .params(Timestamp.from(at), by, Timestamp.from(at), tenant.value(), id).update() == 1;
    }

    public void assign(TenantId tenant, UUID id, String department, Instant at) {
        jdbc.sql("UPDATE alert SET department_code = ?, updated_at = ? WHERE tenant_id = ? AND id = ?")
                .params(department, Timestamp.from(at), tenant.value(), id).update();
    }

    public Optional<Alert> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE tenant_id = ? AND id = ?").params(tenant.value(), id)
                .query(this::alert).optional();
    }

    public List<Alert.Event> events(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT at, actor, kind, note FROM alert_event WHERE tenant_id = ? AND alert_id = ? ORDER BY n")
                .params(tenant.value(), id)
                .query((rs, i) -> new Alert.Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    /**
     * Alerts of a tenant, newest first: only open ones if {@code openOnly}, of one status if given, of these
     * departments only if {@code departments} is not null.
     */
    public List<Alert> list(TenantId tenant, boolean openOnly, Optional<Alert.Status> status, Set<String> departments,
            String entityId, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (openOnly) {
            sql.append(" AND status <> 'RESOLVED'");
        }
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            params.add(s.name());
        });
        if (departments != null) {
            sql.append(" AND department_code = ANY (?)");
            params.add(departments.toArray(String[]::new));
        }
        if (entityId != null) {
            sql.append(" AND entity_id = ?");
            params.add(entityId);
        }
        sql.append(" ORDER BY raised_at DESC, id LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(this::alert).list();
    }

    /** Open alerts by severity, for the operations centre's tiles. */
    public Map<Severity, Long> openBySeverity(TenantId tenant, Set<String> departments) {
        Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        String sql = "SELECT severity, count(*) FROM alert WHERE tenant_id = ? AND status <> 'RESOLVED'"
                + (departments != null ? " AND department_code = ANY (?)" : "") + " GROUP BY severity";
        var spec = jdbc.sql(sql).param(tenant.value());
        if (departments != null) {
            spec = spec.param(departments.toArray(String[]::new));
        }
        spec.query(rs -> {
            counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    private Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(TenantId.of(rs.getString(1)), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), Severity.valueOf(rs.getString(7)),
                Alert.Status.valueOf(rs.getString(8)), Optional.ofNullable(rs.getString(9)), rs.getString(10),
                rs.getString(11), json.readValue(rs.getString(12), new TypeReference<Map<String, Object>>() { }),
                rs.getTimestamp(13).toInstant(), instant(rs, 14), Optional.ofNullable(rs.getString(15)), instant(rs, 16),
                Optional.ofNullable(rs.getString(17)), rs.getTimestamp(18).toInstant());
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    /** An alert to escalate: not acknowledged in time; whom to tell, after how long. */
    public record Escalation(TenantId tenant, UUID alertId, List<String> to, java.time.Duration after) {
    }

    /**
     * Marks the alerts still {@code RAISED} their rule's {@code escalateAfter} after they were raised as escalated
     * (once) and answers them; call in the transaction that queues their notifications.
     */
    public List<Escalation> escalateDue(Instant now) {
        return jdbc.sql("""
                UPDATE alert a SET escalated_at = ?
                FROM alert_rule r
                WHERE a.tenant_id = r.tenant_id AND a.rule_id = r.id AND a.status = 'RAISED' AND a.escalated_at IS NULL
                  AND r.escalate_seconds IS NOT NULL AND a.raised_at + r.escalate_seconds * interval '1 second' <= ?
                RETURNING a.tenant_id, a.id, r.escalate_to, r.escalate_seconds""")
                .params(java.sql.Timestamp.from(now), java.sql.Timestamp.from(now))
                .query((rs, i) -> new Escalation(TenantId.of(rs.getString(1)), rs.getObject(2, UUID.class),
                        java.util.Arrays.asList((String[]) rs.getArray(3).getArray()),
                        java.time.Duration.ofSeconds(rs.getLong(4))))
                .list();
    }

    /** Whether this rule raised an alert on this entity at exactly this time (an episode already alerted). */
    public boolean raisedAt(TenantId tenant, UUID rule, String entityId, Instant at) {
        return jdbc.sql("SELECT count(*) FROM alert WHERE tenant_id = ? AND rule_id = ? AND entity_id = ? AND raised_at = ?")
                .params(tenant.value(), rule, entityId, java.sql.Timestamp.from(at)).query(Long.class).single() > 0;
    }
}
