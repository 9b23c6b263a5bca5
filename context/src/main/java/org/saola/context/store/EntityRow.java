package org.saola.context.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entity's latest state as stored: types and attribute names are expanded IRIs; each attribute is one
 * instance in normalized form, with its own {@code createdAt}/{@code modifiedAt}. An entity has one type or
 * more (NGSI-LD 1.8.1 §4.16) and any number of scopes (§4.18).
 */
public record EntityRow(String id, List<String> types, ObjectNode attributes, Instant createdAt, Instant modifiedAt,
        List<String> scopes) {

    public EntityRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("an entity has at least one type");
        }
    }

    /** Its first type (the one it was created with). */
    public String type() {
        return types.getFirst();
    }

    /** The same entity with other attributes, written at {@code now}. */
    public EntityRow with(ObjectNode newAttributes, Instant now) {
        return new EntityRow(id, types, newAttributes, createdAt, now, scopes);
    }
}
