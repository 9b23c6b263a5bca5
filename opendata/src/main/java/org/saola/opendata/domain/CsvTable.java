package org.saola.opendata.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.saola.platform.InvalidInputException;
import org.saola.platform.publish.DataColumn;

/**
 * A CSV file staff upload, read as a table the way CKAN's loaders do it: the first line names the columns (each
 * made a field id: lower case, other characters as '_', the header kept as its label), the first rows decide
 * each column's type (whole numbers, decimals, dates, date and times, true/false, else text), and the rest
 * streams through, a row at a time, so a file of millions of rows needs little memory. RFC 4180: commas,
 * double quotes (doubled inside), line breaks inside quotes, CRLF or LF, an optional UTF-8 byte-order mark. A
 * value that does not fit its column's type, or a row with too many fields, is an error naming its line.
 */
public final class CsvTable {

    static final int SAMPLE_ROWS = 1000;
    static final int MAX_COLUMNS = 200;
    static final int MAX_FIELD = 1 << 20;

    private final Reader in;
    private final List<DataColumn> columns;
    private final List<List<String>> sample = new ArrayList<>();
    private long line = 1;
    private boolean ended;

    private CsvTable(Reader in) {
        this.in = in;
        List<String> header = next();
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw new InvalidInputException("file", "the CSV file is empty: its first line names the columns");
        }
        if (header.size() > MAX_COLUMNS) {
            throw new InvalidInputException("file", "a table has at most " + MAX_COLUMNS + " columns; this one has " + header.size());
        }
        for (int i = 0; i < SAMPLE_ROWS; i++) {
            List<String> row = next();
            if (row == null) {
                break;
            }
            sample.add(row);
        }
        List<DataColumn> cols = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String label = header.get(c).strip();
            String id = id(label.isEmpty() ? "column_" + (c + 1) : label);
            String unique = id;
            for (int n = 2; !ids.add(unique); n++) {
                unique = id.substring(0, Math.min(id.length(), 58)) + "_" + n;
            }
            int col = c;
            cols.add(DataColumn.of(unique, infer(sample.stream().map(r -> col < r.size() ? r.get(col) : "").toList()),
                    label.isEmpty() ? unique : label, label.isEmpty() ? unique : label));
        }
        this.columns = List.copyOf(cols);
    }

    /** Reads the header and the first rows (to type the columns); the rest is read by {@link #rows}. */
    public static CsvTable read(Reader in) {
        return new CsvTable(in.markSupported() ? in : new java.io.BufferedReader(in, 1 << 16));
    }

    public List<DataColumn> columns() {
        return columns;
    }

    /** Every row, typed by its column, to {@code sink}; the first that does not fit throws, naming its line. */
    public void rows(Consumer<List<Object>> sink) {
        long first = line - sample.size();
        for (int i = 0; i < sample.size(); i++) {
            sink.accept(typed(sample.get(i), first + i));
        }
        sample.clear();
        List<String> row;
        while ((row = next()) != null) {
            sink.accept(typed(row, line - 1));
        }
    }

    private List<Object> typed(List<String> row, long at) {
        if (row.size() > columns.size()) {
            throw new InvalidInputException("file", "line " + at + " has " + row.size() + " fields; the header names " + columns.size());
        }
        List<Object> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            String v = c < row.size() ? row.get(c) : "";
            try {
                out.add(value(v, columns.get(c).type()));
            } catch (RuntimeException e) {
                throw new InvalidInputException("file", "line " + at + ", column '" + columns.get(c).labelEn() + "': '" + abbreviate(v)
                        + "' is not " + kind(columns.get(c).type()) + " like the first rows of that column");
            }
        }
        return out;
    }

    private static String kind(DataColumn.Type t) {
        return switch (t) {
            case INT -> "a whole number";
            case NUMERIC -> "a number";
            case DATE -> "a date (yyyy-mm-dd)";
            case TIMESTAMP -> "a date and time (ISO 8601)";
            case BOOL -> "true or false";
            case TEXT -> "text";
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** A field id from a header: lower-case letters, digits and '_', starting with a letter, at most 63. */
    static String id(String header) {
        String folded = CatalogueSearch.fold(header).replaceAll("[^a-z0-9]+", "_").replaceAll("(^_+|_+$)", "");
        if (folded.isEmpty() || !Character.isLetter(folded.charAt(0))) {
            folded = "c_" + folded;
        }
        return folded.length() > 63 ? folded.substring(0, 63) : folded;
    }

    static DataColumn.Type infer(List<String> values) {
        List<String> present = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (present.isEmpty()) {
            return DataColumn.Type.TEXT;
        }
        for (DataColumn.Type t : List.of(DataColumn.Type.INT, DataColumn.Type.NUMERIC, DataColumn.Type.DATE, DataColumn.Type.TIMESTAMP,
                DataColumn.Type.BOOL)) {
            if (present.stream().allMatch(v -> fits(v, t))) {
                return t;
            }
        }
        return DataColumn.Type.TEXT;
    }

    private static boolean fits(String v, DataColumn.Type t) {
        try {
            value(v, t);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Object value(String raw, DataColumn.Type t) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return t == DataColumn.Type.TEXT && !raw.isEmpty() ? raw : null;
        }
        return switch (t) {
            case TEXT -> raw;
            case INT -> {
                if (v.length() > 18 || !v.matches("[-+]?\\d+")) {
                    throw new NumberFormatException(v);
                }
                yield Long.parseLong(v);
            }
            case NUMERIC -> {
                if (!v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new NumberFormatException(v);
                }
                yield new BigDecimal(v);
            }
            case DATE -> LocalDate.parse(v);
            case TIMESTAMP -> timestamp(v);
            case BOOL -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(v);
            };
        };
    }

    private static java.time.Instant timestamp(String v) {
        String s = v.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }

    /** The next record's fields, or null at the end. */
    private List<String> next() {
        if (ended) {
            return null;
        }
        try {
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int ch;
            while ((ch = in.read()) != -1) {
                any = true;
                if (line == 1 && fields.isEmpty() && f.isEmpty() && ch == '\uFEFF') {
                    continue;                                   // a byte-order mark
                }
                if (quoted) {
                    if (ch == '"') {
                        in.mark(1);
                        int n = in.read();
                        if (n == '"') {
                            f.append('"');
                        } else {
                            quoted = false;
                            if (n != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        if (ch == '\n') {
                            line++;
                        }
                        f.append((char) ch);
                    }
                } else if (ch == '"' && f.isEmpty()) {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                    if (fields.size() > MAX_COLUMNS) {
                        throw new InvalidInputException("file", "line " + line + " has more than " + MAX_COLUMNS + " fields");
                    }
                } else if (ch == '\n') {
                    line++;
                    fields.add(f.toString());
                    if (fields.size() == 1 && fields.getFirst().isEmpty()) {
                        fields.clear();                         // a blank line
                        any = false;
                        continue;
                    }
                    return fields;
                } else if (ch != '\r') {
                    f.append((char) ch);
                }
                if (f.length() > MAX_FIELD) {
                    throw new InvalidInputException("file", "line " + line + " has a field longer than " + MAX_FIELD + " characters");
                }
            }
            ended = true;
            if (quoted) {
                throw new InvalidInputException("file", "line " + line + ": a quoted field is never closed");
            }
            if (!any || (fields.isEmpty() && f.isEmpty())) {
                return null;
            }
            fields.add(f.toString());
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
