package org.saola.alerts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Test this rule" for a "no data" rule: the silences of the last hours, as the rules' timer would have alerted them. */
class RuleTrialSilenceTest {

    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofHours(24));
    static final Duration AFTER = Duration.ofMinutes(30);

    static Instant at(String hhmm) {
        return Instant.parse("2026-12-01T" + hhmm + ":00Z");
    }

    @Test
    void aGapLongerThanTheSilenceIsAnAlertRaisedWhenTheSilenceRanOutAndClearedByTheNextReading() {
        List<RuleTrial.Firing> f = RuleTrial.silences("gauge-1",
                List.of(FROM.minus(Duration.ofMinutes(5)), at("00:10"), at("00:20"), at("02:00"), at("02:25"), at("23:50")),
                Instant.EPOCH, AFTER, FROM, TO);
        assertThat(f).extracting(RuleTrial.Firing::raisedAt).containsExactly(at("00:50"), at("02:55"));
        assertThat(f).extracting(RuleTrial.Firing::clearedAt).containsExactly(Optional.of(at("02:00")), Optional.of(at("23:50")));
    }

    @Test
    void aGapOfExactlyTheSilenceIsNoAlertAndOneStillOpenAtTheEndHasNotCleared() {
        List<RuleTrial.Firing> f = RuleTrial.silences("gauge-1", List.of(FROM.minus(Duration.ofMinutes(5)), at("00:10"),
                at("00:40"), at("23:40")),
                Instant.EPOCH, AFTER, FROM, TO);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).raisedAt()).isEqualTo(at("01:10"));
        assertThat(f.get(0).clearedAt()).contains(at("23:40"));
        // nothing read from half an hour before the window until 22:00: silent when the window began
        List<RuleTrial.Firing> open = RuleTrial.silences("gauge-1", List.of(at("22:00")), Instant.EPOCH, AFTER, FROM, TO);
        assertThat(open).extracting(RuleTrial.Firing::raisedAt).containsExactly(at("00:00"), at("22:30"));
        assertThat(open.get(1).clearedAt()).isEmpty();
    }

    @Test
    void anEntityNeverObservedIsSilentFromItsCreationAndNothingBeforeTheWindowIsTakenForSilence() {
        List<RuleTrial.Firing> never = RuleTrial.silences("gauge-2", List.of(), at("05:00"), AFTER, FROM, TO);
        assertThat(never).extracting(RuleTrial.Firing::raisedAt).containsExactly(at("05:30"));
        List<RuleTrial.Firing> before = RuleTrial.silences("gauge-3",
                List.of(FROM.minus(Duration.ofMinutes(5)), at("00:20")), Instant.EPOCH, AFTER, FROM, at("00:45"));
        assertThat(before).isEmpty();
    }
}
