package org.saola.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an attribute's instances are held (NGSI-LD 1.8.1 §4.5.5 multi-attributes): one instance without
 * {@code datasetId} as an object, as most attributes are; several, or any with a {@code datasetId}, as an
 * array of instances, at most one of them without a {@code datasetId} (the default instance).
 */
public final class AttributeInstances {

    private AttributeInstances() {
    }

    /** The instances of a stored attribute value (an object or an array of objects). */
    public static List<ObjectNode> of(JsonNode attribute) {
        List<ObjectNode> out = new ArrayList<>();
        if (attribute == null || attribute.isNull() || attribute.isMissingNode()) {
            return out;
        }
        if (attribute.isArray()) {
            attribute.forEach(i -> out.add((ObjectNode) i));
        } else {
            out.add((ObjectNode) attribute);
        }
        return out;
    }

    /** The stored form of instances: a lone default instance as itself, anything else as an array. */
    public static JsonNode hold(List<ObjectNode> instances) {
        if (instances.size() == 1 && datasetId(instances.getFirst()) == null) {
            return instances.getFirst();
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        instances.forEach(array::add);
        return array;
    }

    /** The instance's datasetId, or null for the default instance. */
    public static String datasetId(JsonNode instance) {
        JsonNode d = instance.get("datasetId");
        return d == null || d.isNull() ? null : d.asString();
    }

    /** The instance with this datasetId (null: the default instance), or null. */
    public static ObjectNode find(JsonNode attribute, String datasetId) {
        for (ObjectNode i : of(attribute)) {
            if (Objects.equals(datasetId(i), datasetId)) {
                return i;
            }
        }
        return null;
    }

    /** The NGSI-LD Null (§4.5.0): as an attribute's value in a write, it deletes the attribute (or that instance). */
    public static final String NULL = "urn:ngsi-ld:null";

    private static final List<String> VALUE_MEMBERS = List.of("value", "object", "languageMap", "json", "vocab",
            "valueList", "objectList");

    /** Whether a written instance holds the NGSI-LD Null as its value (of whichever kind of attribute it is). */
    public static boolean isNull(JsonNode instance) {
        if (instance == null || !instance.isObject()) {
            return false;
        }
        for (String member : VALUE_MEMBERS) {
            JsonNode v = instance.get(member);
            if (v != null && (v.isString() && NULL.equals(v.asString())
                    || member.equals("languageMap") && v.isObject() && v.size() == 1
                    && NULL.equals(v.path("@none").asString("")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A deleted instance of an attribute of the given kind, as notifications and the temporal API show it: the
     * NGSI-LD Null in the member that kind holds its value in (§4.5.0).
     */
    public static tools.jackson.databind.node.ObjectNode nullInstance(String kind) {
        tools.jackson.databind.node.ObjectNode out = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("type", kind);
        switch (kind) {
            case "Relationship" -> out.put("object", NULL);
            case "LanguageProperty" -> out.putObject("languageMap").put("@none", NULL);
            case "JsonProperty" -> out.put("json", NULL);
            case "VocabProperty" -> out.put("vocab", NULL);
            case "ListProperty" -> out.put("valueList", NULL);
            case "ListRelationship" -> out.put("objectList", NULL);
            default -> out.put("value", NULL);
        }
        return out;
    }

    /** The default instance, or else the first. */
    public static ObjectNode primary(JsonNode attribute) {
        List<ObjectNode> all = of(attribute);
        ObjectNode d = find(attribute, null);
        return d != null ? d : all.isEmpty() ? null : all.getFirst();
    }
}
