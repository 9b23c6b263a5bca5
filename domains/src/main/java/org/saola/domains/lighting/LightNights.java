package org.saola.domains.lighting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.saola.domains.Series;

/**
 * Street lights' nights from their own readings: the energy each used (its power integrated over the night, by the
 * trapezoid rule between readings at most two hours apart), the hours it was lit, what it would have used lit at
 * full power all that time (its own full power: the 95th percentile of its power while lit; the unmanaged
 * baseline), and its condition: a lamp that reports itself lit but draws less than a fifth of what the city's lit
 * lamps usually draw has failed; one that draws more than half as much again has a fault in its driver. Sums per
 * ward. Plain arithmetic: docs/domains.md.
 */
public final class LightNights {

    /** A light's reading: its switch state ({@code on}, {@code low}, {@code off}) and its power (W) at a time. */
    public record Reading(Instant at, String powerState, double watts) {

        boolean lit() {
            return "on".equals(powerState) || "low".equals(powerState);
        }
    }

    /** A light: where it is (its ward, if known) and its readings over the night, in time order. */
    public record Light(String id, String name, String ward, List<Reading> readings) {
    }

    /** What a light is found to be. */
    public enum Condition { OK, LAMP_FAILED, OVERCONSUMPTION, UNKNOWN }

    /** A light's night: energy (kWh), hours lit, its mean power while lit, the baseline (kWh), condition. */
    public record Night(String id, String name, String ward, double kwh, double litHours, double litWatts, double baselineKwh,
            Condition condition) {
    }

    /** A ward's night: its lights' energy, their baseline, and the saving. */
    public record Ward(String ward, int lights, double kwh, double baselineKwh) {

        public double savedKwh() {
            return baselineKwh - kwh;
        }
    }

    /** The night's lights, the wards, the city's typical lit power, and the faults found (largest power gap first). */
    public record Report(Instant from, Instant to, List<Night> lights, List<Ward> wards, double typicalLitWatts, List<Night> faults) {

        public double kwh() {
            return lights.stream().mapToDouble(Night::kwh).sum();
        }

        public double baselineKwh() {
            return lights.stream().mapToDouble(Night::baselineKwh).sum();
        }
    }

    public static final double FAILED_BELOW = 0.2;
    public static final double OVER_ABOVE = 1.5;

    private LightNights() {
    }

    public static Report analyse(List<Light> lights, Instant from, Instant to) {
        List<double[]> figures = new ArrayList<>();
        List<Double> litMeans = new ArrayList<>();
        for (Light l : lights) {
            double[] f = figures(l.readings(), from, to);
            figures.add(f);
            if (f[1] >= 1) {
                litMeans.add(f[2]);
            }
        }
        double typical = Series.quantile(litMeans, 0.5);
        List<Night> nights = new ArrayList<>();
        for (int i = 0; i < lights.size(); i++) {
            Light l = lights.get(i);
            double[] f = figures.get(i);
            Condition c;
            if (f[1] < 1 || typical <= 0) {
                c = Condition.UNKNOWN;
            } else if (f[2] < FAILED_BELOW * typical) {
                c = Condition.LAMP_FAILED;
            } else if (f[2] > OVER_ABOVE * typical) {
                c = Condition.OVERCONSUMPTION;
            } else {
                c = Condition.OK;
            }
            nights.add(new Night(l.id(), l.name(), l.ward(), f[0], f[1], f[2], f[3], c));
        }
        Map<String, double[]> wards = new TreeMap<>();
        for (Night n : nights) {
            double[] w = wards.computeIfAbsent(n.ward() == null ? "" : n.ward(), k -> new double[3]);
            w[0]++;
            w[1] += n.kwh();
            w[2] += n.baselineKwh();
        }
        List<Ward> wardList = new ArrayList<>();
        wards.forEach((k, w) -> wardList.add(new Ward(k, (int) w[0], w[1], w[2])));
        List<Night> faults = new ArrayList<>(nights.stream()
                .filter(n -> n.condition() == Condition.LAMP_FAILED || n.condition() == Condition.OVERCONSUMPTION).toList());
        faults.sort(Comparator.comparingDouble((Night n) -> Math.abs(n.litWatts() - typical)).reversed().thenComparing(Night::id));
        return new Report(from, to, List.copyOf(nights), List.copyOf(wardList), typical, List.copyOf(faults));
    }

    /**
     * {kWh, hours lit, mean watts while lit, baseline kWh} of readings over {@code [from, to)}: each span between two
     * readings (at most {@link org.saola.domains.Series#MAX_GAP} apart, clipped to the window) counts the mean of their powers, and is lit
     * when the earlier reading says so.
     */
    static double[] figures(List<Reading> readings, Instant from, Instant to) {
        double wattHours = 0;
        double litHours = 0;
        double litWattHours = 0;
        List<Double> litWatts = new ArrayList<>();
        for (int i = 0; i + 1 < readings.size(); i++) {
            Reading a = readings.get(i);
            Reading b = readings.get(i + 1);
            if (Duration.between(a.at(), b.at()).compareTo(org.saola.domains.Series.MAX_GAP) > 0) {
                continue;
            }
            Instant s = a.at().isBefore(from) ? from : a.at();
            Instant e = b.at().isAfter(to) ? to : b.at();
            if (!e.isAfter(s)) {
                continue;
            }
            double hours = Duration.between(s, e).toMillis() / 3_600_000.0;
            double watts = (a.watts() + b.watts()) / 2;
            wattHours += watts * hours;
            if (a.lit()) {
                litHours += hours;
                litWattHours += watts * hours;
                litWatts.add(a.watts());
            }
        }
        double full = Series.quantile(litWatts, 0.95);
        double litMean = litHours > 0 ? litWattHours / litHours : 0;
        return new double[] {wattHours / 1000, litHours, litMean, full * litHours / 1000};
    }
}
