package org.saola.alerts.domain;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.saola.platform.InvalidInputException;

/**
 * The area a rule watches: a GeoJSON polygon (longitude, latitude); the rule judges only the entities whose
 * {@code location} lies in it or crosses it (a gauge in the district, a road through it). An entity without a
 * location is outside.
 */
public final class RuleArea {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final List<List<List<Double>>> coordinates;
    private final Polygon polygon;

    private RuleArea(List<List<List<Double>>> coordinates, Polygon polygon) {
        this.coordinates = coordinates;
        this.polygon = polygon;
    }

    /** The GeoJSON polygon's rings, as written. */
    public List<List<List<Double>>> coordinates() {
        return coordinates;
    }

    /** A polygon checked: rings of at least four positions, closed, valid (not crossing itself). */
    public static RuleArea of(String type, List<List<List<Double>>> coordinates) {
        if (!"Polygon".equals(type) || coordinates == null || coordinates.isEmpty() || coordinates.size() > 50) {
            throw new InvalidInputException("area", "area is a GeoJSON Polygon: {\"type\": \"Polygon\", \"coordinates\": "
                    + "[[[longitude, latitude], …]]}");
        }
        LinearRing[] rings = new LinearRing[coordinates.size()];
        for (int r = 0; r < rings.length; r++) {
            List<List<Double>> ring = coordinates.get(r);
            if (ring == null || ring.size() < 4 || ring.size() > 10_000) {
                throw new InvalidInputException("area", "each ring of area has 4 to 10000 positions, the last the first");
            }
            Coordinate[] c = new Coordinate[ring.size()];
            for (int i = 0; i < c.length; i++) {
                List<Double> p = ring.get(i);
                if (p == null || p.size() < 2 || p.get(0) == null || p.get(1) == null || Math.abs(p.get(0)) > 180
                        || Math.abs(p.get(1)) > 90) {
                    throw new InvalidInputException("area", "area holds [longitude, latitude] positions; got " + p);
                }
                c[i] = new Coordinate(p.get(0), p.get(1));
            }
            if (!c[0].equals2D(c[c.length - 1])) {
                throw new InvalidInputException("area", "each ring of area ends where it starts");
            }
            rings[r] = GEOMETRY.createLinearRing(c);
        }
        Polygon polygon = GEOMETRY.createPolygon(rings[0], java.util.Arrays.copyOfRange(rings, 1, rings.length));
        if (!polygon.isValid()) {
            throw new InvalidInputException("area", "area is not a valid polygon (a ring crosses itself or another)");
        }
        return new RuleArea(List.copyOf(coordinates), polygon);
    }

    /** Whether an entity's {@code location} (as the rule's variables hold it: GeoJSON as a map) is in the area. */
    public boolean holds(Object location) {
        Geometry g = geometry(location);
        return g != null && polygon.intersects(g);
    }

    private static Geometry geometry(Object location) {
        if (!(location instanceof Map<?, ?> geo) || !(geo.get("coordinates") instanceof List<?> c)) {
            return null;
        }
        try {
            return switch (String.valueOf(geo.get("type"))) {
                case "Point" -> GEOMETRY.createPoint(position(c));
                case "MultiPoint" -> GEOMETRY.createMultiPointFromCoords(positions(c));
                case "LineString" -> GEOMETRY.createLineString(positions(c));
                case "Polygon" -> c.isEmpty() ? null : GEOMETRY.createPolygon(positions((List<?>) c.get(0)));
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;                    // a location Saola cannot read is outside every area
        }
    }

    private static Coordinate[] positions(List<?> list) {
        return list.stream().map(p -> position((List<?>) p)).toArray(Coordinate[]::new);
    }

    private static Coordinate position(List<?> p) {
        return new Coordinate(((Number) p.get(0)).doubleValue(), ((Number) p.get(1)).doubleValue());
    }
}
