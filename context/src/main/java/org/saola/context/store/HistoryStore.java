package org.saola.context.store;

import java.sql.Timestamp;
import java.time.Duration;
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

    public HistoryStore(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
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
                        UPDATE context_attribute_history SET instance = ?::jsonb, observed_at = coalesce(?, observed_at)
                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND instance_id = ?""")
                .params(json.writeValueAsString(instance),
                        observed == null ? null : Timestamp.from(org.saola.context.Timestamps.parse(observed.asString())),
                        tenant.value(), entityId, attribute, number)
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
     * Aggregates per entity, attribute and period: periods of {@code period} starting at {@code origin}, or
     * the whole window as one period when {@code period} is null.
     */
    public List<Aggregate> aggregate(TenantId tenant, Collection<String> entityIds, TemporalQuery query,
            Set<String> methods, Duration period, Instant origin) {
        List<Object> params = new ArrayList<>();
        long seconds = period == null ? 0 : Math.max(1, period.toSeconds());
        String bucket = period == null ? "0" : "floor(extract(epoch FROM observed_at - ?::timestamptz) / ?)::bigint";
        List<Object> bucketParams = period == null ? List.of() : List.of(Timestamp.from(origin), seconds);
        params.addAll(bucketParams);
        String where = where(tenant, entityIds, query, params);
        StringBuilder select = new StringBuilder("SELECT entity_id, attr, " + bucket + " AS bucket, min(observed_at), max(observed_at)");
        List<String> ordered = AGGREGATES.keySet().stream().filter(methods::contains).toList();
        for (String m : ordered) {
            select.append(", ").append(AGGREGATES.get(m)).append("::float8");
        }
        String sql = select + " FROM (SELECT entity_id, attr, observed_at, instance, num_value AS v"
                + " FROM context_attribute_history WHERE " + where
                + ") h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
        // The bucket expression appears in the outer SELECT, before the inner WHERE: bind in that order.
        return jdbc.sql(sql).params(params).query((rs, n) -> {
            Instant first = rs.getTimestamp(4).toInstant();
            Instant last = rs.getTimestamp(5).toInstant();
            Instant start = period == null ? query.from().orElse(first)
                    : origin.plusSeconds(rs.getLong(3) * seconds);
            Instant end = period == null ? query.to().orElse(last) : start.plusSeconds(seconds);
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                double d = rs.getDouble(6 + i);
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
        return transaction.execute(tx -> {
            int added = 0;
            for (var e : instances.entrySet()) {
                for (ObjectNode instance : e.getValue()) {
                    Timestamp observed = Timestamp.from(Instant.parse(instance.get("observedAt").asString()));
                    String text = json.writeValueAsString(instance);
                    added += jdbc.sql("""
                                    INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, instance)
                                    SELECT ?, ?, ?, ?, ?::jsonb WHERE NOT EXISTS (
                                        SELECT 1 FROM context_attribute_history
                                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND observed_at = ?
                                          AND instance = ?::jsonb)""")
                            .params(tenant.value(), entityId, e.getKey(), observed, text,
                                    tenant.value(), entityId, e.getKey(), observed, text)
                            .update();
                }
            }
            return added;
        });
    }

    /** Deletes an entity's history, or one attribute's; answers how many instances went. */
    public int delete(TenantId tenant, String entityId, String attribute) {
        if (attribute == null) {
            return jdbc.sql("DELETE FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ?")
                    .params(tenant.value(), entityId).update();
        }
        return jdbc.sql("DELETE FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ? AND attr = ?")
                .params(tenant.value(), entityId, attribute).update();
    }

    public boolean exists(TenantId tenant, String entityId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM context_attribute_history WHERE tenant_id = ? AND entity_id = ?)")
                .params(tenant.value(), entityId).query(Boolean.class).single();
    }

    private static String where(TenantId tenant, Collection<String> entityIds, TemporalQuery query, List<Object> params) {
        StringBuilder where = new StringBuilder("tenant_id = ? AND entity_id = ANY (?)");
        params.add(tenant.value());
        params.add(entityIds.toArray(String[]::new));
        if (!query.attributes().isEmpty()) {
            where.append(" AND attr = ANY (?)");
            params.add(query.attributes().toArray(String[]::new));
        }
        query.from().ifPresent(from -> {
            where.append(" AND observed_at >= ?");
            params.add(Timestamp.from(from));
        });
        query.to().ifPresent(to -> {
            where.append(" AND observed_at < ?");
            params.add(Timestamp.from(to));
        });
        return where.toString();
    }
}
