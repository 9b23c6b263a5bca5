package org.saola.context.domain;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.context.AttributeInstances;
import org.saola.context.EntityIds;
import org.saola.context.geo.GeoJson;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the entities and attributes clients send (NGSI-LD 1.8.1 §4.5, normalized or concise) into the form
 * Saola stores: names expanded to IRIs against the request's @context, every attribute instance normalized
 * ({@code type} plus {@code value}, {@code object} or {@code languageMap}, {@code observedAt} as an ISO 8601
 * instant, {@code unitCode}, sub-attributes). Anything wrong is refused with the attribute it concerns.
 */
public final class NgsiLdPayloads {

    /**
     * An entity as sent: id, type IRIs (one or more), scopes (empty if it has none) and attributes (IRI →
     * normalized instance).
     */
    public record ParsedEntity(String id, List<String> types, List<String> scopes, ObjectNode attributes) {

        /** Its first type. */
        public String type() {
            return types.getFirst();
        }
    }

    /**
     * What an Append or Update Entity Attributes request sends (§5.6.2, §5.6.3): attributes, and types to add
     * and scopes, if any.
     */
    public record ParsedFragment(List<String> types, java.util.Optional<List<String>> scopes, ObjectNode attributes) {
    }

    /** NGSI-LD 1.8.1 §4.18: a scope is levels of letters, digits and '_', separated by '/'. */
    private static final Pattern SCOPE = Pattern.compile("/?[\\p{L}\\p{N}_]+(/[\\p{L}\\p{N}_]+)*");

    static final Set<String> ATTRIBUTE_TYPES = Set.of("Property", "Relationship", "GeoProperty", "LanguageProperty",
            "JsonProperty", "VocabProperty", "ListProperty", "ListRelationship");
    /** Members of an attribute that are not sub-attributes. */
    static final Set<String> ATTRIBUTE_MEMBERS = Set.of("type", "value", "object", "languageMap", "json",
            "vocab", "valueList", "objectList", "objectType", "observedAt", "unitCode", "datasetId", "createdAt",
            "modifiedAt", "instanceId", "@context");
    /** The member that holds each kind of attribute's value (NGSI-LD 1.8.1 §4.5). */
    private static final java.util.Map<String, String> VALUE_MEMBERS = java.util.Map.of("Property", "value",
            "GeoProperty", "value", "Relationship", "object", "LanguageProperty", "languageMap", "JsonProperty", "json",
            "VocabProperty", "vocab", "ListProperty", "valueList", "ListRelationship", "objectList");
    /** Top-level members of an entity that are not attributes; system times are set by Saola, not the client. */
    private static final Set<String> ENTITY_MEMBERS = Set.of("id", "type", "scope", "@context", "createdAt",
            "modifiedAt", "deletedAt");
    /** NGSI-LD 1.8.1 §4.6.2: characters an attribute or type name may not hold. */
    private static final Pattern FORBIDDEN_IN_NAMES = Pattern.compile("[<>\"'=;()|{}\\\\^`\\s\\p{Cntrl}]");

    private final JsonLdContexts contexts;

    public NgsiLdPayloads(JsonLdContexts contexts) {
        this.contexts = contexts;
    }

    /** A whole entity, with its id and type (Create Entity, batch operations). */
    public ParsedEntity entity(JsonNode body, List<URI> ctx) {
        ObjectNode o = object(body, "the entity");
        if (!o.has("id")) {
            throw new InvalidInputException("id", "an entity needs an 'id', an absolute URI such as urn:ngsi-ld:Type:1");
        }
        if (!o.get("id").isString()) {
            throw new InvalidInputException("id", "'id' is a string (an absolute URI)");
        }
        return new ParsedEntity(EntityIds.requireValid(o.get("id").asString()), types(o, ctx),
                scopes(o).orElse(List.of()), attributes(o, ctx));
    }

    /** A whole entity whose id the URL gives (Replace Entity): an 'id' in the body, if any, must match. */
    public ParsedEntity entity(String id, JsonNode body, List<URI> ctx) {
        ObjectNode o = object(body, "the entity");
        if (o.has("id") && !o.get("id").asString().equals(id)) {
            throw new InvalidInputException("id", "the body's id " + o.get("id") + " differs from the URL's " + id);
        }
        return new ParsedEntity(id, types(o, ctx), scopes(o).orElse(List.of()), attributes(o, ctx));
    }

    /** The body of Append or Update Entity Attributes: attributes, and any types and scopes it names. */
    public ParsedFragment fragment(JsonNode body, List<URI> ctx) {
        ObjectNode o = object(body, "the entity fragment");
        return new ParsedFragment(o.has("type") ? types(o, ctx) : List.of(), scopes(o), attributes(o, ctx));
    }

    /** The scopes of an entity or fragment (§4.18): a scope or an array of them; empty if it names none. */
    /** The {@code scope} member of an entity or registration (§4.18), normalized to start with '/'; checked. */
    public static java.util.Optional<List<String>> scopes(ObjectNode o) {
        JsonNode scope = o.get("scope");
        if (scope == null) {
            return java.util.Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : scope.isArray() ? scope : List.of(scope)) {
            if (!s.isString() || !SCOPE.matcher(s.asString()).matches()) {
                throw new InvalidInputException("scope", "a scope is a path of levels made of letters, digits and _, "
                        + "such as /DaNang/HaiChau/Parks; got " + s);
            }
            String normalized = s.asString().startsWith("/") ? s.asString() : "/" + s.asString();
            if (!out.contains(normalized)) {
                out.add(normalized);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("scope", "scope, if given, names at least one scope");
        }
        return java.util.Optional.of(List.copyOf(out));
    }

    /** The attributes of an entity or entity fragment; {@code id}, {@code type} and system members are skipped. */
    public ObjectNode attributes(JsonNode body, List<URI> ctx) {
        ObjectNode o = object(body, "the entity fragment");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (ENTITY_MEMBERS.contains(e.getKey())) {
                continue;
            }
            out.set(name(e.getKey(), ctx), attributeValue(e.getKey(), e.getValue(), ctx));
        }
        return out;
    }

    /** One whole attribute (an instance, or an array of instances with datasetIds), for Replace Attribute. */
    public JsonNode attribute(String name, JsonNode body, List<URI> ctx) {
        return attributeValue(name, body, ctx);
    }

    /** One instance of an attribute, e.g. for history. */
    public ObjectNode singleInstance(String name, JsonNode body, List<URI> ctx) {
        return instance(name, body, ctx);
    }

    /**
     * An attribute as held: one instance, or several of a multi-attribute (NGSI-LD 1.8.1 §4.5.5), each with
     * its own datasetId and at most one without (the default instance).
     */
    private JsonNode attributeValue(String name, JsonNode node, List<URI> ctx) {
        if (!node.isArray()) {
            return AttributeInstances.hold(List.of(instance(name, node, ctx)));
        }
        if (node.isEmpty()) {
            throw new InvalidInputException(name, name + ": an attribute has at least one instance");
        }
        List<ObjectNode> instances = new ArrayList<>();
        Set<String> datasets = new HashSet<>();
        boolean defaultSeen = false;
        for (JsonNode element : node) {
            if (!element.isObject()) {
                // A JSON array as a concise value: one Property holding the array.
                return AttributeInstances.hold(List.of(property(node)));
            }
            ObjectNode instance = instance(name, element, ctx);
            String dataset = AttributeInstances.datasetId(instance);
            if (dataset == null) {
                if (defaultSeen) {
                    throw new InvalidInputException(name, name + ": at most one instance has no datasetId");
                }
                defaultSeen = true;
            } else if (!datasets.add(dataset)) {
                throw new InvalidInputException(name, name + ": two instances have the datasetId " + dataset);
            }
            instances.add(instance);
        }
        return AttributeInstances.hold(instances);
    }

    /**
     * The members of a Partial Attribute Update: any of value, object, languageMap, observedAt, unitCode and
     * sub-attributes; a 'type', if given, must be the attribute's.
     */
    public ObjectNode attributeFragment(String name, JsonNode body, List<URI> ctx) {
        ObjectNode o = object(body, "the attribute fragment");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (o.has("datasetId")) {
            out.put("datasetId", datasetId(name, o.get("datasetId")));
        }
        if (o.has("type")) {
            out.put("type", attributeType(name, o.get("type")));
        }
        if (o.has("value")) {
            out.set("value", nonNull(name, "value", o.get("value")));
            if (!AttributeInstances.isNull(o) && (GeoJson.looksLikeGeometry(o.get("value"))
                    || "GeoProperty".equals(o.path("type").asString("")))) {
                GeoJson.requireValid(name, o.get("value"));
            }
        }
        if (o.has("object")) {
            out.set("object", relationshipObject(name, o.get("object")));
        }
        if (o.has("languageMap")) {
            out.set("languageMap", languageMap(name, o.get("languageMap")));
        }
        if (o.has("json")) {
            out.set("json", o.get("json"));
        }
        if (o.has("vocab")) {
            out.set("vocab", vocab(name, o.get("vocab"), ctx));
        }
        if (o.has("valueList")) {
            out.set("valueList", valueList(name, o.get("valueList")));
        }
        if (o.has("objectList")) {
            out.set("objectList", objectList(name, o.get("objectList")));
        }
        members(name, o, out, ctx);
        if (out.isEmpty()) {
            throw new InvalidInputException(name, name + ": nothing to update; send value, object, languageMap, json, "
                    + "vocab, valueList, objectList, observedAt, unitCode or sub-attributes");
        }
        return out;
    }

    /** An attribute or type name expanded to its IRI. */
    public String name(String term, List<URI> ctx) {
        if (term.isEmpty() || term.length() > 256 || FORBIDDEN_IN_NAMES.matcher(term).find()) {
            throw new InvalidInputException(term, "'" + term + "' is not a valid NGSI-LD name: 1-256 characters, "
                    + "none of < > \" ' = ; ( ) | { } \\ ^ ` or white space");
        }
        return contexts.expandTerm(ctx, term);
    }

    /** An entity's type, or types (§4.16): a name or an array of names, each expanded to its IRI. */
    private List<String> types(ObjectNode o, List<URI> ctx) {
        JsonNode t = o.get("type");
        if (t == null || !(t.isString() || t.isArray()) || t.isArray() && t.isEmpty()) {
            throw new InvalidInputException("type", "an entity needs a 'type', a name such as AirQualityObserved, "
                    + "or an array of names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode name : t.isArray() ? t : List.of(t)) {
            if (!name.isString() || name.asString().isBlank()) {
                throw new InvalidInputException("type", "each type is a name such as AirQualityObserved; got " + name);
            }
            String iri = name(name.asString(), ctx);
            if (!out.contains(iri)) {
                out.add(iri);
            }
        }
        return List.copyOf(out);
    }

    private ObjectNode instance(String name, JsonNode node, List<URI> ctx) {
        if (node.isArray()) {
            return property(node);                                  // concise: an array value
        }
        if (node.isNull()) {
            throw new InvalidInputException(name, name + ": an attribute cannot be null");
        }
        if (!node.isObject()) {
            return property(node);                                  // concise: a bare value
        }
        ObjectNode o = (ObjectNode) node;
        String type;
        if (o.has("type") && "VocabularyProperty".equals(o.get("type").asString(""))) {
            o = o.deepCopy().put("type", "VocabProperty");          // its name in drafts of NGSI-LD 1.8
        }
        if (o.has("type") && ATTRIBUTE_TYPES.contains(o.get("type").asString(""))) {
            type = o.get("type").asString();
        } else if (o.has("value")) {
            type = o.has("type") ? attributeType(name, o.get("type")) : "Property";   // concise with members
        } else if (o.has("object")) {
            type = "Relationship";
        } else if (o.has("languageMap")) {
            type = "LanguageProperty";
        } else if (o.has("json")) {
            type = "JsonProperty";
        } else if (o.has("vocab")) {
            type = "VocabProperty";
        } else if (o.has("valueList")) {
            type = "ListProperty";
        } else if (o.has("objectList")) {
            type = "ListRelationship";
        } else if (GeoJson.looksLikeGeometry(o)) {
            GeoJson.requireValid(name, o);
            ObjectNode geo = JsonNodeFactory.instance.objectNode().put("type", "GeoProperty");
            geo.set("value", o);
            return geo;                                             // concise: a bare geometry
        } else if (o.has("type")) {
            throw new InvalidInputException(name, name + ": attribute type '" + o.get("type").asString("")
                    + "' is not one of " + ATTRIBUTE_TYPES);
        } else {
            return property(o);                                     // concise: a bare JSON object value
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("type", type);
        if (AttributeInstances.isNull(o)) {
            // §4.5.0: the NGSI-LD Null deletes this attribute (or the instance of its datasetId) when written.
            out.put(VALUE_MEMBERS.get(type), AttributeInstances.NULL);
            if (o.has("datasetId")) {
                out.put("datasetId", datasetId(name, o.get("datasetId")));
            }
            return out;
        }
        switch (type) {
            case "Property" -> out.set("value", nonNull(name, "value", o.get("value")));
            case "GeoProperty" -> {
                JsonNode value = nonNull(name, "value", o.get("value"));
                GeoJson.requireValid(name, value);
                out.set("value", value);
            }
            case "Relationship" -> out.set("object", relationshipObject(name, o.get("object")));
            case "LanguageProperty" -> out.set("languageMap", languageMap(name, o.get("languageMap")));
            case "JsonProperty" -> {
                if (!o.has("json")) {
                    throw new InvalidInputException(name, name + ": a JsonProperty holds its JSON in 'json'");
                }
                out.set("json", o.get("json"));
            }
            case "VocabProperty" -> out.set("vocab", vocab(name, o.get("vocab"), ctx));
            case "ListProperty" -> out.set("valueList", valueList(name, o.get("valueList")));
            case "ListRelationship" -> {
                out.set("objectList", objectList(name, o.get("objectList")));
                if (o.has("objectType")) {
                    out.set("objectType", vocab(name, o.get("objectType"), ctx));
                }
            }
            default -> throw new IllegalStateException(type);
        }
        for (var other : VALUE_MEMBERS.entrySet()) {
            if (!other.getKey().equals(type) && !other.getValue().equals(VALUE_MEMBERS.get(type)) && o.has(other.getValue())) {
                throw new InvalidInputException(name, name + ": a " + type + " holds '" + VALUE_MEMBERS.get(type)
                        + "', not '" + other.getValue() + "' (that is a " + other.getKey() + "'s)");
            }
        }
        members(name, o, out, ctx);
        return out;
    }

    /** datasetId, observedAt, unitCode and sub-attributes. */
    private void members(String name, ObjectNode in, ObjectNode out, List<URI> ctx) {
        if (in.has("datasetId")) {
            out.put("datasetId", datasetId(name, in.get("datasetId")));
        }
        if (in.has("observedAt")) {
            // Kept as the client wrote it when it is already UTC; otherwise converted to UTC.
            Instant observed = instant(name, in.get("observedAt"));
            String raw = in.get("observedAt").asString();
            out.put("observedAt", raw.endsWith("Z") ? raw : observed.toString());
        }
        if (in.has("unitCode")) {
            if (!in.get("unitCode").isString() || in.get("unitCode").asString().isBlank()) {
                throw new InvalidInputException(name, name + ": unitCode is a UN/CEFACT code such as GQ or CEL");
            }
            out.put("unitCode", in.get("unitCode").asString());
        }
        for (Map.Entry<String, JsonNode> e : in.properties()) {
            if (!ATTRIBUTE_MEMBERS.contains(e.getKey())) {
                out.set(name(e.getKey(), ctx), instance(name + "." + e.getKey(), e.getValue(), ctx));
            }
        }
    }

    private static String attributeType(String name, JsonNode type) {
        if (!type.isString() || !ATTRIBUTE_TYPES.contains(type.asString())) {
            throw new InvalidInputException(name, name + ": attribute type " + type + " is not one of " + ATTRIBUTE_TYPES);
        }
        return type.asString();
    }

    private static ObjectNode property(JsonNode value) {
        ObjectNode p = JsonNodeFactory.instance.objectNode().put("type", "Property");
        p.set("value", value);
        return p;
    }

    private static JsonNode nonNull(String name, String member, JsonNode value) {
        if (value == null || value.isNull()) {
            throw new InvalidInputException(name, name + ": '" + member + "' is required and cannot be null");
        }
        return value;
    }

    private static JsonNode relationshipObject(String name, JsonNode object) {
        nonNull(name, "object", object);
        if (object.isString()) {
            requireUri(name, object.asString());
        } else if (object.isArray() && !object.isEmpty()) {
            object.forEach(o -> {
                if (!o.isString()) {
                    throw new InvalidInputException(name, name + ": a Relationship's object is an entity id (a URI)");
                }
                requireUri(name, o.asString());
            });
        } else {
            throw new InvalidInputException(name, name + ": a Relationship's object is an entity id (a URI)");
        }
        return object;
    }

    private static void requireUri(String name, String value) {
        try {
            EntityIds.requireValid(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name, name + ": the object of a Relationship is an absolute URI; got '"
                    + value + "'");
        }
    }

    /**
     * A VocabProperty's {@code vocab} (NGSI-LD 1.8.1 §4.5.20): one term or an array of terms, each expanded to
     * its IRI against the @context as a type would be ({@code @type: @vocab}).
     */
    private JsonNode vocab(String name, JsonNode vocab, List<URI> ctx) {
        if (vocab != null && vocab.isArray() && vocab.size() == 1) {
            vocab = vocab.get(0);
        }
        if (vocab != null && vocab.isString() && !vocab.asString().isBlank()) {
            return JsonNodeFactory.instance.stringNode(contexts.expandTerm(ctx, vocab.asString()));
        }
        if (vocab == null || !vocab.isArray() || vocab.isEmpty()) {
            throw new InvalidInputException(name, name + ": 'vocab' is a term such as \"barn\" or an array of terms");
        }
        var out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode term : vocab) {
            if (!term.isString() || term.asString().isBlank()) {
                throw new InvalidInputException(name, name + ": each element of 'vocab' is a term (a string)");
            }
            out.add(contexts.expandTerm(ctx, term.asString()));
        }
        return out;
    }

    /** A ListProperty's {@code valueList} (§4.5.21): an ordered array of values. */
    private static JsonNode valueList(String name, JsonNode list) {
        if (list == null || !list.isArray()) {
            throw new InvalidInputException(name, name + ": a ListProperty's 'valueList' is an array of values");
        }
        for (JsonNode v : list) {
            if (v.isNull()) {
                throw new InvalidInputException(name, name + ": 'valueList' holds no null");
            }
        }
        return list;
    }

    /**
     * A ListRelationship's {@code objectList} (§4.5.22): an ordered array of entity ids, given bare or as
     * {"object": id}; held as the latter, the normalized form.
     */
    private static JsonNode objectList(String name, JsonNode list) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(name, name + ": a ListRelationship's 'objectList' is an array of entity "
                    + "ids, e.g. [{\"object\": \"urn:ngsi-ld:City:Hue\"}]");
        }
        var out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : list) {
            JsonNode object = element.isObject() ? element.get("object") : element;
            if (object == null || !object.isString()) {
                throw new InvalidInputException(name, name + ": each element of 'objectList' is an entity id or "
                        + "{\"object\": id}");
            }
            requireUri(name, object.asString());
            out.addObject().put("object", object.asString());
        }
        return out;
    }

    private static JsonNode languageMap(String name, JsonNode map) {
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new InvalidInputException(name, name + ": a LanguageProperty's languageMap maps language tags to "
                    + "strings, e.g. {\"vi\": \"Cầu Rồng\", \"en\": \"Dragon Bridge\"}");
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isString()) {
                throw new InvalidInputException(name, name + ": languageMap value for '" + e.getKey() + "' is not a string");
            }
        }
        return map;
    }

    private static Instant instant(String name, JsonNode value) {
        if (!value.isString()) {
            throw new InvalidInputException(name, name + ": observedAt is an ISO 8601 UTC date-time string");
        }
        try {
            return org.saola.context.Timestamps.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + ": observedAt '" + value.asString()
                    + "' is not an ISO 8601 UTC date-time such as 2026-11-23T08:00:00Z");
        }
    }

    private static ObjectNode object(JsonNode body, String what) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", what + " is a JSON object");
        }
        return (ObjectNode) body;
    }

    private static String datasetId(String name, JsonNode id) {
        if (!id.isString()) {
            throw new InvalidInputException(name, name + ": datasetId is a URI");
        }
        try {
            return EntityIds.requireValid(id.asString());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name, name + ": datasetId '" + id.asString() + "' is not an absolute URI");
        }
    }
}
