package org.saola.context.query;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.saola.context.geo.GeoJson;
import org.saola.context.geo.Geometries;
import org.saola.platform.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A geo-query (NGSI-LD 1.8.1 §4.10): entities whose GeoProperty ({@code geoproperty}, an IRI; by default
 * {@code location}) stands in relation {@code georel} to a reference geometry.
 */
public record GeoQuery(Relation relation, Optional<Double> minDistance, Optional<Double> maxDistance,
        JsonNode geometry, String geoproperty, Geometry reference) {

    public enum Relation {
        near, within, contains, intersects, equals, disjoint, overlaps
    }

    private static final Pattern DISTANCE = Pattern.compile("(minDistance|maxDistance)==(\\d+(?:\\.\\d+)?)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static GeoQuery parse(String georel, String geometry, String coordinates, String geoproperty) {
        if (georel == null || geometry == null || coordinates == null) {
            throw new InvalidInputException("georel", "a geo-query needs georel, geometry and coordinates together");
        }
        String[] parts = georel.split(";");
        Relation relation;
        try {
            relation = Relation.valueOf(parts[0].strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("georel", "georel '" + parts[0] + "' is not one of near, within, contains, "
                    + "intersects, equals, disjoint, overlaps");
        }
        Optional<Double> min = Optional.empty();
        Optional<Double> max = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            Matcher m = DISTANCE.matcher(parts[i].strip());
            if (relation != Relation.near || !m.matches()) {
                throw new InvalidInputException("georel", "georel modifiers are near;maxDistance==<metres> or "
                        + "near;minDistance==<metres>; got '" + parts[i] + "'");
            }
            double metres = Double.parseDouble(m.group(2));
            if (m.group(1).equals("minDistance")) {
                min = Optional.of(metres);
            } else {
                max = Optional.of(metres);
            }
        }
        if (relation == Relation.near && min.isEmpty() && max.isEmpty()) {
            throw new InvalidInputException("georel", "near needs maxDistance or minDistance, e.g. near;maxDistance==2000");
        }
        JsonNode coords;
        try {
            coords = JSON.readTree(coordinates);
        } catch (JacksonException e) {
            throw new InvalidInputException("coordinates", "coordinates is a JSON array such as [108.22,16.06]");
        }
        ObjectNode g = JsonNodeFactory.instance.objectNode().put("type", geometry);
        g.set("coordinates", coords);
        GeoJson.requireValid("coordinates", g);
        if (relation == Relation.near && !geometry.equals("Point")) {
            throw new InvalidInputException("geometry", "near measures distances from a Point");
        }
        // The reference geometry is built once: a query tests it against many candidates.
        return new GeoQuery(relation, min, max, g, geoproperty, Geometries.toJts(g));
    }

    /** Whether an entity's geometry (GeoJSON) satisfies the query. */
    public boolean matches(JsonNode entityGeometry) {
        Geometry e = Geometries.toJts(entityGeometry);
        Geometry q = reference;
        return switch (relation) {
            case near -> {
                double d = Geometries.distanceMetres((Point) q, e);
                yield maxDistance.map(max -> d <= max).orElse(true) && minDistance.map(min -> d >= min).orElse(true);
            }
            case within -> e.within(q);
            case contains -> e.contains(q);
            case intersects -> e.intersects(q);
            case equals -> e.equalsTopo(q);
            case disjoint -> e.disjoint(q);
            case overlaps -> e.overlaps(q);
        };
    }

    /**
     * Whether an area (GeoJSON) may hold a geometry that satisfies the query: how a context source registration's
     * {@code location}, {@code observationSpace} or {@code operationSpace} is matched (NGSI-LD 1.8.1 §5.10.2,
     * "the location directly matches or possibly contains locations that would match").
     */
    public boolean possiblyWithin(JsonNode areaGeometry) {
        Geometry area;
        try {
            area = Geometries.toJts(areaGeometry);
        } catch (RuntimeException notAGeometry) {
            return false;
        }
        Geometry q = reference;
        return switch (relation) {
            case near -> {
                Point from = (Point) q;
                boolean closeEnough = maxDistance.map(max -> Geometries.distanceMetres(from, area) <= max).orElse(true);
                // The farthest point of an area from a point is one of its vertices.
                boolean farEnough = minDistance.map(min -> java.util.Arrays.stream(area.getCoordinates())
                        .anyMatch(c -> Geometries.distanceMetres(from, area.getFactory().createPoint(c)) >= min))
                        .orElse(true);
                yield closeEnough && farEnough;
            }
            case within, intersects, overlaps -> area.intersects(q);
            case contains, equals -> area.covers(q);
            case disjoint -> !q.covers(area);
        };
    }

    /** A box every matching geometry's box meets, to narrow candidates by index; empty if none can be given. */
    public Optional<double[]> candidateBox() {
        return switch (relation) {
            case disjoint -> Optional.empty();
            case near -> maxDistance.map(max -> Geometries.around((Point) reference, max));
            default -> Optional.of(Geometries.bbox(geometry));
        };
    }
}
