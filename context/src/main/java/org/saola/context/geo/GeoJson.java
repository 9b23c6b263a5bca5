package org.saola.context.geo;

import java.util.Set;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a GeoJSON geometry (RFC 7946 §3.1) as NGSI-LD GeoProperties carry it: WGS 84 positions
 * {@code [longitude, latitude(, altitude)]}, lines of two positions or more, closed linear rings of four or more.
 */
public final class GeoJson {

    public static final Set<String> GEOMETRY_TYPES =
            Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    private GeoJson() {
    }

    public static boolean looksLikeGeometry(JsonNode node) {
        return node.isObject() && node.path("type").isString()
                && GEOMETRY_TYPES.contains(node.get("type").asString()) && node.has("coordinates");
    }

    /** Throws {@link InvalidInputException} naming {@code field} and what is wrong. */
    public static void requireValid(String field, JsonNode geometry) {
        if (!geometry.isObject() || !geometry.path("type").isString()) {
            throw invalid(field, "a GeoProperty's value is a GeoJSON geometry such as "
                    + "{\"type\": \"Point\", \"coordinates\": [108.22, 16.06]}");
        }
        String type = geometry.get("type").asString();
        if (!GEOMETRY_TYPES.contains(type)) {
            throw invalid(field, "geometry type '" + type + "' is not one of " + GEOMETRY_TYPES);
        }
        JsonNode c = geometry.get("coordinates");
        if (c == null || !c.isArray()) {
            throw invalid(field, "a " + type + " needs a 'coordinates' array");
        }
        switch (type) {
            case "Point" -> position(field, c);
            case "MultiPoint" -> each(field, c, 1, p -> position(field, p));
            case "LineString" -> line(field, c);
            case "MultiLineString" -> each(field, c, 1, l -> line(field, l));
            case "Polygon" -> polygon(field, c);
            case "MultiPolygon" -> each(field, c, 1, p -> polygon(field, p));
            default -> throw new IllegalStateException(type);
        }
    }

    private static void position(String field, JsonNode p) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3) {
            throw invalid(field, "a position is [longitude, latitude] or [longitude, latitude, altitude]; got " + p);
        }
        for (JsonNode n : p) {
            if (!n.isNumber()) {
                throw invalid(field, "a position holds numbers; got " + p);
            }
        }
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw invalid(field, "position " + p + " is outside WGS 84 (longitude -180..180, latitude -90..90; "
                    + "longitude comes first)");
        }
    }

    private static void line(String field, JsonNode l) {
        if (!l.isArray() || l.size() < 2) {
            throw invalid(field, "a line has two positions or more; got " + l);
        }
        l.forEach(p -> position(field, p));
    }

    private static void polygon(String field, JsonNode rings) {
        each(field, rings, 1, ring -> {
            if (!ring.isArray() || ring.size() < 4) {
                throw invalid(field, "a polygon's ring has four positions or more; got " + ring);
            }
            ring.forEach(p -> position(field, p));
            if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                throw invalid(field, "a polygon's ring is closed: its last position repeats its first");
            }
        });
    }

    private static void each(String field, JsonNode array, int min, java.util.function.Consumer<JsonNode> check) {
        if (!array.isArray() || array.size() < min) {
            throw invalid(field, "expected an array of at least " + min + " element(s); got " + array);
        }
        array.forEach(check);
    }

    private static InvalidInputException invalid(String field, String detail) {
        return new InvalidInputException(field, field + ": " + detail);
    }
}
