package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compacted part of attribute history (issue #17, item 4): blocks of one attribute's instances over one UTC
 * day ({@link HistoryBlock}). Every method works on a connection inside the caller's transaction, so that moving
 * instances between rows and blocks is all or nothing: a compaction killed half-way leaves the rows as they were.
 */
public final class HistoryBlocks {

    /** A block covers one UTC day. */
    public static final long PERIOD_MICROS = 86_400_000_000L;

    /** A block as read: its series, its metadata and its data (decoded on demand). */
    public record Stored(String entityId, String attribute, long periodStart, short encoding, String template, byte[] data,
            long firstObserved, long lastObserved, long firstWritten, long lastWritten, HistoryBlock.Summary summary) {

        public HistoryBlock.Opened open(JsonMapper json) {
            return HistoryBlock.open(encoding, template, data, json);
        }
    }

    private static final String SUMMARY_COLUMNS = "instances, numbers, num_sum, num_min, num_max, num_sumsq, num_m2";

    private static final String COLUMNS = "entity_id, attr, period_start, encoding, template::text, data, first_observed,"
            + " last_observed, first_written, last_written, " + SUMMARY_COLUMNS;

    private static final String INSERT = """
            INSERT INTO context_history_block (tenant_id, entity_id, attr, period_start, period_end, encoding, template,
                instances, first_observed, last_observed, first_written, last_written, first_id, last_id, numbers, num_sum,
                num_min, num_max, num_sumsq, num_m2, data)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String RESTORE = """
            INSERT INTO context_attribute_history (instance_id, tenant_id, entity_id, attr, observed_at, instance, written_at)
            OVERRIDING SYSTEM VALUE
            SELECT i, ?, ?, ?, timestamptz 'epoch' + o * interval '1 microsecond', j::jsonb,
                   timestamptz 'epoch' + w * interval '1 microsecond'
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int8[]) AS u(i, o, j, w)""";

    private HistoryBlocks() {
    }

    /** The UTC day a time falls in, as the start of the day in microseconds. */
    public static long periodOf(long micros) {
        return Math.floorDiv(micros, PERIOD_MICROS) * PERIOD_MICROS;
    }

    /**
     * Compacts one attribute's rows of one day into its block (merged with the block the day has already, if
     * rows came for it after it was compacted). Answers how many rows went into the block.
     */
    public static int compact(Connection c, JsonMapper json, String tenant, String entityId, String attr, long period)
            throws SQLException {
        lockDay(c, tenant, entityId, attr, period);
        List<HistoryBlock.Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                DELETE FROM context_attribute_history
                WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND observed_at >= ? AND observed_at < ?
                RETURNING instance_id, observed_at, written_at, instance::text""")) {
            s.setString(1, tenant);
            s.setString(2, entityId);
            s.setString(3, attr);
            s.setTimestamp(4, timestamp(period));
            s.setTimestamp(5, timestamp(period + PERIOD_MICROS));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp written = rs.getTimestamp(3);
                    rows.add(new HistoryBlock.Row(rs.getLong(1), micros(rs.getTimestamp(2)),
                            written == null ? null : micros(written), rs.getString(4)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        int compacted = rows.size();
        if (addToSummary(c, json, tenant, entityId, attr, period, rows)) {
            return compacted;
        }
        for (HistoryBlock.Instance i : take(c, json, tenant, entityId, attr, period)) {
            rows.add(new HistoryBlock.Row(i.instanceId(), i.observedMicros(), i.writtenMicros(), json.writeValueAsString(i.json())));
        }
        write(c, json, tenant, entityId, attr, period, rows);
        return compacted;
    }

    /**
     * Adds rows to the summaries of a day whose raw history retention dropped ({@link HistoryBlock#SUMMARY}), if the
     * day is one: late readings for such a day are counted in its aggregations and not kept one by one either.
     */
    private static boolean addToSummary(Connection c, JsonMapper json, String tenant, String entityId, String attr,
            long period, List<HistoryBlock.Row> rows) throws SQLException {
        HistoryBlock.Summary old;
        try (PreparedStatement s = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM context_history_block"
                + " WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND period_start = ? AND encoding = "
                + HistoryBlock.SUMMARY)) {
            s.setString(1, tenant);
            s.setString(2, entityId);
            s.setString(3, attr);
            s.setTimestamp(4, timestamp(period));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                old = summary(rs, 1);
            }
        }
        HistoryBlock.Encoded e = HistoryBlock.encode(rows, json);
        HistoryBlock.Summary sum = old.plus(e.summary());
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE context_history_block SET instances = ?, numbers = ?, num_sum = ?, num_min = ?, num_max = ?,
                    num_sumsq = ?, num_m2 = ?, first_observed = least(first_observed, ?),
                    last_observed = greatest(last_observed, ?), first_written = least(first_written, ?),
                    last_written = greatest(last_written, ?), first_id = least(first_id, ?), last_id = greatest(last_id, ?)
                WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND period_start = ?""")) {
            s.setInt(1, sum.count());
            s.setInt(2, sum.numbers());
            s.setDouble(3, sum.sum());
            s.setObject(4, sum.min());
            s.setObject(5, sum.max());
            s.setDouble(6, sum.sumOfSquares());
            s.setDouble(7, sum.m2());
            s.setTimestamp(8, timestamp(e.firstObserved()));
            s.setTimestamp(9, timestamp(e.lastObserved()));
            s.setTimestamp(10, timestamp(e.firstWritten()));
            s.setTimestamp(11, timestamp(e.lastWritten()));
            s.setLong(12, e.firstId());
            s.setLong(13, e.lastId());
            s.setString(14, tenant);
            s.setString(15, entityId);
            s.setString(16, attr);
            s.setTimestamp(17, timestamp(period));
            s.executeUpdate();
        }
        return true;
    }

    /**
     * Turns the block of a day back into rows (an instance is appended, modified or deleted in it, or retention
     * cuts through it). Answers how many instances it held; 0 if the day has no block.
     */
    public static int expand(Connection c, JsonMapper json, String tenant, String entityId, String attr, long period)
            throws SQLException {
        lockDay(c, tenant, entityId, attr, period);
        List<HistoryBlock.Instance> instances = take(c, json, tenant, entityId, attr, period);
        if (instances.isEmpty()) {
            return 0;
        }
        int n = instances.size();
        Long[] ids = new Long[n];
        Long[] observed = new Long[n];
        String[] texts = new String[n];
        Long[] written = new Long[n];
        for (int i = 0; i < n; i++) {
            HistoryBlock.Instance x = instances.get(i);
            ids[i] = x.instanceId();
            observed[i] = x.observedMicros();
            texts[i] = json.writeValueAsString(x.json());
            written[i] = x.writtenMicros();
        }
        try (PreparedStatement s = c.prepareStatement(RESTORE)) {
            s.setString(1, tenant);
            s.setString(2, entityId);
            s.setString(3, attr);
            s.setArray(4, c.createArrayOf("int8", ids));
            s.setArray(5, c.createArrayOf("int8", observed));
            s.setArray(6, c.createArrayOf("text", texts));
            s.setArray(7, c.createArrayOf("int8", written));
            s.executeUpdate();
        }
        return n;
    }

    /**
     * Takes the day's lock until the transaction ends: a compaction and an expansion of the same day follow each
     * other, so that an expansion waiting for a compaction then sees the block it made (and the check that an
     * instance sent again is not there already sees its instances). Advisory, two-key form (not the one-key form
     * other locks of Saola use), keyed by the series' hash and the day's number.
     */
    private static void lockDay(Connection c, String tenant, String entityId, String attr, long period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?), ?)")) {
            s.setString(1, tenant + '\n' + entityId + '\n' + attr);
            s.setInt(2, (int) Math.floorDiv(period, PERIOD_MICROS));
            s.execute();
        }
    }

    /** Expands the block of the day a time falls in, if there is one. */
    public static int expandAt(Connection c, JsonMapper json, String tenant, String entityId, String attr, Instant at)
            throws SQLException {
        return expand(c, json, tenant, entityId, attr, periodOf(micros(at)));
    }

    /** A day of one attribute's history. */
    public record Day(String tenant, String entityId, String attr, long period) {
    }

    /**
     * Expands those of the days that are compacted: one look-up for all of them, then an expansion for each found
     * (late instances for a compacted day are rare; their check costs one round trip per group commit).
     */
    public static void expandDays(Connection c, JsonMapper json, java.util.Collection<Day> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        List<Day> list = List.copyOf(days);
        List<Day> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT k.t, k.e, k.a, k.p FROM unnest(?::text[], ?::text[], ?::text[], ?::int8[]) AS k(t, e, a, p)
                WHERE EXISTS (SELECT 1 FROM context_history_block b WHERE b.tenant_id = k.t AND b.entity_id = k.e
                    AND b.attr = k.a AND b.period_start = timestamptz 'epoch' + k.p * interval '1 microsecond')""")) {
            s.setArray(1, c.createArrayOf("text", list.stream().map(Day::tenant).toArray()));
            s.setArray(2, c.createArrayOf("text", list.stream().map(Day::entityId).toArray()));
            s.setArray(3, c.createArrayOf("text", list.stream().map(Day::attr).toArray()));
            s.setArray(4, c.createArrayOf("int8", list.stream().map(Day::period).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Day(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        for (Day d : found) {
            expand(c, json, d.tenant(), d.entityId(), d.attr(), d.period());
        }
    }

    /** Expands the block holding an instance number, if one does; true if one did. */
    public static boolean expandHolding(Connection c, JsonMapper json, String tenant, String entityId, String attr,
            long instanceId) throws SQLException {
        List<Long> periods = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT period_start FROM context_history_block
                WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND first_id <= ? AND last_id >= ?""")) {
            s.setString(1, tenant);
            s.setString(2, entityId);
            s.setString(3, attr);
            s.setLong(4, instanceId);
            s.setLong(5, instanceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    periods.add(micros(rs.getTimestamp(1)));
                }
            }
        }
        for (long period : periods) {
            List<HistoryBlock.Instance> held = peek(c, json, tenant, entityId, attr, period);
            if (held.stream().anyMatch(i -> i.instanceId() == instanceId)) {
                expand(c, json, tenant, entityId, attr, period);
                return true;
            }
        }
        return false;
    }

    /**
     * Blocks of some entities (and attributes, if any are named) that may hold instances whose time is in
     * {@code [from, to)} (either bound may be null): by observation, or by writing when {@code byWriting}.
     * Ordered by entity, attribute and day, oldest first unless {@code newestFirst}. With their data and template
     * only if {@code withData} (else {@link #withData} fetches them for those that need them).
     */
    public static List<Stored> read(Connection c, String tenant, String[] entityIds, String[] attributes, Instant from,
            Instant to, boolean byWriting, boolean newestFirst, boolean withData) throws SQLException {
        // Without data, without the template either: turning each block's jsonb into text cost PostgreSQL a
        // quarter of the time of reading a year of a hundred series' blocks.
        String columns = withData ? COLUMNS : COLUMNS.replace("template::text, data,", "NULL::text, NULL::bytea,");
        StringBuilder sql = new StringBuilder("SELECT " + columns
                + " FROM context_history_block WHERE tenant_id = ? AND entity_id = ANY (?)");
        if (attributes != null) {
            sql.append(" AND attr = ANY (?)");
        }
        String first = byWriting ? "first_written" : "first_observed";
        String last = byWriting ? "last_written" : "last_observed";
        if (from != null) {
            sql.append(" AND ").append(last).append(" >= ?");
        }
        if (to != null) {
            sql.append(" AND ").append(first).append(" < ?");
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int p = 1;
            s.setString(p++, tenant);
            s.setArray(p++, c.createArrayOf("text", entityIds));
            if (attributes != null) {
                s.setArray(p++, c.createArrayOf("text", attributes));
            }
            if (from != null) {
                s.setTimestamp(p++, Timestamp.from(from));
            }
            if (to != null) {
                s.setTimestamp(p++, Timestamp.from(to));
            }
            List<Stored> out = new ArrayList<>();
            // One String per entity and attribute, not one per block: hashed once, then compared by reference.
            java.util.Map<String, String> names = new java.util.HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs, names));
                }
            }
            // Sorted here rather than by PostgreSQL: a year of a hundred series' blocks is a sort of 8 MB, past
            // work_mem, that went to disk and took longer than reading them.
            Comparator<Stored> period = Comparator.comparingLong(Stored::periodStart);
            out.sort(Comparator.comparing(Stored::entityId, HistoryStore::bytewise)
                    .thenComparing(Stored::attribute, HistoryStore::bytewise)
                    .thenComparing(newestFirst ? period.reversed() : period));
            return out;
        }
    }

    /** The same blocks with their data, fetched in one query for those read without it. */
    public static List<Stored> withData(Connection c, String tenant, List<Stored> blocks) throws SQLException {
        List<Stored> missing = blocks.stream().filter(b -> b.data() == null).toList();
        if (missing.isEmpty()) {
            return blocks;
        }
        java.util.Map<List<Object>, Object[]> data = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT b.entity_id, b.attr, k.p, b.template::text, b.data
                FROM unnest(?::text[], ?::text[], ?::int8[]) AS k(e, a, p)
                JOIN context_history_block b ON b.tenant_id = ? AND b.entity_id = k.e AND b.attr = k.a
                    AND b.period_start = timestamptz 'epoch' + k.p * interval '1 microsecond'""")) {
            s.setArray(1, c.createArrayOf("text", missing.stream().map(Stored::entityId).toArray()));
            s.setArray(2, c.createArrayOf("text", missing.stream().map(Stored::attribute).toArray()));
            s.setArray(3, c.createArrayOf("int8", missing.stream().map(Stored::periodStart).toArray()));
            s.setString(4, tenant);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    data.put(List.of(rs.getString(1), rs.getString(2), rs.getLong(3)), new Object[] {rs.getString(4), rs.getBytes(5)});
                }
            }
        }
        List<Stored> out = new ArrayList<>(blocks.size());
        for (Stored b : blocks) {
            if (b.data() != null) {
                out.add(b);
                continue;
            }
            Object[] d = data.get(List.of(b.entityId(), b.attribute(), b.periodStart()));
            if (d == null) {
                throw new IllegalStateException("history block of " + b.entityId() + " gone while read");
            }
            out.add(new Stored(b.entityId(), b.attribute(), b.periodStart(), b.encoding(), (String) d[0], (byte[]) d[1],
                    b.firstObserved(),
                    b.lastObserved(), b.firstWritten(), b.lastWritten(), b.summary()));
        }
        return out;
    }

    private static Stored stored(ResultSet rs, java.util.Map<String, String> names) throws SQLException {
        return new Stored(names.computeIfAbsent(rs.getString(1), x -> x), names.computeIfAbsent(rs.getString(2), x -> x),
                micros(rs.getTimestamp(3)), rs.getShort(4), rs.getString(5),
                rs.getBytes(6), micros(rs.getTimestamp(7)), micros(rs.getTimestamp(8)), micros(rs.getTimestamp(9)),
                micros(rs.getTimestamp(10)), summary(rs, 11));
    }

    /** The summary in {@link #SUMMARY_COLUMNS} from column {@code first} on. */
    private static HistoryBlock.Summary summary(ResultSet rs, int first) throws SQLException {
        double min = rs.getDouble(first + 3);
        Double boxedMin = rs.wasNull() ? null : min;
        double max = rs.getDouble(first + 4);
        Double boxedMax = rs.wasNull() ? null : max;
        return new HistoryBlock.Summary(rs.getInt(first), rs.getInt(first + 1), rs.getDouble(first + 2), boxedMin, boxedMax,
                rs.getDouble(first + 5), rs.getDouble(first + 6));
    }

    /**
     * Deletes a day's block and answers its instances (none if it has no block). A block of summaries only stays:
     * instances appended to its day stay rows beside it until compaction adds them to it.
     */
    private static List<HistoryBlock.Instance> take(Connection c, JsonMapper json, String tenant, String entityId, String attr,
            long period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM context_history_block WHERE tenant_id = ? AND entity_id = ?"
                + " AND attr = ? AND period_start = ? AND encoding <> " + HistoryBlock.SUMMARY
                + " RETURNING encoding, template::text, data")) {
            return decoded(s, json, tenant, entityId, attr, period);
        }
    }

    private static List<HistoryBlock.Instance> peek(Connection c, JsonMapper json, String tenant, String entityId, String attr,
            long period) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT encoding, template::text, data FROM context_history_block"
                + " WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND period_start = ?")) {
            return decoded(s, json, tenant, entityId, attr, period);
        }
    }

    private static List<HistoryBlock.Instance> decoded(PreparedStatement s, JsonMapper json, String tenant, String entityId,
            String attr, long period) throws SQLException {
        s.setString(1, tenant);
        s.setString(2, entityId);
        s.setString(3, attr);
        s.setTimestamp(4, timestamp(period));
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? HistoryBlock.decode(rs.getShort(1), rs.getString(2), rs.getBytes(3), json) : List.of();
        }
    }

    private static void write(Connection c, JsonMapper json, String tenant, String entityId, String attr, long period,
            List<HistoryBlock.Row> rows) throws SQLException {
        HistoryBlock.Encoded e = HistoryBlock.encode(rows, json);
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, tenant);
            s.setString(2, entityId);
            s.setString(3, attr);
            s.setTimestamp(4, timestamp(period));
            s.setTimestamp(5, timestamp(period + PERIOD_MICROS));
            s.setShort(6, e.encoding());
            s.setString(7, e.template());
            s.setInt(8, e.count());
            s.setTimestamp(9, timestamp(e.firstObserved()));
            s.setTimestamp(10, timestamp(e.lastObserved()));
            s.setTimestamp(11, timestamp(e.firstWritten()));
            s.setTimestamp(12, timestamp(e.lastWritten()));
            s.setLong(13, e.firstId());
            s.setLong(14, e.lastId());
            HistoryBlock.Summary sum = e.summary();
            s.setInt(15, sum.numbers());
            s.setDouble(16, sum.sum());
            s.setObject(17, sum.min());
            s.setObject(18, sum.max());
            s.setDouble(19, sum.sumOfSquares());
            s.setDouble(20, sum.m2());
            s.setBytes(21, e.data());
            s.executeUpdate();
        }
    }

    public static long micros(Timestamp t) {
        return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1_000;
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public static Timestamp timestamp(long micros) {
        return Timestamp.from(instant(micros));
    }
}
