package org.saola.domains.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Street lights' nights: energy, the unmanaged baseline, the saving, and the failed lamp found. */
class LightNightsTest {

    static final ZoneId CITY = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant DUSK = LocalDate.of(2026, 11, 30).atTime(17, 0).atZone(CITY).toInstant();
    static final Instant DAWN = DUSK.plus(Duration.ofHours(14));

    /** Readings every 15 minutes from 17:00 to 07:00; {@code at(minutes since 17:00)} gives {state, watts}. */
    static List<LightNights.Reading> night(IntFunction<Object[]> at) {
        List<LightNights.Reading> out = new ArrayList<>();
        for (int m = 0; m <= 14 * 60; m += 15) {
            Object[] r = at.apply(m);
            out.add(new LightNights.Reading(DUSK.plus(Duration.ofMinutes(m)), (String) r[0], (Double) r[1]));
        }
        return out;
    }

    /** Lit 18:00–06:00, full 120 W, dimmed to 60 W from 23:00 to 04:30; off otherwise (0 W). */
    static Object[] managed(int m) {
        if (m < 60 || m >= 13 * 60) {
            return new Object[] {"off", 0.0};
        }
        boolean dimmed = m >= 6 * 60 && m < 11 * 60 + 30;
        return new Object[] {dimmed ? "low" : "on", dimmed ? 60.0 : 120.0};
    }

    @Test
    void energyBaselineSavingAndTheFailedLampByHand() {
        List<LightNights.Light> lights = List.of(
                new LightNights.Light("l1", "Đèn 1", "Hải Châu", night(LightNightsTest::managed)),
                new LightNights.Light("l2", "Đèn 2", "Hải Châu", night(LightNightsTest::managed)),
                new LightNights.Light("l3", "Đèn 3", "Sơn Trà", night(LightNightsTest::managed)),
                // Lit like the others, but its lamp has failed: it draws 2 W.
                new LightNights.Light("l4", "Đèn 4", "Sơn Trà", night(m -> {
                    Object[] r = managed(m);
                    return new Object[] {r[0], "off".equals(r[0]) ? 0.0 : 2.0};
                })));
        LightNights.Report report = LightNights.analyse(lights, DUSK, DAWN);

        // By hand (trapezoids between readings): 17:45–18:00 half of 120 W for a quarter hour, 15 Wh; 18:00–22:45
        // at 120 W, 570 Wh; 22:45–23:00 and 04:15–04:30 at 90 W, 22.5 Wh each; 23:00–04:15 at 60 W, 315 Wh;
        // 04:30–05:45 at 120 W, 150 Wh; 05:45–06:00, 15 Wh: 1 110 Wh. Lit from 18:00 to 06:00, 12 hours; at full
        // power (120 W) all that time it would have used 1 440 Wh: dimming saved 330 Wh.
        LightNights.Night l1 = report.lights().getFirst();
        assertThat(l1.kwh()).isCloseTo(1.110, within(1e-9));
        assertThat(l1.litHours()).isCloseTo(12, within(1e-9));
        assertThat(l1.baselineKwh()).isCloseTo(1.440, within(1e-9));
        assertThat(l1.condition()).isEqualTo(LightNights.Condition.OK);
        assertThat(report.wards()).extracting(LightNights.Ward::ward).containsExactly("Hải Châu", "Sơn Trà");
        assertThat(report.wards().getFirst().kwh()).isCloseTo(2.220, within(1e-9));
        assertThat(report.wards().getFirst().savedKwh()).isCloseTo(0.660, within(1e-9));

        // The lit lamps usually draw (the median of the four lamps' mean power while lit) 91.25 W; 2 W is far under
        // a fifth of that.
        assertThat(report.faults()).extracting(LightNights.Night::id).containsExactly("l4");
        assertThat(report.faults().getFirst().condition()).isEqualTo(LightNights.Condition.LAMP_FAILED);
    }

    @Test
    void aLampDrawingFarMoreThanTheOthersHasAFaultAndAnUnreadNightIsUnknown() {
        List<LightNights.Light> lights = List.of(
                new LightNights.Light("a", "A", null, night(LightNightsTest::managed)),
                new LightNights.Light("b", "B", null, night(LightNightsTest::managed)),
                new LightNights.Light("c", "C", null, night(m -> {
                    Object[] r = managed(m);
                    return new Object[] {r[0], (Double) r[1] * 2};
                })),
                new LightNights.Light("d", "D", null, List.of()));
        LightNights.Report report = LightNights.analyse(lights, DUSK, DAWN);
        assertThat(report.faults()).extracting(LightNights.Night::id).containsExactly("c");
        assertThat(report.faults().getFirst().condition()).isEqualTo(LightNights.Condition.OVERCONSUMPTION);
        assertThat(report.lights().get(3).condition()).isEqualTo(LightNights.Condition.UNKNOWN);
    }
}
