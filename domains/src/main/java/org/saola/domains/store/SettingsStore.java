package org.saola.domains.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A domain's settings per tenant, kept as one checked JSON document in a table of the domain's own
 * ({@code tenant, body, updated_at} and a time column marking how far its periodic job has written results), in
 * PostgreSQL. Saving new settings clears the mark, so the job writes again with them.
 */
public class SettingsStore<T> {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String table;
    private final String mark;
    private final Class<T> type;

    /** {@code table} and {@code mark} are the domain's own names, never input. */
    public SettingsStore(JdbcClient jdbc, JsonMapper json, String table, String mark, Class<T> type) {
        requireName(table);
        requireName(mark);
        this.jdbc = jdbc;
        this.json = json;
        this.table = table;
        this.mark = mark;
        this.type = type;
    }

    public Optional<T> settings(TenantId tenant) {
        return jdbc.sql("SELECT body::text FROM " + table + " WHERE tenant = ?").param(tenant.value())
                .query(String.class).optional().map(s -> json.readValue(s, type));
    }

    public void save(TenantId tenant, T settings, Instant now) {
        jdbc.sql("INSERT INTO " + table + " (tenant, body, updated_at) VALUES (?, ?::jsonb, ?) ON CONFLICT (tenant) "
                        + "DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, " + mark + " = NULL")
                .params(tenant.value(), json.writeValueAsString(settings), Timestamp.from(now)).update();
    }

    /** The tenants that have set this domain up. */
    public List<TenantId> tenants() {
        return jdbc.sql("SELECT tenant FROM " + table + " ORDER BY tenant").query(String.class).list().stream()
                .map(TenantId::of).toList();
    }

    /**
     * Runs a periodic job for each tenant that has set this domain up: a tenant whose run fails is logged (as
     * {@code what}) and tried again next time, the others go on. The sum of what the runs return.
     */
    public int forEachTenant(String what, java.util.function.ToIntFunction<TenantId> job) {
        int done = 0;
        for (TenantId tenant : tenants()) {
            try {
                done += job.applyAsInt(tenant);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SettingsStore.class).warn("{} of {} not done: {}", what, tenant, e.toString());
            }
        }
        return done;
    }

    public Optional<Instant> marked(TenantId tenant) {
        return jdbc.sql("SELECT " + mark + " FROM " + table + " WHERE tenant = ?").param(tenant.value())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).optional().flatMap(o -> o);
    }

    public void mark(TenantId tenant, Instant at) {
        jdbc.sql("UPDATE " + table + " SET " + mark + " = ? WHERE tenant = ?").params(Timestamp.from(at), tenant.value()).update();
    }

    /** Marks the job's progress with a summary of its latest result (what the operations centre shows). */
    public void mark(TenantId tenant, Instant at, Map<String, ?> summary) {
        jdbc.sql("UPDATE " + table + " SET " + mark + " = ?, summary = ?::jsonb WHERE tenant = ?")
                .params(Timestamp.from(at), json.writeValueAsString(summary), tenant.value()).update();
    }

    /** Another time the domain keeps in its table ({@code column} one of its own names, never input). */
    public Optional<Instant> time(TenantId tenant, String column) {
        requireName(column);
        return jdbc.sql("SELECT " + column + " FROM " + table + " WHERE tenant = ?").param(tenant.value())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).optional().flatMap(o -> o);
    }

    public void setTime(TenantId tenant, String column, Instant at) {
        requireName(column);
        jdbc.sql("UPDATE " + table + " SET " + column + " = ? WHERE tenant = ?").params(Timestamp.from(at), tenant.value()).update();
    }

    private static void requireName(String name) {
        if (!name.matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("not a column name: " + name);
        }
    }

    /** The summary of the job's latest result, if it has written one. */
    public Optional<JsonNode> summary(TenantId tenant) {
        return jdbc.sql("SELECT summary::text FROM " + table + " WHERE tenant = ? AND summary IS NOT NULL").param(tenant.value())
                .query(String.class).optional().map(json::readTree);
    }
}
