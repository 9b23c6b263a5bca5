package org.saola.domains.traffic;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How congested a road segment is, hour by hour, against its own usual: the hourly mean speed its counter
 * measured; its free-flow speed (the 85th percentile of its hourly speeds over the weeks looked at, the speed
 * drivers keep when the road is clear); the congestion level of an hour, how much longer a trip takes than at
 * free flow ({@code (free-flow speed ÷ speed − 1) × 100} %, as TomTom's traffic index counts it); its usual
 * level for that hour of a working day, or of a weekend day (the median over the weeks before); and an hour is
 * abnormal when its level is at least {@link #ABNORMAL_POINTS} points above its usual and at least
 * {@link #ABNORMAL_LEVEL} % (the city can set both). Plain arithmetic: docs/domains.md.
 */
public final class Congestion {

    /** A speed (km/h) measured at a time. */
    public record Reading(Instant at, double speedKmh) {
    }

    /** One hour of a segment: its mean speed, level, usual level, and whether it is abnormal. */
    public record Hour(Instant start, double speedKmh, double level, Double usualLevel, boolean abnormal) {
    }

    /** A segment's hours and its free-flow speed. */
    public record Segment(String id, String name, double freeFlowKmh, List<Hour> hours) {

        /** Its mean level over its hours (0 without any). */
        public double meanLevel() {
            return hours.stream().mapToDouble(Hour::level).average().orElse(0);
        }
    }

    /** An hour of the day (0–23, city time) and the mean level of every segment at that hour. */
    public record HourLevel(int hour, double meanLevel) {
    }

    public static final double ABNORMAL_POINTS = 40;
    public static final double ABNORMAL_LEVEL = 50;
    /** An hour with fewer readings is not judged. */
    static final int MIN_READINGS = 2;

    private Congestion() {
    }

    /** Hourly mean speeds of the whole hours in {@code [from, to)}, in time order; hours without enough readings left out. */
    public static Map<Instant, Double> hourlySpeeds(List<Reading> readings, Instant from, Instant to) {
        Map<Instant, double[]> sums = new TreeMap<>();
        for (Reading r : readings) {
            if (r.at().isBefore(from) || !r.at().isBefore(to) || r.speedKmh() <= 0) {
                continue;
            }
            Instant hour = from.plus(Duration.ofHours(Duration.between(from, r.at()).toHours()));
            double[] s = sums.computeIfAbsent(hour, k -> new double[2]);
            s[0] += r.speedKmh();
            s[1]++;
        }
        Map<Instant, Double> out = new TreeMap<>();
        sums.forEach((h, s) -> {
            if (s[1] >= MIN_READINGS) {
                out.put(h, s[0] / s[1]);
            }
        });
        return out;
    }

    /**
     * A segment's hours in {@code [from, to)} with their levels, from its readings over {@code [since, to)} (the weeks
     * that give its free-flow speed and its usual levels; {@code since} ≤ {@code from}), in the city's {@code zone}.
     */
    public static Segment segment(String id, String name, List<Reading> readings, Instant since, Instant from, Instant to,
            ZoneId zone) {
        return segment(id, name, readings, since, from, to, zone, ABNORMAL_POINTS, ABNORMAL_LEVEL);
    }

    /** As above, with the city's own thresholds of an abnormal hour. */
    public static Segment segment(String id, String name, List<Reading> readings, Instant since, Instant from, Instant to,
            ZoneId zone, double abnormalPoints, double abnormalLevel) {
        Map<Instant, Double> speeds = hourlySpeeds(readings, since, to);
        double[] all = speeds.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (all.length == 0) {
            return new Segment(id, name, 0, List.of());
        }
        double freeFlow = org.saola.domains.Series.quantileOfSorted(all, 0.85);
        Map<String, List<Double>> byKind = new java.util.HashMap<>();
        speeds.forEach((h, v) -> {
            if (h.isBefore(from)) {
                byKind.computeIfAbsent(kind(h, zone), k -> new ArrayList<>()).add(level(freeFlow, v));
            }
        });
        List<Hour> hours = new ArrayList<>();
        speeds.forEach((h, v) -> {
            if (h.isBefore(from)) {
                return;
            }
            double level = level(freeFlow, v);
            List<Double> usual = byKind.get(kind(h, zone));
            Double median = usual == null || usual.isEmpty() ? null
                    : org.saola.domains.Series.quantile(usual, 0.5);
            boolean abnormal = median != null && level - median >= abnormalPoints && level >= abnormalLevel;
            hours.add(new Hour(h, v, level, median, abnormal));
        });
        return new Segment(id, name, freeFlow, List.copyOf(hours));
    }

    /** How much longer a trip takes than at free flow, in % (never below 0). */
    public static double level(double freeFlowKmh, double speedKmh) {
        return Math.max(0, (freeFlowKmh / speedKmh - 1) * 100);
    }

    /** The hours' usual pattern is that hour of a working day, or of a weekend day. */
    static String kind(Instant hour, ZoneId zone) {
        ZonedDateTime local = hour.atZone(zone);
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (weekend ? "weekend-" : "weekday-") + local.getHour();
    }

    /** The city's worst hours of the day: the mean level of every segment's hours at each hour of the day, highest first. */
    public static List<HourLevel> worstHours(List<Segment> segments, ZoneId zone) {
        double[] sum = new double[24];
        int[] count = new int[24];
        for (Segment s : segments) {
            for (Hour h : s.hours()) {
                int hour = h.start().atZone(zone).getHour();
                sum[hour] += h.level();
                count[hour]++;
            }
        }
        List<HourLevel> out = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (count[h] > 0) {
                out.add(new HourLevel(h, sum[h] / count[h]));
            }
        }
        out.sort(Comparator.comparingDouble(HourLevel::meanLevel).reversed().thenComparingInt(HourLevel::hour));
        return out;
    }

    /** Segments, most congested on average first. */
    public static List<Segment> worstSegments(List<Segment> segments) {
        List<Segment> out = new ArrayList<>(segments);
        out.sort(Comparator.comparingDouble(Segment::meanLevel).reversed().thenComparing(Segment::id));
        return out;
    }

}
