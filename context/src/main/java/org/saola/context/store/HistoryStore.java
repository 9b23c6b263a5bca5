package org.saola.context.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.context.AttributeInstance;
import org.saola.context.TemporalQuery;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attribute history (the temporal API's store): narrow rows keyed by entity, attribute and observation time.
 * Reads select a time window with an index range; aggregations are computed by PostgreSQL, bucket by bucket.
 */
@Repository
public class HistoryStore {

    /** The aggregation methods of NGSI-LD 1.8.1 §4.5.19, with the SQL computing each over numeric values v. */
    public static final Map<String, String> AGGREGATES = aggregates();

    private static Map<String, String> aggregates() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("totalCount", "count(*)");
        m.put("distinctCount", "count(DISTINCT instance -> 'value')");
        m.put("sum", "sum(v)");
        m.put("avg", "avg(v)");
        m.put("min", "min(v)");
        m.put("max", "max(v)");
        m.put("stddev", "stddev_samp(v)");
        m.put("sumsq", "sum(v * v)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One period's aggregates of one attribute of one entity; a value is null where nothing was numeric. */
    public record Aggregate(String entityId, String attribute, Instant start, Instant end, Map<String, Double> values) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    /** Reads of history: rows and compacted blocks seen in one snapshot, so a compaction meanwhile is all or nothing. */
    private final TransactionTemplate snapshot;
    private final javax.sql.DataSource dataSource;
    private final java.time.InstantSource clock;

    public HistoryStore(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction, javax.sql.DataSource dataSource,
            java.time.InstantSource clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.clock = clock;
        this.snapshot = Snapshots.of(transaction);
    }

    /** The newest {@code lastN} instances per entity and attribute in the window, returned oldest first. */
    public List<AttributeInstance> history(TenantId tenant, Collection<String> entityIds, TemporalQuery query) {
        return snapshot.execute(tx -> merged(tenant, entityIds, query, TimeProperty.observedAt, true, query.lastN()))
                .stream().map(Timed::instance).toList();
    }

    /**
     * Which time of an instance a temporal query selects and orders by (§6.18.3.2 {@code timeproperty}):
     * when it was observed (instances without an observedAt: when they were written); when it was written, which
     * is when an instance of history was created and last modified (history written before Saola kept that:
     * when observed); or when it was deleted (instances of attributes since deleted, shown with the NGSI-LD Null).
     */
    public enum TimeProperty {
        observedAt, createdAt, modifiedAt, deletedAt;

        /** The SQL giving this time of a history row. */
        String column() {
            return switch (this) {
                case observedAt -> "observed_at";
                case createdAt, modifiedAt -> "coalesce(written_at, observed_at)";
                case deletedAt -> "deleted_at";
            };
        }
    }

    /** An instance and its time, as the query's time property gives it. */
    public record Timed(AttributeInstance instance, Instant at) {
    }

    /**
     * A page of history (§6.3.10): per entity and attribute, the oldest instances in the window, or with
     * {@code newestFirst} the newest, at most {@code perAttribute + 1} of them (one more than asked, so the caller
     * sees what was cut); returned oldest first per entity and attribute.
     */
    public List<Timed> page(TenantId tenant, Collection<String> entityIds, TemporalQuery query, TimeProperty time,
            boolean newestFirst, int perAttribute) {
        return snapshot.execute(tx -> merged(tenant, entityIds, query, time, newestFirst, perAttribute + 1));
    }

    /** An instance with what orders it: entity, attribute, time, number. */
    private record Sorted(Timed timed, long number) {
    }

    /**
     * Per entity and attribute, the {@code limit} oldest (or newest) instances in the window, from rows and
     * compacted blocks alike; returned oldest first per entity and attribute, entities and attributes in the order
     * of their ids' bytes (the order of the rows' collation).
     */
    private List<Timed> merged(TenantId tenant, Collection<String> entityIds, TemporalQuery query, TimeProperty time,
            boolean newestFirst, int limit) {
        List<Sorted> rows = rows(tenant, entityIds, query, time, newestFirst, limit);
        if (time == TimeProperty.deletedAt) {
            return rows.stream().map(Sorted::timed).toList();
        }
        // Days whose raw history retention dropped hold summaries for aggregations, no instances.
        List<HistoryBlocks.Stored> candidates = blocks(tenant, entityIds, query, time, newestFirst).stream()
                .filter(b -> b.encoding() != HistoryBlock.SUMMARY).toList();
        if (candidates.isEmpty()) {
            return rows.stream().map(Sorted::timed).toList();
        }
        // By observation, a series' blocks come in the order of their instances: once the blocks wholly inside the
        // window hold enough, the later ones can hold none of those asked for, and their data is not read; nor is a
        // block's beyond the rows of a series when they alone are as many as asked for.
        Map<String, Long> edge = new java.util.HashMap<>();
        if (time == TimeProperty.observedAt) {
            Map<String, List<Sorted>> bySeries = new java.util.HashMap<>();
            for (Sorted r : rows) {
                bySeries.computeIfAbsent(r.timed().instance().entityId() + '\n' + r.timed().instance().attribute(),
                        x -> new ArrayList<>()).add(r);
            }
            bySeries.forEach((k, list) -> {
                if (list.size() >= limit) {
                    long first = HistoryBlocks.micros(list.getFirst().timed().at());
                    long last = HistoryBlocks.micros(list.getLast().timed().at());
                    edge.put(k, newestFirst ? first : last);
                }
            });
        }
        List<HistoryBlocks.Stored> needed = new ArrayList<>();
        Map<String, Integer> held = new java.util.HashMap<>();
        for (HistoryBlocks.Stored b : candidates) {
            String k = b.entityId() + '\n' + b.attribute();
            if (time == TimeProperty.observedAt && held.getOrDefault(k, 0) >= limit) {
                continue;
            }
            Long e = edge.get(k);
            if (e != null && (newestFirst ? b.lastObserved() < e : b.firstObserved() > e)) {
                continue;
            }
            needed.add(b);
            boolean inside = query.from().map(f -> b.firstObserved() >= HistoryBlocks.micros(f)).orElse(true)
                    && query.to().map(t -> b.lastObserved() < HistoryBlocks.micros(t)).orElse(true);
            if (inside) {
                held.merge(k, b.summary().count(), Integer::sum);
            }
        }
        List<HistoryBlocks.Stored> blocks = connected(c -> HistoryBlocks.withData(c, tenant.value(), needed));
        // Candidates by series: rows as they are, block instances as a place in their block (JSON made for those kept).
        java.util.TreeMap<String[], List<Candidate>> series = new java.util.TreeMap<>(SERIES);
        for (Sorted r : rows) {
            series.computeIfAbsent(key(r.timed().instance()), k -> new ArrayList<>())
                    .add(new Candidate(HistoryBlocks.micros(r.timed().at()), r.number(), r, null, 0, null));
        }
        Map<String, Integer> fromBlocks = new java.util.HashMap<>();
        Long from = query.from().map(HistoryBlocks::micros).orElse(null);
        Long to = query.to().map(HistoryBlocks::micros).orElse(null);
        for (HistoryBlocks.Stored b : blocks) {
            String k = b.entityId() + '\n' + b.attribute();
            if (time == TimeProperty.observedAt && fromBlocks.getOrDefault(k, 0) >= limit) {
                continue;
            }
            List<Candidate> target = series.computeIfAbsent(new String[] {b.entityId(), b.attribute()}, x -> new ArrayList<>());
            HistoryBlock.Opened o = b.open(json);
            for (int i = 0; i < o.size(); i++) {
                long t = time == TimeProperty.observedAt ? o.observedMicros(i) : o.writtenOrObserved(i);
                if ((from == null || t >= from) && (to == null || t < to)) {
                    target.add(new Candidate(t, o.instanceId(i), null, o, i, b));
                    fromBlocks.merge(k, 1, Integer::sum);
                }
            }
        }
        List<Timed> out = new ArrayList<>();
        java.util.Comparator<Candidate> order = java.util.Comparator.comparingLong(Candidate::at).thenComparingLong(Candidate::number);
        for (List<Candidate> s : series.values()) {
            s.sort(order);
            List<Candidate> kept = s.size() <= limit ? s : newestFirst ? s.subList(s.size() - limit, s.size()) : s.subList(0, limit);
            for (Candidate c : kept) {
                out.add(c.row() != null ? c.row().timed() : timed(c.block().entityId(), c.block().attribute(),
                        c.opened().json(c.index()), c.number(), HistoryBlocks.instant(c.at()), time));
            }
        }
        return out;
    }

    /** An instance that may be kept: a row's, or the {@code index}th of an opened block. */
    private record Candidate(long at, long number, Sorted row, HistoryBlock.Opened opened, int index, HistoryBlocks.Stored block) {
    }

    private static String[] key(AttributeInstance i) {
        return new String[] {i.entityId(), i.attribute()};
    }

    /** Entity ids then attributes, in the order of their UTF-8 bytes (the "C" collation of the history's keys). */
    private static final java.util.Comparator<String[]> SERIES = (a, b) -> {
        int c = bytewise(a[0], b[0]);
        return c != 0 ? c : bytewise(a[1], b[1]);
    };

    /**
     * Orders two strings as their UTF-8 bytes compare, that is by code point, without encoding them (an aggregation
     * over a year of a hundred series compares keys a million times).
     */
    static int bytewise(String a, String b) {
        if (a.equals(b)) {
            return 0;                               // the usual case (keys of one series), and a vectorised compare
        }
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointRank(x), codePointRank(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** A UTF-16 unit's place in code point order: surrogates (halves of code points past U+FFFF) after U+E000..U+FFFF. */
    private static int codePointRank(char c) {
        return c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    private Timed timed(String entityId, String attribute, ObjectNode instance, long number, Instant at, TimeProperty time) {
        ObjectNode node = instance.put("instanceId", INSTANCE + number);
        if (time != TimeProperty.observedAt) {
            node.put(time.name(), at.toString());
        }
        return new Timed(new AttributeInstance(entityId, attribute, node), at);
    }

    /** The rows part of {@link #merged}. */
    private List<Sorted> rows(TenantId tenant, Collection<String> entityIds, TemporalQuery query, TimeProperty time,
            boolean newestFirst, int limit) {
        List<Object> params = new ArrayList<>();
        String t = time.column();
        String where = where(tenant, entityIds, query, params, t);
        params.add(limit);
        String order = newestFirst ? " DESC" : "";
        String instance = time == TimeProperty.deletedAt
                ? "kind AS i, dataset_id AS d" : "instance::text AS i, NULL AS d";
        String table = time == TimeProperty.deletedAt ? "context_attribute_deletion" : "context_attribute_history";
        String sql;
        if (!query.attributes().isEmpty() && time != TimeProperty.deletedAt) {
            // Attributes named: each series' first instances by its own index range (by observation, the key's order),
            // instead of numbering every instance of every series.
            params.clear();
            StringBuilder window = new StringBuilder();
            params.add(entityIds.toArray(String[]::new));
            params.add(query.attributes().toArray(String[]::new));
            params.add(tenant.value());
            query.from().ifPresent(from -> {
                window.append(" AND ").append(t).append(" >= ?");
                params.add(Timestamp.from(from));
            });
            query.to().ifPresent(to -> {
                window.append(" AND ").append(t).append(" < ?");
                params.add(Timestamp.from(to));
            });
            params.add(limit);
            sql = "SELECT e.id, a.iri, x.i, x.d, x.instance_id, x.t FROM unnest(?::text[]) AS e(id) CROSS JOIN unnest(?::text[]) AS a(iri),"
                    + " LATERAL (SELECT " + instance + ", instance_id, " + t + " AS t FROM " + table
                    + " WHERE tenant_id = ? AND entity_id = e.id AND attr = a.iri" + window + " ORDER BY " + t + order
                    + ", instance_id" + order + " LIMIT ?) x ORDER BY e.id COLLATE \"C\", a.iri COLLATE \"C\", x.t, x.instance_id";
        } else {
            sql = "SELECT entity_id, attr, i, d, instance_id, t FROM ("
                    + " SELECT entity_id, attr, " + instance + ", instance_id, "
                    + t + " AS t, row_number() OVER (PARTITION BY entity_id, attr ORDER BY " + t + order
                    + ", instance_id" + order + ") AS rn FROM " + table + " WHERE " + where
                    + ") h WHERE rn <= ? ORDER BY entity_id, attr, t, instance_id";
        }
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> {
                    Instant at = rs.getTimestamp(6).toInstant();
                    if (time == TimeProperty.deletedAt) {
                        ObjectNode node = org.saola.context.AttributeInstances.nullInstance(rs.getString(3));
                        if (rs.getString(4) != null) {
                            node.put("datasetId", rs.getString(4));
                        }
                        node.put("deletedAt", at.toString());
                        node.put("instanceId", DELETION + rs.getLong(5));
                        return new Sorted(new Timed(new AttributeInstance(rs.getString(1), rs.getString(2), node), at), rs.getLong(5));
                    }
                    return new Sorted(timed(rs.getString(1), rs.getString(2), (ObjectNode) json.readTree(rs.getString(3)),
                            rs.getLong(5), at, time), rs.getLong(5));
                })
                .list();
    }

    /** The compacted blocks (without their data) that may hold instances of the query in its window. */
    private List<HistoryBlocks.Stored> blocks(TenantId tenant, Collection<String> entityIds, TemporalQuery query,
            TimeProperty time, boolean newestFirst) {
        return connected(c -> HistoryBlocks.read(c, tenant.value(), entityIds.toArray(String[]::new),
                query.attributes().isEmpty() ? null : query.attributes().toArray(String[]::new),
                query.from().orElse(null), query.to().orElse(null), time != TimeProperty.observedAt, newestFirst, false));
    }

    /** Work on the connection of the current transaction. */
    private <T> T connected(SqlWork<T> work) {
        java.sql.Connection c = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try {
            return work.apply(c);
        } catch (java.sql.SQLException e) {
            throw new org.springframework.jdbc.UncategorizedSQLException("attribute history", null, e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(java.sql.Connection c) throws java.sql.SQLException;
    }

    /** How the deletion of an instance is named in the temporal API: this prefix and its number. */
    public static final String DELETION = "urn:ngsi-ld:attribute:deletion:";

    /** An entity as it was when last deleted (its attributes gone), if it was deleted and is not back. */
    public java.util.Optional<org.saola.context.StoredEntity> deleted(TenantId tenant, String entityId) {
        return jdbc.sql("""
                        SELECT types, scopes, created_at, deleted_at FROM context_entity_deletion
                        WHERE tenant_id = ? AND entity_id = ? ORDER BY deleted_at DESC LIMIT 1""")
                .params(tenant.value(), entityId)
                .query((rs, n) -> new org.saola.context.StoredEntity(entityId,
                        List.of((String[]) rs.getArray(1).getArray()), json.createObjectNode(),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                        List.of((String[]) rs.getArray(2).getArray())))
                .optional();
    }

    /** How an instance of history is named (§4.5.7 instanceId): this prefix and its number. */
    public static final String INSTANCE = "urn:ngsi-ld:attribute:instance:";

    /** The number of an instanceId, or empty if it is not one of Saola's. */
    public static java.util.Optional<Long> instanceNumber(String instanceId) {
        if (!instanceId.startsWith(INSTANCE)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Long.parseLong(instanceId.substring(INSTANCE.length())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** One instance of an attribute's history, by its number, as stored; empty if there is none. */
    public java.util.Optional<ObjectNode> instance(TenantId tenant, String entityId, String attribute, long number) {
        return snapshot.execute(tx -> {
            java.util.Optional<ObjectNode> row = jdbc.sql("""
                            SELECT instance::text FROM context_attribute_history
                            WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                    .params(tenant.value(), entityId, attribute, number)
                    .query((rs, n) -> (ObjectNode) json.readTree(rs.getString(1))).optional();
            if (row.isPresent()) {
                return row;
            }
            return jdbc.sql("""
                            SELECT encoding, template::text, data FROM context_history_block
                            WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND first_id <= ? AND last_id >= ?""")
                    .params(tenant.value(), entityId, attribute, number, number)
                    .query((rs, n) -> HistoryBlock.decode(rs.getShort(1), rs.getString(2), rs.getBytes(3), json))
                    .list().stream().flatMap(List::stream).filter(i -> i.instanceId() == number)
                    .map(HistoryBlock.Instance::json).findFirst();
        });
    }

    /**
     * Replaces one instance; its time is its {@code observedAt}, or stays the time it was written at if it has
     * none. False if there is no such instance. An instance in a compacted block is modified as a row: its day
     * goes back to rows until the next compaction.
     */
    public boolean replaceInstance(TenantId tenant, String entityId, String attribute, long number, ObjectNode instance) {
        JsonNode observed = instance.get("observedAt");
        return transaction.execute(tx -> {
            connected(c -> HistoryBlocks.expandHolding(c, json, tenant.value(), entityId, attribute, number));
            return jdbc.sql("""
                            UPDATE context_attribute_history SET instance = ?::jsonb, observed_at = coalesce(?, observed_at),
                                written_at = ?
                            WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                    .params(json.writeValueAsString(instance),
                            observed == null ? null : Timestamp.from(org.saola.context.Timestamps.parse(observed.asString())),
                            Timestamp.from(clock.instant()), tenant.value(), entityId, attribute, number)
                    .update() == 1;
        });
    }

    /** Deletes one instance; false if there is none. */
    public boolean deleteInstance(TenantId tenant, String entityId, String attribute, long number) {
        return transaction.execute(tx -> {
            connected(c -> HistoryBlocks.expandHolding(c, json, tenant.value(), entityId, attribute, number));
            return jdbc.sql("""
                            DELETE FROM context_attribute_history
                            WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                    .params(tenant.value(), entityId, attribute, number).update() == 1;
        });
    }

    /**
     * An aggregation period (§4.5.19 {@code aggrPeriodDuration}): whole months (a year is twelve), or seconds (a
     * week is seven days of 86 400 s, as days are in UTC); not both.
     */
    public record Period(long months, long seconds) {
        public Period {
            if (months < 0 || seconds < 0 || months > 0 && seconds > 0 || months == 0 && seconds == 0) {
                throw new IllegalArgumentException("a period is a positive number of months or of seconds");
            }
        }
    }

    /**
     * Aggregates per entity, attribute and period (§4.5.19): periods of {@code period} from the start of the
     * query's window ({@code timeAt}) or, when it has none, from the entity's oldest instance in it; or the whole
     * window as one period when {@code period} is null.
     */
    public List<Aggregate> aggregate(TenantId tenant, Collection<String> entityIds, TemporalQuery query,
            Set<String> methods, Period period, TimeProperty time, int max) {
        if (time == TimeProperty.deletedAt) {
            throw new IllegalArgumentException("deletions have no values to aggregate");
        }
        return snapshot.execute(tx -> {
            List<HistoryBlocks.Stored> blocks = blocks(tenant, entityIds, query, time, false);
            return blocks.isEmpty() ? rowsAggregate(tenant, entityIds, query, methods, period, time, max)
                    : HistoryAggregation.of(this, tenant, entityIds, query, methods, period, time, blocks, max);
        });
    }

    /** An aggregation that would answer more periods (of each entity and attribute) than it may. */
    public static final class TooManyAggregates extends RuntimeException {
        private final int max;

        TooManyAggregates(int max) {
            super("more than " + max + " periods", null, false, false);
            this.max = max;
        }

        public int max() {
            return max;
        }
    }

    /**
     * The SQL numbering the period of a row's time {@code t} from its origin {@code o} (adding the divisor to
     * {@code params}); {@link HistoryAggregation#bucket} numbers them alike in Java.
     */
    static String bucketSql(Period period, List<Object> params) {
        if (period == null) {
            return "0";
        }
        if (period.months() > 0) {
            params.add(period.months());
            return "floor((extract(year FROM age(t AT TIME ZONE 'UTC', o AT TIME ZONE 'UTC')) * 12"
                    + " + extract(month FROM age(t AT TIME ZONE 'UTC', o AT TIME ZONE 'UTC'))) / ?)::bigint";
        }
        params.add(period.seconds());
        return "floor(extract(epoch FROM t - o) / ?)::bigint";
    }

    /**
     * Where period number {@code bucket} from origin {@code o} starts and ends; for the whole window (no period):
     * the window's bounds, or the first and last instance where it has none.
     */
    static Instant[] bounds(Period period, TemporalQuery query, long bucket, Instant o, Instant first, Instant last) {
        if (period == null) {
            return new Instant[] {query.from().orElse(first), query.to().orElse(last)};
        }
        if (period.months() > 0) {
            java.time.ZonedDateTime z = o.atZone(java.time.ZoneOffset.UTC);
            return new Instant[] {z.plusMonths(bucket * period.months()).toInstant(),
                z.plusMonths((bucket + 1) * period.months()).toInstant()};
        }
        Instant start = o.plusSeconds(bucket * period.seconds());
        return new Instant[] {start, start.plusSeconds(period.seconds())};
    }

    /** Aggregates computed by PostgreSQL over rows alone (no compacted block in the window). */
    private List<Aggregate> rowsAggregate(TenantId tenant, Collection<String> entityIds, TemporalQuery query,
            Set<String> methods, Period period, TimeProperty time, int max) {
        List<Object> params = new ArrayList<>();
        String t = time.column();
        String bucket = bucketSql(period, params);
        String origin;
        if (query.from().isPresent()) {
            origin = "?::timestamptz";
            params.add(Timestamp.from(query.from().get()));
        } else {
            origin = "min(" + t + ") OVER (PARTITION BY entity_id)";
        }
        String where = where(tenant, entityIds, query, params, t);
        StringBuilder select = new StringBuilder("SELECT entity_id, attr, bucket, min(t), max(t), min(o)");
        List<String> ordered = AGGREGATES.keySet().stream().filter(methods::contains).toList();
        for (String m : ordered) {
            select.append(", ").append(AGGREGATES.get(m)).append("::float8");
        }
        String sql = select + " FROM (SELECT entity_id, attr, t, o, v, instance, " + bucket + " AS bucket FROM ("
                + " SELECT entity_id, attr, " + t + " AS t, " + origin + " AS o, instance, num_value AS v"
                + " FROM context_attribute_history WHERE " + where
                + ") x) h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT " + (max + 1L);
        // Placeholders in text order: the bucket's divisor, the origin, then the window.
        List<Aggregate> out = jdbc.sql(sql).params(params).query((rs, n) -> {
            Instant[] bounds = bounds(period, query, rs.getLong(3), rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
            Instant start = bounds[0];
            Instant end = bounds[1];
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                double d = rs.getDouble(7 + i);
                values.put(ordered.get(i), rs.wasNull() ? null : d);
            }
            return new Aggregate(rs.getString(1), rs.getString(2), start, end, values);
        }).list();
        if (out.size() > max) {
            throw new TooManyAggregates(max);
        }
        return out;
    }

    /**
     * Adds instances (attribute IRI → normalized instances, each with observedAt) to an entity's history; an
     * instance the history holds already (the same, observed at the same time) is not added twice, so a client
     * sending its data again (a temporal upsert retried) duplicates nothing.
     */
    public int append(TenantId tenant, String entityId, Map<String, List<ObjectNode>> instances) {
        // Each instance its own microsecond of writing, so that paging by createdAt or modifiedAt (§6.3.10, by
        // time) moves on even through thousands of instances appended by one request.
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return transaction.execute(tx -> {
            // Days already compacted that instances come into go back to rows (compacted again later), so that
            // an instance held there is found by the check below and not added twice.
            Set<String> days = new java.util.HashSet<>();
            for (var e : instances.entrySet()) {
                for (ObjectNode instance : e.getValue()) {
                    Instant observed = Instant.parse(instance.get("observedAt").asString());
                    if (days.add(e.getKey() + '\n' + HistoryBlocks.periodOf(HistoryBlocks.micros(observed)))) {
                        connected(c -> HistoryBlocks.expandAt(c, json, tenant.value(), entityId, e.getKey(), observed));
                    }
                }
            }
            int added = 0;
            long n = 0;
            for (var e : instances.entrySet()) {
                for (ObjectNode instance : e.getValue()) {
                    Timestamp observed = Timestamp.from(Instant.parse(instance.get("observedAt").asString()));
                    String text = json.writeValueAsString(instance);
                    Timestamp now = Timestamp.from(start.plusNanos(1_000 * n++));
                    added += jdbc.sql("""
                                    INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, instance, written_at)
                                    SELECT ?, ?, ?, ?, ?::jsonb, ? WHERE NOT EXISTS (
                                        SELECT 1 FROM context_attribute_history
                                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND observed_at = ?
                                          AND instance = ?::jsonb)""")
                            .params(tenant.value(), entityId, e.getKey(), observed, text, now,
                                    tenant.value(), entityId, e.getKey(), observed, text)
                            .update();
                }
            }
            return added;
        });
    }

    /** Deletes an entity's history, or one attribute's; answers how many instances went. */
    public int delete(TenantId tenant, String entityId, String attribute) {
        return transaction.execute(tx -> {
            if (attribute == null) {
                jdbc.sql("DELETE FROM context_entity_deletion WHERE tenant_id = ? AND entity_id = ?")
                        .params(tenant.value(), entityId).update();
                return jdbc.sql("DELETE FROM context_attribute_deletion WHERE tenant_id = ? AND entity_id = ?")
                        .params(tenant.value(), entityId).update()
                        + jdbc.sql("DELETE FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ?")
                        .params(tenant.value(), entityId).update()
                        + jdbc.sql("""
                                WITH gone AS (DELETE FROM context_history_block WHERE tenant_id = ? AND entity_id = ?
                                    RETURNING instances) SELECT coalesce(sum(instances), 0)::int FROM gone""")
                        .params(tenant.value(), entityId).query(Integer.class).single();
            }
            return jdbc.sql("DELETE FROM context_attribute_deletion WHERE tenant_id = ? AND entity_id = ? AND attr = ?")
                    .params(tenant.value(), entityId, attribute).update()
                    + jdbc.sql("DELETE FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ? AND attr = ?")
                    .params(tenant.value(), entityId, attribute).update()
                    + jdbc.sql("""
                            WITH gone AS (DELETE FROM context_history_block WHERE tenant_id = ? AND entity_id = ? AND attr = ?
                                RETURNING instances) SELECT coalesce(sum(instances), 0)::int FROM gone""")
                    .params(tenant.value(), entityId, attribute).query(Integer.class).single();
        });
    }

    public boolean exists(TenantId tenant, String entityId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ?)
                            OR EXISTS (SELECT 1 FROM context_history_block WHERE tenant_id = ? AND entity_id = ?)
                            OR EXISTS (SELECT 1 FROM context_entity_deletion WHERE tenant_id = ? AND entity_id = ?)""")
                .params(tenant.value(), entityId, tenant.value(), entityId, tenant.value(), entityId).query(Boolean.class).single();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** A numeric instance read from a compacted block. */
    @FunctionalInterface
    public interface CompactedNumber {
        void accept(String entityId, String attribute, Instant observedAt, java.math.BigDecimal value, String unitCode);
    }

    /**
     * Every numeric instance of compacted history (blocks) of entities of a type (an IRI) observed at or after
     * {@code from}, with its value as PostgreSQL's {@code numeric} reads the JSON number; none if nothing of the
     * window is compacted. For readers that aggregate rows by SQL and add the compacted part.
     */
    public void compactedNumbers(TenantId tenant, String type, Instant from, CompactedNumber sink) {
        long since = HistoryBlocks.micros(from);
        jdbc.sql("""
                        SELECT b.entity_id, b.attr, b.encoding, b.template::text, b.data FROM context_history_block b
                        JOIN context_entity e ON e.tenant_id = b.tenant_id AND e.id = b.entity_id
                        WHERE b.tenant_id = ? AND ? = ANY (e.types) AND b.last_observed >= ?""")
                .params(tenant.value(), type, Timestamp.from(from))
                .query(rs -> {
                    String entityId = rs.getString(1);
                    String attr = rs.getString(2);
                    for (HistoryBlock.Instance i : HistoryBlock.decode(rs.getShort(3), rs.getString(4), rs.getBytes(5), json)) {
                        JsonNode value = i.json().get("value");
                        if (i.observedMicros() < since || value == null || !value.isNumber()) {
                            continue;
                        }
                        java.math.BigDecimal number = new java.math.BigDecimal(value.toString());
                        if (number.scale() < 0) {
                            number = number.setScale(0);            // as numeric reads 1.0E10: 10000000000
                        }
                        JsonNode unit = i.json().get("unitCode");
                        sink.accept(entityId, attr, HistoryBlocks.instant(i.observedMicros()), number,
                                unit == null || !unit.isString() ? null : unit.asString());
                    }
                });
    }

    JsonMapper json() {
        return json;
    }

    /** Blocks read without their data, with it (in the current transaction). */
    List<HistoryBlocks.Stored> withData(TenantId tenant, List<HistoryBlocks.Stored> blocks) {
        return connected(c -> HistoryBlocks.withData(c, tenant.value(), blocks));
    }

    static String where(TenantId tenant, Collection<String> entityIds, TemporalQuery query, List<Object> params,
            String time) {
        StringBuilder where = new StringBuilder("tenant_id = ? AND entity_id = ANY (?)");
        params.add(tenant.value());
        params.add(entityIds.toArray(String[]::new));
        if (!query.attributes().isEmpty()) {
            where.append(" AND attr = ANY (?)");
            params.add(query.attributes().toArray(String[]::new));
        }
        query.from().ifPresent(from -> {
            where.append(" AND ").append(time).append(" >= ?");
            params.add(Timestamp.from(from));
        });
        query.to().ifPresent(to -> {
            where.append(" AND ").append(time).append(" < ?");
            params.add(Timestamp.from(to));
        });
        return where.toString();
    }
}
