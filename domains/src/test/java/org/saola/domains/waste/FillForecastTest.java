package org.saola.domains.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container's fill rate and the level it will reach, from readings with known answers. */
class FillForecastTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    static List<FillForecast.Reading> filling(double from, double perHour, int hours) {
        List<FillForecast.Reading> out = new ArrayList<>();
        for (int h = 0; h <= hours; h++) {
            out.add(new FillForecast.Reading(T0.plus(Duration.ofHours(h)), from + perHour * h));
        }
        return out;
    }

    @Test
    void aSteadyFillGivesItsRateAndTheLevelAtALaterTime() {
        FillForecast.Estimate e = FillForecast.estimate(filling(0.1, 0.05, 8)).orElseThrow();
        assertThat(e.ratePerHour().getAsDouble()).isCloseTo(0.05, within(1e-9));
        assertThat(e.level()).isCloseTo(0.5, within(1e-9));
        // 0.5 at 08:00, 0.05 an hour: 0.9 at 16:00, 1.1 at 20:00.
        assertThat(e.levelAt(T0.plus(Duration.ofHours(16)))).isCloseTo(0.9, within(1e-9));
        assertThat(e.levelAt(T0.plus(Duration.ofHours(20)))).isCloseTo(1.1, within(1e-9));
    }

    @Test
    void onlyTheReadingsSinceTheContainerWasEmptiedCount() {
        List<FillForecast.Reading> r = new ArrayList<>(filling(0.3, 0.1, 6));          // 0.3 → 0.9, then emptied
        Instant emptied = T0.plus(Duration.ofHours(7));
        for (int h = 0; h <= 4; h++) {
            r.add(new FillForecast.Reading(emptied.plus(Duration.ofHours(h)), 0.02 + 0.02 * h));
        }
        FillForecast.Estimate e = FillForecast.estimate(r).orElseThrow();
        assertThat(e.ratePerHour().getAsDouble()).isCloseTo(0.02, within(1e-9));
        assertThat(e.level()).isCloseTo(0.10, within(1e-9));
    }

    @Test
    void justAfterEmptyingTheRateOfTheEarlierFillsIsUsed() {
        List<FillForecast.Reading> r = new ArrayList<>(filling(0.2, 0.1, 5));
        r.add(new FillForecast.Reading(T0.plus(Duration.ofHours(6)), 0.05));           // emptied, one reading since
        FillForecast.Estimate e = FillForecast.estimate(r).orElseThrow();
        assertThat(e.ratePerHour().getAsDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(e.level()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void noisyReadingsGiveTheLeastSquaresRateAndNeverANegativeOne() {
        List<FillForecast.Reading> r = List.of(new FillForecast.Reading(T0, 0.40),
                new FillForecast.Reading(T0.plus(Duration.ofHours(1)), 0.44),
                new FillForecast.Reading(T0.plus(Duration.ofHours(2)), 0.42),
                new FillForecast.Reading(T0.plus(Duration.ofHours(3)), 0.48));
        // By hand: x̄ = 1.5, ȳ = 0.435, Σ(x−x̄)(y−ȳ) = 0.11, Σ(x−x̄)² = 5: slope 0.022 an hour.
        assertThat(FillForecast.estimate(r).orElseThrow().ratePerHour().getAsDouble()).isCloseTo(0.022, within(1e-9));
        List<FillForecast.Reading> settling = List.of(new FillForecast.Reading(T0, 0.50),
                new FillForecast.Reading(T0.plus(Duration.ofHours(1)), 0.45));       // compaction: no negative rate
        assertThat(FillForecast.estimate(settling).orElseThrow().ratePerHour().getAsDouble()).isZero();
    }

    @Test
    void tooFewReadingsGiveNoRate() {
        assertThat(FillForecast.estimate(List.of())).isEmpty();
        FillForecast.Estimate one = FillForecast.estimate(List.of(new FillForecast.Reading(T0, 0.7))).orElseThrow();
        assertThat(one.ratePerHour()).isEmpty();
        assertThat(one.levelAt(T0.plus(Duration.ofDays(1)))).isEqualTo(0.7);
    }
}
