package org.saola.context.api;

import java.util.List;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.springframework.stereotype.Component;

/**
 * Entities as NGSI-LD publishes them to anyone who reads a published dataset: the normalized representation
 * (GS CIM 009 §4.5.2) compacted against the core @context, which the entity names, without system attributes.
 */
@Component
public class PublicEntities {

    private static final JsonLdRequest CORE = new JsonLdRequest(List.of(JsonLdContexts.CORE_CONTEXT), true);

    private final EntityRenderer renderer;

    PublicEntities(EntityRenderer renderer) {
        this.renderer = renderer;
    }

    /** One entity as NGSI-LD JSON-LD text. */
    public String normalized(StoredEntity e) {
        return renderer.entity(e, CORE, false, false).toString();
    }
}
