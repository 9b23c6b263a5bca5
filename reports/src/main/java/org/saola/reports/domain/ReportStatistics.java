package org.saola.reports.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * What came of the reports of one category over a period, in one ward or in all ({@code ward} empty; a report
 * filed without a ward counts in the ward {@code ""}): how many were received, fixed (not merely closed), the
 * median time to fix, how many were fixed within the category's target, how many are still open, and the
 * reporters' average rating. Counts only: nothing identifies anyone.
 */
public record ReportStatistics(String serviceCode, Optional<String> ward, long received, long fixed,
        Optional<Duration> medianToFix, long fixedWithinTarget, long open, Optional<Double> averageRating) {

    /** The share of fixed reports fixed within target, if any was fixed. */
    public Optional<Double> shareFixedWithinTarget() {
        return fixed == 0 ? Optional.empty() : Optional.of(fixedWithinTarget / (double) fixed);
    }
}
