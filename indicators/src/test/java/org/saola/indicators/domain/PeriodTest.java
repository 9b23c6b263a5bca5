package org.saola.indicators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void periodsRunFromMidnightCityTime() {
        Period nov = Period.parse("period", Period.Frequency.MONTHLY, "2026-11");
        assertThat(nov.from(HCM)).isEqualTo(Instant.parse("2026-10-31T17:00:00Z"));
        assertThat(nov.to(HCM)).isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
        assertThat(nov.next().label()).isEqualTo("2026-12");
        // 30 November, 18:00 UTC is already 1 December in Đà Nẵng: November has ended.
        assertThat(Period.lastEnded(Period.Frequency.MONTHLY, Instant.parse("2026-11-30T18:00:00Z"), HCM)).isEqualTo(nov);
        assertThat(Period.containing(Period.Frequency.QUARTERLY, Instant.parse("2026-11-30T10:00:00Z"), HCM).label()).isEqualTo("2026-Q4");
        assertThat(Period.parse("period", Period.Frequency.QUARTERLY, "2026-Q4").start().getMonthValue()).isEqualTo(10);
        assertThat(Period.lastEnded(Period.Frequency.ANNUAL, Instant.parse("2026-11-30T10:00:00Z"), HCM).label()).isEqualTo("2025");
    }

    @Test
    void aPeriodOfTheWrongKindIsRefused() {
        assertThatThrownBy(() -> Period.parse("period", Period.Frequency.MONTHLY, "2026")).hasMessageContaining("e.g. 2026-11");
        assertThatThrownBy(() -> Period.parse("period", Period.Frequency.MONTHLY, "2026-13")).hasMessageContaining("e.g. 2026-11");
        assertThatThrownBy(() -> Period.parse("period", Period.Frequency.ANNUAL, "2026-11")).hasMessageContaining("e.g. 2026");
        assertThatThrownBy(() -> Period.parse("period", Period.Frequency.ANNUAL, "1066")).hasMessageContaining("between 1990 and 2200");
    }
}
