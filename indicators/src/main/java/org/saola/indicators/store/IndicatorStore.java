package org.saola.indicators.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Indicators' definitions, targets, city figures and values, in PostgreSQL. */
public class IndicatorStore {

    /** A stored figure of one indicator, period and group ({@code grouping} and {@code group} empty for the city). */
    public record Row(String code, String period, String grouping, String group, OptionalDouble value, boolean hidden, String inputs,
            boolean provisional, String origin, String source, String evidence, Instant recordedAt) {
    }

    public record Target(String code, double value, int year, String note) {
    }

    public record CityFigure(String figure, String ward, double value, String source, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public IndicatorStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Map<String, String> definitions(TenantId tenant) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT code, body::text FROM indicator_definition WHERE tenant_id = ? ORDER BY code").param(tenant.value())
                .query((rs, i) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    public void putDefinition(TenantId tenant, String code, String body, Instant at) {
        jdbc.sql("""
                INSERT INTO indicator_definition (tenant_id, code, body, updated_at) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at""")
                .params(tenant.value(), code, body, Timestamp.from(at)).update();
        schedule(tenant);
    }

    /** Removes a definition of the tenant's and its values and target. */
    public boolean deleteDefinition(TenantId tenant, String code) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            jdbc.sql("DELETE FROM indicator_value WHERE tenant_id = ? AND code = ?").params(tenant.value(), code).update();
            jdbc.sql("DELETE FROM indicator_target WHERE tenant_id = ? AND code = ?").params(tenant.value(), code).update();
            return jdbc.sql("DELETE FROM indicator_definition WHERE tenant_id = ? AND code = ?").params(tenant.value(), code).update() == 1;
        }));
    }

    public Map<String, Target> targets(TenantId tenant) {
        Map<String, Target> out = new LinkedHashMap<>();
        jdbc.sql("SELECT code, value, year, note FROM indicator_target WHERE tenant_id = ?").param(tenant.value())
                .query((rs, i) -> out.put(rs.getString(1), new Target(rs.getString(1), rs.getDouble(2), rs.getInt(3), rs.getString(4))))
                .list();
        return out;
    }

    public void putTarget(TenantId tenant, Target t, String actor, Instant at) {
        jdbc.sql("""
                INSERT INTO indicator_target (tenant_id, code, value, year, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET value = EXCLUDED.value, year = EXCLUDED.year, note = EXCLUDED.note,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .params(tenant.value(), t.code(), t.value(), t.year(), t.note(), Timestamp.from(at), actor).update();
        schedule(tenant);
    }

    public boolean deleteTarget(TenantId tenant, String code) {
        return jdbc.sql("DELETE FROM indicator_target WHERE tenant_id = ? AND code = ?").params(tenant.value(), code).update() == 1;
    }

    public List<CityFigure> cityFigures(TenantId tenant) {
        return jdbc.sql("SELECT figure, ward, value, source, updated_at FROM indicator_city_figure WHERE tenant_id = ? ORDER BY figure, ward")
                .param(tenant.value()).query((rs, i) -> new CityFigure(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /** Replaces the tenant's city figures with {@code figures}. */
    public void setCityFigures(TenantId tenant, List<CityFigure> figures) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM indicator_city_figure WHERE tenant_id = ?").param(tenant.value()).update();
            for (CityFigure f : figures) {
                jdbc.sql("INSERT INTO indicator_city_figure (tenant_id, figure, ward, value, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(tenant.value(), f.figure(), f.ward(), f.value(), f.source(), Timestamp.from(f.updatedAt())).update();
            }
        });
        schedule(tenant);
    }

    /**
     * Replaces every row of the indicator's period with {@code rows} (the same period written at once by the schedule
     * and by a member of staff: the last one wins, neither fails).
     */
    public void putValues(TenantId tenant, String code, String period, List<Row> rows, String actor) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM indicator_value WHERE tenant_id = ? AND code = ? AND period = ?").params(tenant.value(), code, period).update();
            for (Row r : rows) {
                jdbc.sql("""
                        INSERT INTO indicator_value (tenant_id, code, period, grouping, grp, value, hidden, inputs, provisional, origin,
                            source, evidence, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, code, period, grouping, grp) DO UPDATE SET value = EXCLUDED.value,
                            hidden = EXCLUDED.hidden, inputs = EXCLUDED.inputs, provisional = EXCLUDED.provisional,
                            origin = EXCLUDED.origin, source = EXCLUDED.source, evidence = EXCLUDED.evidence,
                            recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at""")
                        .params(tenant.value(), code, period, r.grouping(), r.group(), r.value().isPresent() ? r.value().getAsDouble() : null,
                                r.hidden(), r.inputs(), r.provisional(), r.origin(), r.source(), r.evidence(), actor,
                                Timestamp.from(r.recordedAt())).update();
            }
        });
    }

    public boolean deleteValues(TenantId tenant, String code, String period) {
        return jdbc.sql("DELETE FROM indicator_value WHERE tenant_id = ? AND code = ? AND period = ?").params(tenant.value(), code, period)
                .update() > 0;
    }

    /** Every row of the indicator, oldest period first, the city's row before the groups'. */
    public List<Row> values(TenantId tenant, String code) {
        return jdbc.sql("""
                SELECT code, period, grouping, grp, value, hidden, inputs::text, provisional, origin, source, evidence, recorded_at
                FROM indicator_value WHERE tenant_id = ? AND code = ? ORDER BY period, grouping, grp""")
                .params(tenant.value(), code).query((rs, i) -> row(rs)).list();
    }

    /** The city's row of every indicator for its latest period. */
    public Map<String, Row> latest(TenantId tenant) {
        Map<String, Row> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (code) code, period, grouping, grp, value, hidden, inputs::text, provisional, origin, source, evidence,
                    recorded_at FROM indicator_value WHERE tenant_id = ? AND grouping = '' ORDER BY code, period DESC""")
                .param(tenant.value()).query((rs, i) -> out.put(rs.getString(1), row(rs))).list();
        return out;
    }

    /** The periods of the indicator that have a final (not provisional) value. */
    public List<String> finalPeriods(TenantId tenant, String code) {
        return jdbc.sql("SELECT period FROM indicator_value WHERE tenant_id = ? AND code = ? AND grouping = '' AND NOT provisional ORDER BY period")
                .params(tenant.value(), code).query(String.class).list();
    }

    /** Every value of every indicator of the tenant, for the open dataset. */
    public void forEachValue(TenantId tenant, java.util.function.Consumer<Row> sink) {
        jdbc.sql("""
                SELECT code, period, grouping, grp, value, hidden, inputs::text, provisional, origin, source, evidence, recorded_at
                FROM indicator_value WHERE tenant_id = ? ORDER BY code, period, grouping, grp""")
                .param(tenant.value()).query((rs, i) -> {
                    sink.accept(row(rs));
                    return null;
                }).list();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        double v = rs.getDouble(5);
        OptionalDouble value = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), value, rs.getBoolean(6), rs.getString(7),
                rs.getBoolean(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant());
    }

    /** Makes the tenant one whose indicators the scheduled job computes. */
    public void schedule(TenantId tenant) {
        jdbc.sql("INSERT INTO indicator_schedule (tenant_id) VALUES (?) ON CONFLICT DO NOTHING").param(tenant.value()).update();
    }

    public List<TenantId> scheduled() {
        return jdbc.sql("SELECT tenant_id FROM indicator_schedule ORDER BY tenant_id").query(String.class).list().stream().map(TenantId::of)
                .toList();
    }

    /** Claims the tenant's computation until {@code until} unless another node holds it; true if this node has it. */
    public Optional<Instant> lease(TenantId tenant, Instant now, Instant until) {
        return jdbc.sql("UPDATE indicator_schedule SET lease_until = ? WHERE tenant_id = ? AND lease_until < ?")
                .params(Timestamp.from(until), tenant.value(), Timestamp.from(now)).update() == 1 ? Optional.of(until) : Optional.empty();
    }

    /** Gives the lease back (only if it is still the one taken until {@code until}) and notes when it computed. */
    public void release(TenantId tenant, Instant until, Instant computedAt) {
        jdbc.sql("UPDATE indicator_schedule SET lease_until = 'epoch', computed_at = ? WHERE tenant_id = ? AND lease_until = ?")
                .params(Timestamp.from(computedAt), tenant.value(), Timestamp.from(until)).update();
    }

    public Optional<Instant> computedAt(TenantId tenant) {
        return jdbc.sql("SELECT computed_at FROM indicator_schedule WHERE tenant_id = ? AND computed_at IS NOT NULL").param(tenant.value())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

}
