package org.saola.context.store;

import tools.jackson.databind.node.ObjectNode;

/** What a {@link Mutation} does: the state to write (or deletion, or nothing) and the answer for its caller. */
public sealed interface Effect {

    /** The caller's answer, e.g. which attributes were updated; may be null. */
    Object result();

    /**
     * Writes the entity's new state and appends the given attribute instances (IRI → normalized instance) to
     * their history. {@code late} holds instances observed before the entity's latest ones: they go to history
     * only, and only if history does not hold the same instance at the same time already (a device's resend).
     * When only late instances are written, the entity itself is not written and no change is announced.
     */
    record Write(EntityRow row, ObjectNode history, Object result, ObjectNode late) implements Effect {
        public Write(EntityRow row, ObjectNode history, Object result) {
            this(row, history, result, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
    }

    /** Deletes the entity (its history stays, for the temporal API). */
    record Delete(Object result) implements Effect {
    }

    /** Changes nothing. */
    record Unchanged(Object result) implements Effect {
    }
}
