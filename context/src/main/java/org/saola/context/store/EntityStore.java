package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.saola.context.AttributeInstance;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Entities' latest state and attribute history in PostgreSQL. Every statement binds its values. */
@Repository
public class EntityStore {

    /** One entity's change, already expanded: attributes keyed by IRI, in normalized form. */
    public record Change(TenantId tenant, String entityId, String type, ObjectNode attributes, Instant receivedAt) {
    }

    private static final String UPSERT = """
            INSERT INTO context_entity (tenant_id, id, type, attrs, created_at, modified_at)
            VALUES (?, ?, ?, ?::jsonb, ?, ?)
            ON CONFLICT (tenant_id, id) DO UPDATE
               SET attrs = context_entity.attrs || EXCLUDED.attrs,
                   modified_at = EXCLUDED.modified_at""";
    private static final String APPEND_HISTORY = """
            INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, instance)
            VALUES (?, ?, ?, ?, ?::jsonb)""";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public EntityStore(DataSource dataSource, JdbcClient jdbc, JsonMapper json) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Writes a group of changes in one transaction: one commit for many readings (group commit). */
    public void write(List<Change> changes) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement(UPSERT);
                 PreparedStatement history = c.prepareStatement(APPEND_HISTORY)) {
                for (Change change : changes) {
                    Timestamp at = Timestamp.from(change.receivedAt());
                    upsert.setString(1, change.tenant().value());
                    upsert.setString(2, change.entityId());
                    upsert.setString(3, change.type());
                    upsert.setString(4, json.writeValueAsString(change.attributes()));
                    upsert.setTimestamp(5, at);
                    upsert.setTimestamp(6, at);
                    upsert.addBatch();
                    for (var attr : change.attributes().properties()) {
                        var instance = (ObjectNode) attr.getValue();
                        Instant observed = instance.has("observedAt")
                                ? Instant.parse(instance.get("observedAt").asString())
                                : change.receivedAt();
                        history.setString(1, change.tenant().value());
                        history.setString(2, change.entityId());
                        history.setString(3, attr.getKey());
                        history.setTimestamp(4, Timestamp.from(observed));
                        history.setString(5, json.writeValueAsString(instance));
                        history.addBatch();
                    }
                }
                upsert.executeBatch();
                history.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public Optional<StoredEntity> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT id, type, attrs::text, created_at, modified_at FROM context_entity WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(this::entity)
                .optional();
    }

    public List<StoredEntity> findByType(TenantId tenant, Optional<String> type, int limit, int offset) {
        if (type.isPresent()) {
            return jdbc.sql("""
                    SELECT id, type, attrs::text, created_at, modified_at FROM context_entity
                    WHERE tenant_id = ? AND type = ? ORDER BY id LIMIT ? OFFSET ?""")
                    .params(tenant.value(), type.get(), limit, offset)
                    .query(this::entity).list();
        }
        return jdbc.sql("""
                SELECT id, type, attrs::text, created_at, modified_at FROM context_entity
                WHERE tenant_id = ? ORDER BY id LIMIT ? OFFSET ?""")
                .params(tenant.value(), limit, offset)
                .query(this::entity).list();
    }

    public long count(TenantId tenant, Optional<String> type) {
        return type.isPresent()
                ? jdbc.sql("SELECT count(*) FROM context_entity WHERE tenant_id = ? AND type = ?")
                        .params(tenant.value(), type.get()).query(Long.class).single()
                : jdbc.sql("SELECT count(*) FROM context_entity WHERE tenant_id = ?")
                        .params(tenant.value()).query(Long.class).single();
    }

    /** The newest {@code lastN} instances per attribute in the window, returned oldest first. */
    public List<AttributeInstance> history(TenantId tenant, String entityId, TemporalQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT entity_id, attr, instance::text FROM (
                  SELECT entity_id, attr, observed_at, instance_id, instance,
                         row_number() OVER (PARTITION BY attr ORDER BY observed_at DESC, instance_id DESC) AS rn
                  FROM context_attribute_history
                  WHERE tenant_id = ? AND entity_id = ?""");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), entityId));
        if (!query.attributes().isEmpty()) {
            sql.append(" AND attr = ANY (?)");
            params.add(query.attributes().toArray(String[]::new));
        }
        query.from().ifPresent(from -> {
            sql.append(" AND observed_at >= ?");
            params.add(Timestamp.from(from));
        });
        query.to().ifPresent(to -> {
            sql.append(" AND observed_at < ?");
            params.add(Timestamp.from(to));
        });
        sql.append(") h WHERE rn <= ? ORDER BY attr, observed_at, instance_id");
        params.add(query.lastN());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AttributeInstance(rs.getString(1), rs.getString(2),
                        (ObjectNode) json.readTree(rs.getString(3))))
                .list();
    }

    private StoredEntity entity(ResultSet rs, int row) throws SQLException {
        return new StoredEntity(rs.getString(1), rs.getString(2), (ObjectNode) json.readTree(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
    }
}
