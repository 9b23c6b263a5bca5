package org.saola.context;

import java.net.URI;
import java.net.URISyntaxException;
import org.saola.platform.InvalidInputException;

/** NGSI-LD entity ids are absolute URIs (NGSI-LD 1.8.1 §4.4.1), usually {@code urn:ngsi-ld:Type:local}. */
public final class EntityIds {

    private EntityIds() {
    }

    public static String requireValid(String id) {
        if (id == null || id.isBlank() || id.length() > 512) {
            throw new InvalidInputException("id", "an entity id is an absolute URI of at most 512 characters");
        }
        try {
            URI uri = new URI(id);
            if (!uri.isAbsolute()) {
                throw new InvalidInputException("id", "entity id '" + id + "' is not an absolute URI (e.g. urn:ngsi-ld:Type:1)");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException("id", "entity id '" + id + "' is not a valid URI: " + e.getReason());
        }
        return id;
    }
}
