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
    private final java.time.InstantSource clock;

    public HistoryStore(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction, java.time.InstantSource clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The newest {@code lastN} instances per entity and attribute in the window, returned oldest first. */
    public List<AttributeInstance> history(TenantId tenant, Collection<String> entityIds, TemporalQuery query) {
        List<Object> params = new ArrayList<>();
        String where = where(tenant, entityIds, query, params);
        params.add(query.lastN());
        return jdbc.sql("SELECT entity_id, attr, instance::text, instance_id FROM ("
                        + " SELECT entity_id, attr, observed_at, instance_id, instance,"
                        + " row_number() OVER (PARTITION BY entity_id, attr ORDER BY observed_at DESC, instance_id DESC) AS rn"
                        + " FROM context_attribute_history WHERE " + where
                        + ") h WHERE rn <= ? ORDER BY entity_id, attr, observed_at, instance_id")
                .params(params)
                .query((rs, n) -> new AttributeInstance(rs.getString(1), rs.getString(2),
                        ((ObjectNode) json.readTree(rs.getString(3))).put("instanceId", INSTANCE + rs.getLong(4))))
                .list();
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
        List<Object> params = new ArrayList<>();
        String t = time.column();
        String where = where(tenant, entityIds, query, params, t);
        params.add(perAttribute + 1);
        String order = newestFirst ? " DESC" : "";
        String instance = time == TimeProperty.deletedAt
                ? "kind AS i, dataset_id AS d" : "instance::text AS i, NULL AS d";
        String table = time == TimeProperty.deletedAt ? "context_attribute_deletion" : "context_attribute_history";
        return jdbc.sql("SELECT entity_id, attr, i, d, instance_id, t FROM ("
                        + " SELECT entity_id, attr, " + instance + ", instance_id, "
                        + t + " AS t, row_number() OVER (PARTITION BY entity_id, attr ORDER BY " + t + order
                        + ", instance_id" + order + ") AS rn FROM " + table + " WHERE " + where
                        + ") h WHERE rn <= ? ORDER BY entity_id, attr, t, instance_id")
                .params(params)
                .query((rs, n) -> {
                    Instant at = rs.getTimestamp(6).toInstant();
                    ObjectNode node;
                    if (time == TimeProperty.deletedAt) {
                        node = org.saola.context.AttributeInstances.nullInstance(rs.getString(3));
                        if (rs.getString(4) != null) {
                            node.put("datasetId", rs.getString(4));
                        }
                        node.put("deletedAt", at.toString());
                        node.put("instanceId", DELETION + rs.getLong(5));
                    } else {
                        node = ((ObjectNode) json.readTree(rs.getString(3))).put("instanceId", INSTANCE + rs.getLong(5));
                        if (time != TimeProperty.observedAt) {
                            node.put(time.name(), at.toString());
                        }
                    }
                    return new Timed(new AttributeInstance(rs.getString(1), rs.getString(2), node), at);
                })
                .list();
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
        return jdbc.sql("""
                        SELECT instance::text FROM context_attribute_history
                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                .params(tenant.value(), entityId, attribute, number)
                .query((rs, n) -> (ObjectNode) json.readTree(rs.getString(1))).optional();
    }

    /**
     * Replaces one instance; its time is its {@code observedAt}, or stays the time it was written at if it has
     * none. False if there is no such instance.
     */
    public boolean replaceInstance(TenantId tenant, String entityId, String attribute, long number, ObjectNode instance) {
        JsonNode observed = instance.get("observedAt");
        return jdbc.sql("""
                        UPDATE context_attribute_history SET instance = ?::jsonb, observed_at = coalesce(?, observed_at),
                            written_at = ?
                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                .params(json.writeValueAsString(instance),
                        observed == null ? null : Timestamp.from(org.saola.context.Timestamps.parse(observed.asString())),
                        Timestamp.from(clock.instant()), tenant.value(), entityId, attribute, number)
                .update() == 1;
    }

    /** Deletes one instance; false if there is none. */
    public boolean deleteInstance(TenantId tenant, String entityId, String attribute, long number) {
        return jdbc.sql("""
                        DELETE FROM context_attribute_history
                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                .params(tenant.value(), entityId, attribute, number).update() == 1;
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
            Set<String> methods, Period period, TimeProperty time) {
        if (time == TimeProperty.deletedAt) {
            throw new IllegalArgumentException("deletions have no values to aggregate");
        }
        List<Object> params = new ArrayList<>();
        String t = time.column();
        String bucket;
        if (period == null) {
            bucket = "0";
        } else if (period.months() > 0) {
            bucket = "floor((extract(year FROM age(t AT TIME ZONE 'UTC', o AT TIME ZONE 'UTC')) * 12"
                    + " + extract(month FROM age(t AT TIME ZONE 'UTC', o AT TIME ZONE 'UTC'))) / ?)::bigint";
            params.add(period.months());
        } else {
            bucket = "floor(extract(epoch FROM t - o) / ?)::bigint";
            params.add(period.seconds());
        }
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
                + ") x) h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
        // Placeholders in text order: the bucket's divisor, the origin, then the window.
        return jdbc.sql(sql).params(params).query((rs, n) -> {
            Instant first = rs.getTimestamp(4).toInstant();
            Instant last = rs.getTimestamp(5).toInstant();
            Instant o = rs.getTimestamp(6).toInstant();
            long b = rs.getLong(3);
            Instant start;
            Instant end;
            if (period == null) {
                start = query.from().orElse(first);
                end = query.to().orElse(last);
            } else if (period.months() > 0) {
                java.time.ZonedDateTime z = o.atZone(java.time.ZoneOffset.UTC);
                start = z.plusMonths(b * period.months()).toInstant();
                end = z.plusMonths((b + 1) * period.months()).toInstant();
            } else {
                start = o.plusSeconds(b * period.seconds());
                end = start.plusSeconds(period.seconds());
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                double d = rs.getDouble(7 + i);
                values.put(ordered.get(i), rs.wasNull() ? null : d);
            }
            return new Aggregate(rs.getString(1), rs.getString(2), start, end, values);
        }).list();
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
                        .params(tenant.value(), entityId).update();
            }
            return jdbc.sql("DELETE FROM context_attribute_deletion WHERE tenant_id = ? AND entity_id = ? AND attr = ?")
                    .params(tenant.value(), entityId, attribute).update()
                    + jdbc.sql("DELETE FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ? AND attr = ?")
                    .params(tenant.value(), entityId, attribute).update();
        });
    }

    public boolean exists(TenantId tenant, String entityId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ?)
                            OR EXISTS (SELECT 1 FROM context_entity_deletion WHERE tenant_id = ? AND entity_id = ?)""")
                .params(tenant.value(), entityId, tenant.value(), entityId).query(Boolean.class).single();
    }

    private static String where(TenantId tenant, Collection<String> entityIds, TemporalQuery query, List<Object> params) {
        return where(tenant, entityIds, query, params, "observed_at");
    }

    private static String where(TenantId tenant, Collection<String> entityIds, TemporalQuery query, List<Object> params,
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
