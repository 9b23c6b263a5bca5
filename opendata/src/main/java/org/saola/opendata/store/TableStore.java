package org.saola.opendata.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.TableQuery;
import org.saola.platform.publish.DataColumn;

/**
 * Each dataset's rows in a table of its own ({@code opendata_table.t_<id>}, CKAN's datastore): {@code _id} the row's
 * number, one typed column per field, and {@code _full_text} (the text columns, for {@code q}). A refresh fills a
 * new table with one {@code COPY} and puts it in place of the old in one short transaction, so readers see the
 * old rows or the new ones, never a half.
 */
public class TableStore {

    /** What a refresh wrote: how many rows, and a hash of them (a refresh that changes nothing changes no date). */
    public record Written(long rows, String hash) {
    }

    /** One page of a query: records (field id to value), the total if asked, and whether it was estimated. */
    public record Page(List<Map<String, Object>> records, Long total, boolean estimated) {
    }

    /** The table's size, the database's, its indexes', and each column's PostgreSQL type. */
    public record Info(long size, long databaseSize, long indexSize, Map<String, String> nativeTypes) {
    }

    private static final java.time.format.DateTimeFormatter SECONDS = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final int INDEXED_COLUMNS = 20;
    private static final int MAX_INDEXED_TEXT = 600;
    /** PostgreSQL's "undefined table": a dataset published whose rows were never read. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final int FLUSH_BYTES = 1 << 20;

    private final DataSource dataSource;
    private final java.time.Duration loadTimeout;

    /** {@code loadTimeout}: how long filling one table may take (a file of millions of rows), beyond statements' usual limit. */
    public TableStore(DataSource dataSource, java.time.Duration loadTimeout) {
        this.dataSource = dataSource;
        this.loadTimeout = loadTimeout;
    }

    static String table(UUID dataset) {
        return "opendata_table.t_" + dataset.toString().replace("-", "");
    }

    private static String pgType(DataColumn.Type t) {
        return switch (t) {
            case TEXT -> "text";
            case INT -> "bigint";
            case NUMERIC -> "numeric";
            case TIMESTAMP -> "timestamp";
            case DATE -> "date";
            case BOOL -> "boolean";
        };
    }

    /**
     * Replaces the dataset's rows by those {@code rows} gives, then runs {@code beforeCommit} with what was written
     * and a JDBC client on the same transaction (the catalogue's row: its columns, count and dates), so the table
     * and its description change together or not at all. One replacement of a dataset at a time (an advisory lock).
     */
    public Written replace(Dataset d, Consumer<Consumer<List<Object>>> rows,
            java.util.function.BiConsumer<org.springframework.jdbc.core.simple.JdbcClient, Written> beforeCommit) {
        String table = table(d.id());
        String next = table + "_next";
        String bare = table.substring(table.indexOf('.') + 1);
        List<DataColumn> columns = d.columns();
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(next).append(" (_id bigint PRIMARY KEY");
        List<String> texts = new ArrayList<>();
        for (DataColumn c : columns) {
            create.append(", \"").append(c.id()).append("\" ").append(pgType(c.type()));
            if (c.type() == DataColumn.Type.TEXT) {
                texts.add("coalesce(\"" + c.id() + "\", '')");
            }
        }
        create.append(", _full_text tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ")
                .append(texts.isEmpty() ? "''" : String.join(" || ' ' || ", texts)).append(")) STORED)");
        String copy = "COPY " + next + " (_id, " + columns.stream().map(c -> "\"" + c.id() + "\"").collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + loadTimeout.toMillis());
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
                s.execute("SET LOCAL maintenance_work_mem = '256MB'");     // index builds over millions of rows, in memory
                s.execute("DROP TABLE IF EXISTS " + next);
                s.execute(create.toString());
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(columns.toString().getBytes(StandardCharsets.UTF_8));
                CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
                long[] n = {0};
                int[] longestText = new int[columns.size()];
                StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);
                try {
                    rows.accept(row -> {
                        if (row.size() != columns.size()) {
                            throw new IllegalStateException(d.sourceKey() + " gave a row of " + row.size() + " values for "
                                    + columns.size() + " columns");
                        }
                        int start = buffer.length();
                        buffer.append(++n[0]);
                        for (int i = 0; i < row.size(); i++) {
                            buffer.append(',');
                            Object v = row.get(i);
                            csv(buffer, v, columns.get(i).type());
                            if (v instanceof String text && text.length() > longestText[i]) {
                                longestText[i] = text.length();
                            }
                        }
                        buffer.append('\n');
                        digest.update(buffer.substring(start, buffer.length()).getBytes(StandardCharsets.UTF_8));
                        if (buffer.length() >= FLUSH_BYTES) {
                            send(in, buffer);
                        }
                    });
                    send(in, buffer);
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
                s.execute("CREATE INDEX ON " + next + " USING gin (_full_text)");
                // datastore_search's filters and sorts: a B-tree on each column, text included when its longest value
                // fits a B-tree entry (600 characters are at most 2 400 bytes); the first INDEXED_COLUMNS columns only,
                // for very wide files. (Hash indexes on text were tried: with few distinct values over millions of
                // rows their build took over half an hour.)
                for (int i = 0; i < Math.min(columns.size(), INDEXED_COLUMNS); i++) {
                    DataColumn col = columns.get(i);
                    if (col.type() != DataColumn.Type.TEXT || longestText[i] <= MAX_INDEXED_TEXT) {
                        s.execute("CREATE INDEX ON " + next + " (\"" + col.id() + "\")");
                    }
                }
                s.execute("ANALYZE " + next);
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("ALTER TABLE " + next + " RENAME TO " + bare);
                Written written = new Written(n[0], HexFormat.of().formatHex(digest.digest()));
                beforeCommit.accept(org.springframework.jdbc.core.simple.JdbcClient.create(
                        new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true)), written);
                c.commit();
                return written;
            } catch (RuntimeException | SQLException | NoSuchAlgorithmException e) {
                c.rollback();
                throw e instanceof RuntimeException r ? r : new IllegalStateException("could not refresh " + d.name(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not refresh " + d.name(), e);
        }
    }

    private static void send(CopyIn in, StringBuilder buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        buffer.setLength(0);
    }

    /** A value as COPY's CSV reads it: null unquoted and empty, text always quoted. */
    private static void csv(StringBuilder out, Object v, DataColumn.Type type) {
        if (v == null) {
            return;
        }
        switch (type) {
            case TEXT -> out.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
            case TIMESTAMP -> out.append(v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : v);
            default -> out.append(v);
        }
    }

    /** Drops the dataset's table and runs {@code beforeCommit} (removing its catalogue row) in the same transaction. */
    public void drop(UUID dataset, Consumer<org.springframework.jdbc.core.simple.JdbcClient> beforeCommit) {
        String table = table(dataset);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + table + "'))");
                s.execute("DROP TABLE IF EXISTS " + table);
                beforeCommit.accept(org.springframework.jdbc.core.simple.JdbcClient.create(
                        new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true)));
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Info info(Dataset d) {
        String table = table(d.id());
        String bare = table.substring(table.indexOf('.') + 1);
        try (Connection c = dataSource.getConnection()) {
            long size = 0;
            long db = 0;
            long idx = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_relation_size(to_regclass(?)), pg_database_size(current_database()),"
                    + " pg_indexes_size(to_regclass(?))")) {
                s.setString(1, table);
                s.setString(2, table);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        size = rs.getLong(1);
                        db = rs.getLong(2);
                        idx = rs.getLong(3);
                    }
                }
            }
            Map<String, String> types = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema = 'opendata_table' AND table_name = ? ORDER BY ordinal_position")) {
                s.setString(1, bare);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        types.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return new Info(size, db, idx, types);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page of rows a query selects, in its order (by {@code _id} unless it sorts). */
    public Page search(Dataset d, TableQuery q, long knownRows) {
        String table = table(d.id());
        List<Object> params = new ArrayList<>();
        String where = q.where(params);
        String select = "SELECT " + q.fields().stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "))
                + " FROM " + table + where + " ORDER BY " + q.orderBy() + " LIMIT " + q.limit() + " OFFSET " + q.offset();
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> records = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(select)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        for (int i = 0; i < q.fields().size(); i++) {
                            r.put(q.fields().get(i), value(rs, i + 1));
                        }
                        records.add(r);
                    }
                }
            }
            Long total = null;
            if (q.includeTotal()) {
                if (where.isEmpty()) {
                    total = knownRows;
                } else {
                    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + where)) {
                        bind(s, params);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            total = rs.getLong(1);
                        }
                    }
                }
            }
            return new Page(records, total, false);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return new Page(List.of(), q.includeTotal() ? 0L : null, false);      // not read yet
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row in order, a page of {@code batch} at a time (downloads of any size in little memory), all from one
     * snapshot: a refresh meanwhile waits for the download rather than mixing old rows and new.
     */
    public void each(Dataset d, List<String> fields, int batch, Consumer<Map<String, Object>> sink) {
        String sql = "SELECT _id, " + fields.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "))
                + " FROM " + table(d.id()) + " WHERE _id > ? ORDER BY _id LIMIT " + batch;
        long after = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                eachPage(s, after, fields, batch, sink);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return;
            }
            throw new IllegalStateException(e);
        }
    }

    private static void eachPage(PreparedStatement s, long after, List<String> fields, int batch, Consumer<Map<String, Object>> sink)
            throws SQLException {
        while (true) {
            s.setLong(1, after);
            int n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                    after = rs.getLong(1);
                    Map<String, Object> r = new LinkedHashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        r.put(fields.get(i), value(rs, i + 2));
                    }
                    sink.accept(r);
                }
            }
            if (n < batch) {
                return;
            }
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof LocalDateTime t) {
                s.setTimestamp(i + 1, Timestamp.valueOf(t));
            } else if (p instanceof LocalDate t) {
                s.setObject(i + 1, t);
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    private static Object value(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v instanceof Timestamp t) {
            return SECONDS.format(t.toLocalDateTime());          // as CKAN 2.11: no fraction, no zone
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0 ? b.toBigInteger() : b;
        }
        return v;
    }
}
