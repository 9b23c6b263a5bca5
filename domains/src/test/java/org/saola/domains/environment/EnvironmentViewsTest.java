package org.saola.domains.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hours at each VN_AQI level, exceedance days, and a gauge's hours above its alarm levels, counted by hand. */
class EnvironmentViewsTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void hoursAtEachLevelAndExceedanceDays() {
        List<EnvironmentViews.Label> hourly = new ArrayList<>();
        String[] pattern = {"good", "good", "moderate", "poor", "poor", "poor", "veryBad"};
        for (int h = 0; h < pattern.length; h++) {
            hourly.add(new EnvironmentViews.Label(T0.plus(Duration.ofHours(h)), pattern[h]));
        }
        List<EnvironmentViews.Label> daily = List.of(new EnvironmentViews.Label(T0, "moderate"),
                new EnvironmentViews.Label(T0.plus(Duration.ofDays(1)), "poor"),
                new EnvironmentViews.Label(T0.plus(Duration.ofDays(2)), "bad"));
        EnvironmentViews.Station s = EnvironmentViews.station("s", "Trạm", "Hải Châu", hourly, daily);
        assertThat(s.hoursAtLevel()).containsExactly(Map.entry("good", 2), Map.entry("moderate", 1), Map.entry("poor", 3),
                Map.entry("bad", 0), Map.entry("veryBad", 1), Map.entry("hazardous", 0));
        assertThat(s.exceedanceDays()).isEqualTo(2);
        assertThat(s.days()).isEqualTo(3);
        EnvironmentViews.Station other = EnvironmentViews.station("t", "Trạm 2", "Hải Châu", hourly.subList(0, 2), List.of());
        EnvironmentViews.Station ward = EnvironmentViews.byWard(List.of(s, other)).get("Hải Châu");
        assertThat(ward.hoursAtLevel().get("good")).isEqualTo(4);
        assertThat(ward.exceedanceDays()).isEqualTo(2);
    }

    @Test
    void aGaugesHoursAboveItsAlarmLevelsAndItsPeak() {
        // Read every 30 minutes: 1.0 m, then 1.8 m for two hours, 2.3 m for one hour, then 1.0 m again.
        double[] levels = {1.0, 1.0, 1.8, 1.8, 1.8, 1.8, 2.3, 2.3, 1.0, 1.0};
        List<EnvironmentViews.Value> r = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            r.add(new EnvironmentViews.Value(T0.plus(Duration.ofMinutes(30L * i)), levels[i]));
        }
        EnvironmentViews.Gauge g = EnvironmentViews.gauge("g", "Trạm sông Hàn", new Double[] {1.6, 2.2, 2.6}, r, T0,
                T0.plus(Duration.ofHours(5)));
        // By hand: at or above 1.6 m from 01:00 to 04:00 (3 h), above 2.2 m from 03:00 to 04:00 (1 h), never above 2.6 m.
        assertThat(g.hoursAbove()[0]).isCloseTo(3.0, within(1e-9));
        assertThat(g.hoursAbove()[1]).isCloseTo(1.0, within(1e-9));
        assertThat(g.hoursAbove()[2]).isZero();
        assertThat(g.peak()).isEqualTo(2.3);
        assertThat(g.peakAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(g.hourlyHighest()).hasSize(5);
        assertThat(g.hourlyHighest().get(T0.plus(Duration.ofHours(3)))).isEqualTo(2.3);
    }
}
