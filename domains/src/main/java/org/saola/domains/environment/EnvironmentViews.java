package org.saola.domains.environment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analytic views of the air-quality and flood packs, from what they leave on the entities: hours a station spent
 * at each VN_AQI level ({@code airQualityLevel}, written hourly by the VN_AQI job) and its exceedance days (days whose
 * daily VN_AQI, {@code airQualityLevelDaily}, was "poor" or worse, over 100); hours a river gauge's water stood at or
 * above each of its alarm levels, its peak, and its hourly highest levels for a chart. Plain counting:
 * docs/domains.md.
 */
public final class EnvironmentViews {

    /** The six VN_AQI levels of Decision 1459/QĐ-TCMT, as the entities carry them. */
    public static final List<String> LEVELS = List.of("good", "moderate", "poor", "bad", "veryBad", "hazardous");
    /** A daily level at or beyond this is an exceedance day (VN_AQI over 100). */
    public static final List<String> EXCEEDING = List.of("poor", "bad", "veryBad", "hazardous");

    /** A text value observed at a time. */
    public record Label(Instant at, String value) {
    }

    /** A number observed at a time. */
    public record Value(Instant at, double value) {
    }

    /** A station's hours at each level (in {@link #LEVELS} order) and its exceedance days. */
    public record Station(String id, String name, String ward, Map<String, Integer> hoursAtLevel, int exceedanceDays, int days) {
    }

    /** A gauge: its alarm levels (m; null where unset), hours at or above each, its peak, and its hourly highest levels. */
    public record Gauge(String id, String name, Double[] alarmLevels, double[] hoursAbove, Double peak, Instant peakAt,
            Map<Instant, Double> hourlyHighest) {
    }

    private EnvironmentViews() {
    }

    public static Station station(String id, String name, String ward, List<Label> hourly, List<Label> daily) {
        Map<String, Integer> hours = new LinkedHashMap<>();
        LEVELS.forEach(l -> hours.put(l, 0));
        for (Label l : hourly) {
            hours.computeIfPresent(l.value(), (k, n) -> n + 1);
        }
        int exceeding = (int) daily.stream().filter(d -> EXCEEDING.contains(d.value())).count();
        return new Station(id, name, ward, hours, exceeding, daily.size());
    }

    /**
     * A gauge's readings (time order) over {@code [from, to)}: the time between two readings at most
     * {@link org.saola.domains.Series#MAX_GAP} apart counts at or above a level when the earlier reading is.
     */
    public static Gauge gauge(String id, String name, Double[] alarmLevels, List<Value> readings, Instant from, Instant to) {
        double[] above = new double[alarmLevels.length];
        Double peak = null;
        Instant peakAt = null;
        Map<Instant, Double> hourly = new TreeMap<>();
        for (int i = 0; i < readings.size(); i++) {
            Value a = readings.get(i);
            if (a.at().isBefore(from) || !a.at().isBefore(to)) {
                continue;
            }
            if (peak == null || a.value() > peak) {
                peak = a.value();
                peakAt = a.at();
            }
            Instant hour = from.plus(Duration.ofHours(Duration.between(from, a.at()).toHours()));
            hourly.merge(hour, a.value(), Math::max);
            if (i + 1 < readings.size()) {
                Value b = readings.get(i + 1);
                Instant end = b.at().isAfter(to) ? to : b.at();
                if (Duration.between(a.at(), b.at()).compareTo(org.saola.domains.Series.MAX_GAP) <= 0 && end.isAfter(a.at())) {
                    double hours = Duration.between(a.at(), end).toMillis() / 3_600_000.0;
                    for (int k = 0; k < alarmLevels.length; k++) {
                        if (alarmLevels[k] != null && a.value() >= alarmLevels[k]) {
                            above[k] += hours;
                        }
                    }
                }
            }
        }
        return new Gauge(id, name, alarmLevels, above, peak, peakAt, hourly);
    }

    /** A ward's stations summed: hours at each level, and the exceedance days of its worst station. */
    public static Map<String, Station> byWard(List<Station> stations) {
        Map<String, Station> out = new TreeMap<>();
        for (Station s : stations) {
            String ward = s.ward() == null ? "" : s.ward();
            Station w = out.get(ward);
            Map<String, Integer> hours = new LinkedHashMap<>(w == null ? Map.of() : w.hoursAtLevel());
            LEVELS.forEach(l -> hours.merge(l, s.hoursAtLevel().getOrDefault(l, 0), Integer::sum));
            out.put(ward, new Station(ward, ward, ward, hours, Math.max(w == null ? 0 : w.exceedanceDays(), s.exceedanceDays()),
                    Math.max(w == null ? 0 : w.days(), s.days())));
        }
        return out;
    }

    /** Readings sorted by time. */
    public static List<Value> sorted(List<Value> values) {
        List<Value> out = new ArrayList<>(values);
        out.sort(java.util.Comparator.comparing(Value::at));
        return out;
    }
}
