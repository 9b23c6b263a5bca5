package org.saola.opendata.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.saola.platform.publish.DataOffer;

/**
 * Counts of people made safe to publish, the way national statistics offices do it (ONS's "10-5 rule"): in a
 * two-way table (e.g. reports by category and ward) with its row, column and grand totals,
 * <ol>
 * <li><b>primary suppression</b>: a count above zero and below the threshold (10) is not published;</li>
 * <li><b>secondary suppression</b>: a row or column (each an equation "cells add up to the total"), and the
 *     totals themselves (rows' totals add up to the grand total, so do columns'), never has exactly one hidden
 *     term, or the others would give it away: the smallest published count of that equation is hidden too,
 *     until no equation has a single hidden term;</li>
 * <li><b>rounding</b>: every count published is rounded to the nearest multiple of 5, so that no sum or difference
 *     of published counts is exact.</li>
 * </ol>
 * Zeros are published as zeros (absent cells). Pure and deterministic: the same table gives the same answer.
 */
public final class DisclosureControl {

    /** The rules of one tenant: counts under {@code threshold} are hidden, the rest rounded to {@code rounding}. */
    public record Rules(int threshold, int rounding) {
        public static final Rules DEFAULT = new Rules(10, 5);

        public Rules {
            if (threshold < 1 || rounding < 1) {
                throw new IllegalArgumentException("disclosure control needs a threshold and a rounding base of at least 1");
            }
        }
    }

    /** A published cell: a count rounded, or null where hidden. Totals have {@link DataOffer.PeopleCounts#TOTAL} as label. */
    public record Cell(String row, String column, Long count) {
    }

    private record Key(String row, String column) {
    }

    private DisclosureControl() {
    }

    /**
     * The table {@code counts} (by row, then column; a missing cell is zero) with totals, protected. Rows of the
     * answer: each non-zero cell, hidden cells that were zero where secondary suppression needed one, each
     * row's total, each column's total and the grand total.
     */
    public static List<Cell> protect(Map<String, Map<String, Long>> counts, Rules rules) {
        Map<Key, Long> cells = new LinkedHashMap<>();
        Set<String> rows = new TreeSet<>();
        Set<String> columns = new TreeSet<>();
        counts.forEach((r, byColumn) -> byColumn.forEach((c, v) -> {
            if (v == null || v < 0) {
                throw new IllegalArgumentException("a count is zero or more: " + r + "/" + c);
            }
            if (v > 0) {
                cells.merge(new Key(r, c), v, Long::sum);
                rows.add(r);
                columns.add(c);
            }
        }));
        String total = DataOffer.PeopleCounts.TOTAL;
        if (rows.contains(total) || columns.contains(total)) {
            throw new IllegalArgumentException("'" + total + "' labels totals and cannot be a row or column of its own");
        }
        Map<Key, Long> all = new LinkedHashMap<>(cells);
        long grand = 0;
        for (var e : cells.entrySet()) {
            all.merge(new Key(e.getKey().row(), total), e.getValue(), Long::sum);
            all.merge(new Key(total, e.getKey().column()), e.getValue(), Long::sum);
            grand += e.getValue();
        }
        Key grandKey = new Key(total, total);
        all.put(grandKey, grand);

        Set<Key> hidden = new HashSet<>();
        all.forEach((k, v) -> {
            if (v > 0 && v < rules.threshold()) {
                hidden.add(k);
            }
        });
        // Each equation: its terms (the last one is the total they add up to).
        List<List<Key>> equations = new ArrayList<>();
        List<String> columnsAndTotal = new ArrayList<>(columns);
        columnsAndTotal.add(total);
        List<String> rowsAndTotal = new ArrayList<>(rows);
        rowsAndTotal.add(total);
        for (String r : rowsAndTotal) {
            List<Key> terms = new ArrayList<>();
            columns.forEach(c -> terms.add(new Key(r, c)));
            terms.add(new Key(r, total));
            equations.add(terms);
        }
        for (String c : columnsAndTotal) {
            List<Key> terms = new ArrayList<>();
            rows.forEach(r -> terms.add(new Key(r, c)));
            terms.add(new Key(total, c));
            equations.add(terms);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Key> terms : equations) {
                long hiddenTerms = terms.stream().filter(hidden::contains).count();
                if (hiddenTerms != 1) {
                    continue;
                }
                // Hide the smallest published count of the equation; a zero only when nothing else is left.
                Key next = terms.stream().filter(k -> !hidden.contains(k))
                        .min(Comparator.comparingLong((Key k) -> all.getOrDefault(k, 0L) == 0 ? Long.MAX_VALUE : all.get(k))
                                .thenComparing(Key::row).thenComparing(Key::column))
                        .orElseThrow();
                hidden.add(next);
                changed = true;
            }
        }
        List<Cell> published = new ArrayList<>();
        for (String r : rowsAndTotal) {
            for (String c : columnsAndTotal) {
                Key k = new Key(r, c);
                long v = all.getOrDefault(k, 0L);
                if (hidden.contains(k)) {
                    published.add(new Cell(r, c, null));
                } else if (v > 0 || k.equals(grandKey)) {
                    published.add(new Cell(r, c, round(v, rules.rounding())));
                }
            }
        }
        return published;
    }

    static long round(long v, int base) {
        return Math.round(v / (double) base) * base;
    }
}
