package org.saola.platform.residents;

import java.util.List;

/**
 * One kind of thing held about a resident, as a table: its title and a note (what it is kept for, what is left
 * out) in both languages, its columns and rows (values as text, already in the resident's own words or plain).
 */
public record ResidentDataSection(String id, String titleVi, String titleEn, String noteVi, String noteEn,
        List<Column> columns, List<List<String>> rows) {

    public record Column(String key, String vi, String en) {
    }

    public ResidentDataSection {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> r.stream().map(v -> v == null ? "" : v).toList()).toList();
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + id + " has " + r.size() + " values for " + columns.size() + " columns");
            }
        }
    }
}
