package org.saola.context.api;

import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PATCH of a subscription or a registration (NGSI-LD 1.8.1 §6.11.3.2, §6.9.3.2): the members given replace
 * the stored ones, the id cannot change.
 *
 * @param merged the stored resource with the members given
 * @param newContext whether the request names a @context (in its body or a Link header) to read the result with
 */
record MemberUpdate(ObjectNode merged, boolean newContext) {

    /** @param what "subscription" or "registration", for errors */
    static MemberUpdate of(ObjectNode stored, String id, JsonNode fragment, String link, String what) {
        if (!fragment.isObject()) {
            throw new InvalidInputException("body", "a " + what + " update is a JSON object of the members to change");
        }
        if (fragment.has("id") && !fragment.get("id").asString().equals(id)) {
            throw new InvalidInputException("id", "a " + what + "'s id cannot change");
        }
        ObjectNode merged = stored.deepCopy();
        fragment.properties().forEach(e -> {
            if (!e.getKey().equals("@context")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return new MemberUpdate(merged, fragment.has("@context") || (link != null && !link.isBlank()));
    }
}
