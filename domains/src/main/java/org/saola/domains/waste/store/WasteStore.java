package org.saola.domains.waste.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.domains.waste.Fleet;
import org.saola.domains.waste.RoundPlan;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The fleets, round plans and emptied containers of every tenant, in PostgreSQL. */
public class WasteStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public WasteStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The metres of the routes planned (ready plans) for rounds within {@code [from, to)}. */
    public long plannedMetres(TenantId tenant, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT coalesce(sum((body->>'metres')::bigint), 0) FROM waste_plan
                WHERE tenant = ? AND status = 'READY' AND round_at >= ? AND round_at < ?""")
                .params(tenant.value(), Timestamp.from(from), Timestamp.from(to)).query(Long.class).single();
    }

    public Optional<Fleet> fleet(TenantId tenant) {
        return jdbc.sql("SELECT body::text FROM waste_fleet WHERE tenant = ?").param(tenant.value())
                .query(String.class).optional().map(s -> json.readValue(s, Fleet.class));
    }

    public void saveFleet(TenantId tenant, Fleet fleet, Instant now) {
        jdbc.sql("INSERT INTO waste_fleet (tenant, body, updated_at) VALUES (?, ?::jsonb, ?) "
                        + "ON CONFLICT (tenant) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
                .params(tenant.value(), json.writeValueAsString(fleet), Timestamp.from(now)).update();
    }

    public void created(TenantId tenant, UUID id, Instant now, String by, Instant roundAt, Instant nextRoundAt) {
        jdbc.sql("INSERT INTO waste_plan (id, tenant, created_at, created_by, round_at, next_round_at, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'SOLVING')")
                .params(id, tenant.value(), Timestamp.from(now), by, Timestamp.from(roundAt), Timestamp.from(nextRoundAt))
                .update();
    }

    /** Whether a plan of the tenant is being solved (or waits its turn). */
    public boolean solving(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM waste_plan WHERE tenant = ? AND status = 'SOLVING'").param(tenant.value())
                .query(Long.class).single() > 0;
    }

    public void started(UUID id, Instant now) {
        jdbc.sql("UPDATE waste_plan SET started_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    public void ready(UUID id, RoundPlan.Body body, Instant now) {
        jdbc.sql("UPDATE waste_plan SET status = 'READY', body = ?::jsonb, finished_at = ? WHERE id = ? AND status = 'SOLVING'")
                .params(json.writeValueAsString(body), Timestamp.from(now), id).update();
    }

    public void failed(UUID id, String error, Instant now) {
        jdbc.sql("UPDATE waste_plan SET status = 'FAILED', error = ?, finished_at = ? WHERE id = ? AND status = 'SOLVING'")
                .params(error, Timestamp.from(now), id).update();
    }

    /**
     * Plans solving since before {@code before} (counted from when the solver took them, or when they were asked
     * for if it never did): their node stopped; failed.
     */
    public int abandon(Instant before, Instant now) {
        return jdbc.sql("UPDATE waste_plan SET status = 'FAILED', error = 'interrupted: the node solving it stopped', "
                        + "finished_at = ? WHERE status = 'SOLVING' AND COALESCE(started_at, created_at) < ?")
                .params(Timestamp.from(now), Timestamp.from(before)).update();
    }

    public void emptied(UUID plan, String container, Instant at) {
        jdbc.sql("INSERT INTO waste_plan_emptied (plan_id, container, emptied_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(plan, container, Timestamp.from(at)).update();
    }

    public Optional<RoundPlan> plan(TenantId tenant, UUID id) {
        return plans(tenant, "AND id = ?", List.of(id), 1).stream().findFirst();
    }

    public List<RoundPlan> recent(TenantId tenant, int limit) {
        return plans(tenant, "", List.of(), limit);
    }

    private List<RoundPlan> plans(TenantId tenant, String where, List<Object> params, int limit) {
        List<Object> all = new java.util.ArrayList<>();
        all.add(tenant.value());
        all.addAll(params);
        all.add(limit);
        List<RoundPlan> plans = jdbc.sql("SELECT id, created_at, created_by, round_at, next_round_at, status, body::text AS body, "
                        + "error FROM waste_plan WHERE tenant = ? " + where + " ORDER BY created_at DESC LIMIT ?")
                .params(all)
                .query((rs, n) -> new RoundPlan(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"), rs.getTimestamp("round_at").toInstant(),
                        rs.getTimestamp("next_round_at").toInstant(), RoundPlan.Status.valueOf(rs.getString("status")),
                        Optional.ofNullable(rs.getString("body")).map(b -> json.readValue(b, RoundPlan.Body.class)),
                        Optional.ofNullable(rs.getString("error")), Map.of()))
                .list();
        if (plans.isEmpty()) {
            return plans;
        }
        Map<UUID, Map<String, Instant>> emptied = new HashMap<>();
        String marks = String.join(", ", java.util.Collections.nCopies(plans.size(), "?"));
        jdbc.sql("SELECT plan_id, container, emptied_at FROM waste_plan_emptied WHERE plan_id IN (" + marks + ")")
                .params(plans.stream().map(RoundPlan::id).map(Object.class::cast).toList())
                .query(rs -> {
                    emptied.computeIfAbsent(rs.getObject("plan_id", UUID.class), k -> new HashMap<>())
                            .put(rs.getString("container"), rs.getTimestamp("emptied_at").toInstant());
                });
        return plans.stream().map(p -> new RoundPlan(p.id(), p.createdAt(), p.createdBy(), p.roundAt(), p.nextRoundAt(),
                p.status(), p.body(), p.error(), Map.copyOf(emptied.getOrDefault(p.id(), Map.of())))).toList();
    }
}
