package org.saola.context;

import java.time.Instant;
import java.util.Set;
import org.saola.platform.TenantId;

/**
 * One committed change of an entity, as the change feed gives it to the modules that react to changes (rules,
 * indicators): the entity as the change left it (as it was, for a deletion) and the IRIs of the attributes the
 * change wrote. {@code position} is the feed position of the group commit that made it; changes of one
 * position come in the order they were applied.
 */
public record EntityChange(long position, Instant committedAt, TenantId tenant, Kind kind, StoredEntity entity,
        Set<String> written) {

    public enum Kind {
        CREATED, UPDATED, DELETED
    }

    public EntityChange {
        written = Set.copyOf(written);
    }

    public boolean created() {
        return kind == Kind.CREATED;
    }

    public boolean deleted() {
        return kind == Kind.DELETED;
    }
}
