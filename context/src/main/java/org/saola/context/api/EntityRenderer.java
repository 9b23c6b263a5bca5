package org.saola.context.api;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        List<URI> ctx = request.contexts();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", e.id());
        out.put("type", contexts.compactIri(ctx, e.type()));
        for (Map.Entry<String, JsonNode> attr : e.attributes().properties()) {
            String name = contexts.compactIri(ctx, attr.getKey());
            JsonNode instance = attr.getValue();
            out.set(name, keyValues ? simplified(instance) : normalized((ObjectNode) instance, ctx, sysAttrs));
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

    /** §4.5.3: a Property's value, a Relationship's object, a LanguageProperty's languageMap. */
    private static JsonNode simplified(JsonNode instance) {
        if (instance.has("object")) {
            return instance.get("object");
        }
        if (instance.has("languageMap")) {
            return JsonNodeFactory.instance.objectNode().set("languageMap", instance.get("languageMap"));
        }
        return instance.get("value");
    }

    /** An attribute instance with its sub-attributes' names compacted; system times only with sysAttrs. */
    private ObjectNode normalized(ObjectNode instance, List<URI> ctx, boolean sysAttrs) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> m : instance.properties()) {
            String key = m.getKey();
            if (key.equals("createdAt") || key.equals("modifiedAt")) {
                if (sysAttrs) {
                    out.set(key, m.getValue());
                }
            } else if (MEMBERS.contains(key)) {
                out.set(key, m.getValue());
            } else {
                out.set(contexts.compactIri(ctx, key), m.getValue().isObject()
                        ? normalized((ObjectNode) m.getValue(), ctx, sysAttrs) : m.getValue());
            }
        }
        return out;
    }

    private static final Set<String> MEMBERS =
            Set.of("type", "value", "object", "languageMap", "observedAt", "unitCode", "datasetId");

    /** NGSI-LD 1.8.1 §4.5.7 temporal representation: each attribute is an array of its instances. */
    ObjectNode temporal(StoredEntity e, Collection<AttributeInstance> history, JsonLdRequest request) {
        List<URI> ctx = request.contexts();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", e.id());
        out.put("type", contexts.compactIri(ctx, e.type()));
        for (AttributeInstance h : history) {
            String name = contexts.compactIri(ctx, h.attribute());
            ArrayNode instances = out.has(name) ? (ArrayNode) out.get(name) : out.putArray(name);
            instances.add(normalized(h.instance(), ctx, false));
        }
        if (request.ldJson()) {
            out.put("@context", request.responseContext().toString());
        }
        return out;
    }
}
