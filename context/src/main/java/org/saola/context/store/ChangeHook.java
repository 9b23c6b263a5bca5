package org.saola.context.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.saola.context.AttributeInstances;
import org.saola.platform.TenantId;

/**
 * Told of each entity a group commit creates, changes or deletes, inside its transaction, so that what it
 * records (such as notifications due) commits or rolls back with the change itself.
 */
public interface ChangeHook {

    /**
     * Told once as each group commit begins, before any of its changes: adds what must come first to the group's
     * pipeline. Those statements run either before the changes are told ({@link #groupStarted} with
     * {@code changesTold} false), or, when the group has nothing to read from the database, in the one round trip
     * that writes everything ({@code changesTold} true).
     */
    default void groupStarts(Pipeline pipeline) {
    }

    /**
     * Told once the statements {@link #groupStarts} added have run, in the group's transaction. With
     * {@code changesTold}, the changes were told already: a hook that learns there that it told them from a state
     * since outdated throws {@link Again}, and the group is applied again, its first statements run first.
     */
    default void groupStarted(Connection connection, Pipeline pipeline, boolean changesTold) throws SQLException {
    }

    /** Thrown by {@link #groupStarted}: the group is rolled back and applied again, the safe way. */
    final class Again extends RuntimeException {
        public Again(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * One entity's change.
     *
     * @param before the entity before the change, null if it did not exist
     * @param after the entity after the change, null if the change deleted it
     * @param written IRIs of the attributes the change wrote
     */
    record Change(TenantId tenant, EntityRow before, EntityRow after, Set<String> written) {

        public boolean created() {
            return before == null;
        }

        public boolean deleted() {
            return after == null;
        }

        /** The entity as the change left it, or as it was before its deletion. */
        public EntityRow entity() {
            return after != null ? after : before;
        }

        /** Written attributes the entity did not have before. */
        public Set<String> createdAttributes() {
            Set<String> created = new LinkedHashSet<>();
            for (String a : written) {
                if (before == null || !before.attributes().has(a)) {
                    created.add(a);
                }
            }
            return created;
        }

        /** Attributes the entity had before that the change wrote: updates of the attribute. */
        public Set<String> updatedAttributes() {
            Set<String> updated = new LinkedHashSet<>();
            if (before == null) {
                return updated;
            }
            for (String a : before.attributes().propertyNames()) {
                if (written.contains(a)) {
                    updated.add(a);
                }
            }
            return updated;
        }

        /**
         * Instances of a multi-attribute the change deleted while others remain (§4.5.5): the attribute, with
         * the instances as they were. A deletion of those instances, not an update of the attribute (§5.8.6).
         */
        public java.util.Map<String, java.util.List<tools.jackson.databind.node.ObjectNode>> deletedInstances() {
            java.util.Map<String, java.util.List<tools.jackson.databind.node.ObjectNode>> deleted =
                    new java.util.LinkedHashMap<>();
            if (before == null || after == null) {
                return deleted;
            }
            for (String a : before.attributes().propertyNames()) {
                if (written.contains(a) || !after.attributes().has(a)) {
                    continue;
                }
                var remaining = AttributeInstances.of(after.attributes().get(a));
                var was = AttributeInstances.of(before.attributes().get(a));
                if (remaining.size() < was.size()) {
                    for (var instance : was) {
                        if (AttributeInstances.find(after.attributes().get(a), AttributeInstances.datasetId(instance)) == null) {
                            deleted.computeIfAbsent(a, x -> new java.util.ArrayList<>()).add(instance);
                        }
                    }
                }
            }
            return deleted;
        }

        /** Attributes the change removed altogether. */
        public Set<String> deletedAttributes() {
            Set<String> deleted = new LinkedHashSet<>();
            if (before == null) {
                return deleted;
            }
            for (String a : before.attributes().propertyNames()) {
                if (after == null || !after.attributes().has(a)) {
                    deleted.add(a);
                }
            }
            return deleted;
        }
    }

    /**
     * One change of the group, as it is applied. What the hook records goes in {@code pipeline} (run before the
     * group commits, in its transaction); {@code connection} is for what must be read or made there and then.
     */
    void changed(Connection connection, Pipeline pipeline, Change change, Instant now) throws SQLException;
}
