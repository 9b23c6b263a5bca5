package org.saola.context.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;

/**
 * GeoJSON geometries (already checked by {@link GeoJson}) as JTS geometries in longitude/latitude, their
 * bounding boxes, and distances in metres: exact (haversine) between points, and in a local equirectangular
 * projection around the reference point otherwise, which at a city's scale errs by well under a percent.
 */
public final class Geometries {

    static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Geometries() {
    }

    public static Geometry toJts(JsonNode geometry) {
        JsonNode c = geometry.get("coordinates");
        return switch (geometry.get("type").asString()) {
            case "Point" -> FACTORY.createPoint(coordinate(c));
            case "MultiPoint" -> FACTORY.createMultiPoint(points(c));
            case "LineString" -> line(c);
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = line(c.get(i));
                }
                yield FACTORY.createMultiLineString(lines);
            }
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(c.get(i));
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
            default -> throw new IllegalArgumentException("not a GeoJSON geometry: " + geometry);
        };
    }

    /** [minLon, minLat, maxLon, maxLat] of a GeoJSON geometry's positions. */
    public static double[] bbox(JsonNode geometry) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        extend(box, geometry.get("coordinates"));
        return box;
    }

    /** The bounding box as a PostgreSQL {@code box} literal. */
    public static String boxLiteral(double[] box) {
        return "(" + box[2] + "," + box[3] + "),(" + box[0] + "," + box[1] + ")";
    }

    /** A box around a point that holds every position within {@code metres} of it. */
    public static double[] around(Point p, double metres) {
        double dLat = Math.toDegrees(metres / EARTH_RADIUS_M);
        double cos = Math.max(Math.cos(Math.toRadians(p.getY())), 1e-6);
        double dLon = Math.min(180, dLat / cos);
        return new double[] {p.getX() - dLon, p.getY() - dLat, p.getX() + dLon, p.getY() + dLat};
    }

    /** Distance in metres from a point to a geometry (0 if the point lies in it). */
    public static double distanceMetres(Point from, Geometry to) {
        if (to instanceof Point p) {
            return haversine(from.getY(), from.getX(), p.getY(), p.getX());
        }
        double cos = Math.cos(Math.toRadians(from.getY()));
        double metresPerDegree = Math.toRadians(EARTH_RADIUS_M);
        Geometry projected = to.copy();
        projected.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = (c.x - from.getX()) * cos * metresPerDegree;
            c.y = (c.y - from.getY()) * metresPerDegree;
        });
        projected.geometryChanged();
        return projected.distance(FACTORY.createPoint(new Coordinate(0, 0)));
    }

    static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static void extend(double[] box, JsonNode c) {
        if (c.isArray() && !c.isEmpty() && c.get(0).isNumber()) {
            box[0] = Math.min(box[0], c.get(0).asDouble());
            box[1] = Math.min(box[1], c.get(1).asDouble());
            box[2] = Math.max(box[2], c.get(0).asDouble());
            box[3] = Math.max(box[3], c.get(1).asDouble());
            return;
        }
        c.forEach(inner -> extend(box, inner));
    }

    private static Coordinate coordinate(JsonNode p) {
        return new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }

    private static Coordinate[] coordinates(JsonNode positions) {
        Coordinate[] out = new Coordinate[positions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = coordinate(positions.get(i));
        }
        return out;
    }

    private static Point[] points(JsonNode positions) {
        Point[] out = new Point[positions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FACTORY.createPoint(coordinate(positions.get(i)));
        }
        return out;
    }

    private static LineString line(JsonNode positions) {
        return FACTORY.createLineString(coordinates(positions));
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(coordinates(rings.get(i)));
        }
        return FACTORY.createPolygon(shell, holes);
    }
}
