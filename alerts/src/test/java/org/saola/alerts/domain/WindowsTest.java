package org.saola.alerts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;

/** Windows over an attribute's recent values, with the clock given by hand: average, extremes, rate of change. */
class WindowsTest {

    private static final Instant T0 = Instant.parse("2026-10-14T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void averageMinimumAndMaximumCountWhatWasObservedInTheWindowOnly() {
        Windows w = new Windows();
        w.add("pm25", at(0), 10, HOUR);
        w.add("pm25", at(20), 40, HOUR);
        w.add("pm25", at(40), 70, HOUR);
        assertThat(w.average("pm25", Duration.ofMinutes(30), at(40)).getAsDouble()).isEqualTo(55);
        assertThat(w.average("pm25", HOUR, at(40)).getAsDouble()).isEqualTo(40);
        assertThat(w.minimum("pm25", HOUR, at(40)).getAsDouble()).isEqualTo(10);
        assertThat(w.maximum("pm25", Duration.ofMinutes(30), at(40)).getAsDouble()).isEqualTo(70);
        assertThat(w.average("pm25", Duration.ofMinutes(30), at(20)).getAsDouble())
                .as("as of an earlier time, later values do not count").isEqualTo(25);
        assertThat(w.average("pm25", Duration.ofMinutes(10), at(75))).as("nothing in the window").isEmpty();
        assertThat(w.average("pm10", HOUR, at(40))).isEmpty();
    }

    @Test
    void valuesOlderThanTheLongestWindowAreDroppedAndRepeatsCountOnce() {
        Windows w = new Windows();
        w.add("waterLevel", at(0), 1, Duration.ofMinutes(30));
        w.add("waterLevel", at(10), 2, Duration.ofMinutes(30));
        w.add("waterLevel", at(10), 2, Duration.ofMinutes(30));
        w.add("waterLevel", at(45), 3, Duration.ofMinutes(30));
        assertThat(w.average("waterLevel", Duration.ofDays(1), at(45)).getAsDouble()).isEqualTo(3);
        w.add("waterLevel", at(50), 5, Duration.ofMinutes(30));
        assertThat(w.average("waterLevel", Duration.ofMinutes(30), at(50)).getAsDouble()).isEqualTo(4);
    }

    @Test
    void rateOfChangeIsPerHourFromTheFirstToTheLastValueOfTheWindow() {
        Windows w = new Windows();
        w.add("waterLevel", at(0), 1.0, HOUR);
        w.add("waterLevel", at(15), 1.2, HOUR);
        w.add("waterLevel", at(30), 1.8, HOUR);
        assertThat(w.ratePerHour("waterLevel", HOUR, at(30)).getAsDouble()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.ratePerHour("waterLevel", Duration.ofMinutes(20), at(30)).getAsDouble())
                .isCloseTo(2.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.ratePerHour("waterLevel", Duration.ofMinutes(10), at(30))).as("one value is no rate").isEmpty();
    }

    @Test
    void conditionsUseWindowsAndAreNotJudgedWithoutValues() {
        Condition c = Condition.compile("avgOver('pm25', 'PT1H') > 50.0 && rateOver('pm25', 'PT30M') > 0.0");
        assertThat(c.windows()).containsEntry("pm25", HOUR);
        Windows w = new Windows();
        w.add("pm25", at(0), 40, HOUR);
        w.add("pm25", at(30), 60, HOUR);
        w.add("pm25", at(50), 80, HOUR);
        assertThat(c.test(Map.of(), w, at(50))).contains(true);
        assertThat(c.test(Map.of(), w, at(30))).as("avg 50 is not over 50").contains(false);
        assertThat(c.test(Map.of(), new Windows(), at(50))).isEmpty();
        assertThat(c.test(Map.of())).as("outside the engine").isEmpty();
    }

    @Test
    void aRuleHoldingAnAverageRaisesOnceAndClearsWithItsMargin() {
        Rule r = new Rule(UUID.randomUUID(), TenantId.DEFAULT, "pm", "AirQualityObserved", List.of(),
                Condition.compile("avgOver('pm25', 'PT1H') > 55.4"), Optional.of(Condition.compile("avgOver('pm25', 'PT1H') <= 50.0")),
                Duration.ZERO, Severity.MODERATE, "a", "a", Optional.empty(), true, T0, T0);
        Windows w = new Windows();
        Optional<RuleState> state = Optional.empty();
        double[] readings = {50, 60, 70, 45, 40, 30, 20};
        List<String> steps = new java.util.ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            w.add("pm25", at(i * 20), readings[i], HOUR);
            RuleState.Step step = RuleState.judge(r, state, r.condition().test(Map.of(), w, at(i * 20)),
                    r.clearCondition().get().test(Map.of(), w, at(i * 20)), at(i * 20));
            steps.add(step.getClass().getSimpleName());
            if (step instanceof RuleState.Step.Raise raise) {
                state = Optional.of(new RuleState(raise.pendingSince(), Optional.of(UUID.randomUUID())));
            } else if (step instanceof RuleState.Step.Clear) {
                state = Optional.empty();
            }
        }
        // Hourly averages: 50, 55, 60, 58.3, 51.7, 38.3, 30.
        assertThat(steps).containsExactly("Keep", "Keep", "Raise", "Keep", "Keep", "Clear", "Keep");
    }
}
