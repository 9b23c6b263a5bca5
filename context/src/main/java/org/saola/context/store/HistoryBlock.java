package org.saola.context.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compacted period of one attribute's history (issue #17, item 4): its instances in one compressed block
 * instead of a row each. Lossless by construction and by check: a block is kept only if every instance decodes
 * back to the JSON the API would have served from its row (same members in the same order, same numbers, same
 * {@code observedAt} text), the same instance number, observation time and time of writing.
 *
 * <p>Two encodings:
 * <ul>
 * <li>{@link #NUMERIC}: instances that differ only in their numeric {@code value} and {@code observedAt} (the
 * readings of a sensor). The members they share are kept once (the template); the columns are bit-packed:
 * observation times, instance numbers, the time of writing (as its lag behind the observation) and values as
 * scaled decimals (21.3 → 213, when every value is a short decimal) each as deltas or deltas of deltas in a
 * variable-length code that gives small numbers few bits (a regular series costs one bit an instance per column),
 * or as fixed-width offsets above the block's minimum (noise, such as the arrival lag), whichever is shortest for
 * the block; values that are not short decimals as XOR-coded doubles, as Gorilla does (Pelkonen et al., VLDB
 * 2015).</li>
 * <li>{@link #GENERIC}: anything else (text, structured values, mixed members): the same time and number columns,
 * and the instances' JSON texts compressed by DEFLATE.</li>
 * <li>{@link #SUMMARY}: no instances left, only the block's summaries: retention dropped the day's raw history
 * and kept what aggregations need ({@code saola.context.history-retention}, keep {@code summaries}).</li>
 * </ul>
 */
public final class HistoryBlock {

    public static final short NUMERIC = 1;
    public static final short GENERIC = 2;
    public static final short SUMMARY = 3;

    /** How {@code observedAt} was written in every instance of a numeric block. */
    static final int OBSERVED_ABSENT = 0;
    static final int OBSERVED_ISO = 1;          // Instant.toString(): 2026-12-03T10:00:00Z, …:00.5Z
    static final int OBSERVED_MILLIS = 2;       // always three decimals: 2026-12-03T10:00:00.000Z

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One instance of history as its row holds it: times in microseconds since 1970, written time maybe null. */
    public record Row(long instanceId, long observedMicros, Long writtenMicros, String text) {
    }

    /** A decoded instance: its number, times, and the JSON the API serves (without {@code instanceId}). */
    public record Instance(long instanceId, long observedMicros, Long writtenMicros, ObjectNode json) {
    }

    /**
     * Numeric summaries of a block's instances (those whose value is a number), for aggregations that can use
     * them whole: count of all instances, count of numeric ones, sum, min, max, sum of squares and the sum of
     * squared deviations from the mean (for the standard deviation, combined as PostgreSQL combines its own).
     */
    public record Summary(int count, int numbers, double sum, Double min, Double max, double sumOfSquares, double m2) {

        /** The summary of both sets of instances (squared deviations combined as Chan et al. do). */
        public Summary plus(Summary o) {
            if (o.numbers == 0 || numbers == 0) {
                Summary n = numbers == 0 ? o : this;
                return new Summary(count + o.count, n.numbers, n.sum, n.min, n.max, n.sumOfSquares, n.m2);
            }
            double delta = o.sum / o.numbers - sum / numbers;
            return new Summary(count + o.count, numbers + o.numbers, sum + o.sum, Math.min(min, o.min), Math.max(max, o.max),
                    sumOfSquares + o.sumOfSquares,
                    m2 + o.m2 + delta * delta * numbers * (double) o.numbers / (numbers + o.numbers));
        }
    }

    /** What is stored for a block. */
    public record Encoded(short encoding, String template, byte[] data, int count, long firstObserved,
            long lastObserved, long firstWritten, long lastWritten, long firstId, long lastId, Summary summary) {
    }

    private HistoryBlock() {
    }

    /** Encodes rows (any order; stored in order of observation, then number). */
    public static Encoded encode(List<Row> input, JsonMapper json) {
        if (input.isEmpty()) {
            throw new IllegalArgumentException("a block holds at least one instance");
        }
        List<Row> rows = new ArrayList<>(input);
        rows.sort((a, b) -> a.observedMicros != b.observedMicros ? Long.compare(a.observedMicros, b.observedMicros)
                : Long.compare(a.instanceId, b.instanceId));
        List<ObjectNode> parsed = new ArrayList<>(rows.size());
        for (Row r : rows) {
            parsed.add((ObjectNode) json.readTree(r.text()));
        }
        Summary summary = summary(parsed);
        Encoded numeric = numeric(rows, parsed, json, summary);
        if (numeric != null && sameAsRows(numeric, rows, parsed, json)) {
            return numeric;
        }
        Encoded generic = generic(rows, summary);
        if (!sameAsRows(generic, rows, parsed, json)) {
            throw new IllegalStateException("history block does not decode to its rows");   // a bug, never data
        }
        return generic;
    }

    /** The instances of a block, in order of observation. */
    public static List<Instance> decode(short encoding, String template, byte[] data, JsonMapper json) {
        Opened o = open(encoding, template, data, json);
        List<Instance> out = new ArrayList<>(o.size());
        for (int i = 0; i < o.size(); i++) {
            out.add(new Instance(o.instanceId(i), o.observedMicros(i), o.writtenMicros(i), o.json(i)));
        }
        return out;
    }

    /**
     * A block's columns decoded, each instance's JSON built only when asked for (a query that keeps a few instances
     * of a day pays for the columns, not for 1 440 objects).
     */
    public static final class Opened {
        private final long[] ids;
        private final long[] observed;
        private final Long[] written;
        private final ObjectNode shape;
        private final List<String> order;
        private final int observedForm;
        private final int kind;
        private final long[] longs;
        private final double[] doubles;
        private final double divisor;
        private final String[] texts;
        private final JsonMapper json;

        private Opened(long[] ids, long[] observed, Long[] written, ObjectNode shape, List<String> order, int observedForm,
                int kind, long[] longs, double[] doubles, double divisor, String[] texts, JsonMapper json) {
            this.ids = ids;
            this.observed = observed;
            this.written = written;
            this.shape = shape;
            this.order = order;
            this.observedForm = observedForm;
            this.kind = kind;
            this.longs = longs;
            this.doubles = doubles;
            this.divisor = divisor;
            this.texts = texts;
            this.json = json;
        }

        public int size() {
            return ids.length;
        }

        public long instanceId(int i) {
            return ids[i];
        }

        public long observedMicros(int i) {
            return observed[i];
        }

        public Long writtenMicros(int i) {
            return written[i];
        }

        /** The time temporal queries by {@code createdAt}/{@code modifiedAt} use: when written, else when observed. */
        public long writtenOrObserved(int i) {
            return written[i] != null ? written[i] : observed[i];
        }

        /** The instance's value as PostgreSQL reads it as a number, or null if it is not one. */
        public Double number(int i) {
            if (texts == null) {
                return kind == 0 ? (double) longs[i] : kind == 1 ? longs[i] / divisor : doubles[i];
            }
            JsonNode v = json(i).get("value");
            return v != null && v.isNumber() ? HistoryBlock.number(v) : null;
        }

        /** The instance's value, or null if it has none. */
        public JsonNode value(int i) {
            if (texts == null) {
                return kind == 0 ? json.getNodeFactory().numberNode(longs[i])
                        : json.getNodeFactory().numberNode(kind == 1 ? longs[i] / divisor : doubles[i]);
            }
            return json(i).get("value");
        }

        /** The instance's JSON, a new object on each call. */
        public ObjectNode json(int i) {
            if (texts != null) {
                return (ObjectNode) json.readTree(texts[i]);
            }
            ObjectNode node = json.createObjectNode();
            for (String member : order) {
                switch (member) {
                    case "value" -> {
                        if (kind == 0) {
                            node.put("value", longs[i]);
                        } else if (kind == 1) {
                            node.put("value", longs[i] / divisor);
                        } else {
                            node.put("value", doubles[i]);
                        }
                    }
                    case "observedAt" -> node.put("observedAt", observedText(observedForm, observed[i]));
                    default -> node.set(member, shape.get(member).deepCopy());
                }
            }
            return node;
        }
    }

    /** Decodes a block's columns. */
    public static Opened open(short encoding, String template, byte[] data, JsonMapper json) {
        if (encoding == SUMMARY) {
            return new Opened(new long[0], new long[0], new Long[0], null, null, 0, 0, null, null, 1, new String[0], json);
        }
        Bits.Reader in = new Bits.Reader(data);
        int n = (int) in.unsignedVar();
        long[] ids = in.column(n);
        long[] observed = in.column(n);
        Long[] written = written(in, n, observed);
        if (encoding != NUMERIC) {
            return new Opened(ids, observed, written, null, null, 0, 0, null, null, 1, inflate(in.rest()).split("\n", -1), json);
        }
        ObjectNode shape = (ObjectNode) json.readTree(template);
        int observedForm = (int) in.bits(2);
        int kind = (int) in.bits(2);
        List<String> order = new ArrayList<>(shape.propertyNames());
        order.add("value");
        if (observedForm != OBSERVED_ABSENT) {
            order.add("observedAt");
        }
        order.sort(HistoryBlock::jsonbOrder);
        double[] doubles = null;
        long[] longs = null;
        int scale = 0;
        switch (kind) {
            case 0 -> longs = in.column(n);
            case 1 -> {
                scale = (int) in.bits(5);
                longs = in.column(n);
            }
            default -> doubles = in.xorDoubles(n);
        }
        return new Opened(ids, observed, written, shape, order, observedForm, kind, longs, doubles, Math.pow(10, scale), null, json);
    }

    // --- encoding ---------------------------------------------------------------------------------------------

    private static Encoded numeric(List<Row> rows, List<ObjectNode> parsed, JsonMapper json, Summary summary) {
        ObjectNode template = parsed.getFirst().deepCopy();
        template.remove("value");
        template.remove("observedAt");
        int kind = -1;                               // 0 integers, 1 short decimals, 2 any doubles
        int observedForm = -1;
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode p = parsed.get(i);
            JsonNode value = p.get("value");
            if (value == null || !value.isNumber()) {
                return null;
            }
            int k;
            if (value.isInt() || value.isLong()) {
                k = 0;
            } else if (value.isDouble()) {
                k = 2;
            } else {
                return null;                         // big integers and decimals: kept as text
            }
            if (kind >= 0 && (kind == 0) != (k == 0)) {
                return null;
            }
            kind = k;
            JsonNode at = p.get("observedAt");
            int form = at == null ? OBSERVED_ABSENT : !at.isString() ? -2
                    : at.asString().equals(observedText(OBSERVED_ISO, rows.get(i).observedMicros())) ? OBSERVED_ISO
                    : at.asString().equals(observedText(OBSERVED_MILLIS, rows.get(i).observedMicros())) ? OBSERVED_MILLIS : -2;
            if (form == -2 || observedForm >= 0 && form != observedForm) {
                return null;
            }
            observedForm = form;
            if (p.size() != template.size() + (at == null ? 1 : 2)) {
                return null;
            }
            for (var member : template.properties()) {
                if (!member.getValue().equals(p.get(member.getKey()))) {
                    return null;
                }
            }
        }
        Bits.Writer out = columns(rows);
        out.bits(observedForm, 2);
        int scale = kind == 2 ? decimalScale(parsed) : -1;
        if (kind == 0) {
            out.bits(0, 2);
            long[] v = new long[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = parsed.get(i).get("value").asLong();
            }
            out.column(v);
        } else if (scale >= 0) {
            out.bits(1, 2);
            out.bits(scale, 5);
            double factor = Math.pow(10, scale);
            long[] v = new long[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.round(parsed.get(i).get("value").asDouble() * factor);
            }
            out.column(v);
        } else {
            out.bits(2, 2);
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = parsed.get(i).get("value").asDouble();
            }
            out.xorDoubles(v);
        }
        return encoded(NUMERIC, json.writeValueAsString(template), out.toByteArray(), rows, summary);
    }

    /** The fewest decimals (up to 15) that write every value exactly, or -1 if some need more. */
    private static int decimalScale(List<ObjectNode> parsed) {
        int scale = 0;
        for (ObjectNode p : parsed) {
            double d = p.get("value").asDouble();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return -1;
            }
            while (scale <= 15 && !exact(d, scale)) {
                scale++;
            }
            if (scale > 15) {
                return -1;
            }
        }
        return scale;
    }

    private static boolean exact(double d, int scale) {
        double factor = Math.pow(10, scale);
        double scaled = d * factor;
        if (Math.abs(scaled) >= 1L << 53) {
            return false;
        }
        long l = Math.round(scaled);
        return Double.doubleToRawLongBits(l / factor) == Double.doubleToRawLongBits(d);
    }

    private static Encoded generic(List<Row> rows, Summary summary) {
        Bits.Writer out = columns(rows);
        StringBuilder texts = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                texts.append('\n');
            }
            texts.append(rows.get(i).text());           // JSON text never holds a raw newline
        }
        out.bytes(deflate(texts.toString()));
        return encoded(GENERIC, null, out.toByteArray(), rows, summary);
    }

    /** Count, numbers, observation and writing times: the columns both encodings start with. */
    private static Bits.Writer columns(List<Row> rows) {
        int n = rows.size();
        Bits.Writer out = new Bits.Writer();
        out.unsignedVar(n);
        long[] ids = new long[n];
        long[] observed = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rows.get(i).instanceId();
            observed[i] = rows.get(i).observedMicros();
        }
        out.column(ids);
        out.column(observed);
        // Times of writing: none, all, or some (a bit each); each as the change of its lag behind observation.
        int present = 0;
        for (Row r : rows) {
            present += r.writtenMicros() != null ? 1 : 0;
        }
        int mode = present == 0 ? 0 : present == n ? 1 : 2;
        out.bits(mode, 2);
        if (mode == 2) {
            for (Row r : rows) {
                out.bits(r.writtenMicros() != null ? 1 : 0, 1);
            }
        }
        if (mode > 0) {
            long[] lags = new long[present];
            int j = 0;
            for (Row r : rows) {
                if (r.writtenMicros() != null) {
                    lags[j++] = r.writtenMicros() - r.observedMicros();
                }
            }
            out.column(lags);
        }
        return out;
    }

    private static Long[] written(Bits.Reader in, int n, long[] observed) {
        Long[] written = new Long[n];
        int mode = (int) in.bits(2);
        if (mode == 0) {
            return written;
        }
        boolean[] has = new boolean[n];
        int present = 0;
        for (int i = 0; i < n; i++) {
            has[i] = mode == 1 || in.bits(1) == 1;
            present += has[i] ? 1 : 0;
        }
        long[] lags = in.column(present);
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (has[i]) {
                written[i] = observed[i] + lags[j++];
            }
        }
        return written;
    }

    private static Encoded encoded(short encoding, String template, byte[] data, List<Row> rows, Summary summary) {
        long firstWritten = Long.MAX_VALUE;
        long lastWritten = Long.MIN_VALUE;
        long firstId = Long.MAX_VALUE;
        long lastId = Long.MIN_VALUE;
        for (Row r : rows) {
            long w = r.writtenMicros() != null ? r.writtenMicros() : r.observedMicros();
            firstWritten = Math.min(firstWritten, w);
            lastWritten = Math.max(lastWritten, w);
            firstId = Math.min(firstId, r.instanceId());
            lastId = Math.max(lastId, r.instanceId());
        }
        return new Encoded(encoding, template, data, rows.size(), rows.getFirst().observedMicros(),
                rows.getLast().observedMicros(), firstWritten, lastWritten, firstId, lastId, summary);
    }

    private static boolean sameAsRows(Encoded e, List<Row> rows, List<ObjectNode> parsed, JsonMapper json) {
        List<Instance> back = decode(e.encoding(), e.template(), e.data(), json);
        if (back.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Instance d = back.get(i);
            if (d.instanceId() != r.instanceId() || d.observedMicros() != r.observedMicros()
                    || !java.util.Objects.equals(d.writtenMicros(), r.writtenMicros())
                    || !json.writeValueAsString(d.json()).equals(json.writeValueAsString(parsed.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The numeric summaries, with the numbers read as PostgreSQL reads {@code (instance ->> 'value')::float8}. */
    static Summary summary(List<ObjectNode> instances) {
        int numbers = 0;
        double sum = 0;
        double squares = 0;
        double mean = 0;
        double m2 = 0;
        Double min = null;
        Double max = null;
        for (ObjectNode p : instances) {
            JsonNode value = p.get("value");
            if (value == null || !value.isNumber()) {
                continue;
            }
            double v = number(value);
            numbers++;
            sum += v;
            squares += v * v;
            double delta = v - mean;
            mean += delta / numbers;
            m2 += delta * (v - mean);
            min = min == null ? v : Math.min(min, v);
            max = max == null ? v : Math.max(max, v);
        }
        return new Summary(instances.size(), numbers, sum, min, max, squares, m2);
    }

    /** A JSON number as a double, as PostgreSQL casts its text. */
    static double number(JsonNode value) {
        return value.isDouble() || value.isInt() || value.isLong() ? value.asDouble() : Double.parseDouble(value.toString());
    }

    /** The order in which PostgreSQL's jsonb keeps an object's keys: shorter first, then by their bytes. */
    static int jsonbOrder(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    static String observedText(int form, long micros) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return switch (form) {
            case OBSERVED_ISO -> t.toString();
            case OBSERVED_MILLIS -> MILLIS.format(t);
            default -> null;
        };
    }

    private static byte[] deflate(String text) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            d.setInput(text.getBytes(StandardCharsets.UTF_8));
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static String inflate(byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("history block truncated");
                }
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("history block corrupt", e);
        } finally {
            inflater.end();
        }
    }

    /** Bit-level writing and reading of the columns. */
    static final class Bits {

        private Bits() {
        }

        static final class Writer {
            private byte[] buf = new byte[256];
            private long bitCount;

            void bits(long value, int count) {
                for (int i = count - 1; i >= 0; i--) {
                    int byteIndex = (int) (bitCount >>> 3);
                    if (byteIndex >= buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    if (((value >>> i) & 1) != 0) {
                        buf[byteIndex] |= (byte) (0x80 >>> (bitCount & 7));
                    }
                    bitCount++;
                }
            }

            void unsignedVar(long v) {
                int length = 64 - Long.numberOfLeadingZeros(v);
                bits(length, 7);
                if (length > 0) {
                    bits(v, length);
                }
            }

            /**
             * A signed number in few bits when it is small (zigzag z): 0 → {@code 0}; z < 8 → {@code 10} and 3 bits;
             * z < 128 → {@code 110} and 7 bits; z < 4096 → {@code 1110} and 12 bits; else {@code 1111}, 6 bits of
             * length and the bits.
             */
            void signed(long v) {
                if (v == 0) {
                    bits(0, 1);
                    return;
                }
                long z = (v << 1) ^ (v >> 63);
                if (z >>> 3 == 0) {
                    bits(0b10, 2);
                    bits(z, 3);
                } else if (z >>> 7 == 0) {
                    bits(0b110, 3);
                    bits(z, 7);
                } else if (z >>> 12 == 0) {
                    bits(0b1110, 4);
                    bits(z, 12);
                } else {
                    int length = 64 - Long.numberOfLeadingZeros(z);
                    bits(0b1111, 4);
                    bits(length - 1, 6);
                    bits(z, length);
                }
            }

            /**
             * A column as deltas, as deltas of deltas, or as offsets of a fixed width above its minimum (noise, such
             * as the lag of a reading's arrival), whichever takes fewest bits (two bits say which).
             */
            void column(long[] v) {
                Writer deltas = new Writer();
                deltas.series1(v);
                Writer dod = new Writer();
                dod.series(v);
                Writer best = dod.bitCount < deltas.bitCount ? dod : deltas;
                int mode = best == dod ? 1 : 0;
                Writer offsets = offsets(v);
                if (offsets != null && offsets.bitCount < best.bitCount) {
                    best = offsets;
                    mode = 2;
                }
                bits(mode, 2);
                append(best);
            }

            /** The minimum, the width, then each value's offset above the minimum; null if the range overflows. */
            private static Writer offsets(long[] v) {
                if (v.length == 0) {
                    return null;
                }
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (long x : v) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
                long range = max - min;
                if (range < 0) {
                    return null;
                }
                int width = 64 - Long.numberOfLeadingZeros(range);
                Writer w = new Writer();
                w.signed(min);
                w.bits(width, 7);
                for (long x : v) {
                    w.bits(x - min, width);
                }
                return w;
            }

            private void append(Writer other) {
                for (long i = 0; i < other.bitCount; i++) {
                    bits((other.buf[(int) (i >>> 3)] >>> (7 - (i & 7))) & 1, 1);
                }
            }

            /** First value, first delta, then deltas of deltas. */
            void series(long[] v) {
                if (v.length == 0) {
                    return;
                }
                signed(v[0]);
                if (v.length > 1) {
                    signed(v[1] - v[0]);
                }
                for (int i = 2; i < v.length; i++) {
                    signed((v[i] - v[i - 1]) - (v[i - 1] - v[i - 2]));
                }
            }

            /** First value, then deltas. */
            void series1(long[] v) {
                if (v.length == 0) {
                    return;
                }
                signed(v[0]);
                for (int i = 1; i < v.length; i++) {
                    signed(v[i] - v[i - 1]);
                }
            }

            /** Gorilla's XOR coding of doubles. */
            void xorDoubles(double[] v) {
                if (v.length == 0) {
                    return;
                }
                long previous = Double.doubleToRawLongBits(v[0]);
                bits(previous, 64);
                int leading = -1;
                int trailing = 0;
                for (int i = 1; i < v.length; i++) {
                    long bits = Double.doubleToRawLongBits(v[i]);
                    long x = bits ^ previous;
                    previous = bits;
                    if (x == 0) {
                        bits(0, 1);
                        continue;
                    }
                    bits(1, 1);
                    int lz = Math.min(Long.numberOfLeadingZeros(x), 31);
                    int tz = Long.numberOfTrailingZeros(x);
                    if (leading >= 0 && lz >= leading && tz >= trailing) {
                        bits(0, 1);
                        bits(x >>> trailing, 64 - leading - trailing);
                    } else {
                        bits(1, 1);
                        bits(lz, 5);
                        int significant = 64 - lz - tz;
                        bits(significant - 1, 6);
                        bits(x >>> tz, significant);
                        leading = lz;
                        trailing = tz;
                    }
                }
            }

            /** Whole bytes from the next byte boundary to the end. */
            void bytes(byte[] b) {
                bitCount = (bitCount + 7) & ~7L;
                for (byte x : b) {
                    bits(x & 0xFF, 8);
                }
            }

            byte[] toByteArray() {
                return Arrays.copyOf(buf, (int) ((bitCount + 7) >>> 3));
            }
        }

        static final class Reader {
            private final byte[] buf;
            private long position;

            Reader(byte[] buf) {
                this.buf = buf;
            }

            long bits(int count) {
                long v = 0;
                for (int i = 0; i < count; i++) {
                    int byteIndex = (int) (position >>> 3);
                    if (byteIndex >= buf.length) {
                        throw new IllegalStateException("history block truncated");
                    }
                    v = (v << 1) | ((buf[byteIndex] >>> (7 - (position & 7))) & 1);
                    position++;
                }
                return v;
            }

            long unsignedVar() {
                int length = (int) bits(7);
                return length == 0 ? 0 : bits(length);
            }

            long signed() {
                long z;
                if (bits(1) == 0) {
                    return 0;
                } else if (bits(1) == 0) {
                    z = bits(3);
                } else if (bits(1) == 0) {
                    z = bits(7);
                } else if (bits(1) == 0) {
                    z = bits(12);
                } else {
                    z = bits((int) bits(6) + 1);
                }
                return (z >>> 1) ^ -(z & 1);
            }

            long[] column(int n) {
                return switch ((int) bits(2)) {
                    case 0 -> series1(n);
                    case 1 -> series(n);
                    default -> offsets(n);
                };
            }

            long[] offsets(int n) {
                long[] v = new long[n];
                if (n == 0) {
                    return v;
                }
                long min = signed();
                int width = (int) bits(7);
                for (int i = 0; i < n; i++) {
                    v[i] = min + bits(width);
                }
                return v;
            }

            long[] series(int n) {
                long[] v = new long[n];
                if (n == 0) {
                    return v;
                }
                v[0] = signed();
                if (n > 1) {
                    v[1] = v[0] + signed();
                }
                for (int i = 2; i < n; i++) {
                    v[i] = 2 * v[i - 1] - v[i - 2] + signed();
                }
                return v;
            }

            long[] series1(int n) {
                long[] v = new long[n];
                if (n == 0) {
                    return v;
                }
                v[0] = signed();
                for (int i = 1; i < n; i++) {
                    v[i] = v[i - 1] + signed();
                }
                return v;
            }

            double[] xorDoubles(int n) {
                double[] v = new double[n];
                if (n == 0) {
                    return v;
                }
                long previous = bits(64);
                v[0] = Double.longBitsToDouble(previous);
                int leading = 0;
                int trailing = 0;
                for (int i = 1; i < n; i++) {
                    if (bits(1) == 1) {
                        if (bits(1) == 1) {
                            leading = (int) bits(5);
                            int significant = (int) bits(6) + 1;
                            trailing = 64 - leading - significant;
                        }
                        long x = bits(64 - leading - trailing) << trailing;
                        previous ^= x;
                    }
                    v[i] = Double.longBitsToDouble(previous);
                }
                return v;
            }

            byte[] rest() {
                position = (position + 7) & ~7L;
                return Arrays.copyOfRange(buf, (int) (position >>> 3), buf.length);
            }
        }
    }
}
