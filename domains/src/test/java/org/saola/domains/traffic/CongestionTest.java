package org.saola.domains.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Congestion against each road's usual, on counters with planted rush hours and an incident. */
class CongestionTest {

    static final ZoneId CITY = ZoneId.of("Asia/Ho_Chi_Minh");
    /** A Tuesday. */
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    /** Two readings an hour (at :15 and :45) for {@code days} days up to the end of {@link #DAY}, speed by (date, hour). */
    static List<Congestion.Reading> readings(int days, BiFunction<LocalDate, Integer, Double> speed) {
        List<Congestion.Reading> out = new ArrayList<>();
        for (LocalDate d = DAY.minusDays(days - 1); !d.isAfter(DAY); d = d.plusDays(1)) {
            for (int h = 0; h < 24; h++) {
                Instant hour = d.atTime(h, 0).atZone(CITY).toInstant();
                out.add(new Congestion.Reading(hour.plus(Duration.ofMinutes(15)), speed.apply(d, h)));
                out.add(new Congestion.Reading(hour.plus(Duration.ofMinutes(45)), speed.apply(d, h)));
            }
        }
        return out;
    }

    static boolean weekday(LocalDate d) {
        return d.getDayOfWeek().getValue() <= 5;
    }

    /** 45 km/h when clear; 20 km/h in the weekday rush hours (07:00, 08:00, 17:00, 18:00). */
    static double usual(LocalDate d, int h) {
        return weekday(d) && (h == 7 || h == 8 || h == 17 || h == 18) ? 20 : 45;
    }

    @Test
    void theIncidentIsFlaggedAndTheRushHoursAreUsual() {
        // On the day looked at, an accident at 10:00 brings the road down to 9 km/h.
        List<Congestion.Reading> r = readings(29, (d, h) -> d.equals(DAY) && h == 10 ? 9.0 : usual(d, h));
        Instant from = DAY.atStartOfDay(CITY).toInstant();
        Instant to = from.plus(Duration.ofDays(1));
        Congestion.Segment s = Congestion.segment("road", "Đường 2/9", r, from.minus(Duration.ofDays(28)), from, to, CITY);

        // By hand: 45 km/h is the 85th percentile (most hours are clear); 20 km/h is a level of 45/20 − 1 = 125 %,
        // 9 km/h one of 45/9 − 1 = 400 %; the usual 10:00 of a weekday is 0 %, the usual 07:00 is 125 %.
        assertThat(s.freeFlowKmh()).isEqualTo(45);
        assertThat(s.hours()).hasSize(24);
        Congestion.Hour ten = s.hours().get(10);
        assertThat(ten.level()).isCloseTo(400, within(1e-9));
        assertThat(ten.usualLevel()).isCloseTo(0, within(1e-9));
        assertThat(ten.abnormal()).isTrue();
        Congestion.Hour seven = s.hours().get(7);
        assertThat(seven.level()).isCloseTo(125, within(1e-9));
        assertThat(seven.usualLevel()).isCloseTo(125, within(1e-9));
        assertThat(seven.abnormal()).isFalse();
        assertThat(s.hours()).filteredOn(Congestion.Hour::abnormal).hasSize(1);
    }

    @Test
    void aWeekendIsJudgedAgainstWeekendsAndTheWorstHoursAndSegmentsComeFirst() {
        LocalDate saturday = LocalDate.of(2026, 12, 5);
        Instant from = saturday.atStartOfDay(CITY).toInstant();
        // A weekday rush-hour speed on a Saturday morning at 07:00 is abnormal for a Saturday.
        List<Congestion.Reading> r = new ArrayList<>(readings(33, (d, h) -> usual(d, h)));
        r.removeIf(x -> !x.at().isBefore(from));
        Instant seven = from.plus(Duration.ofHours(7));
        r.add(new Congestion.Reading(seven.plus(Duration.ofMinutes(15)), 15));
        r.add(new Congestion.Reading(seven.plus(Duration.ofMinutes(45)), 15));
        Congestion.Segment sat = Congestion.segment("road", "Đường 2/9", r, from.minus(Duration.ofDays(28)), from,
                from.plus(Duration.ofHours(8)), CITY);
        assertThat(sat.hours()).hasSize(1);
        assertThat(sat.hours().getFirst().usualLevel()).isCloseTo(0, within(1e-9));
        assertThat(sat.hours().getFirst().abnormal()).isTrue();

        // Two segments over the Tuesday: the worst hours are the rush hours, the slower road comes first.
        Instant tue = DAY.atStartOfDay(CITY).toInstant();
        Congestion.Segment a = Congestion.segment("a", "A", readings(29, CongestionTest::usual), tue.minus(Duration.ofDays(28)), tue,
                tue.plus(Duration.ofDays(1)), CITY);
        Congestion.Segment b = Congestion.segment("b", "B", readings(29, (d, h) -> h == 7 || h == 8 || h == 17 || h == 18 ? 10.0 : 45.0),
                tue.minus(Duration.ofDays(28)), tue, tue.plus(Duration.ofDays(1)), CITY);
        List<Congestion.HourLevel> hours = Congestion.worstHours(List.of(a, b), CITY);
        assertThat(hours.subList(0, 4)).extracting(Congestion.HourLevel::hour).containsExactly(7, 8, 17, 18);
        // 07:00: A at 125 %, B at 45/10 − 1 = 350 %: a mean of 237.5 %.
        assertThat(hours.getFirst().meanLevel()).isCloseTo(237.5, within(1e-9));
        assertThat(Congestion.worstSegments(List.of(a, b))).extracting(Congestion.Segment::id).containsExactly("b", "a");
    }
}
