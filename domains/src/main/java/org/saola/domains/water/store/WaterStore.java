package org.saola.domains.water.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.domains.water.WaterSettings;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Each tenant's water settings and the last night recorded, in PostgreSQL. */
public class WaterStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public WaterStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<WaterSettings> settings(TenantId tenant) {
        return jdbc.sql("SELECT body::text FROM water_settings WHERE tenant = ?").param(tenant.value())
                .query(String.class).optional().map(s -> json.readValue(s, WaterSettings.class));
    }

    public void save(TenantId tenant, WaterSettings settings, Instant now) {
        jdbc.sql("INSERT INTO water_settings (tenant, body, updated_at) VALUES (?, ?::jsonb, ?) "
                        + "ON CONFLICT (tenant) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, recorded_night = NULL")
                .params(tenant.value(), json.writeValueAsString(settings), Timestamp.from(now)).update();
    }

    /** The tenants that have set up their water network. */
    public List<TenantId> tenants() {
        return jdbc.sql("SELECT tenant FROM water_settings ORDER BY tenant").query(String.class).list().stream().map(TenantId::of).toList();
    }

    public Optional<Instant> recordedNight(TenantId tenant) {
        return jdbc.sql("SELECT recorded_night FROM water_settings WHERE tenant = ?").param(tenant.value())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).optional().flatMap(o -> o);
    }

    public void recorded(TenantId tenant, Instant nightEnd) {
        jdbc.sql("UPDATE water_settings SET recorded_night = ? WHERE tenant = ?").params(Timestamp.from(nightEnd), tenant.value()).update();
    }
}
