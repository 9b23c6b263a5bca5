package org.saola.opendata.api;

/** A value as a CSV (or TSV) field: quoted, quotes doubled, when it holds the separator, a quote or a line break. */
final class CsvField {

    private CsvField() {
    }

    static String of(Object value, char separator) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        return s.indexOf(separator) >= 0 || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
