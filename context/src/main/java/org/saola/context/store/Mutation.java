package org.saola.context.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A change to one entity, applied by the entity's writer thread to its current state, so that changes to one
 * entity never race and each sees the result of the one before. {@link #apply} is pure: it may be applied
 * again to a fresh state when its batch is retried. It throws (e.g. {@code NotFoundException}) to refuse.
 */
@FunctionalInterface
public interface Mutation {

    /**
     * @param current the entity as stored (or as left by earlier mutations of the same batch); empty if none
     * @param now the time of the change, for system attributes and history of unobserved values
     */
    Effect apply(Optional<EntityRow> current, Instant now);
}
