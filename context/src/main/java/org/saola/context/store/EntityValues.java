package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.context.AttributeInstances;
import org.saola.context.query.QueryValues;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * The value index ({@code context_entity_value}): each attribute's latest value as typed rows, one per candidate a
 * q term compares, made by {@link QueryValues} as the in-memory evaluator reads them. A group commit collects what
 * changed between each entity's state when the group began and when it ends, and rewrites the rows of the changed
 * attributes only, in the group's transaction, and the counts of numbers by bucket ({@link ValueCounts}) with them.
 * The rows are few, each an entry in two or three of the table's indexes: an object's row only where nothing else
 * says the instance has a value, an instance's members on its first row only ({@link #addCandidates}).
 */
final class EntityValues {

    private EntityValues() {
    }

    /** One row: a candidate of an instance's value (path "") or of a sub-attribute's (path: its IRI). */
    record Row(String attr, int inst, String path, char kind, Double num, String txt, Boolean flag, Instant ts,
            Instant observedAt, String unitCode, String datasetId) {
    }

    /** The rows of an attribute as held (one instance, or several with datasetIds). */
    static void rows(String attr, JsonNode held, List<Row> out) {
        List<JsonNode> candidates = new ArrayList<>();
        int inst = 0;
        for (JsonNode instance : AttributeInstances.of(held)) {
            Instant observed = instant(instance.get("observedAt"));
            String unit = text(instance.get("unitCode"));
            String dataset = AttributeInstances.datasetId(instance);
            candidates.clear();
            QueryValues.candidates(instance, candidates);
            if (candidates.isEmpty()) {
                out.add(new Row(attr, inst, "", '-', null, null, null, null, observed, unit, dataset));
            }
            addCandidates(out, attr, inst, "", candidates, observed, unit, dataset);
            for (var member : instance.properties()) {
                if (QueryValues.subAttribute(member.getKey(), member.getValue())) {
                    candidates.clear();
                    QueryValues.candidates(member.getValue(), candidates);
                    addCandidates(out, attr, inst, member.getKey(), candidates, null, null, null);
                }
            }
            inst++;
        }
    }

    /**
     * The rows of one instance's (or sub-attribute's) candidates. An object compares with nothing, so its row only
     * says that the instance has a value (for a negation): kept when no other candidate says so, one of them. A
     * typed value ({@code {"@type": "DateTime", "@value": "…"}}) thus has one row, its string's. The instance's
     * members go on its first row only: a term on one asks whether some row (or, negated, some row of each instance)
     * has it, and each more copy would cost an entry in the observedAt index.
     */
    private static void addCandidates(List<Row> out, String attr, int inst, String path, List<JsonNode> candidates,
            Instant observed, String unit, String dataset) {
        boolean compares = false;
        for (JsonNode c : candidates) {
            compares |= c.isNumber() || c.isString() || c.isBoolean();
        }
        boolean objectKept = false;
        for (JsonNode c : candidates) {
            Row r = row(attr, inst, path, c, observed, unit, dataset);
            if (r.kind() == 'o' && (compares || objectKept)) {
                continue;
            }
            objectKept |= r.kind() == 'o';
            out.add(r);
            observed = null;
            unit = null;
            dataset = null;
        }
    }

    private static Row row(String attr, int inst, String path, JsonNode c, Instant observed, String unit, String dataset) {
        if (c.isNumber()) {
            return new Row(attr, inst, path, 'n', c.asDouble(), null, null, null, observed, unit, dataset);
        }
        if (c.isString()) {
            String s = c.asString();
            if (s.indexOf('\0') >= 0) {
                s = s.replace("\0", "");                         // PostgreSQL's text holds no NUL
            }
            return new Row(attr, inst, path, 's', null, s, null, QueryValues.instant(s), observed, unit, dataset);
        }
        if (c.isBoolean()) {
            return new Row(attr, inst, path, 'b', null, null, c.asBoolean(), null, observed, unit, dataset);
        }
        return new Row(attr, inst, path, 'o', null, null, null, null, observed, unit, dataset);
    }

    private static Instant instant(JsonNode n) {
        return n != null && n.isString() ? QueryValues.instant(n.asString()) : null;
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() ? n.asString() : null;
    }

    /** What one group commit changes in the index. */
    static final class Group {
        private final Map<TenantId, Set<String>> goneEntities = new LinkedHashMap<>();
        private final Map<TenantId, List<String[]>> changedAttributes = new LinkedHashMap<>();
        private final Map<TenantId, List<Object[]>> added = new LinkedHashMap<>();
        private final ValueCounts.Changes counts = new ValueCounts.Changes();

        /** An entity's change over the whole group: its state when the group began and when it ends (null: none). */
        void changed(TenantId tenant, EntityRow before, EntityRow after) {
            if (after == null) {
                if (before != null) {
                    goneEntities.computeIfAbsent(tenant, t -> new LinkedHashSet<>()).add(before.id());
                    for (var a : before.attributes().properties()) {
                        counts.add(tenant, before.types(), a.getKey(), ValueCounts.shape(a.getValue()), -1);
                    }
                }
                return;
            }
            List<Row> rows = new ArrayList<>();
            if (before == null) {
                for (var a : after.attributes().properties()) {
                    rows(a.getKey(), a.getValue(), rows);
                    counts.add(tenant, after.types(), a.getKey(), ValueCounts.shape(a.getValue()), 1);
                }
            } else {
                // A change of types moves every attribute's count, not its rows.
                boolean retyped = !before.types().equals(after.types());
                Set<String> names = new LinkedHashSet<>(before.attributes().propertyNames());
                names.addAll(after.attributes().propertyNames());
                for (String name : names) {
                    JsonNode was = before.attributes().get(name);
                    JsonNode is = after.attributes().get(name);
                    boolean same = was == is || was != null && was.equals(is);
                    if (same && !retyped) {
                        continue;
                    }
                    Long wasShape = was == null ? null : ValueCounts.shape(was);
                    counts.add(tenant, before.types(), name, wasShape, -1);
                    if (same) {
                        counts.add(tenant, after.types(), name, wasShape, 1);
                        continue;
                    }
                    if (was != null) {
                        changedAttributes.computeIfAbsent(tenant, t -> new ArrayList<>()).add(new String[] {after.id(), name});
                    }
                    if (is != null) {
                        rows(name, is, rows);
                        counts.add(tenant, after.types(), name, ValueCounts.shape(is), 1);
                    }
                }
            }
            if (!rows.isEmpty()) {
                List<Object[]> out = added.computeIfAbsent(tenant, t -> new ArrayList<>());
                for (Row r : rows) {
                    out.add(new Object[] {after.id(), r});
                }
            }
        }

        private static final String DELETE_ENTITIES = "DELETE FROM context_entity_value WHERE tenant_id = ? AND entity_id = ANY (?)";
        /**
         * The rows of changed attributes. The entities are named twice, the second time as an {@code = ANY} the
         * index is probed with: without it the generic plan of the prepared statement hashes the pairs and scans
         * every row of the tenant for them, once per group commit. At most {@link EntityStore#STATEMENT_ROWS}
         * pairs a statement, since that plan compares every row found with every pair.
         */
        static final String DELETE_ATTRIBUTES = """
                DELETE FROM context_entity_value v USING unnest(?::text[], ?::text[]) AS d(entity_id, attr)
                WHERE v.tenant_id = ? AND v.entity_id = ANY (?::text[]) AND v.entity_id = d.entity_id AND v.attr = d.attr""";
        private static final String INSERT = """
                INSERT INTO context_entity_value (tenant_id, entity_id, attr, inst, path, kind, num, txt, flag, ts,
                                                  observed_at, unit_code, dataset_id)
                SELECT ?, r.entity_id, r.attr, r.inst, r.path, r.kind::"char", r.num, r.txt, r.flag, r.ts::timestamptz,
                       r.observed_at::timestamptz, r.unit_code, r.dataset_id
                FROM unnest(?::text[], ?::text[], ?::int2[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::bool[],
                            ?::text[], ?::text[], ?::text[], ?::text[])
                     AS r(entity_id, attr, inst, path, kind, num, txt, flag, ts, observed_at, unit_code, dataset_id)""";

        /**
         * Adds the group's changes to the index to {@code pipeline}, for its transaction: rows of what changed out,
         * new rows in, and the counts by bucket.
         */
        void write(Connection c, Pipeline pipeline) throws SQLException {
            for (var e : goneEntities.entrySet()) {
                String tenant = e.getKey().value();
                java.sql.Array ids = c.createArrayOf("text", e.getValue().toArray());
                pipeline.add(DELETE_ENTITIES, (ps, i) -> {
                    ps.setString(i, tenant);
                    ps.setArray(i + 1, ids);
                    return i + 2;
                });
            }
            for (var e : changedAttributes.entrySet()) {
                List<String[]> all = e.getValue();
                String tenant = e.getKey().value();
                for (int from = 0; from < all.size(); from += EntityStore.STATEMENT_ROWS) {
                    List<String[]> pairs = all.subList(from, Math.min(all.size(), from + EntityStore.STATEMENT_ROWS));
                    String[] ids = new String[pairs.size()];
                    String[] attrs = new String[pairs.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = pairs.get(i)[0];
                        attrs[i] = pairs.get(i)[1];
                    }
                    java.sql.Array idArray = c.createArrayOf("text", ids);
                    java.sql.Array attrArray = c.createArrayOf("text", attrs);
                    pipeline.add(DELETE_ATTRIBUTES, (ps, i) -> {
                        ps.setArray(i, idArray);
                        ps.setArray(i + 1, attrArray);
                        ps.setString(i + 2, tenant);
                        ps.setArray(i + 3, idArray);
                        return i + 4;
                    });
                }
            }
            for (var e : added.entrySet()) {
                List<Object[]> rows = e.getValue();
                int n = rows.size();
                String[] ids = new String[n];
                String[] attrs = new String[n];
                Short[] insts = new Short[n];
                String[] paths = new String[n];
                String[] kinds = new String[n];
                Double[] nums = new Double[n];
                String[] txts = new String[n];
                Boolean[] flags = new Boolean[n];
                String[] tss = new String[n];
                String[] observed = new String[n];
                String[] units = new String[n];
                String[] datasets = new String[n];
                for (int i = 0; i < n; i++) {
                    Row r = (Row) rows.get(i)[1];
                    ids[i] = (String) rows.get(i)[0];
                    attrs[i] = r.attr();
                    insts[i] = (short) Math.min(r.inst(), Short.MAX_VALUE);
                    paths[i] = r.path();
                    kinds[i] = String.valueOf(r.kind());
                    nums[i] = r.num();
                    txts[i] = r.txt();
                    flags[i] = r.flag();
                    tss[i] = r.ts() == null ? null : r.ts().toString();
                    observed[i] = r.observedAt() == null ? null : r.observedAt().toString();
                    units[i] = r.unitCode();
                    datasets[i] = r.datasetId();
                }
                String tenant = e.getKey().value();
                java.sql.Array[] columns = {c.createArrayOf("text", ids), c.createArrayOf("text", attrs),
                        c.createArrayOf("int2", insts), c.createArrayOf("text", paths), c.createArrayOf("text", kinds),
                        c.createArrayOf("float8", nums), c.createArrayOf("text", txts), c.createArrayOf("bool", flags),
                        c.createArrayOf("text", tss), c.createArrayOf("text", observed), c.createArrayOf("text", units),
                        c.createArrayOf("text", datasets)};
                pipeline.add(INSERT, (ps, i) -> {
                    ps.setString(i, tenant);
                    for (int k = 0; k < columns.length; k++) {
                        ps.setArray(i + 1 + k, columns[k]);
                    }
                    return i + 1 + columns.length;
                });
            }
            counts.write(c, pipeline);
        }
    }
}
