package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    private static final String ATTRIBUTES = """
            INSERT INTO context_attribute_deletion (tenant_id, entity_id, attr, dataset_id, kind, deleted_at)
            SELECT d.tenant_id, d.entity_id, d.attr, d.dataset_id, d.kind, d.deleted_at::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS d(tenant_id, entity_id, attr, dataset_id, kind, deleted_at)""";
    private static final String ENTITIES = """
            INSERT INTO context_entity_deletion (tenant_id, entity_id, types, scopes, created_at, deleted_at)
            SELECT d.tenant_id, d.entity_id, d.types::text[], d.scopes::text[], d.created_at::timestamptz,
                   d.deleted_at::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS d(tenant_id, entity_id, types, scopes, created_at, deleted_at)
            ON CONFLICT DO NOTHING""";

    /** Rows of one statement, column by column, given to it when the group's pipeline runs. */
    private record Rows(List<List<String>> columns) {

        static Rows of(int width) {
            List<List<String>> columns = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                columns.add(new ArrayList<>());
            }
            return new Rows(columns);
        }

        void add(String... row) {
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }

        int set(PreparedStatement ps, int first) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                ps.setArray(first + i, ps.getConnection().createArrayOf("text", columns.get(i).toArray()));
            }
            return first + columns.size();
        }
    }

    private record Attributes(Rows rows) {
    }

    private record Entities(Rows rows) {
    }

    @Override
    public void changed(Connection connection, Pipeline pipeline, Change change, Instant now) {
        EntityRow before = change.before();
        if (before == null) {
            return;
        }
        String at = now.toString();              // ISO 8601 in UTC: no session time zone involved
        String tenant = change.tenant().value();
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
                pipeline.attachment(Attributes.class, () -> {
                    Rows rows = Rows.of(6);
                    pipeline.add(ATTRIBUTES, rows::set);
                    return new Attributes(rows);
                }).rows().add(tenant, before.id(), e.getKey(), datasetId, i.path("type").asString("Property"), at);
            }
        }
        if (change.deleted()) {
            pipeline.attachment(Entities.class, () -> {
                Rows rows = Rows.of(6);
                pipeline.add(ENTITIES, rows::set);
                return new Entities(rows);
            }).rows().add(tenant, before.id(), EntityStore.arrayLiteral(before.types()),
                    EntityStore.arrayLiteral(before.scopes()), before.createdAt().toString(), at);
        }
    }
}
