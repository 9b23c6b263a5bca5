package org.saola.context.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GeoJSON representation of entities (ETSI GS CIM 009 V1.8.1 §4.5.16), asked for with
 * {@code Accept: application/geo+json}: an entity is a Feature whose geometry is the value of its
 * {@code geometryProperty} (default {@code location}) and whose properties are its type and attributes, as the
 * normalized, concise or simplified representation renders them; a query answers a FeatureCollection. The
 * @context goes in the {@code Link} header, as for {@code application/json}.
 */
final class GeoJsonRepresentation {

    static final MediaType GEO_JSON = JsonLdRequest.GEO_JSON;

    private GeoJsonRepresentation() {
    }

    static ObjectNode feature(ObjectNode entity, Map<String, String> params) {
        String property = params.getOrDefault("geometryProperty", "location");
        ObjectNode feature = JsonNodeFactory.instance.objectNode();
        feature.set("id", entity.get("id"));
        feature.put("type", "Feature");
        feature.set("geometry", geometry(entity.get(property)));
        ObjectNode properties = entity.deepCopy();
        properties.remove(List.of("id", "@context"));
        feature.set("properties", properties);
        return feature;
    }

    static ObjectNode collection(List<ObjectNode> entities, Map<String, String> params) {
        ObjectNode collection = JsonNodeFactory.instance.objectNode();
        collection.put("type", "FeatureCollection");
        var features = collection.putArray("features");
        entities.forEach(e -> features.add(feature(e, params)));
        return collection;
    }

    static <T> ResponseEntity<T> respond(JsonLdRequest request, ResponseEntity.BodyBuilder ok, T body) {
        return ok.contentType(GEO_JSON).header(HttpHeaders.LINK, "<" + request.linkTarget()
                + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"").body(body);
    }

    /** The geometry an attribute holds, however rendered (normalized, concise, simplified; one instance or many). */
    private static JsonNode geometry(JsonNode attribute) {
        JsonNode a = attribute != null && attribute.isArray() && !attribute.isEmpty() ? attribute.get(0) : attribute;
        if (a == null || !a.isObject()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (a.has("coordinates") && a.has("type") && !a.has("value")) {
            return a;                                   // simplified, or concise with the bare geometry
        }
        JsonNode value = a.get("value");
        return value != null && value.isObject() && value.has("coordinates") ? value : JsonNodeFactory.instance.nullNode();
    }
}
