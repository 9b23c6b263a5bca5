package org.saola.indicators.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.saola.platform.measure.Measured;

/**
 * An indicator's value for one period from its measures' values: the formula over the city's totals, and over each
 * group of each way the indicator is split. A group is published only when it rests on no one or on at least {@code threshold}
 * people (the largest count of people among the measures it is computed from, e.g. the reports behind a ward's
 * share fixed on time); otherwise it is kept back as {@code hidden}, so that nobody can be singled out, and when
 * that leaves one group hidden alone, the next smallest is hidden too (the total would give it away). In a
 * group, a count measure that has no entry for it counts zero.
 */
public final class Computation {

    /** One figure: its value (empty when it cannot be computed: nothing measured, or a division by zero). */
    public record Figure(OptionalDouble value, boolean hidden, long people) {
        static Figure of(OptionalDouble value, long people) {
            return new Figure(value, false, people);
        }
    }

    /** The result: the total, the measures' totals it came from, and each grouping's groups. */
    public record Result(Figure total, Map<String, Double> inputs, Map<String, Map<String, Figure>> groups) {
    }

    private Computation() {
    }

    /**
     * Secondary suppression: when one group alone is hidden, the city's total less the others would give it away,
     * so the published group resting on the fewest people is hidden too.
     */
    static void suppressSecondary(Map<String, Figure> byGroup) {
        long hidden = byGroup.values().stream().filter(Figure::hidden).count();
        if (hidden != 1) {
            return;
        }
        byGroup.entrySet().stream().filter(e -> !e.getValue().hidden() && e.getValue().people() > 0)
                .min(java.util.Comparator.comparingLong((Map.Entry<String, Figure> e) -> e.getValue().people()).thenComparing(Map.Entry::getKey))
                .ifPresent(e -> byGroup.put(e.getKey(), new Figure(OptionalDouble.empty(), true, e.getValue().people())));
    }

    public static Result compute(Formula formula, List<String> groupings, Map<String, Measured> measured, int threshold) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        long people = -1;
        for (String key : formula.measures()) {
            Measured m = measured.get(key);
            Optional<Measured.Value> v = m == null ? Optional.empty() : m.total();
            if (v.isPresent()) {
                inputs.put(key, v.get().value());
                people = Math.max(people, v.get().people());
            }
        }
        Figure total = Figure.of(formula.evaluate(inputs), people);
        Map<String, Map<String, Figure>> groups = new LinkedHashMap<>();
        for (String grouping : groupings) {
            TreeSet<String> names = new TreeSet<>();
            for (String key : formula.measures()) {
                Measured m = measured.get(key);
                if (m != null && m.groups().containsKey(grouping)) {
                    names.addAll(m.groups().get(grouping).keySet());
                }
            }
            Map<String, Figure> byGroup = new LinkedHashMap<>();
            for (String name : names) {
                Map<String, Double> values = new LinkedHashMap<>();
                long groupPeople = -1;
                for (String key : formula.measures()) {
                    Measured m = measured.get(key);
                    Measured.Value v = m == null ? null : m.groups().getOrDefault(grouping, Map.of()).get(name);
                    values.put(key, v == null ? 0.0 : v.value());
                    if (v != null) {
                        groupPeople = Math.max(groupPeople, v.people());
                    }
                }
                boolean hidden = groupPeople > 0 && groupPeople < threshold;
                byGroup.put(name, hidden ? new Figure(OptionalDouble.empty(), true, groupPeople) : Figure.of(formula.evaluate(values), groupPeople));
            }
            suppressSecondary(byGroup);
            groups.put(grouping, byGroup);
        }
        return new Result(total, inputs, groups);
    }
}
