package org.saola.context;

import java.util.Map;
import java.util.Objects;
import org.saola.platform.TenantId;

/**
 * Attributes to merge into an entity, creating it if it does not exist yet. Attribute names and the type are
 * terms of the NGSI-LD core @context (e.g. {@code pm25}, {@code AirQualityObserved}); {@code context} expands
 * them to IRIs.
 */
public record EntityUpdate(TenantId tenant, String entityId, String type, Map<String, Attribute> attributes) {
    public EntityUpdate {
        Objects.requireNonNull(tenant, "tenant");
        EntityIds.requireValid(entityId);
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an entity needs a type");
        }
        if (attributes == null || attributes.isEmpty()) {
            throw new IllegalArgumentException("an update carries at least one attribute");
        }
        attributes = Map.copyOf(attributes);
    }
}
