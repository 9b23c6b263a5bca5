package org.saola.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * History rows in PostgreSQL's binary COPY format, as Saola's writer sends them: tenant, entity, attribute,
 * observation time (microseconds since 2000-01-01), the instance as jsonb (version 1 and its text).
 */
final class CopyRows {

    static final String COPY = copyInto("context_attribute_history");
    /** With the time each instance was written, as Saola's writer sends it since it records that. */
    static final String COPY_WRITTEN = "COPY context_attribute_history (tenant_id, entity_id, attr, observed_at, instance,"
            + " written_at) FROM STDIN (FORMAT binary)";
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};

    private final Out out = new Out();

    /** The COPY of {@link #add(String, String, String, Instant, String)}'s rows into {@code table}. */
    static String copyInto(String table) {
        return "COPY " + table + " (tenant_id, entity_id, attr, observed_at, instance) FROM STDIN (FORMAT binary)";
    }

    void reset() {
        out.reset();
        out.write(HEADER, 0, HEADER.length);
    }

    void add(String tenant, String entity, String attr, Instant at, String json) {
        row(5, tenant, entity, attr, at, json);
    }

    /** A row for {@link #COPY_WRITTEN}. */
    void add(String tenant, String entity, String attr, Instant at, String json, Instant written) {
        row(6, tenant, entity, attr, at, json);
        timestamp(written);
    }

    private void row(int columns, String tenant, String entity, String attr, Instant at, String json) {
        out.int16(columns);
        out.text(tenant);
        out.text(entity);
        out.text(attr);
        timestamp(at);
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        out.int32(j.length + 1);
        out.write(1);
        out.write(j, 0, j.length);
    }

    private void timestamp(Instant at) {
        out.int32(8);
        out.int64((at.getEpochSecond() - 946_684_800L) * 1_000_000L + at.getNano() / 1_000);
    }

    /** The buffer, with the trailer; valid up to {@link #size()}. */
    byte[] finish() {
        out.int16(-1);
        return out.array();
    }

    int size() {
        return out.size();
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(1 << 20);
        }

        byte[] array() {
            return buf;
        }

        void int16(int v) {
            write(v >>> 8);
            write(v);
        }

        void int32(int v) {
            int16(v >>> 16);
            int16(v);
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
