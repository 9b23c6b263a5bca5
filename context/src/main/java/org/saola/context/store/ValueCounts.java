package org.saola.context.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.saola.context.AttributeInstances;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.QueryValues;
import org.saola.context.query.TypeExpression;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Exact counts of a numeric comparison without counting the matching entities one by one (issue #17,
 * {@code count=true}): how many entities of each type hold each attribute's number in each bucket of the number
 * line ({@code context_value_count}, kept by the group commit beside the value index, in its transaction).
 *
 * <p>A bucket is 1/1024 of a power of two (the double's sign, exponent and 10 leading mantissa bits): 0.0625 wide
 * between 64 and 128, so a sensor's usual values fall in a few hundred buckets. A query {@code type=T&q=a>=x} is
 * then the sum of the buckets wholly inside the range, plus the rows of the one or two buckets the bounds fall in,
 * counted from the value index. Its cost is bounded by the buckets of one attribute and the entities of two
 * buckets, whatever the number of entities that match.
 *
 * <p>Entities whose attribute holds several numbers (an array, several instances) are counted apart
 * ({@link #SEVERAL}); while a type has any, its counts are taken the usual way (the value index, entity by entity),
 * as are queries of any other shape. When the attribute's counts of every type add up to those of the queried type
 * alone, no entity of another type holds a number in it, and the rows of the bounds' buckets need not be checked
 * for the entity's type. (Until 2026-12-06 a type {@code ""} counted the entities of every type for that check: a
 * second row for every change, half of the counts' writes; an entity of two types now makes the check fail, and the
 * bounds' rows are then checked for the type, as they are whenever another type holds the attribute.)
 */
final class ValueCounts {

    /** The bucket of an entity whose attribute holds several numbers. */
    static final long SEVERAL = Long.MIN_VALUE;
    private static final int SHIFT = 42;
    private static final int STRIPES = 16;

    private ValueCounts() {
    }

    /** The bucket of a number: ordered as the numbers are, {@code -0.0} with {@code 0.0} as PostgreSQL compares them. */
    static long bucket(double d) {
        long bits = Double.doubleToLongBits(d == 0 ? 0.0 : d);
        return (bits ^ ((bits >> 63) & Long.MAX_VALUE)) >> SHIFT;
    }

    /** The least number of a bucket, or -∞ when it has none representable. */
    static double low(long bucket) {
        double d = number(bucket << SHIFT);
        return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
    }

    /** The least number above a bucket (+∞ above the last finite numbers), or NaN when none is (the bucket of +∞). */
    static double high(long bucket) {
        if (bucket + 1 > (Long.MAX_VALUE >> SHIFT)) {
            return Double.NaN;
        }
        return number((bucket + 1) << SHIFT);
    }

    private static double number(long key) {
        return Double.longBitsToDouble(key >= 0 ? key : key ^ Long.MAX_VALUE);
    }

    /**
     * The bucket an attribute as held puts its entity in, or null when it holds no number: read from the candidates
     * of its instances' values (an instance without a candidate counting as one), every candidate counted. The value
     * index leaves out an object's row beside other candidates ({@link EntityValues#rows}), as it once did not;
     * this reading stays as it was then, since the counts stored were made with it and each change takes an entity out of
     * the bucket it was put in. An attribute it finds several values in is counted entity by entity, correct either way.
     */
    static Long shape(JsonNode held) {
        List<JsonNode> candidates = new ArrayList<>();
        Double only = null;
        int values = 0;
        for (JsonNode instance : AttributeInstances.of(held)) {
            candidates.clear();
            QueryValues.candidates(instance, candidates);
            values += Math.max(1, candidates.size());
            for (JsonNode c : candidates) {
                if (c.isNumber()) {
                    only = c.asDouble();
                }
            }
        }
        if (only == null) {
            return null;
        }
        return values == 1 ? bucket(only) : SEVERAL;
    }

    /** What a group commit changes in the counts: +1 or -1 entity per (type, attribute, bucket). */
    static final class Changes {
        private final Map<TenantId, TreeMap<Key, Long>> deltas = new java.util.LinkedHashMap<>();

        private record Key(String type, String attr, long bucket) implements Comparable<Key> {
            public int compareTo(Key o) {
                int c = type.compareTo(o.type);
                if (c == 0) {
                    c = attr.compareTo(o.attr);
                }
                return c != 0 ? c : Long.compare(bucket, o.bucket);
            }
        }

        /** An entity of these types enters ({@code +1}) or leaves ({@code -1}) an attribute's bucket. */
        void add(TenantId tenant, List<String> types, String attr, Long bucket, int sign) {
            if (bucket == null) {
                return;
            }
            TreeMap<Key, Long> t = deltas.computeIfAbsent(tenant, x -> new TreeMap<>());
            for (String type : types) {
                t.merge(new Key(type, attr, bucket), (long) sign, Long::sum);
            }
        }

        private static final String UPSERT = """
                INSERT INTO context_value_count AS c (tenant_id, type, attr, bucket, stripe, entities)
                SELECT ?, d.type, d.attr, d.bucket, ?, d.delta
                FROM unnest(?::text[], ?::text[], ?::int8[], ?::int8[]) WITH ORDINALITY AS d(type, attr, bucket, delta, n)
                ORDER BY d.n
                ON CONFLICT (tenant_id, type, attr, bucket, stripe) DO UPDATE SET entities = c.entities + excluded.entities""";

        /**
         * Adds the changes to the counts, in the group's transaction, in one key order (no two writers deadlock),
         * in the rows of the writer's stripe: the writers of a node update rows of their own, so none waits for
         * another's commit on a bucket both touch. A stripe's count may go below zero (an entity counted in by one
         * writer and out by another); only the sum over the stripes means anything.
         */
        void write(Connection c, Pipeline pipeline) throws SQLException {
            if (deltas.isEmpty()) {
                return;
            }
            short stripe = (short) Math.floorMod(Thread.currentThread().threadId(), STRIPES);
            for (var e : deltas.entrySet()) {
                List<Map.Entry<Key, Long>> changed = e.getValue().entrySet().stream().filter(d -> d.getValue() != 0).toList();
                if (changed.isEmpty()) {
                    continue;
                }
                int n = changed.size();
                String[] types = new String[n];
                String[] attrs = new String[n];
                Long[] buckets = new Long[n];
                Long[] delta = new Long[n];
                for (int i = 0; i < n; i++) {
                    Key k = changed.get(i).getKey();
                    types[i] = k.type();
                    attrs[i] = k.attr();
                    buckets[i] = k.bucket();
                    delta[i] = changed.get(i).getValue();
                }
                String tenant = e.getKey().value();
                java.sql.Array[] columns = {c.createArrayOf("text", types), c.createArrayOf("text", attrs),
                        c.createArrayOf("int8", buckets), c.createArrayOf("int8", delta)};
                pipeline.add(UPSERT, (ps, i) -> {
                    ps.setString(i, tenant);
                    ps.setShort(i + 1, stripe);
                    for (int k = 0; k < columns.length; k++) {
                        ps.setArray(i + 2 + k, columns[k]);
                    }
                    return i + 2 + columns.length;
                });
            }
        }
    }

    /**
     * The count of a query of type and one numeric comparison ({@code ==}, {@code <}, {@code <=}, {@code >},
     * {@code >=} or a range) on an attribute's value, from the counts; empty when the query has another shape or
     * the type has entities holding several numbers in the attribute. One statement, so one snapshot.
     */
    static Optional<Long> count(JdbcTemplate jdbc, EntityQuery query) {
        return statement(query).map(s -> CustomPlans.query(jdbc, s.sql(), s.params(),
                (rs, n) -> rs.getLong(1) > 0 ? -1L : rs.getLong(2)).getFirst()).filter(n -> n >= 0);
    }

    /** A statement and its parameters. */
    record Statement(String sql, List<Object> params) {
    }

    /** The statement counting a query of this shape: its first column the entities holding several numbers (then none). */
    static Optional<Statement> statement(EntityQuery query) {
        if (!(query.type().orElse(null) instanceof TypeExpression.Name type) || !query.ids().isEmpty()
                || query.idPattern().isPresent() || !query.attrs().isEmpty() || query.geo().isPresent()
                || query.scopeQ().isPresent() || !(query.q().orElse(null) instanceof QueryLanguage.Term t)
                || t.op() == null || t.path().subAttribute() != null || !t.path().valueKeys().isEmpty()) {
            return Optional.empty();
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        boolean loIncluded = true;
        boolean hiIncluded = true;
        List<Object> values = t.values();
        if (!values.stream().allMatch(v -> v instanceof BigDecimal)) {
            return Optional.empty();
        }
        if (t.range()) {
            lo = ((BigDecimal) values.get(0)).doubleValue();
            hi = ((BigDecimal) values.get(1)).doubleValue();
        } else if (values.size() != 1) {
            return Optional.empty();
        } else {
            double v = ((BigDecimal) values.getFirst()).doubleValue();
            switch (t.op()) {
                case "==" -> {
                    lo = v;
                    hi = v;
                }
                case ">" -> {
                    lo = v;
                    loIncluded = false;
                }
                case ">=" -> lo = v;
                case "<" -> {
                    hi = v;
                    hiIncluded = false;
                }
                case "<=" -> hi = v;
                default -> {
                    return Optional.empty();
                }
            }
        }
        boolean bounded = lo != Double.NEGATIVE_INFINITY;
        boolean capped = hi != Double.POSITIVE_INFINITY;
        if (lo > hi) {
            return Optional.of(new Statement("SELECT 0::int8, 0::int8", List.of()));
        }
        List<Object> params = new ArrayList<>();
        // The rows of the buckets the bounds fall in, compared one by one.
        StringBuilder edges = new StringBuilder();
        List<Object> edgeParams = new ArrayList<>();
        List<Long> edgeBuckets = new ArrayList<>();
        if (bounded) {
            edgeBuckets.add(bucket(lo));
        }
        if (capped && !edgeBuckets.contains(bucket(hi))) {
            edgeBuckets.add(bucket(hi));
        }
        for (long b : edgeBuckets) {
            // The bucket of +∞ (1e400 in JSON is read as +∞) has no number above it.
            double high = high(b);
            edges.append(edges.isEmpty() ? "((" : " OR (").append("v.num >= ?")
                    .append(Double.isNaN(high) ? ")" : " AND v.num < ?)");
            edgeParams.add(low(b));
            if (!Double.isNaN(high)) {
                edgeParams.add(high);
            }
        }
        edges.append(edges.isEmpty() ? "false" : ")");
        if (bounded) {
            edges.append(loIncluded ? " AND v.num >= ?" : " AND v.num > ?");
            edgeParams.add(lo);
        }
        if (capped) {
            edges.append(hiIncluded ? " AND v.num <= ?" : " AND v.num < ?");
            edgeParams.add(hi);
        }
        String rows = "SELECT count(*) FROM context_entity_value v WHERE v.tenant_id = ? AND v.attr = ? AND v.path = ''"
                + " AND v.num IS NOT NULL AND " + edges;
        String sql = "WITH h AS MATERIALIZED (SELECT"
                + " coalesce(sum(entities) FILTER (WHERE type = ? AND bucket = ?), 0) AS several,"
                + " coalesce(sum(entities) FILTER (WHERE type = ?), 0) AS typed,"
                + " coalesce(sum(entities), 0) AS every,"
                + " coalesce(sum(entities) FILTER (WHERE type = ? AND bucket > ? AND bucket < ?), 0) AS within"
                + " FROM context_value_count WHERE tenant_id = ? AND attr = ?)"
                + " SELECT h.several, h.within + CASE WHEN h.several > 0 THEN 0"
                + " WHEN h.typed = h.every THEN (" + rows + ")"
                + " ELSE (" + rows + " AND EXISTS (SELECT 1 FROM context_entity e WHERE e.tenant_id = v.tenant_id"
                + " AND e.id = v.entity_id AND e.types @> ?::text[])) END FROM h";
        String tenant = query.tenant().value();
        String attr = t.path().attribute();
        params.add(type.name());
        params.add(SEVERAL);
        params.add(type.name());
        params.add(type.name());
        params.add(bounded ? bucket(lo) : SEVERAL);
        params.add(capped ? bucket(hi) : Long.MAX_VALUE);
        params.add(tenant);
        params.add(attr);
        for (int pass = 0; pass < 2; pass++) {
            params.add(tenant);
            params.add(attr);
            params.addAll(edgeParams);
        }
        params.add(new String[] {type.name()});
        return Optional.of(new Statement(sql, params));
    }
}
