package org.saola.alerts.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Alert channels, per tenant; a webhook's secret is kept encrypted with the platform's at-rest cipher. */
public class ChannelStore {

    private static final String COLUMNS = "name, kind, target, secret IS NOT NULL, enabled, created_at, updated_at";

    private final JdbcClient jdbc;
    private final ContactCipher cipher;

    public ChannelStore(JdbcClient jdbc, ContactCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public List<Channel> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_channel WHERE tenant_id = ? ORDER BY name")
                .param(tenant.value()).query(ChannelStore::channel).list();
    }

    public Optional<Channel> find(TenantId tenant, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_channel WHERE tenant_id = ? AND name = ?")
                .params(tenant.value(), name).query(ChannelStore::channel).optional();
    }

    /** A webhook's secret in clear, for signing a call. */
    public Optional<String> secret(TenantId tenant, String name) {
        return jdbc.sql("SELECT secret FROM alert_channel WHERE tenant_id = ? AND name = ? AND secret IS NOT NULL")
                .params(tenant.value(), name).query(byte[].class).optional().map(cipher::decrypt);
    }

    public void insert(TenantId tenant, Channel c, Optional<String> secret) {
        jdbc.sql("""
                INSERT INTO alert_channel (tenant_id, name, kind, target, secret, enabled, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), c.name(), c.kind().name(), c.target(), secret.map(cipher::encrypt).orElse(null),
                        c.enabled(), Timestamp.from(c.createdAt()), Timestamp.from(c.updatedAt()))
                .update();
    }

    /** Changes a channel; its secret only when a new one is given. */
    public void update(TenantId tenant, Channel c, Optional<String> secret) {
        jdbc.sql("""
                UPDATE alert_channel SET kind = ?, target = ?, secret = CASE WHEN ? THEN ? ELSE secret END, enabled = ?,
                       updated_at = ?
                WHERE tenant_id = ? AND name = ?""")
                .params(c.kind().name(), c.target(), secret.isPresent(), secret.map(cipher::encrypt).orElse(null),
                        c.enabled(), Timestamp.from(c.updatedAt()), tenant.value(), c.name())
                .update();
    }

    public boolean delete(TenantId tenant, String name) {
        return jdbc.sql("DELETE FROM alert_channel WHERE tenant_id = ? AND name = ?").params(tenant.value(), name).update() > 0;
    }

    /** The rules that name a channel, to notify or to escalate to (a channel in use cannot be deleted). */
    public List<String> rulesNaming(TenantId tenant, String name) {
        return jdbc.sql("SELECT name FROM alert_rule WHERE tenant_id = ? AND (? = ANY (notify) OR ? = ANY (escalate_to)) ORDER BY name")
                .params(tenant.value(), name, name).query(String.class).list();
    }

    private static Channel channel(ResultSet rs, int row) throws SQLException {
        return new Channel(rs.getString(1), Channel.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                rs.getBoolean(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }
}
