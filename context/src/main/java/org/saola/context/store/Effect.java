package org.saola.context.store;

import tools.jackson.databind.node.ObjectNode;

/** What a {@link Mutation} does: the state to write (or deletion, or nothing) and the answer for its caller. */
public sealed interface Effect {

    /** The caller's answer, e.g. which attributes were updated; may be null. */
    Object result();

    /**
     * Writes the entity's new state and appends the given attribute instances (IRI → normalized instance) to
     * their history.
     */
    record Write(EntityRow row, ObjectNode history, Object result) implements Effect {
    }

    /** Deletes the entity (its history stays, for the temporal API). */
    record Delete(Object result) implements Effect {
    }

    /** Changes nothing. */
    record Unchanged(Object result) implements Effect {
    }
}
