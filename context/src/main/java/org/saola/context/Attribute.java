package org.saola.context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One attribute instance of an NGSI-LD entity (NGSI-LD 1.8.1 §4.5): a Property with a value, a
 * GeoProperty with a GeoJSON geometry, or a Relationship with the id of another entity.
 */
public record Attribute(Kind kind, JsonNode value, Optional<Instant> observedAt, Optional<String> unitCode) {

    public enum Kind {
        Property, GeoProperty, Relationship
    }

    public Attribute {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(unitCode, "unitCode");
        if (value.isNull() || value.isMissingNode()) {
            throw new IllegalArgumentException("an attribute value cannot be null");
        }
        if (kind == Kind.Relationship && !value.isString()) {
            throw new IllegalArgumentException("a Relationship's object is the id of an entity");
        }
        if (kind == Kind.GeoProperty && !(value.isObject() && value.has("type") && value.has("coordinates"))) {
            throw new IllegalArgumentException("a GeoProperty's value is a GeoJSON geometry");
        }
    }

    public static Attribute property(JsonNode value, Instant observedAt, String unitCode) {
        return new Attribute(Kind.Property, value, Optional.ofNullable(observedAt), Optional.ofNullable(unitCode));
    }

    public static Attribute property(JsonNode value) {
        return new Attribute(Kind.Property, value, Optional.empty(), Optional.empty());
    }

    public static Attribute geoProperty(JsonNode geometry) {
        return new Attribute(Kind.GeoProperty, geometry, Optional.empty(), Optional.empty());
    }

    public static Attribute relationship(JsonNode object) {
        return new Attribute(Kind.Relationship, object, Optional.empty(), Optional.empty());
    }
}
