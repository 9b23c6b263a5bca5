package org.saola.context.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * History rows of one group commit, sent to PostgreSQL by one binary {@code COPY} rather than an {@code INSERT}
 * each: the rows are encoded in PostgreSQL's binary copy format (text as UTF-8, {@code timestamptz} as
 * microseconds since 2000-01-01, {@code jsonb} as version 1 and its text) into a buffer the writer thread
 * reuses, then streamed in one round trip inside the group's transaction. A group of a few rows (a single write)
 * goes instead as one statement of the group's pipeline ({@link #into}), saving the COPY's own round trips.
 */
final class HistoryCopy {

    static final String COPY = "COPY context_attribute_history (tenant_id, entity_id, attr, observed_at, instance, written_at)"
            + " FROM STDIN (FORMAT binary)";
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
    private static final long PG_EPOCH = 946_684_800L;
    /** A buffer grown for a large batch is let go above this, so one burst does not hold memory for ever. */
    private static final int KEEP_AT_MOST = 4 * 1024 * 1024;

    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /**
     * Up to this many rows go in the group's pipeline as one {@code INSERT … unnest} instead ({@link #into}): a
     * {@code COPY} costs two round trips of its own, more than encoding saves for a handful of rows.
     */
    static final int SMALL = 32;
    static final String INSERT_SMALL = "INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, "
            + "instance, written_at) SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::jsonb[], "
            + "?::timestamptz[])";

    private final Buffer out;
    private int rows;
    /** The first {@link #SMALL} rows' values as given (turned to text only by {@link #into}). */
    private final Object[][] small = new Object[6][SMALL];

    /** A writer's buffer, emptied: one per thread, reused from commit to commit. */
    static HistoryCopy start() {
        Buffer b = BUFFERS.get();
        if (b.capacity() > KEEP_AT_MOST) {
            b = new Buffer();
            BUFFERS.set(b);
        }
        b.reset();
        b.write(HEADER, 0, HEADER.length);
        return new HistoryCopy(b);
    }

    private HistoryCopy(Buffer out) {
        this.out = out;
    }

    void add(String tenant, String entityId, String attr, Instant observedAt, byte[] instanceJson, Instant writtenAt) {
        if (rows < SMALL) {
            small[0][rows] = tenant;
            small[1][rows] = entityId;
            small[2][rows] = attr;
            small[3][rows] = observedAt;
            small[4][rows] = instanceJson;
            small[5][rows] = writtenAt;
        }
        out.int16(6);
        out.text(tenant);
        out.text(entityId);
        out.text(attr);
        timestamp(observedAt);
        out.int32(instanceJson.length + 1);
        out.write(1);                                   // jsonb binary format version
        out.write(instanceJson, 0, instanceJson.length);
        timestamp(writtenAt);
        rows++;
    }

    private void timestamp(Instant t) {
        out.int32(8);
        long seconds = t.getEpochSecond() - PG_EPOCH;
        // Rounded to the microsecond as PostgreSQL rounds a timestamp it parses (the late path's INSERT).
        out.int64(seconds * 1_000_000L + (t.getNano() + 500) / 1_000);
    }

    int rows() {
        return rows;
    }

    /** A time as PostgreSQL reads it, rounded to the microsecond as {@link #timestamp} rounds it for COPY. */
    private static String micros(Instant t) {
        long micros = t.getEpochSecond() * 1_000_000L + (t.getNano() + 500) / 1_000;
        return Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS).toString();
    }

    /**
     * Adds the rows to a pipeline as one {@code INSERT … unnest}, if there are at most {@link #SMALL}; false (nothing
     * added) if there are more, for {@link #send}.
     */
    boolean into(Connection c, Pipeline pipeline) throws SQLException {
        if (rows == 0) {
            return true;
        }
        if (rows > SMALL) {
            return false;
        }
        java.sql.Array[] columns = new java.sql.Array[6];
        for (int i = 0; i < 6; i++) {
            String[] texts = new String[rows];
            for (int r = 0; r < rows; r++) {
                texts[r] = switch (small[i][r]) {
                    case Instant t -> micros(t);
                    case byte[] json -> new String(json, StandardCharsets.UTF_8);
                    case Object text -> (String) text;
                };
            }
            columns[i] = c.createArrayOf("text", texts);
        }
        pipeline.add(INSERT_SMALL, (statement, first) -> {
            for (int i = 0; i < 6; i++) {
                statement.setArray(first + i, columns[i]);
            }
            return first + 6;
        });
        return true;
    }

    /** Sends the rows (none: nothing is sent); part of the connection's current transaction. */
    void send(Connection c) throws SQLException {
        if (rows == 0) {
            return;
        }
        out.int16(-1);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(out.array(), 0, out.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A byte buffer with big-endian writes and access to its array (no copy to send it). */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }

        int capacity() {
            return buf.length;
        }

        void int16(int v) {
            write(v >>> 8);
            write(v);
        }

        void int32(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int32(b.length);
            write(b, 0, b.length);
        }
    }
}
