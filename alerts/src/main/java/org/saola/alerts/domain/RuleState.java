package org.saola.alerts.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a rule knows of one entity between changes. No state: the condition does not hold. Pending: it has held
 * since {@code pendingSince}, not yet for the rule's {@code holdFor}. Firing: the alert {@code alertId} is open.
 */
public record RuleState(Instant pendingSince, Optional<UUID> alertId) {

    public boolean firing() {
        return alertId.isPresent();
    }

    /** What a rule does on seeing an entity, given what it knew before. */
    public sealed interface Step {
        /** Nothing changes. */
        record Keep() implements Step {
        }

        /** The condition begins to hold; the alert waits for the rule's {@code holdFor}. */
        record Pending(Instant since) implements Step {
        }

        /** The condition has held long enough: raise the alert. */
        record Raise(Instant pendingSince) implements Step {
        }

        /** The condition stopped holding before the alert was raised. */
        record Forget() implements Step {
        }

        /** The clear condition holds: resolve the open alert. */
        record Clear() implements Step {
        }
    }

    private static final Step KEEP = new Step.Keep();

    /**
     * The rule's judgement of an entity at {@code at}: {@code holds} and {@code clears} are its condition and
     * clear condition on the entity (empty when they cannot be judged: then nothing changes).
     */
    public static Step judge(Rule rule, Optional<RuleState> state, Optional<Boolean> holds, Optional<Boolean> clears,
            Instant at) {
        if (state.isPresent() && state.get().firing()) {
            boolean clear = rule.clearCondition().isPresent() ? clears.orElse(false) : holds.map(h -> !h).orElse(false);
            return clear ? new Step.Clear() : KEEP;
        }
        if (holds.isEmpty()) {
            return KEEP;
        }
        if (!holds.get()) {
            return state.isPresent() ? new Step.Forget() : KEEP;
        }
        Instant since = state.map(RuleState::pendingSince).orElse(at);
        if (!at.isBefore(since.plus(rule.holdFor()))) {
            return new Step.Raise(since);
        }
        return state.isPresent() ? KEEP : new Step.Pending(since);
    }
}
