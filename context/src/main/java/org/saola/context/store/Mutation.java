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

    /**
     * Whether this mutation refuses any entity that exists (a creation). A group whose entities are all either in
     * the writer's memory or so created reads nothing before it writes: it takes them to be absent, writes them with
     * {@code ON CONFLICT DO NOTHING}, and is applied again from the database if one was there after all.
     */
    default boolean onlyIfAbsent() {
        return false;
    }

    /** {@code mutation}, as one that refuses any entity that exists ({@link #onlyIfAbsent}). */
    static Mutation ifAbsent(Mutation mutation) {
        return new Mutation() {
            @Override
            public Effect apply(Optional<EntityRow> current, Instant now) {
                return mutation.apply(current, now);
            }

            @Override
            public boolean onlyIfAbsent() {
                return true;
            }
        };
    }
}
