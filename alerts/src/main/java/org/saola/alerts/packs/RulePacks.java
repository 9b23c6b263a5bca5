package org.saola.alerts.packs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.saola.alerts.RuleDraft;
import org.saola.alerts.domain.RuleService;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule packs Saola ships (VN_AQI, flood alarm levels, full waste containers, street-light faults), switched on
 * and off per tenant. Switching one on imports its rules, marked as the pack's (a rule of the same name is
 * replaced); switching it off deletes them. The VN_AQI pack also computes the index on the tenant's stations
 * ({@link VnAqiJob}).
 */
public class RulePacks implements org.saola.alerts.RulePackSwitch {

    public static final List<String> SHIPPED = List.of("vn-aqi", "flood", "waste", "street-lights");

    /** A pack and whether this tenant has it on. */
    public record Status(RulePack pack, boolean enabled) {
    }

    private final Map<String, RulePack> packs = new LinkedHashMap<>();
    private final JdbcClient jdbc;
    private final RuleService rules;
    private final AuditLog audit;
    private final InstantSource clock;

    public RulePacks(JdbcClient jdbc, RuleService rules, AuditLog audit, InstantSource clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
        for (String id : SHIPPED) {
            try (InputStream in = RulePacks.class.getResourceAsStream("/packs/" + id + ".json")) {
                packs.put(id, json.readValue(in, RulePack.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the rule pack " + id, e);
            }
        }
    }

    public List<Status> list(TenantId tenant) {
        Set<String> on = enabled(tenant);
        return packs.values().stream().map(p -> new Status(p, on.contains(p.id()))).toList();
    }

    public RulePack pack(String id) {
        RulePack p = packs.get(id);
        if (p == null) {
            throw new NotFoundException("no rule pack '" + id + "'; there are " + packs.keySet());
        }
        return p;
    }

    @Override
    @Transactional
    public void switchOn(TenantId tenant, String pack, String by) {
        enable(tenant, pack, by);
    }

    @Override
    public Set<String> enabled(TenantId tenant) {
        return new TreeSet<>(jdbc.sql("SELECT pack FROM rule_pack WHERE tenant_id = ?").param(tenant.value())
                .query(String.class).list());
    }

    /** The tenants that have this pack on. */
    public List<TenantId> tenantsWith(String pack) {
        return jdbc.sql("SELECT tenant_id FROM rule_pack WHERE pack = ? ORDER BY tenant_id").param(pack)
                .query((rs, i) -> TenantId.of(rs.getString(1))).list();
    }

    /** Switches a pack on (again): its rules imported, marked as the pack's. */
    @Transactional
    public Status enable(TenantId tenant, String id, String by) {
        RulePack p = pack(id);
        rules.importAll(tenant, p.rules());
        jdbc.sql("UPDATE alert_rule SET pack = ? WHERE tenant_id = ? AND name = ANY (?)")
                .params(id, tenant.value(), p.rules().stream().map(RuleDraft::name).toArray(String[]::new)).update();
        jdbc.sql("""
                INSERT INTO rule_pack (tenant_id, pack, enabled_at, enabled_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, pack) DO UPDATE SET enabled_at = excluded.enabled_at, enabled_by = excluded.enabled_by""")
                .params(tenant.value(), id, Timestamp.from(clock.instant()), by).update();
        audit.record(tenant, "RULE_PACK_ENABLED", id, "", Map.of("rules", p.rules().size()));
        return new Status(p, true);
    }

    /** Switches a pack off: the rules it brought are deleted (their open alerts stay, to be resolved by people). */
    @Transactional
    public Status disable(TenantId tenant, String id) {
        RulePack p = pack(id);
        List<java.util.UUID> ids = jdbc.sql("SELECT id FROM alert_rule WHERE tenant_id = ? AND pack = ?")
                .params(tenant.value(), id).query(java.util.UUID.class).list();
        for (java.util.UUID rule : ids) {
            rules.delete(tenant, rule);
        }
        jdbc.sql("DELETE FROM rule_pack WHERE tenant_id = ? AND pack = ?").params(tenant.value(), id).update();
        audit.record(tenant, "RULE_PACK_DISABLED", id, "", Map.of("rules", ids.size()));
        return new Status(p, false);
    }
}
