package org.saola.alerts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.saola.context.AttributeInstances;
import org.saola.context.StoredEntity;
import org.saola.context.Timestamps;
import tools.jackson.databind.JsonNode;

/**
 * An entity as a condition sees it: {@code id}, {@code type} (its first type as a term) and each attribute's
 * value under its term: a Property's value (numbers as doubles, so {@code pm25 > 50} compares whatever the
 * sensor sent), a Relationship's object, a GeoProperty's GeoJSON as a map. An attribute with several instances
 * (datasetIds) shows its default instance, or its first.
 */
public final class EntityVariables {

    private EntityVariables() {
    }

    public static Map<String, Object> of(StoredEntity entity, UnaryOperator<String> compact) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", entity.id());
        variables.put("type", compact.apply(entity.type()));
        for (var attr : entity.attributes().properties()) {
            JsonNode instance = instance(attr.getValue());
            if (instance == null) {
                continue;
            }
            JsonNode value = instance.has("object") ? instance.get("object")
                    : instance.has("value") ? instance.get("value")
                    : instance.has("languageMap") ? instance.get("languageMap") : null;
            if (value != null) {
                variables.put(compact.apply(attr.getKey()), plain(value));
            }
        }
        return variables;
    }

    /** When the values the condition reads were observed: the latest {@code observedAt} among them, if any. */
    public static Optional<Instant> observedAt(StoredEntity entity, Iterable<String> attributeIris) {
        Instant latest = null;
        for (String iri : attributeIris) {
            JsonNode instance = instance(entity.attributes().get(iri));
            if (instance != null && instance.has("observedAt")) {
                Instant at = observedAt(instance, null);
                if (latest == null || at.isAfter(latest)) {
                    latest = at;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** When an attribute instance was observed, or {@code otherwise} if it does not say. */
    public static Instant observedAt(JsonNode instance, Instant otherwise) {
        return instance.has("observedAt") ? Timestamps.parse(instance.get("observedAt").asString()) : otherwise;
    }

    private static JsonNode instance(JsonNode attribute) {
        return attribute == null ? null : AttributeInstances.primary(attribute);
    }

    static Object plain(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        return v.asString();
    }
}
