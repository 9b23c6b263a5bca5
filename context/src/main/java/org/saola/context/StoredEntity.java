package org.saola.context;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entity's latest state as stored: types and attribute names are expanded IRIs; each attribute is in
 * NGSI-LD normalized form ({@code type}, {@code value}/{@code object}, {@code observedAt}, {@code unitCode}).
 * An entity has one type or more and any number of scopes.
 */
public record StoredEntity(String id, List<String> types, ObjectNode attributes, Instant createdAt, Instant modifiedAt,
        List<String> scopes) {

    public StoredEntity {
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
    }

    /** Its first type (the one it was created with). */
    public String type() {
        return types.getFirst();
    }
}
