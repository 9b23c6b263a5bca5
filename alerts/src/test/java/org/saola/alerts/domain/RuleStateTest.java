package org.saola.alerts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;

/**
 * A rule's judgement of one entity over time, with the clock moved by hand: raised only after the condition has
 * held for {@code holdFor}, forgotten if it stops before, cleared with a margin (hysteresis) so a level hovering at
 * the threshold does not make the alert flap.
 */
class RuleStateTest {

    private static final Instant T0 = Instant.parse("2026-10-14T02:00:00Z");

    private static Rule rule(String condition, String clear, Duration hold) {
        return new Rule(UUID.randomUUID(), TenantId.DEFAULT, "flood", "WaterObserved", List.of(),
                Condition.compile(condition), Optional.ofNullable(clear).map(Condition::compile), hold, Severity.SEVERE,
                "Mực nước {{waterLevel}} m", "Water level {{waterLevel}} m", Optional.empty(), true, T0, T0);
    }

    /** Feeds levels one minute apart; returns the steps, applying each to the state as the engine does. */
    private static List<String> run(Rule rule, double... levels) {
        Optional<RuleState> state = Optional.empty();
        List<String> steps = new java.util.ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            Map<String, Object> v = Map.of("waterLevel", levels[i]);
            Instant at = T0.plus(Duration.ofMinutes(i));
            RuleState.Step step = RuleState.judge(rule, state, rule.condition().test(v),
                    rule.clearCondition().flatMap(c -> c.test(v)), at);
            steps.add(step.getClass().getSimpleName());
            state = switch (step) {
                case RuleState.Step.Keep k -> state;
                case RuleState.Step.Pending p -> Optional.of(new RuleState(p.since(), Optional.empty()));
                case RuleState.Step.Raise r -> Optional.of(new RuleState(r.pendingSince(), Optional.of(UUID.randomUUID())));
                case RuleState.Step.Forget f -> Optional.empty();
                case RuleState.Step.Clear c -> Optional.empty();
            };
        }
        return steps;
    }

    @Test
    void withoutHoldTimeTheFirstReadingOverTheThresholdRaisesOnce() {
        assertThat(run(rule("waterLevel >= 3.0", null, Duration.ZERO), 2.0, 3.1, 3.4, 3.2, 2.5))
                .containsExactly("Keep", "Raise", "Keep", "Keep", "Clear");
    }

    @Test
    void theConditionMustHoldForTheHoldTimeBeforeTheAlertIsRaised() {
        Rule r = rule("waterLevel >= 3.0", null, Duration.ofMinutes(3));
        assertThat(run(r, 3.1, 3.2, 3.3, 3.4, 3.5)).containsExactly("Pending", "Keep", "Keep", "Raise", "Keep");
        assertThat(run(r, 3.1, 3.2, 2.9, 3.1, 3.2)).as("a dip starts the wait again")
                .containsExactly("Pending", "Keep", "Forget", "Pending", "Keep");
    }

    @Test
    void aClearConditionWithAMarginKeepsTheAlertFromFlapping() {
        Rule withMargin = rule("waterLevel >= 3.0", "waterLevel < 2.8", Duration.ZERO);
        assertThat(run(withMargin, 3.05, 2.95, 3.02, 2.98, 2.7))
                .containsExactly("Raise", "Keep", "Keep", "Keep", "Clear");
        Rule without = rule("waterLevel >= 3.0", null, Duration.ZERO);
        assertThat(run(without, 3.05, 2.95, 3.02, 2.98, 2.7))
                .as("what the margin prevents").containsExactly("Raise", "Clear", "Raise", "Clear", "Keep");
    }

    @Test
    void aReadingThatCannotBeJudgedChangesNothing() {
        Rule r = rule("waterLevel >= 3.0", null, Duration.ZERO);
        RuleState firing = new RuleState(T0, Optional.of(UUID.randomUUID()));
        assertThat(RuleState.judge(r, Optional.of(firing), Optional.empty(), Optional.empty(), T0))
                .isInstanceOf(RuleState.Step.Keep.class);
    }

    @Test
    void stateReadBackAfterARestartGoesOnWhereItWas() {
        Rule r = rule("waterLevel >= 3.0", null, Duration.ofMinutes(10));
        // Pending since T0 when the process stopped; the first reading after the restart comes at T0 + 12 min.
        RuleState stored = new RuleState(T0, Optional.empty());
        assertThat(RuleState.judge(r, Optional.of(stored), Optional.of(true), Optional.empty(), T0.plus(Duration.ofMinutes(12))))
                .isEqualTo(new RuleState.Step.Raise(T0));
        RuleState firing = new RuleState(T0, Optional.of(UUID.randomUUID()));
        assertThat(RuleState.judge(r, Optional.of(firing), Optional.of(true), Optional.empty(), T0.plus(Duration.ofMinutes(12))))
                .as("no second alert").isInstanceOf(RuleState.Step.Keep.class);
    }

    @Test
    void messagesShowTheEntitysValues() {
        assertThat(MessageTemplate.render("Water level {{waterLevel}} m at {{ id }} ({{unknown}})",
                Map.of("waterLevel", 3.25, "id", "urn:ngsi-ld:WaterObserved:han-1")))
                .isEqualTo("Water level 3.25 m at urn:ngsi-ld:WaterObserved:han-1 ({{unknown}})");
        assertThat(MessageTemplate.render("{{n}} cars", Map.of("n", 12.0))).isEqualTo("12 cars");
    }
}
