package org.saola.opendata.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.saola.opendata.domain.DisclosureControl.Cell;
import org.saola.opendata.domain.DisclosureControl.Rules;

/**
 * Counts of people: what is small is hidden, what is published is rounded, and an attacker who knows every
 * published number (and how they were rounded) cannot work a hidden count out, by summing margins or by
 * differencing a total with the cells it covers.
 */
class DisclosureControlTest {

    private static final String T = "TOTAL";

    /** Reports by category (rows) and ward (columns): one small cell, pothole in ward B. */
    private static Map<String, Map<String, Long>> reports() {
        Map<String, Map<String, Long>> t = new LinkedHashMap<>();
        t.put("pothole", Map.of("A", 25L, "B", 3L, "C", 40L));
        t.put("light", Map.of("A", 12L, "B", 14L, "C", 30L));
        t.put("litter", Map.of("B", 22L, "C", 18L));
        return t;
    }

    private static Map<String, Long> byKey(List<Cell> cells) {
        Map<String, Long> m = new HashMap<>();
        cells.forEach(c -> m.put(c.row() + "/" + c.column(), c.count()));
        return m;
    }

    @Test
    void aSmallCountIsHiddenAndTheRestRoundedToFive() {
        Map<String, Long> p = byKey(DisclosureControl.protect(reports(), Rules.DEFAULT));
        assertThat(p).containsEntry("pothole/B", null);
        assertThat(p.get("pothole/C")).isEqualTo(40L);
        assertThat(p.get("litter/B")).isEqualTo(20L);                 // 22 rounded
        assertThat(p.get("litter/C")).isEqualTo(20L);                 // 18 rounded
        assertThat(p.get(T + "/" + T)).isEqualTo(165L);               // 164 rounded
        assertThat(p).doesNotContainKey("litter/A");                   // a zero stays an absent row
        p.values().stream().filter(v -> v != null).forEach(v -> assertThat(v % 5).isZero());
        p.values().stream().filter(v -> v != null && v > 0).forEach(v -> assertThat(v).isGreaterThanOrEqualTo(10));
    }

    private static void assertNoEquationHasOneHiddenTerm(List<Cell> cells) {
        Map<String, Integer> hiddenPerRow = new HashMap<>();
        Map<String, Integer> hiddenPerColumn = new HashMap<>();
        cells.stream().filter(c -> c.count() == null).forEach(c -> {
            hiddenPerRow.merge(c.row(), 1, Integer::sum);
            hiddenPerColumn.merge(c.column(), 1, Integer::sum);
        });
        assertThat(hiddenPerRow.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        assertThat(hiddenPerColumn.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    @Test
    void noRowOrColumnHasASingleHiddenCell() {
        List<Cell> cells = DisclosureControl.protect(reports(), Rules.DEFAULT);
        assertNoEquationHasOneHiddenTerm(cells);
        // 3 potholes in B; the pattern that hides it is the smallest rectangle: pothole and light, A and B.
        assertThat(cells.stream().filter(c -> c.count() == null).map(c -> c.row() + "/" + c.column()))
                .containsExactlyInAnyOrder("pothole/A", "pothole/B", "light/A", "light/B");
    }

    @Test
    void anAttackerWithEveryPublishedNumberCannotPinAHiddenCount() {
        var truth = reports();
        List<Cell> published = DisclosureControl.protect(truth, Rules.DEFAULT);
        Map<String, Set<Long>> possible = attack(published, Rules.DEFAULT, 40);
        // The true 3 is among the possibilities, and so are many others: nothing is learnt exactly.
        assertThat(possible.get("pothole/B")).contains(3L).hasSizeGreaterThan(5);
        possible.forEach((cell, values) -> assertThat(values).as(cell).hasSizeGreaterThan(1));
    }

    @Test
    void withoutSecondarySuppressionTheSameAttackWouldSucceed() {
        // The attack is not toothless: with the row total exact and one hidden cell, it pins the count.
        List<Cell> naive = new ArrayList<>();
        reports().forEach((r, byWard) -> byWard.forEach((w, v) -> naive.add(new Cell(r, w, v < 10 ? null : v))));
        naive.add(new Cell("pothole", T, 68L));
        Map<String, Set<Long>> possible = attack(naive, new Rules(10, 1), 40);
        assertThat(possible.get("pothole/B")).containsExactly(3L);
    }

    @Test
    void differencingTwoReleasesOfAGrowingTableRevealsNoExactCount() {
        // The same table a month later with one more pothole in B: every published number either stays or
        // moves by a multiple of 5, so the difference of the two releases does not say where the new report went.
        var later = reports();
        later.put("pothole", Map.of("A", 25L, "B", 4L, "C", 40L));
        Map<String, Long> before = byKey(DisclosureControl.protect(reports(), Rules.DEFAULT));
        Map<String, Long> after = byKey(DisclosureControl.protect(later, Rules.DEFAULT));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void smallTotalsAreHiddenTooAndZerosNeverRevealALoneCount() {
        Map<String, Map<String, Long>> t = new LinkedHashMap<>();
        t.put("noise", Map.of("A", 4L));
        t.put("pothole", Map.of("A", 30L, "B", 50L));
        Map<String, Long> p = byKey(DisclosureControl.protect(t, Rules.DEFAULT));
        assertThat(p).containsEntry("noise/A", null).containsEntry("noise/" + T, null);
        assertNoEquationHasOneHiddenTerm(DisclosureControl.protect(t, Rules.DEFAULT));
    }

    @Test
    void rulesAreChecked() {
        assertThatThrownBy(() -> new Rules(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisclosureControl.protect(Map.of("a", Map.of(T, 3L)), Rules.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DisclosureControl.protect(Map.of(), Rules.DEFAULT)).containsExactly(new Cell(T, T, 0L));
    }

    /**
     * What an attacker can tell of each hidden cell: every value in 0..{@code max} that some assignment of all
     * hidden cells satisfies, with every row, column and total equation holding for some true values within the
     * rounding of the published ones (a published count {@code p} was truly in [p - base/2, p + base/2] and at
     * least the threshold). Exhaustive over the hidden cells.
     */
    private static Map<String, Set<Long>> attack(List<Cell> published, Rules rules, int max) {
        List<String> hidden = new ArrayList<>();
        Map<String, long[]> range = new HashMap<>();
        Set<String> rows = new HashSet<>();
        Set<String> columns = new HashSet<>();
        for (Cell c : published) {
            rows.add(c.row());
            columns.add(c.column());
            String k = c.row() + "/" + c.column();
            if (c.count() == null) {
                hidden.add(k);
            } else {
                long half = rules.rounding() / 2;
                long low = c.count() == 0 ? 0 : Math.max(c.count() - half, rules.threshold());
                range.put(k, new long[] {low, c.count() + half});
            }
        }
        // Equations: for each row r, sum over columns != T of (r, c) = (r, T); same for columns.
        List<List<String>> equations = new ArrayList<>();
        for (String r : rows) {
            List<String> terms = new ArrayList<>();
            columns.stream().filter(c -> !c.equals(T)).forEach(c -> terms.add(r + "/" + c));
            terms.add(r + "/" + T);
            equations.add(terms);
        }
        for (String c : columns) {
            List<String> terms = new ArrayList<>();
            rows.stream().filter(r -> !r.equals(T)).forEach(r -> terms.add(r + "/" + c));
            terms.add(T + "/" + c);
            equations.add(terms);
        }
        Map<String, Set<Long>> possible = new HashMap<>();
        hidden.forEach(h -> possible.put(h, new HashSet<>()));
        long[] values = new long[hidden.size()];
        search(0, values, hidden, range, equations, max, possible);
        return possible;
    }

    private static void search(int i, long[] values, List<String> hidden, Map<String, long[]> range,
            List<List<String>> equations, int max, Map<String, Set<Long>> possible) {
        if (i == values.length) {
            Map<String, Long> known = new HashMap<>();
            for (int j = 0; j < values.length; j++) {
                known.put(hidden.get(j), values[j]);
            }
            for (List<String> terms : equations) {
                if (!known.containsKey(terms.getLast()) && !range.containsKey(terms.getLast())) {
                    continue;       // a total nobody published constrains nothing
                }
                // terms[0..n-2] add up to terms[n-1]; each known exactly (a guess) or within a range (absent = 0).
                long low = 0;
                long high = 0;
                for (int t = 0; t < terms.size() - 1; t++) {
                    long[] r = bounds(terms.get(t), known, range);
                    low += r[0];
                    high += r[1];
                }
                long[] total = bounds(terms.getLast(), known, range);
                if (high < total[0] || low > total[1]) {
                    return;
                }
            }
            for (int j = 0; j < values.length; j++) {
                possible.get(hidden.get(j)).add(values[j]);
            }
            return;
        }
        for (long v = 0; v <= max; v++) {
            values[i] = v;
            search(i + 1, values, hidden, range, equations, max, possible);
        }
    }

    private static long[] bounds(String key, Map<String, Long> known, Map<String, long[]> range) {
        Long k = known.get(key);
        if (k != null) {
            return new long[] {k, k};
        }
        return range.getOrDefault(key, new long[] {0, 0});
    }
}
