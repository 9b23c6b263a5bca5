package org.saola.domains.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Night flows and the leaks they reveal, on meters with planted answers. */
class LeakRankingTest {

    /** 01:00 in Đà Nẵng on 1 December 2026. */
    static final Instant NIGHT = Instant.parse("2026-11-30T18:00:00Z");
    static final Instant DAWN = NIGHT.plus(Duration.ofHours(4));

    /** A meter read every 15 minutes from 23:00 to 07:00, using {@code perHour.applyAsDouble(hour since 23:00)} litres an hour. */
    static List<NightFlow.Reading> readings(IntToDoubleFunction perHour) {
        List<NightFlow.Reading> out = new ArrayList<>();
        double total = 1000;
        Instant t = NIGHT.minus(Duration.ofHours(2));
        for (int q = 0; q <= 8 * 4; q++) {
            out.add(new NightFlow.Reading(t, total));
            total += perHour.applyAsDouble(q / 4) / 4;
            t = t.plus(Duration.ofMinutes(15));
        }
        return out;
    }

    static Map<String, Object> square(double west, double south, double east, double north) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(west, south), List.of(east, south),
                List.of(east, north), List.of(west, north), List.of(west, south))));
    }

    @Test
    void hourlyFlowsAreDifferencesOfTheInterpolatedCount() {
        List<NightFlow.Reading> r = List.of(new NightFlow.Reading(NIGHT.minus(Duration.ofMinutes(30)), 100),
                new NightFlow.Reading(NIGHT.plus(Duration.ofMinutes(30)), 110),
                new NightFlow.Reading(NIGHT.plus(Duration.ofMinutes(90)), 130));
        // The count at 01:00 is 105 (halfway), at 02:00 120: the hour from 01:00 used 15 litres.
        Map<Instant, Double> h = NightFlow.hourly(r, NIGHT, NIGHT.plus(Duration.ofHours(2)));
        assertThat(h).containsOnlyKeys(NIGHT);
        assertThat(h.get(NIGHT)).isCloseTo(15, within(1e-9));
        // A meter replaced (its count goes back) makes the hour unknown.
        List<NightFlow.Reading> reset = List.of(new NightFlow.Reading(NIGHT, 500), new NightFlow.Reading(NIGHT.plus(Duration.ofHours(1)), 3));
        assertThat(NightFlow.hourly(reset, NIGHT, NIGHT.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void thePlantedLeaksAreFoundAndRankedByTheWaterTheyLose() {
        // Customers in district A: a household that sleeps (no flow 01:00–05:00), one with a running cistern
        // (12 L/h all night), one with a burst pipe behind its meter (40 L/h); in district B, one that sleeps.
        // A's inlet: the three customers' flows plus 300 L/h lost from the district's own pipes. B's inlet: its
        // customer only.
        IntToDoubleFunction sleeps = h -> h >= 2 && h < 6 ? 0 : 80;
        IntToDoubleFunction cistern = h -> h >= 2 && h < 6 ? 12 : 92;
        IntToDoubleFunction burst = h -> 40 + (h >= 2 && h < 6 ? 0 : 60);
        IntToDoubleFunction inletA = h -> sleeps.applyAsDouble(h) + cistern.applyAsDouble(h) + burst.applyAsDouble(h) + 300;
        WaterSettings settings = new WaterSettings(List.of(
                new WaterSettings.District("A", "Khu A", "urn:ngsi-ld:WaterConsumptionObserved:inlet-a", square(108.0, 16.0, 108.1, 16.1), 3, 0.0),
                new WaterSettings.District("B", "Khu B", "urn:ngsi-ld:WaterConsumptionObserved:inlet-b", square(108.1, 16.0, 108.2, 16.1), 1, 0.0)),
                "01:00", "05:00", 2.0, 100.0).validated();
        List<LeakRanking.Meter> meters = List.of(
                new LeakRanking.Meter("m-sleeps", "Nhà 1", 16.05, 108.05, readings(sleeps)),
                new LeakRanking.Meter("m-cistern", "Nhà 2", 16.06, 108.05, readings(cistern)),
                new LeakRanking.Meter("m-burst", "Nhà 3", 16.07, 108.05, readings(burst)),
                new LeakRanking.Meter("m-b", "Nhà 4", 16.05, 108.15, readings(sleeps)),
                new LeakRanking.Meter("urn:ngsi-ld:WaterConsumptionObserved:inlet-a", "Đầu vào A", 16.0, 108.0, readings(inletA)),
                new LeakRanking.Meter("urn:ngsi-ld:WaterConsumptionObserved:inlet-b", "Đầu vào B", 16.0, 108.1, readings(sleeps)));
        LeakRanking.Report report = LeakRanking.rank(settings, meters, NIGHT, DAWN);

        assertThat(report.metersAnalysed()).isEqualTo(6);
        // By hand: the burst loses 40 L/h × 24 = 960 L a day, the cistern 12 × 24 = 288; district A's inlet at
        // its quietest hour (any of the four: 352 L) less its customers' 52 L is 300 L/h, 7 200 L a day.
        assertThat(report.ranked()).extracting(LeakRanking.Suspect::id).containsExactly("A", "m-burst", "m-cistern");
        assertThat(report.ranked().get(0).litresPerDay()).isCloseTo(7200, within(1e-6));
        assertThat(report.ranked().get(1).litresPerDay()).isCloseTo(960, within(1e-6));
        assertThat(report.ranked().get(2).litresPerDay()).isCloseTo(288, within(1e-6));
        LeakRanking.DistrictBalance a = report.districts().get(0);
        assertThat(a.inflowLitres()).isCloseTo(352, within(1e-6));
        assertThat(a.customersLitres()).isCloseTo(52, within(1e-6));
        assertThat(a.customers()).isEqualTo(3);
        assertThat(report.districts().get(1).suspected()).isFalse();
        assertThat(report.customers()).extracting(LeakRanking.CustomerLeak::district).containsOnly("A");
    }

    @Test
    void aNightWithAnHourMissingIsNotJudged() {
        List<NightFlow.Reading> gap = new ArrayList<>(readings(h -> 30));
        // Silent from 01:10 to 04:20: readings three and a half hours apart say nothing of the hours between.
        gap.removeIf(r -> r.at().isAfter(NIGHT.plus(Duration.ofMinutes(10))) && r.at().isBefore(NIGHT.plus(Duration.ofMinutes(200))));
        WaterSettings settings = WaterSettings.none();
        LeakRanking.Report report = LeakRanking.rank(settings, List.of(new LeakRanking.Meter("m", "Nhà", 16, 108, gap)), NIGHT, DAWN);
        assertThat(report.metersIncomplete()).isEqualTo(1);
        assertThat(report.ranked()).isEmpty();
    }
}
