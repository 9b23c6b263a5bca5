package org.saola.context.store;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.context.TemporalQuery;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * Temporal aggregation (§4.5.19) over history of which part is compacted: the same periods and the same answers as
 * {@link HistoryStore}'s SQL over rows alone. Rows are reduced by PostgreSQL to a partial aggregate per entity,
 * attribute and period; a block wholly inside the window and inside one period adds its stored summary; any other
 * block is decoded and its instances added one by one. Partial aggregates combine as PostgreSQL combines its own
 * (counts, sums, minimum, maximum, and the sum of squared deviations by Chan's formula for the standard deviation),
 * so a figure may differ from the rows-only one in its last binary digits, from the order of the additions.
 */
final class HistoryAggregation {

    private HistoryAggregation() {
    }

    /** A partial aggregate of one entity, attribute and period. */
    private static final class Acc {
        /** The start of the entity's first period (micros). */
        long origin;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        long numbers;
        double sum;
        Double min;
        Double max;
        double squares;
        double m2;
        Set<Object> distinct;

        void times(long from, long to) {
            first = Math.min(first, from);
            last = Math.max(last, to);
        }

        void add(long n, double s, Double lo, Double hi, double sq, double deviations) {
            if (n == 0) {
                return;
            }
            if (numbers == 0) {
                m2 = deviations;
            } else {
                double delta = s / n - sum / numbers;
                m2 += deviations + delta * delta * numbers * n / (numbers + n);
            }
            numbers += n;
            sum += s;
            squares += sq;
            min = min == null ? lo : Math.min(min, lo);
            max = max == null ? hi : Math.max(max, hi);
        }

        Double value(String method) {
            return switch (method) {
                case "totalCount" -> (double) count;
                case "distinctCount" -> (double) distinct.size();
                case "sum" -> numbers > 0 ? sum : null;
                case "avg" -> numbers > 0 ? sum / numbers : null;
                case "min" -> min;
                case "max" -> max;
                case "stddev" -> numbers > 1 ? Math.sqrt(m2 / (numbers - 1)) : null;
                case "sumsq" -> numbers > 0 ? squares : null;
                default -> throw new IllegalArgumentException(method);
            };
        }
    }

    private record Key(String entityId, String attribute, long bucket) {
    }

    static List<HistoryStore.Aggregate> of(HistoryStore store, TenantId tenant, Collection<String> entityIds, TemporalQuery query,
            Set<String> methods, HistoryStore.Period period, HistoryStore.TimeProperty time, List<HistoryBlocks.Stored> blocks,
            int max) {
        boolean byWriting = time != HistoryStore.TimeProperty.observedAt;
        boolean distinct = methods.contains("distinctCount");
        Long from = query.from().map(HistoryBlocks::micros).orElse(null);
        Long to = query.to().map(HistoryBlocks::micros).orElse(null);
        String t = time.column();

        // Blocks reaching outside the window are decoded (their instances inside it counted one by one); so are all
        // when distinct values are counted. The others' data is not even read unless they straddle two periods.
        Map<List<Object>, HistoryBlock.Opened> decoded = new HashMap<>();
        List<HistoryBlocks.Stored> needed = new ArrayList<>();
        // A day whose raw history retention dropped has its summaries only: it counts whole, in the period and the
        // window its first instance falls in, and not in distinctCount.
        List<HistoryBlocks.Stored> kept = new ArrayList<>(blocks.size());
        for (HistoryBlocks.Stored b : blocks) {
            long bf = byWriting ? b.firstWritten() : b.firstObserved();
            long bl = byWriting ? b.lastWritten() : b.lastObserved();
            if (b.encoding() == HistoryBlock.SUMMARY) {
                if ((from == null || bf >= from) && (to == null || bf < to)) {
                    kept.add(b);
                }
                continue;
            }
            kept.add(b);
            boolean inside = (from == null || bf >= from) && (to == null || bl < to);
            if (!inside || distinct) {
                needed.add(b);
            }
        }
        blocks = kept;
        for (HistoryBlocks.Stored b : store.withData(tenant, needed)) {
            decoded.put(key(b), b.open(store.json()));
        }

        // Each entity's periods start at the window's start, or else at its oldest instance in the window.
        Map<String, Long> origin = new HashMap<>();
        if (from == null) {
            List<Object> params = new ArrayList<>();
            String where = HistoryStore.where(tenant, entityIds, query, params, t);
            store.jdbc().sql("SELECT entity_id, min(" + t + ") FROM context_attribute_history WHERE " + where + " GROUP BY 1")
                    .params(params)
                    .query((rs, n) -> origin.merge(rs.getString(1), HistoryBlocks.micros(rs.getTimestamp(2)), Math::min))
                    .list();
            for (HistoryBlocks.Stored b : blocks) {
                HistoryBlock.Opened instances = opened(decoded, b);
                if (instances == null) {
                    origin.merge(b.entityId(), byWriting ? b.firstWritten() : b.firstObserved(), Math::min);
                } else {
                    for (int i = 0; i < instances.size(); i++) {
                        long at = byWriting ? instances.writtenOrObserved(i) : instances.observedMicros(i);
                        if (to == null || at < to) {
                            origin.merge(b.entityId(), at, Math::min);
                        }
                    }
                }
            }
        }

        Accs accs = new Accs(max);
        rows(store, tenant, entityIds, query, period, time, distinct, from, origin, accs);
        // Blocks that straddle two periods are decoded too.
        List<HistoryBlocks.Stored> straddling = new ArrayList<>();
        for (HistoryBlocks.Stored b : blocks) {
            Long o = from != null ? from : origin.get(b.entityId());
            long bf = byWriting ? b.firstWritten() : b.firstObserved();
            long bl = byWriting ? b.lastWritten() : b.lastObserved();
            if (o != null && opened(decoded, b) == null && b.encoding() != HistoryBlock.SUMMARY
                    && bucket(period, o, bf) != bucket(period, o, bl)) {
                straddling.add(b);
            }
        }
        for (HistoryBlocks.Stored b : store.withData(tenant, straddling)) {
            decoded.put(key(b), b.open(store.json()));
        }
        for (HistoryBlocks.Stored b : blocks) {
            Long o = from != null ? from : origin.get(b.entityId());
            if (o == null) {
                continue;                                   // nothing of it in the window
            }
            HistoryBlock.Opened instances = opened(decoded, b);
            long bf = byWriting ? b.firstWritten() : b.firstObserved();
            long bl = byWriting ? b.lastWritten() : b.lastObserved();
            if (instances == null) {
                Acc a = acc(accs, new Key(b.entityId(), b.attribute(), bucket(period, o, bf)), o);
                HistoryBlock.Summary s = b.summary();
                a.times(bf, bl);
                a.count += s.count();
                a.add(s.numbers(), s.sum(), s.min(), s.max(), s.sumOfSquares(), s.m2());
                continue;
            }
            for (int i = 0; i < instances.size(); i++) {
                long at = byWriting ? instances.writtenOrObserved(i) : instances.observedMicros(i);
                if ((from != null && at < from) || (to != null && at >= to)) {
                    continue;
                }
                Acc a = acc(accs, new Key(b.entityId(), b.attribute(), bucket(period, o, at)), o);
                a.times(at, at);
                a.count++;
                Double v = instances.number(i);
                if (v != null) {
                    a.add(1, v, v, v, v * v, 0);
                }
                JsonNode value = distinct ? instances.value(i) : null;
                if (value != null) {
                    if (a.distinct == null) {
                        a.distinct = new HashSet<>();
                    }
                    a.distinct.add(distinctKey(value));
                }
            }
        }

        List<String> ordered = HistoryStore.AGGREGATES.keySet().stream().filter(methods::contains).toList();
        List<HistoryStore.Aggregate> out = new ArrayList<>(accs.size());
        for (var e : sorted(accs)) {
            Key k = e.getKey();
            Acc a = e.getValue();
            if (distinct && a.distinct == null) {
                a.distinct = Set.of();
            }
            Instant[] bounds = HistoryStore.bounds(period, query, k.bucket(), HistoryBlocks.instant(a.origin),
                    HistoryBlocks.instant(a.first), HistoryBlocks.instant(a.last));
            Map<String, Double> values = new LinkedHashMap<>();
            for (String m : ordered) {
                values.put(m, a.value(m));
            }
            out.add(new HistoryStore.Aggregate(k.entityId(), k.attribute(), bounds[0], bounds[1], values));
        }
        return out;
    }

    /** PostgreSQL's partial aggregates of the rows, per entity, attribute and period. */
    private static void rows(HistoryStore store, TenantId tenant, Collection<String> entityIds, TemporalQuery query,
            HistoryStore.Period period, HistoryStore.TimeProperty time, boolean distinct, Long from, Map<String, Long> origin,
            Accs accs) {
        List<Object> params = new ArrayList<>();
        String bucket = HistoryStore.bucketSql(period, params);
        String originSql;
        if (from != null) {
            originSql = "SELECT ?::timestamptz AS o";
            params.add(Timestamp.from(HistoryBlocks.instant(from)));
        } else {
            List<String> ids = new ArrayList<>(origin.keySet());
            originSql = "SELECT e, os::timestamptz AS o FROM unnest(?::text[], ?::text[]) AS og(e, os)";
            params.add(ids.toArray(String[]::new));
            params.add(ids.stream().map(id -> HistoryBlocks.instant(origin.get(id)).toString()).toArray(String[]::new));
        }
        String t = time.column();
        String where = HistoryStore.where(tenant, entityIds, query, params, t);
        String join = from != null ? " CROSS JOIN (" + originSql + ") og" : " JOIN (" + originSql + ") og ON og.e = h.entity_id";
        String sql = "SELECT entity_id, attr, bucket, min(t), max(t), min(o), count(*), count(v), coalesce(sum(v), 0), min(v), max(v),"
                + " coalesce(sum(v * v), 0), coalesce(var_samp(v), 0) * greatest(count(v) - 1, 0)"
                + (distinct ? ", array_agg(DISTINCT (instance -> 'value')::text) FILTER (WHERE instance -> 'value' IS NOT NULL)" : "")
                + " FROM (SELECT entity_id, attr, t, o, v, instance, " + bucket + " AS bucket FROM ("
                + " SELECT h.entity_id, h.attr, " + t + " AS t, og.o, h.instance, h.num_value AS v"
                + " FROM context_attribute_history h" + join + " WHERE " + where
                + ") x) y GROUP BY 1, 2, 3";
        store.jdbc().sql(sql).params(params).query((rs, n) -> {
            Key k = new Key(rs.getString(1), rs.getString(2), rs.getLong(3));
            Acc a = acc(accs, k, HistoryBlocks.micros(rs.getTimestamp(6)));
            a.times(HistoryBlocks.micros(rs.getTimestamp(4)), HistoryBlocks.micros(rs.getTimestamp(5)));
            a.count += rs.getLong(7);
            long numbers = rs.getLong(8);
            if (numbers > 0) {
                a.add(numbers, rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getDouble(13));
            }
            if (distinct) {
                java.sql.Array values = rs.getArray(14);
                if (a.distinct == null) {
                    a.distinct = new HashSet<>();
                }
                if (values != null) {
                    for (Object text : (Object[]) values.getArray()) {
                        a.distinct.add(distinctKey(store.json().readTree((String) text)));
                    }
                }
            }
            return k;
        }).list();
    }

    /**
     * The partial aggregates by entity, attribute (each in the order of its UTF-8 bytes, as PostgreSQL's "C"
     * collation orders them) and period: the strings are compared once each, to rank them, not at every comparison
     * of the sort (a year of daily periods of a hundred series is a sort of 36 500 keys).
     */
    private static List<Map.Entry<Key, Acc>> sorted(Map<Key, Acc> accs) {
        Map<String, Integer> entities = ranks(accs.keySet().stream().map(Key::entityId).distinct().toList());
        Map<String, Integer> attributes = ranks(accs.keySet().stream().map(Key::attribute).distinct().toList());
        record Ranked(int entity, int attribute, long bucket, Map.Entry<Key, Acc> entry) {
        }
        List<Ranked> ranked = new ArrayList<>(accs.size());
        for (Map.Entry<Key, Acc> e : accs.entrySet()) {
            Key k = e.getKey();
            ranked.add(new Ranked(entities.get(k.entityId()), attributes.get(k.attribute()), k.bucket(), e));
        }
        ranked.sort(java.util.Comparator.comparingInt(Ranked::entity).thenComparingInt(Ranked::attribute)
                .thenComparingLong(Ranked::bucket));
        return ranked.stream().map(Ranked::entry).toList();
    }

    private static Map<String, Integer> ranks(List<String> distinct) {
        List<String> order = new ArrayList<>(distinct);
        order.sort(HistoryStore::bytewise);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        return rank;
    }

    /** The partial aggregates by key, at most {@code max} of them. */
    private static final class Accs extends HashMap<Key, Acc> {
        private final int max;

        Accs(int max) {
            this.max = max;
        }
    }

    /**
     * The partial aggregate of a key, new or not, whose periods start at {@code origin}; one more than the
     * aggregation may answer stops it.
     */
    private static Acc acc(Accs accs, Key k, long origin) {
        Acc a = accs.get(k);
        if (a == null) {
            if (accs.size() >= accs.max) {
                throw new HistoryStore.TooManyAggregates(accs.max);
            }
            a = new Acc();
            accs.put(k, a);
        }
        a.origin = origin;
        return a;
    }

    /** The block's instances if it was decoded, else null (mostly none is: no key is built then). */
    private static HistoryBlock.Opened opened(Map<List<Object>, HistoryBlock.Opened> decoded, HistoryBlocks.Stored b) {
        return decoded.isEmpty() ? null : decoded.get(key(b));
    }

    /** A block's identity (its data may be read apart from it). */
    private static List<Object> key(HistoryBlocks.Stored b) {
        return List.of(b.entityId(), b.attribute(), b.periodStart());
    }

    /** Values PostgreSQL's jsonb counts as one: numbers by their numeric value, anything else by its JSON. */
    private static Object distinctKey(JsonNode value) {
        return value.isNumber() ? new BigDecimal(value.toString()).stripTrailingZeros() : value;
    }

    /** The period an instance falls in, as {@link HistoryStore}'s SQL numbers them. */
    static long bucket(HistoryStore.Period period, long origin, long at) {
        if (period == null) {
            return 0;
        }
        if (period.seconds() > 0) {
            return Math.floorDiv(at - origin, period.seconds() * 1_000_000L);
        }
        LocalDateTime a = LocalDateTime.ofInstant(HistoryBlocks.instant(at), ZoneOffset.UTC);
        LocalDateTime b = LocalDateTime.ofInstant(HistoryBlocks.instant(origin), ZoneOffset.UTC);
        long months = (a.getYear() - b.getYear()) * 12L + (a.getMonthValue() - b.getMonthValue());
        // PostgreSQL's age() borrows a month when the day and time of day have not come round again.
        if (a.getDayOfMonth() < b.getDayOfMonth()
                || a.getDayOfMonth() == b.getDayOfMonth() && a.toLocalTime().isBefore(b.toLocalTime())) {
            months--;
        }
        return Math.floorDiv(months, period.months());
    }
}
