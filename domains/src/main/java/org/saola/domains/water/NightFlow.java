package org.saola.domains.water;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A meter's flow hour by hour, from its cumulative count (litres): the count at each hour's start and end is
 * interpolated between the readings either side, and the hour's flow is their difference. An hour the readings
 * do not span (or only with readings more than two hours apart), or in which the count went back (a meter
 * replaced or reset), is unknown. Plain arithmetic the
 * water company can explain: docs/domains.md.
 */
public final class NightFlow {

    /** A meter's cumulative count (litres) read at a time. */
    public record Reading(Instant at, double litres) {
    }

    /**
     * A meter's night: the smallest hourly flow of the night window (litres per hour) and the hour it starts; all
     * the window's hours known.
     */
    public record Night(double minimumLitresPerHour, Instant minimumHour, Map<Instant, Double> hours) {
    }

    private NightFlow() {
    }

    /** The flow of each whole hour in {@code [from, to)} (litres in that hour), in time order; unknown hours left out. */
    public static Map<Instant, Double> hourly(List<Reading> readings, Instant from, Instant to) {
        Map<Instant, Double> out = new LinkedHashMap<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            Optional<Double> start = countAt(readings, h);
            Optional<Double> end = countAt(readings, h.plus(Duration.ofHours(1)));
            if (start.isPresent() && end.isPresent() && end.get() >= start.get()) {
                out.put(h, end.get() - start.get());
            }
        }
        return out;
    }

    /** The night in {@code [from, to)} (whole hours), if every hour of it is known. */
    public static Optional<Night> night(List<Reading> readings, Instant from, Instant to) {
        Map<Instant, Double> hours = hourly(readings, from, to);
        long wanted = Duration.between(from, to).toHours();
        if (hours.size() < wanted || wanted < 1) {
            return Optional.empty();
        }
        Instant minHour = null;
        double min = Double.MAX_VALUE;
        for (Map.Entry<Instant, Double> e : hours.entrySet()) {
            if (e.getValue() < min) {
                min = e.getValue();
                minHour = e.getKey();
            }
        }
        return Optional.of(new Night(min, minHour, hours));
    }

    /**
     * The count at {@code t}, interpolated between the last reading at or before it and the first after it (a
     * reading exactly at {@code t} is taken as it is); empty when the readings do not reach both sides, or the
     * count went back between them.
     */
    static Optional<Double> countAt(List<Reading> readings, Instant t) {
        Reading before = null;
        Reading after = null;
        for (Reading r : readings) {
            if (!r.at().isAfter(t)) {
                before = r;
            } else {
                after = r;
                break;
            }
        }
        if (before != null && before.at().equals(t)) {
            return Optional.of(before.litres());
        }
        if (before == null || after == null || after.litres() < before.litres()
                || Duration.between(before.at(), after.at()).compareTo(org.saola.domains.Series.MAX_GAP) > 0) {
            return Optional.empty();
        }
        double span = Duration.between(before.at(), after.at()).toMillis();
        double part = Duration.between(before.at(), t).toMillis();
        return Optional.of(before.litres() + (after.litres() - before.litres()) * part / span);
    }

    /** Readings sorted by time (a copy). */
    public static List<Reading> sorted(List<Reading> readings) {
        List<Reading> out = new ArrayList<>(readings);
        out.sort(java.util.Comparator.comparing(Reading::at));
        return out;
    }
}
