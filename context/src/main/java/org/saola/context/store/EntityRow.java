package org.saola.context.store;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entity's latest state as stored: type and attribute names are expanded IRIs; each attribute is one
 * instance in normalized form, with its own {@code createdAt}/{@code modifiedAt}.
 */
public record EntityRow(String id, String type, ObjectNode attributes, Instant createdAt, Instant modifiedAt) {
    public EntityRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(attributes, "attributes");
    }
}
