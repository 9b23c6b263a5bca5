package org.saola.context.store;

import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-tenant settings of the context store. */
@Repository
public class SettingsStore {

    private final JdbcClient jdbc;

    public SettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** off, warn or reject; off when never set. */
    public String schemaValidation(TenantId tenant) {
        return jdbc.sql("SELECT schema_validation FROM context_tenant_settings WHERE tenant_id = ?")
                .params(tenant.value()).query(String.class).optional().orElse("off");
    }

    public void setSchemaValidation(TenantId tenant, String mode) {
        jdbc.sql("""
                        INSERT INTO context_tenant_settings (tenant_id, schema_validation, modified_at) VALUES (?, ?, now())
                        ON CONFLICT (tenant_id) DO UPDATE SET schema_validation = EXCLUDED.schema_validation, modified_at = now()""")
                .params(tenant.value(), mode).update();
    }
}
