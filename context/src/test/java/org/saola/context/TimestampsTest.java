package org.saola.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written fast path reads every date-time as {@link OffsetDateTime#parse} does, and refuses the same. */
class TimestampsTest {

    @Test
    void readsWhatTheFullParserReads() {
        for (String s : List.of("2026-11-30T08:00:00Z", "2026-11-30T08:00:00.1Z", "2026-11-30T08:00:00.123456789Z",
                "2026-11-30T08:00:00.000001Z", "2026-11-30T15:00:00+07:00", "2026-11-30T01:30:00-05:30",
                "1999-12-31T23:59:59.999Z", "2024-02-29T12:00:00Z", "0001-01-01T00:00:00Z", "2026-11-30T08:00Z",
                "2026-11-30T08:00:00+07:00:00", "+12026-11-30T08:00:00Z", "2026-11-30T08:00:00.Z")) {
            assertThat(Timestamps.parse(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void refusesWhatTheFullParserRefuses() {
        for (String s : List.of("2026-11-30", "2026-11-30T08:00:00", "2026-02-30T08:00:00Z", "2026-11-30T24:00:00Z",
                "2026-11-30T08:60:00Z", "2026-11-30T08:00:00.1234567890Z", "2026-11-30 08:00:00Z",
                "2026-11-30T08:00:00+25:00", "2026-11-30T08:00:00+18:30", "2026-11-30T08:00:00.\u0663Z", "2026-1x-30T08:00:00Z", "2026-11-30T08:00:00ZZ", "")) {
            assertThatThrownBy(() -> Timestamps.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
        }
    }
}
