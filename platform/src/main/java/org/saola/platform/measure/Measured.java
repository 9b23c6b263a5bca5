package org.saola.platform.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A measure's result for one period: the whole city's value (empty when there is none, e.g. a median of nothing)
 * and, for each grouping asked for, each group's value. Each {@link Value} says how many people (or acts of
 * people) it rests on, when the measure counts people, so that groups of too few are not published.
 */
public record Measured(Optional<Value> total, Map<String, Map<String, Value>> groups) {

    /** A value and the number of people it rests on ({@code -1} when it does not count people). */
    public record Value(double value, long people) {
        public static Value of(double value) {
            return new Value(value, -1);
        }

        public static Value people(long count) {
            return new Value(count, count);
        }
    }

    public Measured {
        Map<String, Map<String, Value>> copy = new LinkedHashMap<>();
        groups.forEach((g, byGroup) -> copy.put(g, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byGroup))));
        groups = java.util.Collections.unmodifiableMap(copy);
    }

    public static Measured of(double total) {
        return new Measured(Optional.of(Value.of(total)), Map.of());
    }

    public static Measured of(Value total, Map<String, Map<String, Value>> groups) {
        return new Measured(Optional.of(total), groups);
    }

    /** Nothing to measure (a median of no reports, say). */
    public static Measured none() {
        return new Measured(Optional.empty(), Map.of());
    }
}
