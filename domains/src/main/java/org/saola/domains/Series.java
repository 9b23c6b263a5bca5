package org.saola.domains;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;

/** What the domains' analyses share about series of readings: how far apart readings may be, and quantiles. */
public final class Series {

    /**
     * Two readings further apart than this say nothing of the time between them (a meter, gauge or light silent for
     * part of the night): the analyses neither interpolate nor integrate across such a gap.
     */
    public static final Duration MAX_GAP = Duration.ofHours(2);

    private Series() {
    }

    /** The {@code p} quantile of the values (linear between the two nearest ranks); 0 without any. */
    public static double quantile(Collection<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return quantileOfSorted(v, p);
    }

    /** As {@link #quantile}, of values already sorted. */
    public static double quantileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
