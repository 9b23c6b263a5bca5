package org.saola.context;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which part of an entity's history to read (NGSI-LD 1.8.1 §4.11): attributes (IRIs; empty for all),
 * a time window on {@code observedAt}, and at most {@code lastN} instances per attribute.
 */
public record TemporalQuery(Set<String> attributes, Optional<Instant> from, Optional<Instant> to, int lastN) {
    public static final int MAX_INSTANCES = 10_000;

    public TemporalQuery {
        attributes = Set.copyOf(attributes);
        if (lastN < 1 || lastN > MAX_INSTANCES) {
            throw new org.saola.platform.InvalidInputException("lastN",
                    "lastN must be between 1 and " + MAX_INSTANCES + "; got " + lastN);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new org.saola.platform.InvalidInputException("timeAt", "the start of the time window must be before its end");
        }
    }
}
