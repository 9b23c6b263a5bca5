package org.saola.context.domain;

import java.util.List;

/**
 * NGSI-LD 1.8.1 §5.2.18 UpdateResult: which attributes a write changed and which it left, with why.
 * Attribute names are IRIs here; the API compacts them.
 */
public record UpdateResult(List<String> updated, List<NotUpdated> notUpdated) {

    public record NotUpdated(String attributeName, String reason) {
    }

    public UpdateResult {
        updated = List.copyOf(updated);
        notUpdated = List.copyOf(notUpdated);
    }

    public boolean complete() {
        return notUpdated.isEmpty();
    }
}
