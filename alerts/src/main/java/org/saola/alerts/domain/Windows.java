package org.saola.alerts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The recent numeric values of one entity's attributes, each with when it was observed, kept as long as the
 * longest window a rule asks of that attribute: what {@code avgOver}, {@code minOver}, {@code maxOver} and
 * {@code rateOver} compute from. Values arrive in the order the entity's changes were committed; an instance
 * observed at the same time as the newest kept is not counted twice.
 */
public final class Windows {

    /** One value and when it was observed. */
    record Sample(Instant at, double value) {
    }

    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    /** Adds a value of {@code attribute} observed at {@code at}, dropping what is older than {@code keep}. */
    public void add(String attribute, Instant at, double value, Duration keep) {
        Deque<Sample> s = samples.computeIfAbsent(attribute, a -> new ArrayDeque<>());
        if (!s.isEmpty() && at.equals(s.peekLast().at())) {
            return;                            // the same instance again (a history back-fill meeting the feed)
        }
        s.addLast(new Sample(at, value));
        Instant oldest = s.peekLast().at().minus(keep);
        while (!s.isEmpty() && s.peekFirst().at().isBefore(oldest)) {
            s.removeFirst();
        }
    }

    /** The values of {@code attribute} observed in {@code (at - window, at]}. */
    private Iterable<Sample> within(String attribute, Duration window, Instant at) {
        Deque<Sample> s = samples.getOrDefault(attribute, new ArrayDeque<>());
        Instant from = at.minus(window);
        return () -> new Iterator<>() {
            private final Iterator<Sample> all = s.iterator();
            private Sample next = advance();

            private Sample advance() {
                while (all.hasNext()) {
                    Sample c = all.next();
                    if (c.at().isAfter(from) && !c.at().isAfter(at)) {
                        return c;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Sample next() {
                Sample c = next;
                next = advance();
                return c;
            }
        };
    }

    public OptionalDouble average(String attribute, Duration window, Instant at) {
        double sum = 0;
        int n = 0;
        for (Sample s : within(attribute, window, at)) {
            sum += s.value();
            n++;
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    public OptionalDouble minimum(String attribute, Duration window, Instant at) {
        OptionalDouble min = OptionalDouble.empty();
        for (Sample s : within(attribute, window, at)) {
            if (min.isEmpty() || s.value() < min.getAsDouble()) {
                min = OptionalDouble.of(s.value());
            }
        }
        return min;
    }

    public OptionalDouble maximum(String attribute, Duration window, Instant at) {
        OptionalDouble max = OptionalDouble.empty();
        for (Sample s : within(attribute, window, at)) {
            if (max.isEmpty() || s.value() > max.getAsDouble()) {
                max = OptionalDouble.of(s.value());
            }
        }
        return max;
    }

    /**
     * How fast {@code attribute} changed over the window, per hour: from its first value in the window to its
     * last; empty with fewer than two values at different times.
     */
    public OptionalDouble ratePerHour(String attribute, Duration window, Instant at) {
        Sample first = null;
        Sample last = null;
        for (Sample s : within(attribute, window, at)) {
            if (first == null) {
                first = s;
            }
            last = s;
        }
        if (first == null || !last.at().isAfter(first.at())) {
            return OptionalDouble.empty();
        }
        double hours = Duration.between(first.at(), last.at()).toMillis() / 3_600_000.0;
        return OptionalDouble.of((last.value() - first.value()) / hours);
    }

    /** Forgets the values of {@code attribute} (before they are filled again from history). */
    public void clear(String attribute) {
        samples.remove(attribute);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }
}
