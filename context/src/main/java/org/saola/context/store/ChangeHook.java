package org.saola.context.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import org.saola.platform.TenantId;

/**
 * Told of each entity written by a group commit, inside its transaction, so that what it records (such as
 * notifications due) commits or rolls back with the change itself.
 */
public interface ChangeHook {

    /**
     * @param entity the entity as written
     * @param changed IRIs of the attributes the change wrote
     * @param created whether the entity is new
     */
    void written(Connection connection, TenantId tenant, EntityRow entity, Set<String> changed, boolean created,
            Instant now) throws SQLException;
}
