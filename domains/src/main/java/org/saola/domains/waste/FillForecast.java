package org.saola.domains.waste;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * When a container will be full, from its own fill-level readings: the readings since it was last emptied (a drop
 * of at least {@link #EMPTIED_DROP} between two readings) are fitted with a straight line (least squares), whose
 * slope is its fill rate; the level at a later time is its last level plus the rate times the time since. A
 * container with too few readings since it was emptied takes the rate of its earlier fills (their median), or
 * none. Plain arithmetic the city can explain: docs/domains.md.
 */
public final class FillForecast {

    /** A fill level (0 empty, 1 full) observed at a time. */
    public record Reading(Instant at, double level) {
    }

    /** A fall between two readings this large means the container was emptied. */
    public static final double EMPTIED_DROP = 0.2;

    /** A fit needs at least this span of readings, so that a few noisy readings do not make a rate. */
    static final Duration MIN_SPAN = Duration.ofMinutes(10);

    /**
     * @param level the last level read
     * @param at when it was read
     * @param ratePerHour the fill rate (level per hour), empty when it could not be estimated
     */
    public record Estimate(double level, Instant at, OptionalDouble ratePerHour) {

        /** The level expected at {@code when} (more than 1: overflowing); the last level if the rate is unknown. */
        public double levelAt(Instant when) {
            double hours = Math.max(0, Duration.between(at, when).toMillis() / 3_600_000.0);
            return level + ratePerHour.orElse(0) * hours;
        }
    }

    private FillForecast() {
    }

    /** The estimate from readings in time order; empty readings give an empty result. */
    public static java.util.Optional<Estimate> estimate(List<Reading> readings) {
        if (readings.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<List<Reading>> fills = new ArrayList<>();
        List<Reading> current = new ArrayList<>();
        Reading before = null;
        for (Reading r : readings) {
            if (before != null && r.level() < before.level() - EMPTIED_DROP) {
                fills.add(current);
                current = new ArrayList<>();
            }
            current.add(r);
            before = r;
        }
        Reading last = readings.getLast();
        OptionalDouble rate = slope(current);
        if (rate.isEmpty()) {
            double[] earlier = fills.stream().map(FillForecast::slope).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
            if (earlier.length > 0) {
                rate = OptionalDouble.of(earlier[earlier.length / 2]);
            }
        }
        return java.util.Optional.of(new Estimate(last.level(), last.at(), rate));
    }

    /** The least-squares slope of level over time in level per hour (never negative), if the fill spans enough time. */
    static OptionalDouble slope(List<Reading> fill) {
        if (fill.size() < 2 || Duration.between(fill.getFirst().at(), fill.getLast().at()).compareTo(MIN_SPAN) < 0) {
            return OptionalDouble.empty();
        }
        Instant origin = fill.getFirst().at();
        double n = fill.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Reading r : fill) {
            double x = Duration.between(origin, r.at()).toMillis() / 3_600_000.0;
            sx += x;
            sy += r.level();
            sxx += x * x;
            sxy += x * r.level();
        }
        double denominator = n * sxx - sx * sx;
        if (denominator <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, (n * sxy - sx * sy) / denominator));
    }
}
