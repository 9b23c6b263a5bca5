package org.saola.domains;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Night windows in the city's time, and the nights a job has still to write. */
class NightTest {

    static final ZoneId CITY = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalTime DUSK = LocalTime.of(17, 0);
    static final LocalTime DAWN = LocalTime.of(7, 0);

    @Test
    void aWindowPastMidnightStartsTheDayBeforeAndTheLastOneIsTheOneThatEnded() {
        Night n = Night.ending(LocalDate.of(2026, 12, 1), DUSK, DAWN, CITY);
        assertThat(n.start()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(n.end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        // At 06:59 in the city the night ending that morning has not ended: the last is the one before.
        assertThat(Night.lastBefore(Instant.parse("2026-11-30T23:59:00Z"), DUSK, DAWN, CITY).morning())
                .isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(Night.lastBefore(Instant.parse("2026-12-01T00:00:00Z"), DUSK, DAWN, CITY).morning())
                .isEqualTo(LocalDate.of(2026, 12, 1));
        Night small = Night.ending(LocalDate.of(2026, 12, 1), LocalTime.of(1, 0), LocalTime.of(5, 0), CITY);
        assertThat(small.start()).isEqualTo(Instant.parse("2026-11-30T18:00:00Z"));
    }

    @Test
    void aJobCatchesUpOnTheNightsItMissedSevenAtMost() {
        Instant until = Instant.parse("2026-12-05T03:00:00Z");          // 10:00 on 5 December in the city
        List<Night> fromMark = Night.due(until, Optional.of(Night.ending(LocalDate.of(2026, 12, 2), DUSK, DAWN, CITY).end()),
                DUSK, DAWN, CITY);
        assertThat(fromMark).extracting(Night::morning).containsExactly(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 4),
                LocalDate.of(2026, 12, 5));
        assertThat(Night.due(until, Optional.empty(), DUSK, DAWN, CITY)).hasSize(Night.CATCH_UP).last()
                .extracting(Night::morning).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(Night.due(until, Optional.of(fromMark.getLast().end()), DUSK, DAWN, CITY)).isEmpty();
    }
}
