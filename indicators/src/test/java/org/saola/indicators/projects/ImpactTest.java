package org.saola.indicators.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Period;

class ImpactTest {

    private static Definition km(Definition.Direction direction) {
        return new Definition("waste-truck-km", "Quãng đường", "Kilometres", "City", Optional.empty(), "km", "km", Optional.empty(),
                Period.Frequency.MONTHLY, List.of(), direction, "m", "m", 1, true);
    }

    private static final List<Impact.Point> MONTHS = List.of(new Impact.Point("2026-01", 900), new Impact.Point("2026-02", 880),
            new Impact.Point("2026-03", 910), new Impact.Point("2026-04", 890), new Impact.Point("2026-05", 700),
            new Impact.Point("2026-06", 610), new Impact.Point("2026-07", 600), new Impact.Point("2026-08", 620),
            new Impact.Point("2026-09", 100));

    @Test
    void theLastThreePeriodsBeforeAgainstTheFirstThreeAfterLeavingOutTheMonthItWentLive() {
        Impact.Result r = Impact.of(km(Definition.Direction.DOWN), MONTHS, LocalDate.of(2026, 5, 15), 3);
        assertThat(r.before()).extracting(Impact.Point::period).containsExactly("2026-02", "2026-03", "2026-04");
        assertThat(r.after()).extracting(Impact.Point::period).containsExactly("2026-06", "2026-07", "2026-08");
        assertThat(r.beforeMean().getAsDouble()).isCloseTo((880 + 910 + 890) / 3.0, within(1e-9));
        assertThat(r.afterMean().getAsDouble()).isCloseTo((610 + 600 + 620) / 3.0, within(1e-9));
        assertThat(r.change().getAsDouble()).isCloseTo(610 - 893.3333333333, within(1e-6));
        assertThat(r.changePercent().getAsDouble()).isCloseTo(100 * (610 - 893.3333333333) / 893.3333333333, within(1e-6));
        // Fewer kilometres is better for this indicator; the same fall for one where higher is better is worse.
        assertThat(r.verdict()).isEqualTo(Impact.Verdict.BETTER);
        assertThat(Impact.of(km(Definition.Direction.UP), MONTHS, LocalDate.of(2026, 5, 15), 3).verdict()).isEqualTo(Impact.Verdict.WORSE);
    }

    @Test
    void aProjectLiveOnTheFirstOfAMonthCountsThatMonthAfter() {
        Impact.Result r = Impact.of(km(Definition.Direction.DOWN), MONTHS, LocalDate.of(2026, 5, 1), 2);
        assertThat(r.before()).extracting(Impact.Point::period).containsExactly("2026-03", "2026-04");
        assertThat(r.after()).extracting(Impact.Point::period).containsExactly("2026-05", "2026-06");
    }

    @Test
    void withoutAPeriodOnEachSideThereIsNoVerdict() {
        Impact.Result r = Impact.of(km(Definition.Direction.DOWN), MONTHS.subList(0, 4), LocalDate.of(2026, 5, 15), 3);
        assertThat(r.verdict()).isEqualTo(Impact.Verdict.NOT_ENOUGH_DATA);
        assertThat(r.before()).hasSize(3);
        assertThat(r.after()).isEmpty();
        assertThat(r.change()).isEmpty();
    }

    @Test
    void aChangeSmallerThanTheShownDecimalsIsUnchanged() {
        List<Impact.Point> flat = List.of(new Impact.Point("2026-01", 50.01), new Impact.Point("2026-03", 50.03));
        assertThat(Impact.of(km(Definition.Direction.DOWN), flat, LocalDate.of(2026, 2, 10), 3).verdict()).isEqualTo(Impact.Verdict.UNCHANGED);
    }
}
