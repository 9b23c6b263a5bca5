package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.saola.platform.TenantId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills the value index (migration {@code V2026_12_09_10}) for the entities stored before it existed, with the same
 * code the group commit writes it with; a Flyway migration (Spring Boot hands Flyway every such bean), so it runs
 * once, in order, in one transaction with the table's creation on a fresh start and before any write.
 */
@Component
class EntityValuesBackfill implements JavaMigration {

    private static final int CHUNK = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2026.12.09.11");
    }

    @Override
    public String getDescription() {
        return "entity values backfill";
    }

    @Override
    public Integer getChecksum() {
        return 1;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        JsonMapper json = JsonMapper.builder().build();
        String tenant = "";
        String id = "";
        try (PreparedStatement select = c.prepareStatement("""
                SELECT tenant_id, id, types, attrs::text FROM context_entity
                WHERE (tenant_id, id) > (?, ?) ORDER BY tenant_id, id LIMIT ?""")) {
            while (true) {
                select.setString(1, tenant);
                select.setString(2, id);
                select.setInt(3, CHUNK);
                EntityValues.Group group = new EntityValues.Group();
                int read = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        tenant = rs.getString(1);
                        id = rs.getString(2);
                        List<String> types = List.of((String[]) rs.getArray(3).getArray());
                        EntityRow row = new EntityRow(id, types, (ObjectNode) json.readTree(rs.getString(4)),
                                java.time.Instant.EPOCH, java.time.Instant.EPOCH, List.of());
                        group.changed(new TenantId(tenant), null, row);
                        read++;
                    }
                }
                Pipeline pipeline = new Pipeline();
                group.write(c, pipeline);
                pipeline.run(c);
                if (read < CHUNK) {
                    return;
                }
            }
        }
    }
}
