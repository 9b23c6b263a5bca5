package org.saola.context;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entity's latest state as stored: type and attribute names are expanded IRIs; each attribute is in
 * NGSI-LD normalized form ({@code type}, {@code value}/{@code object}, {@code observedAt}, {@code unitCode}).
 */
public record StoredEntity(String id, String type, ObjectNode attributes, Instant createdAt, Instant modifiedAt) {
}
