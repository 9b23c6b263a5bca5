package org.saola.devices.fiware;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The configuration groups and devices provisioned through the FIWARE IoT Agent API, in PostgreSQL. */
@Repository
public class IotAgentStore {

    /** Where a group or device was provisioned: the Fiware-Service and Fiware-ServicePath it was sent with. */
    public record Scope(String service, String subservice) {
    }

    /** A configuration group as stored: its routing keys and the document as provisioned. */
    public record StoredGroup(TenantId tenant, Scope scope, String resource, String apikey, String document) {
    }

    /** A provisioned device: its group's API key (when known), how it talks, and the document as provisioned. */
    public record StoredDevice(TenantId tenant, String deviceId, Scope scope, Optional<String> apikey, String protocol,
            String transport, String document) {
    }

    private final JdbcClient jdbc;

    public IotAgentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if a group (of any tenant) has this API key already */
    public boolean insertGroup(StoredGroup g, Instant at) {
        try {
            jdbc.sql("""
                    INSERT INTO iota_group (tenant_id, service, subservice, resource, apikey, document, created_at)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(g.tenant().value(), g.scope().service(), g.scope().subservice(), g.resource(), g.apikey(),
                            g.document(), Timestamp.from(at)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean updateGroup(StoredGroup g) {
        return jdbc.sql("""
                UPDATE iota_group SET document = ?::jsonb
                WHERE tenant_id = ? AND service = ? AND subservice = ? AND resource = ? AND apikey = ?""")
                .params(g.document(), g.tenant().value(), g.scope().service(), g.scope().subservice(), g.resource(),
                        g.apikey()).update() == 1;
    }

    public boolean deleteGroup(TenantId tenant, Scope scope, String resource, String apikey) {
        return jdbc.sql("""
                DELETE FROM iota_group WHERE tenant_id = ? AND service = ? AND subservice = ? AND resource = ? AND apikey = ?""")
                .params(tenant.value(), scope.service(), scope.subservice(), resource, apikey).update() == 1;
    }

    public Optional<StoredGroup> group(TenantId tenant, Scope scope, String resource, String apikey) {
        return jdbc.sql("""
                SELECT tenant_id, service, subservice, resource, apikey, document::text FROM iota_group
                WHERE tenant_id = ? AND service = ? AND subservice = ? AND resource = ? AND apikey = ?""")
                .params(tenant.value(), scope.service(), scope.subservice(), resource, apikey).query(IotAgentStore::group).optional();
    }

    /** The groups provisioned in a scope ({@code subservice} null: every path of the service), oldest first. */
    public List<StoredGroup> groups(TenantId tenant, String service, String subservice) {
        return jdbc.sql("""
                SELECT tenant_id, service, subservice, resource, apikey, document::text FROM iota_group
                WHERE tenant_id = ? AND service = ? AND (?::text IS NULL OR subservice = ?) ORDER BY created_at, apikey""")
                .params(tenant.value(), service, subservice, subservice).query(IotAgentStore::group).list();
    }

    /** The group a measure's API key names, whichever tenant it is in. */
    public Optional<StoredGroup> groupByApiKey(String apikey) {
        return jdbc.sql("SELECT tenant_id, service, subservice, resource, apikey, document::text FROM iota_group WHERE apikey = ?")
                .param(apikey).query(IotAgentStore::group).optional();
    }

    private static StoredGroup group(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredGroup(TenantId.of(rs.getString(1)), new Scope(rs.getString(2), rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6));
    }

    /** @return false if the tenant has this device provisioned already */
    public boolean insertDevice(StoredDevice d, Instant at) {
        try {
            jdbc.sql("""
                    INSERT INTO iota_device (tenant_id, device_id, service, subservice, apikey, protocol, transport, document, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                    .params(d.tenant().value(), d.deviceId(), d.scope().service(), d.scope().subservice(),
                            d.apikey().orElse(null), d.protocol(), d.transport(), d.document(), Timestamp.from(at)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public void updateDevice(StoredDevice d) {
        jdbc.sql("""
                UPDATE iota_device SET apikey = ?, protocol = ?, transport = ?, document = ?::jsonb
                WHERE tenant_id = ? AND device_id = ?""")
                .params(d.apikey().orElse(null), d.protocol(), d.transport(), d.document(), d.tenant().value(), d.deviceId())
                .update();
    }

    public boolean deleteDevice(TenantId tenant, String deviceId) {
        return jdbc.sql("DELETE FROM iota_device WHERE tenant_id = ? AND device_id = ?").params(tenant.value(), deviceId)
                .update() == 1;
    }

    public Optional<StoredDevice> device(TenantId tenant, String deviceId) {
        return jdbc.sql("""
                SELECT tenant_id, device_id, service, subservice, apikey, protocol, transport, document::text
                FROM iota_device WHERE tenant_id = ? AND device_id = ?""")
                .params(tenant.value(), deviceId).query(IotAgentStore::device).optional();
    }

    /** The devices provisioned in a scope ({@code subservice} null: every path of the service), by id. */
    public List<StoredDevice> devices(TenantId tenant, String service, String subservice, int limit, int offset) {
        return jdbc.sql("""
                SELECT tenant_id, device_id, service, subservice, apikey, protocol, transport, document::text
                FROM iota_device WHERE tenant_id = ? AND service = ? AND (?::text IS NULL OR subservice = ?)
                ORDER BY device_id LIMIT ? OFFSET ?""")
                .params(tenant.value(), service, subservice, subservice, limit, offset).query(IotAgentStore::device).list();
    }

    public int countDevices(TenantId tenant, String service, String subservice) {
        return jdbc.sql("""
                SELECT count(*) FROM iota_device WHERE tenant_id = ? AND service = ? AND (?::text IS NULL OR subservice = ?)""")
                .params(tenant.value(), service, subservice, subservice).query(Integer.class).single();
    }

    private static StoredDevice device(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredDevice(TenantId.of(rs.getString(1)), rs.getString(2), new Scope(rs.getString(3), rs.getString(4)),
                Optional.ofNullable(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
