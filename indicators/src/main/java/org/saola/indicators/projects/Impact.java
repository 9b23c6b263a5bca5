package org.saola.indicators.projects;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Period;

/**
 * A project's indicator before and after its change took effect: the mean of the last {@code window} complete
 * periods that ended by the day it went live, against the mean of the first {@code window} complete periods that
 * began on or after it (the period it went live in is neither: it is part before, part after). The change, and
 * whether it went the way the indicator counts as better. A comparison, not a proof: other things change too, which
 * the page says.
 */
public final class Impact {

    /** How a comparison came out. */
    public enum Verdict {
        BETTER, WORSE, UNCHANGED, NOT_ENOUGH_DATA
    }

    /** A period's value used in the comparison. */
    public record Point(String period, double value) {
    }

    public record Result(List<Point> before, List<Point> after, OptionalDouble beforeMean, OptionalDouble afterMean, OptionalDouble change,
            OptionalDouble changePercent, Verdict verdict) {
    }

    private Impact() {
    }

    /** A project that has not taken effect yet: nothing to compare. */
    public static Result notYet() {
        return new Result(List.of(), List.of(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                Verdict.NOT_ENOUGH_DATA);
    }

    /**
     * @param values each complete period's value, oldest first (provisional periods and periods without a value left out
     *               by the caller)
     */
    public static Result of(Definition d, List<Point> values, LocalDate liveOn, int window) {
        List<Point> before = new ArrayList<>();
        List<Point> after = new ArrayList<>();
        for (Point p : values) {
            Period period = Period.parse("period", d.frequency(), p.period());
            if (!period.end().isAfter(liveOn)) {
                before.add(p);
            } else if (!period.start().isBefore(liveOn)) {
                after.add(p);
            }
        }
        List<Point> b = before.subList(Math.max(0, before.size() - window), before.size());
        List<Point> a = after.subList(0, Math.min(window, after.size()));
        OptionalDouble bm = b.stream().mapToDouble(Point::value).average();
        OptionalDouble am = a.stream().mapToDouble(Point::value).average();
        if (bm.isEmpty() || am.isEmpty()) {
            return new Result(List.copyOf(b), List.copyOf(a), bm, am, OptionalDouble.empty(), OptionalDouble.empty(), Verdict.NOT_ENOUGH_DATA);
        }
        double change = am.getAsDouble() - bm.getAsDouble();
        OptionalDouble percent = bm.getAsDouble() == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * change / Math.abs(bm.getAsDouble()));
        double scale = Math.pow(10, -d.decimals());
        Verdict v = Math.abs(change) < scale / 2 ? Verdict.UNCHANGED
                : (change > 0) == (d.direction() == Definition.Direction.UP) ? Verdict.BETTER : Verdict.WORSE;
        return new Result(List.copyOf(b), List.copyOf(a), bm, am, OptionalDouble.of(change), percent, v);
    }
}
