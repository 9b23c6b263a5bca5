package org.saola.context.api;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.context.AttributeInstance;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.HistoryStore;
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

    /** A user @context as the @context member of a body: an inline one as the object it is, else its URL. */
    JsonNode contextMember(URI context) {
        return contexts.inlineContext(context)
                .orElse(JsonNodeFactory.instance.stringNode(context.toString()));
    }

    /** The term for an IRI under the given contexts. */
    String compact(List<URI> ctx, String iri) {
        return contexts.compactIri(ctx, iri);
    }

    /** NGSI-LD 1.8.1 §4.5.2 normalized, or §4.5.3 simplified ({@code keyValues}) representation. */
    ObjectNode entity(StoredEntity e, JsonLdRequest request, boolean keyValues, boolean sysAttrs) {
        List<URI> ctx = request.contexts();
        ObjectNode out = head(e, ctx);
        for (Map.Entry<String, JsonNode> attr : e.attributes().properties()) {
            String name = contexts.compactIri(ctx, attr.getKey());
            JsonNode instance = attr.getValue();
            if (instance.isArray() && instance.size() == 1) {
                // §4.5.5: a multi-attribute with a single instance is that instance (as JSON-LD compaction gives it).
                instance = instance.get(0);
            }
            if (instance.isArray()) {
                ArrayNode instances = out.putArray(name);
                instance.forEach(i -> instances.add(keyValues ? simplified(i, ctx) : normalized((ObjectNode) i, ctx, sysAttrs)));
            } else {
                out.set(name, keyValues ? simplified(instance, ctx) : normalized((ObjectNode) instance, ctx, sysAttrs));
            }
        }
        if (sysAttrs && !keyValues) {
            out.put("createdAt", e.createdAt().toString());
            out.put("modifiedAt", e.modifiedAt().toString());
        }
        if (request.ldJson()) {
            out.set("@context", request.contextMember());
        }
        return out;
    }

    /**
     * §4.5.4 concise representation of a normalized entity: attributes without their {@code type}; one that
     * holds nothing but its value becomes the bare value.
     */
    static ObjectNode concise(ObjectNode normalized) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> m : normalized.properties()) {
            String key = m.getKey();
            boolean top = Set.of("id", "type", "scope", "@context", "createdAt", "modifiedAt", "deletedAt").contains(key);
            JsonNode v = m.getValue();
            if (!top && v.isArray() && !v.isEmpty() && v.get(0).isObject() && v.get(0).has("type")) {
                ArrayNode instances = out.putArray(key);
                v.forEach(i -> instances.add(conciseAttribute((ObjectNode) i)));
            } else {
                out.set(key, top || !v.isObject() ? v : conciseAttribute((ObjectNode) v));
            }
        }
        return out;
    }

    private static JsonNode conciseAttribute(ObjectNode attribute) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> m : attribute.properties()) {
            String key = m.getKey();
            if (key.equals("type")) {
                continue;
            }
            boolean member = MEMBERS.contains(key) || key.equals("createdAt") || key.equals("modifiedAt");
            out.set(key, member || !m.getValue().isObject() ? m.getValue() : conciseAttribute((ObjectNode) m.getValue()));
        }
        if (out.size() == 1 && out.has("value")) {
            return out.get("value");
        }
        return out;
    }

    /**
     * NGSI-LD 1.8.1 §4.15: with {@code lang}, each LanguageProperty of a rendered entity becomes a Property
     * holding the string of the best language, with that language in {@code lang} (keyValues: the string).
     * The best is the first of {@code languages} the map has (RFC 4647 lookup: {@code en-GB} falls back to
     * {@code en}; a tag also matches its subtags, {@code vi} matches {@code vi-VN}; {@code *} matches any),
     * else its {@code @none} string, else its first one.
     */
    static void inLanguage(ObjectNode entity, List<String> languages, boolean keyValues) {
        for (Map.Entry<String, JsonNode> m : entity.properties()) {
            JsonNode v = m.getValue();
            if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    JsonNode one = oneLanguage(v.get(i), languages, keyValues);
                    if (one != null) {
                        ((ArrayNode) v).set(i, one);
                    }
                }
            } else {
                JsonNode one = oneLanguage(v, languages, keyValues);
                if (one != null) {
                    m.setValue(one);
                }
            }
        }
    }

    /**
     * §4.15 {@code lang} on a temporal representation: each instance of a LanguageProperty becomes a Property in the
     * best language, as {@link #inLanguage} does for an entity; in the temporalValues form (§4.5.9), each
     * {@code [languageMap, time]} pair becomes {@code [string, time]} of a Property's {@code values}.
     */
    static void temporalInLanguage(ObjectNode entity, List<String> languages) {
        inLanguage(entity, languages, false);
        for (Map.Entry<String, JsonNode> m : entity.properties()) {
            if (m.getValue() instanceof ObjectNode attr && "LanguageProperty".equals(attr.path("type").asString(""))
                    && attr.path("languageMaps").isArray()) {
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                for (JsonNode pair : attr.get("languageMaps")) {
                    ObjectNode held = JsonNodeFactory.instance.objectNode().put("type", "LanguageProperty");
                    held.set("languageMap", pair.path(0));
                    JsonNode one = oneLanguage(held, languages, true);
                    values.addArray().add(one == null ? pair.path(0) : one).add(pair.path(1));
                }
                attr.put("type", "Property");
                attr.remove("languageMaps");
                attr.set("values", values);
            }
        }
    }

    private static JsonNode oneLanguage(JsonNode attribute, List<String> languages, boolean keyValues) {
        JsonNode map = attribute.path("languageMap");
        if (!map.isObject() || map.isEmpty() || !keyValues && !"LanguageProperty".equals(attribute.path("type").asString(""))) {
            return null;
        }
        String chosen = null;
        for (String wanted : languages) {
            // RFC 4647 lookup: en-GB, then en; a tag also matches its subtags (vi matches vi-VN).
            for (String range = wanted; chosen == null && !range.isEmpty();
                    range = range.contains("-") ? range.substring(0, range.lastIndexOf('-')) : "") {
                for (String tag : map.propertyNames()) {
                    if (range.equals("*") || tag.equalsIgnoreCase(range) || tag.toLowerCase(java.util.Locale.ROOT)
                            .startsWith(range.toLowerCase(java.util.Locale.ROOT) + "-")) {
                        chosen = tag;
                        break;
                    }
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            chosen = map.has("@none") ? "@none" : map.propertyNames().iterator().next();
        }
        if (keyValues) {
            return map.get(chosen);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("type", "Property");
        out.set("value", map.get(chosen));
        if (!chosen.equals("@none")) {
            out.put("lang", chosen);
        }
        for (Map.Entry<String, JsonNode> m : attribute.properties()) {
            if (!m.getKey().equals("type") && !m.getKey().equals("languageMap")) {
                out.set(m.getKey(), m.getValue());
            }
        }
        return out;
    }

    /**
     * NGSI-LD 1.8.1 §5.2.14 showChanges: the attribute's value before the change, as {@code previousValue},
     * {@code previousObject}, {@code previousLanguageMap}, {@code previousJson}, {@code previousVocab},
     * {@code previousValueList} or {@code previousObjectList}.
     */
    void addPrevious(JsonNode shown, JsonNode before, List<URI> ctx) {
        // Each instance shown gets the previous value of the instance of the same datasetId (§4.5.5).
        for (JsonNode instance : shown.isArray() ? shown : List.of(shown)) {
            if (!(instance instanceof ObjectNode o)) {
                continue;
            }
            ObjectNode was = org.saola.context.AttributeInstances.find(before,
                    o.path("datasetId").isString() ? o.get("datasetId").asString() : null);
            if (was == null) {
                continue;
            }
            for (String member : List.of("value", "object", "languageMap", "json", "vocab", "valueList", "objectList")) {
                if (was.has(member)) {
                    // Compacted as the current value is: a VocabProperty's IRIs as the subscription's terms.
                    o.set("previous" + Character.toUpperCase(member.charAt(0)) + member.substring(1),
                            member.equals("vocab") ? vocab(was.get(member), ctx) : was.get(member));
                    break;
                }
            }
        }
    }

    /** NGSI-LD 1.8.1 §4.5.0: the NGSI-LD Null, with which a notification shows a deleted attribute. */
    static final String NGSI_LD_NULL = "urn:ngsi-ld:null";

    /** A deleted attribute of the given kind, as a notification shows it. */
    static JsonNode nullAttribute(String kind, boolean keyValues) {
        if (keyValues) {
            return JsonNodeFactory.instance.stringNode(NGSI_LD_NULL);
        }
        return org.saola.context.AttributeInstances.nullInstance(kind);
    }

    /**
     * §4.5.3: a Property's value, a Relationship's object, a LanguageProperty's {"languageMap": …}, a
     * JsonProperty's {"json": …}, a VocabProperty's {"vocab": terms}, a ListProperty's values, a
     * ListRelationship's entity ids.
     */
    private JsonNode simplified(JsonNode instance, List<URI> ctx) {
        if (instance.has("object")) {
            return instance.get("object");
        }
        if (instance.has("languageMap")) {
            return JsonNodeFactory.instance.objectNode().set("languageMap", instance.get("languageMap"));
        }
        if (instance.has("json")) {
            return JsonNodeFactory.instance.objectNode().set("json", instance.get("json"));
        }
        if (instance.has("vocab")) {
            return JsonNodeFactory.instance.objectNode().set("vocab", vocab(instance.get("vocab"), ctx));
        }
        if (instance.has("valueList")) {
            return instance.get("valueList");
        }
        if (instance.has("objectList")) {
            ArrayNode ids = JsonNodeFactory.instance.arrayNode();
            instance.get("objectList").forEach(o -> ids.add(o.path("object")));
            return ids;
        }
        return instance.get("value");
    }

    /** A VocabProperty's IRIs as terms of the response's @context. */
    private JsonNode vocab(JsonNode iris, List<URI> ctx) {
        if (iris.isString()) {
            return JsonNodeFactory.instance.stringNode(contexts.compactIri(ctx, iris.asString()));
        }
        ArrayNode terms = JsonNodeFactory.instance.arrayNode();
        iris.forEach(i -> terms.add(i.isString() ? contexts.compactIri(ctx, i.asString()) : i.asString("")));
        return terms;
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
            } else if (key.equals("vocab") || key.equals("objectType")) {
                out.set(key, vocab(m.getValue(), ctx));
            } else if (MEMBERS.contains(key)) {
                out.set(key, m.getValue());
            } else {
                out.set(contexts.compactIri(ctx, key), m.getValue().isObject()
                        ? normalized((ObjectNode) m.getValue(), ctx, sysAttrs) : m.getValue());
            }
        }
        return out;
    }

    private static final Set<String> MEMBERS = Set.of("type", "value", "object", "languageMap", "json", "vocab",
            "valueList", "objectList", "objectType", "observedAt", "unitCode", "datasetId", "instanceId");

    /** §4.5.9 simplified temporal representation: each attribute as its kind and [value, observedAt] pairs. */
    ObjectNode temporalValues(StoredEntity e, Collection<AttributeInstance> history, JsonLdRequest request,
            String timeMember) {
        List<URI> ctx = request.contexts();
        ObjectNode out = head(e, ctx);
        for (AttributeInstance h : history) {
            String name = contexts.compactIri(ctx, h.attribute());
            ObjectNode instance = h.instance();
            String kind = instance.path("type").asString("Property");
            String member = switch (kind) {
                case "Relationship" -> "objects";
                case "LanguageProperty" -> "languageMaps";
                case "JsonProperty" -> "jsons";
                case "VocabProperty" -> "vocabs";
                case "ListProperty" -> "valueLists";
                case "ListRelationship" -> "objectLists";
                default -> "values";
            };
            ObjectNode attr = out.has(name) ? (ObjectNode) out.get(name) : out.putObject(name).put("type", kind);
            ArrayNode pairs = attr.has(member) ? (ArrayNode) attr.get(member) : attr.putArray(member);
            JsonNode value = switch (kind) {
                case "Relationship" -> instance.get("object");
                case "LanguageProperty" -> instance.get("languageMap");
                case "JsonProperty", "VocabProperty", "ListProperty", "ListRelationship" -> simplified(instance, ctx);
                default -> instance.get("value");
            };
            pairs.addArray().add(value).add(instance.path(timeMember).asString(instance.path("modifiedAt").asString("")));
        }
        return tail(out, request);
    }

    /**
     * §4.5.19 aggregated temporal representation: per method, [value, start, end] per period. Each attribute is an
     * {@link AggregatedAttribute}, written to the response as it is serialized; {@code bounds} holds the text of
     * the periods' bounds, shared by every entity of an answer (they are mostly the same periods).
     */
    ObjectNode aggregated(StoredEntity e, Collection<HistoryStore.Aggregate> aggregates, JsonLdRequest request,
            Map<Instant, String> bounds) {
        List<URI> ctx = request.contexts();
        ObjectNode out = head(e, ctx);
        Map<String, AggregatedAttribute> attributes = new HashMap<>();
        for (HistoryStore.Aggregate a : aggregates) {
            AggregatedAttribute attr = attributes.get(a.attribute());
            if (attr == null) {
                attr = new AggregatedAttribute(a);
                attributes.put(a.attribute(), attr);
                out.putPOJO(contexts.compactIri(ctx, a.attribute()), attr);
            }
            attr.add(a, bounds.computeIfAbsent(a.start(), Instant::toString),
                    bounds.computeIfAbsent(a.end(), Instant::toString));
        }
        return tail(out, request);
    }

    /** id, type (a name, or an array of names for an entity of several types) and scope, if any (§4.16, §4.18). */
    private ObjectNode head(StoredEntity e, List<URI> ctx) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", e.id());
        if (e.types().size() == 1) {
            out.put("type", contexts.compactIri(ctx, e.type()));
        } else {
            ArrayNode types = out.putArray("type");
            e.types().forEach(t -> types.add(contexts.compactIri(ctx, t)));
        }
        if (e.scopes().size() == 1) {
            out.put("scope", e.scopes().getFirst());
        } else if (!e.scopes().isEmpty()) {
            ArrayNode scopes = out.putArray("scope");
            e.scopes().forEach(scopes::add);
        }
        return out;
    }

    private static ObjectNode tail(ObjectNode out, JsonLdRequest request) {
        if (request.ldJson()) {
            out.set("@context", request.contextMember());
        }
        return out;
    }

    /** NGSI-LD 1.8.1 §4.5.7 temporal representation: each attribute is an array of its instances. */
    ObjectNode temporal(StoredEntity e, Collection<AttributeInstance> history, JsonLdRequest request, String timeMember) {
        List<URI> ctx = request.contexts();
        ObjectNode out = head(e, ctx);
        for (AttributeInstance h : history) {
            String name = contexts.compactIri(ctx, h.attribute());
            ArrayNode instances = out.has(name) ? (ArrayNode) out.get(name) : out.putArray(name);
            ObjectNode shown = normalized(h.instance(), ctx, false);
            if (h.instance().has(timeMember)) {
                shown.set(timeMember, h.instance().get(timeMember));        // the time the query selected by
            }
            instances.add(shown);
        }
        if (request.ldJson()) {
            out.set("@context", request.contextMember());
        }
        return out;
    }
}
