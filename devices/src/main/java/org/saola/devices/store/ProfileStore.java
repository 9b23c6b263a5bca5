package org.saola.devices.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The device profiles a tenant imported, as the JSON documents they were imported as. */
@Repository
public class ProfileStore {

    private final JdbcClient jdbc;

    public ProfileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if the tenant has a profile with that id already */
    public boolean insert(TenantId tenant, String id, String document, Instant at) {
        try {
            jdbc.sql("INSERT INTO device_profile (tenant_id, id, document, created_at) VALUES (?, ?, ?::jsonb, ?)")
                    .params(tenant.value(), id, document, Timestamp.from(at)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public void upsert(TenantId tenant, String id, String document, Instant at) {
        jdbc.sql("""
                INSERT INTO device_profile (tenant_id, id, document, created_at) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE SET document = EXCLUDED.document""")
                .params(tenant.value(), id, document, Timestamp.from(at)).update();
    }

    public Optional<String> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT document::text FROM device_profile WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(String.class).optional();
    }

    public List<String> list(TenantId tenant) {
        return jdbc.sql("SELECT document::text FROM device_profile WHERE tenant_id = ? ORDER BY id")
                .param(tenant.value()).query(String.class).list();
    }

    /** @return false if there was no such profile */
    public boolean delete(TenantId tenant, String id) {
        return jdbc.sql("DELETE FROM device_profile WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update() == 1;
    }

    public boolean inUse(TenantId tenant, String id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM device WHERE tenant_id = ? AND kind = ?)")
                .params(tenant.value(), id).query(Boolean.class).single();
    }
}
