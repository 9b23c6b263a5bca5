package org.saola.alerts.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.alerts.domain.Condition;
import org.saola.alerts.RuleDraft;
import org.saola.alerts.domain.Rule;
import org.saola.alerts.domain.RuleActions;
import org.saola.alerts.domain.Severity;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Rules, per tenant. Conditions are stored as their source and compiled when read. */
@Repository
public class RuleStore {

    private static final String COLUMNS = """
            tenant_id, id, name, entity_type, entity_ids, condition, clear_condition, hold_seconds, severity,
            message_vi, message_en, department_code, enabled, created_at, updated_at, notify, warning::text,
            escalate_seconds, escalate_to, area::text""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RuleStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Rule> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rule ORDER BY tenant_id, name").query(this::rule).list();
    }

    public List<Rule> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rule WHERE tenant_id = ? ORDER BY name")
                .param(tenant.value()).query(this::rule).list();
    }

    public Optional<Rule> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rule WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(this::rule).optional();
    }

    public boolean nameTaken(TenantId tenant, String name, UUID except) {
        return jdbc.sql("SELECT count(*) FROM alert_rule WHERE tenant_id = ? AND name = ? AND id <> ?")
                .params(tenant.value(), name, except).query(Long.class).single() > 0;
    }

    public void insert(Rule r) {
        jdbc.sql("INSERT INTO alert_rule (" + COLUMNS.replace("::text", "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)")
                .params(r.tenant().value(), r.id(), r.name(), r.entityType(), r.entityIds().toArray(String[]::new), r.condition().source(),
                        r.clearCondition().map(Condition::source).orElse(null), r.holdFor().toSeconds(), r.severity().name(),
                        r.messageVi(), r.messageEn(), r.department().orElse(null), r.enabled(),
                        Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()),
                        r.actions().channels().toArray(String[]::new), warning(r),
                        r.actions().escalateAfter().map(Duration::toSeconds).orElse(null),
                        r.actions().escalateTo().toArray(String[]::new), area(r))
                .update();
    }

    public void update(Rule r) {
        jdbc.sql("""
                UPDATE alert_rule SET name = ?, entity_type = ?, entity_ids = ?, condition = ?, clear_condition = ?,
                       hold_seconds = ?, severity = ?, message_vi = ?, message_en = ?, department_code = ?, enabled = ?,
                       updated_at = ?, notify = ?, warning = ?::jsonb,
                       escalate_seconds = ?, escalate_to = ?, area = ?::jsonb
                WHERE tenant_id = ? AND id = ?""")
                .params(r.name(), r.entityType(), r.entityIds().toArray(String[]::new), r.condition().source(),
                        r.clearCondition().map(Condition::source).orElse(null), r.holdFor().toSeconds(), r.severity().name(),
                        r.messageVi(), r.messageEn(), r.department().orElse(null), r.enabled(), Timestamp.from(r.updatedAt()),
                        r.actions().channels().toArray(String[]::new), warning(r),
                        r.actions().escalateAfter().map(Duration::toSeconds).orElse(null),
                        r.actions().escalateTo().toArray(String[]::new), area(r), r.tenant().value(), r.id())
                .update();
    }

    public void setEnabled(TenantId tenant, UUID id, boolean enabled, java.time.Instant at) {
        jdbc.sql("UPDATE alert_rule SET enabled = ?, updated_at = ? WHERE tenant_id = ? AND id = ?")
                .params(enabled, Timestamp.from(at), tenant.value(), id).update();
    }

    /** The pack each of the tenant's rules came with, for the rules that came with one. */
    public java.util.Map<UUID, String> packs(TenantId tenant) {
        java.util.Map<UUID, String> packs = new java.util.HashMap<>();
        jdbc.sql("SELECT id, pack FROM alert_rule WHERE tenant_id = ? AND pack IS NOT NULL").param(tenant.value())
                .query(rs -> {
                    packs.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return packs;
    }

    public boolean delete(TenantId tenant, UUID id) {
        return jdbc.sql("DELETE FROM alert_rule WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update() > 0;
    }

    /** When any rule last changed: nodes compare it to learn of changes made on another node. */
    public String fingerprint() {
        return jdbc.sql("SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM alert_rule")
                .query(String.class).single();
    }

    private String warning(Rule r) {
        return r.actions().warning().map(w -> json.writeValueAsString(RuleDraft.Warning.of(w))).orElse(null);
    }

    private String area(Rule r) {
        return r.area().map(a -> json.writeValueAsString(new RuleDraft.Area("Polygon", a.coordinates()))).orElse(null);
    }

    private Rule rule(ResultSet rs, int row) throws SQLException {
        Array ids = rs.getArray(5);
        String clear = rs.getString(7);
        return new Rule(rs.getObject(2, UUID.class), TenantId.of(rs.getString(1)), rs.getString(3), rs.getString(4),
                Arrays.asList((String[]) ids.getArray()), Condition.compile(rs.getString(6)),
                clear == null ? Optional.empty() : Optional.of(Condition.compile(clear)), Duration.ofSeconds(rs.getLong(8)),
                Severity.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11),
                Optional.ofNullable(rs.getString(12)), rs.getBoolean(13), rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15).toInstant(), new RuleActions(Arrays.asList((String[]) rs.getArray(16).getArray()),
                        Optional.ofNullable(rs.getString(17)).map(w -> json.readValue(w, RuleDraft.Warning.class).checked()),
                        Optional.ofNullable((Long) rs.getObject(18, Long.class)).map(Duration::ofSeconds),
                        Arrays.asList((String[]) rs.getArray(19).getArray())),
                Optional.ofNullable(rs.getString(20)).map(a -> json.readValue(a, RuleDraft.Area.class))
                        .map(a -> org.saola.alerts.domain.RuleArea.of(a.type(), a.coordinates())));
    }
}
