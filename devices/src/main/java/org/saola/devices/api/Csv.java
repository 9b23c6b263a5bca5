package org.saola.devices.api;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: fields separated by commas, quoted with double quotes (a quote inside doubled), rows by CRLF or LF. */
final class Csv {

    private Csv() {
    }

    /** The rows of {@code text}, each a list of fields; a trailing empty line is not a row. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;          // a byte-order mark, as spreadsheets write
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed at the end of the file");
        }
        if (!field.isEmpty() || !row.isEmpty() || wasQuoted) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
