package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.saola.context.AttributeInstances;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records deletions as they commit (GS CIM 009 V1.8.1 §4.5.7, {@code timeproperty=deletedAt}): each attribute
 * instance a change removes (the whole attribute, or one datasetId of it) and each entity deleted, in the
 * change's own transaction, so the temporal API can say what went and when, and can still show a deleted
 * entity's history. Changes that delete nothing cost a walk over the attributes they had.
 */
@Component
class DeletionHistory implements ChangeHook {

    @Override
    public void changed(Connection connection, Change change, Instant now) throws SQLException {
        EntityRow before = change.before();
        if (before == null) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        String tenant = change.tenant().value();
        PreparedStatement attributes = null;
        try {
            for (var e : before.attributes().properties()) {
                JsonNode after = change.after() == null ? null : change.after().attributes().get(e.getKey());
                if (after != null && after.isObject() && e.getValue().isObject()
                        && Objects.equals(AttributeInstances.datasetId(after), AttributeInstances.datasetId(e.getValue()))) {
                    continue;             // one instance before and after, of the same dataset: the common case
                }
                Set<String> kept = new HashSet<>();
                if (after != null) {
                    for (ObjectNode i : AttributeInstances.of(after)) {
                        kept.add(Objects.toString(AttributeInstances.datasetId(i), ""));
                    }
                }
                for (ObjectNode i : AttributeInstances.of(e.getValue())) {
                    String datasetId = AttributeInstances.datasetId(i);
                    if (kept.contains(Objects.toString(datasetId, ""))) {
                        continue;
                    }
                    if (attributes == null) {
                        attributes = connection.prepareStatement("INSERT INTO context_attribute_deletion"
                                + " (tenant_id, entity_id, attr, dataset_id, kind, deleted_at) VALUES (?, ?, ?, ?, ?, ?)");
                    }
                    attributes.setString(1, tenant);
                    attributes.setString(2, before.id());
                    attributes.setString(3, e.getKey());
                    attributes.setString(4, datasetId);
                    attributes.setString(5, i.path("type").asString("Property"));
                    attributes.setTimestamp(6, at);
                    attributes.addBatch();
                }
            }
            if (attributes != null) {
                attributes.executeBatch();
            }
        } finally {
            if (attributes != null) {
                attributes.close();
            }
        }
        if (change.deleted()) {
            try (PreparedStatement entity = connection.prepareStatement("INSERT INTO context_entity_deletion"
                    + " (tenant_id, entity_id, types, scopes, created_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                entity.setString(1, tenant);
                entity.setString(2, before.id());
                entity.setArray(3, connection.createArrayOf("text", before.types().toArray()));
                entity.setArray(4, connection.createArrayOf("text", before.scopes().toArray()));
                entity.setTimestamp(5, Timestamp.from(before.createdAt()));
                entity.setTimestamp(6, at);
                entity.executeUpdate();
            }
        }
    }
}
