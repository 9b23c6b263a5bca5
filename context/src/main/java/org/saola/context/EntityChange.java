package org.saola.context;

import java.util.Set;
import org.saola.platform.TenantId;

/**
 * An entity as a committed change left it, for modules that react to changes (alerts, indicators).
 * {@code changed} holds the IRIs of the attributes the change wrote.
 */
public record EntityChange(TenantId tenant, StoredEntity entity, Set<String> changed, boolean created) {
}
