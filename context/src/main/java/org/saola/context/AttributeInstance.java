package org.saola.context;

import tools.jackson.databind.node.ObjectNode;

/** One past instance of an attribute (its history), in normalized form; {@code attribute} is an IRI. */
public record AttributeInstance(String entityId, String attribute, ObjectNode instance) {
}
