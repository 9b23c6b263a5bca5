package org.saola.alerts.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saola.alerts.packs.VnAqi.Level;
import org.saola.alerts.packs.VnAqi.Parameter;

/** VN_AQI against Decision 1459/QĐ-TCMT: its breakpoint table, its levels and its worked examples (§2.3). */
class VnAqiTest {

    /** Table 2, row by row: the concentration at each breakpoint has exactly that breakpoint's index. */
    @Test
    void theBreakpointTableOfTheDecision() {
        double[][] table = {
                // I:  0   50     100     150     200     300     400      500
                {0, 25, 50, 80, 150, 250, 350, 500},                         // PM2.5
                {0, 50, 150, 250, 350, 420, 500, 600},                       // PM10
                {0, 160, 200, 300, 400, 800, 1000, 1200},                    // O3 1 h
                {0, 100, 120, 170, 210, 400},                                // O3 8 h (to index 300 only)
                {0, 10_000, 30_000, 45_000, 60_000, 90_000, 120_000, 150_000}, // CO
                {0, 125, 350, 550, 800, 1600, 2100, 2630},                   // SO2
                {0, 100, 200, 700, 1200, 2350, 3100, 3850}};                 // NO2
        Parameter[] order = {Parameter.PM25, Parameter.PM10, Parameter.O3_1H, Parameter.O3_8H, Parameter.CO,
                Parameter.SO2, Parameter.NO2};
        int[] index = {0, 50, 100, 150, 200, 300, 400, 500};
        for (int p = 0; p < order.length; p++) {
            assertThat(order[p].breakpoints()).as(order[p].name()).containsExactly(table[p]);
            for (int i = 0; i < table[p].length; i++) {
                assertThat(VnAqi.subIndex(order[p], table[p][i]).getAsDouble()).as(order[p] + " at " + table[p][i])
                        .isEqualTo(index[i]);
            }
        }
        assertThat(VnAqi.subIndex(Parameter.PM25, 900).getAsDouble()).as("over the top: 500").isEqualTo(500);
        assertThat(VnAqi.subIndex(Parameter.O3_8H, 401)).as("8-hour O3 over 400 is not indexed").isEmpty();
        assertThat(VnAqi.subIndex(Parameter.PM25, 37.5).getAsDouble()).as("linear between breakpoints").isEqualTo(75);
    }

    @Test
    void theSixLevelsWithTheirColoursAndAdvice() {
        assertThat(Arrays.stream(Level.values()).map(l -> l.from + "-" + l.to + " " + l.nameVi + " " + l.colour))
                .containsExactly("0-50 Tốt #00E400", "51-100 Trung bình #FFFF00", "101-150 Kém #FF7E00",
                        "151-200 Xấu #FF0000", "201-300 Rất xấu #8F3F97", "301-500 Nguy hại #7E0023");
        assertThat(Level.of(50)).isEqualTo(Level.GOOD);
        assertThat(Level.of(51)).isEqualTo(Level.MODERATE);
        assertThat(Level.of(150)).isEqualTo(Level.POOR);
        assertThat(Level.of(301)).isEqualTo(Level.HAZARDOUS);
        assertThat(Level.VERY_BAD.code()).isEqualTo("veryBad");
        assertThat(Level.POOR.sensitiveAdviceVi).startsWith("Nên giảm các hoạt động mạnh");
    }

    /** §2.3, NowCast of PM2.5: hourly means from 20:00 back to 09:00; w = 16.5 / 26.9 = 0.61; NowCast 20.3. */
    @Test
    void theDecisionsNowCastExample() {
        Double[] hours = {20.6, 19.6, 22.4, 20.3, 16.5, 19.0, 16.5, 19.5, 23.5, 20.5, 24.7, 26.9};
        assertThat(VnAqi.nowCast(hours).getAsDouble()).isCloseTo(20.3, within(0.05));
        Double[] gap = hours.clone();
        gap[0] = null;
        gap[2] = null;
        assertThat(VnAqi.nowCast(gap)).as("fewer than two of the three latest hours: no data").isEmpty();
        Double[] steep = {100.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0};
        assertThat(VnAqi.nowCast(steep).getAsDouble()).as("w = 1/2: Σ (1/2)^i c_i as printed")
                .isCloseTo(54.9976, within(0.0001));
    }

    /**
     * §2.3, hourly index: O3 136.1, NO2 118.7, NowCast PM2.5 20.3 give 43, 59.35 and 41. The decision prints 60 for
     * NO2 and the station, which its own formula does not give (59.35 rounds to 59); Saola follows the formula.
     */
    @Test
    void theDecisionsHourlyExample() {
        assertThat(VnAqi.round(VnAqi.subIndex(Parameter.O3_1H, 136.1).getAsDouble())).isEqualTo(43);
        assertThat(VnAqi.subIndex(Parameter.NO2, 118.7).getAsDouble()).isCloseTo(59.35, within(1e-9));
        assertThat(VnAqi.round(VnAqi.subIndex(Parameter.PM25, 20.3).getAsDouble())).isEqualTo(41);
        Double[] pm25 = {20.6, 19.6, 22.4, 20.3, 16.5, 19.0, 16.5, 19.5, 23.5, 20.5, 24.7, 26.9};
        VnAqi.Index h = VnAqi.hourly(pm25, null, 136.1, null, null, 118.7).orElseThrow();
        assertThat(h.aqi()).isEqualTo(59);
        assertThat(h.dominant()).isEqualTo(Parameter.NO2);
        assertThat(h.level()).isEqualTo(Level.MODERATE);
        assertThat(VnAqi.hourly(null, null, 136.1, null, null, 118.7)).as("PM2.5 or PM10 is required").isEmpty();
    }

    /** §2.3, daily index: O3 8 h 89.3 and 1 h 114.6, NO2 130.8, PM2.5 55.7 give 45, 36, 65 and 110: AQI 110, poor. */
    @Test
    void theDecisionsDailyExample() {
        VnAqi.Index d = VnAqi.daily(55.7, null, 114.6, 89.3, null, null, 130.8).orElseThrow();
        assertThat(d.parameters()).containsEntry(Parameter.O3_8H, 45).containsEntry(Parameter.O3_1H, 36)
                .containsEntry(Parameter.NO2, 65).containsEntry(Parameter.PM25, 110);
        assertThat(d.aqi()).isEqualTo(110);
        assertThat(d.level()).isEqualTo(Level.POOR);
        VnAqi.Index high = VnAqi.daily(10.0, null, 500.0, 450.0, null, null, null).orElseThrow();
        assertThat(high.parameters()).as("8-hour O3 over 400: the 1-hour mean alone").doesNotContainKey(Parameter.O3_8H)
                .containsEntry(Parameter.O3_1H, 225);
    }

    /** §2.2.2.a: O3 hourly means from 18:00 to midnight the next day; the day's largest 8-hour mean is 74.4. */
    @Test
    void theDecisionsEightHourExample() {
        List<Double> o3 = List.of(15.7, 14.2, 17.7, 18.9, 19.3, 15.7, 19.7, 22.6, 27.1, 29.0, 31.9, 25.3, 34.7, 35.2, 41.6,
                45.7, 49.2, 55.8, 69.6, 78.3, 91.5, 97.7, 81.2, 71.8, 43.5, 34.3, 21.5, 20.5, 19.4, 20.4, 21.3);
        assertThat(VnAqi.largestEightHourMean(o3).getAsDouble()).isCloseTo(74.4, within(0.05));
    }
}
