package org.saola.context.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.saola.context.AttributeInstance;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns stored entities (expanded IRIs) into the compacted NGSI-LD representations a client reads. */
@Component
class EntityRenderer {

    private final JsonLdContexts contexts;

    EntityRenderer(JsonLdContexts contexts) {
        this.contexts = contexts;
    }

    /** NGSI-LD 1.8.1 §4.5.2 normalized, or §4.5.3 simplified ({@code keyValues}) representation. */
    ObjectNode entity(StoredEntity e, JsonLdRequest request, boolean keyValues, boolean sysAttrs) {
        List<java.net.URI> ctx = request.contexts();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", e.id());
        out.put("type", contexts.compactIri(ctx, e.type()));
        for (Map.Entry<String, JsonNode> attr : e.attributes().properties()) {
            String name = contexts.compactIri(ctx, attr.getKey());
            JsonNode instance = attr.getValue();
            if (keyValues) {
                out.set(name, instance.has("object") ? instance.get("object") : instance.get("value"));
            } else {
                out.set(name, instance);
            }
        }
        if (sysAttrs && !keyValues) {
            out.put("createdAt", e.createdAt().toString());
            out.put("modifiedAt", e.modifiedAt().toString());
        }
        if (request.ldJson()) {
            out.put("@context", request.responseContext().toString());
        }
        return out;
    }

    /** NGSI-LD 1.8.1 §4.5.7 temporal representation: each attribute is an array of its instances. */
    ObjectNode temporal(StoredEntity e, Collection<AttributeInstance> history, JsonLdRequest request) {
        List<java.net.URI> ctx = request.contexts();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", e.id());
        out.put("type", contexts.compactIri(ctx, e.type()));
        for (AttributeInstance h : history) {
            String name = contexts.compactIri(ctx, h.attribute());
            ArrayNode instances = out.has(name) ? (ArrayNode) out.get(name) : out.putArray(name);
            instances.add(h.instance());
        }
        if (request.ldJson()) {
            out.put("@context", request.responseContext().toString());
        }
        return out;
    }
}
