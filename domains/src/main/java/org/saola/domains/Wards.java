package org.saola.domains;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's wards as the domains' analyses group things by them: its {@code District} entities, each a name and
 * an area (GeoJSON Polygon or MultiPolygon); a thing belongs to the first whose area covers its {@code location}.
 */
public final class Wards {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final Map<String, Geometry> areas;

    private Wards(Map<String, Geometry> areas) {
        this.areas = areas;
    }

    public static Wards of(ContextService context, TenantId tenant) {
        Map<String, Geometry> out = new LinkedHashMap<>();
        String location = context.expand("location");
        String name = context.expand("name");
        for (StoredEntity d : context.entitiesOfType(tenant, "District", 1000, 0)) {
            Geometry area = area(d.attributes().path(location).path("value"));
            if (area != null) {
                out.put(d.attributes().path(name).path("value").asString(d.id()), area);
            }
        }
        return new Wards(out);
    }

    /** The ward of an entity (by its {@code location} Point, as stored), if any. */
    public Optional<String> of(StoredEntity e, String locationIri) {
        JsonNode c = e.attributes().path(locationIri).path("value").path("coordinates");
        if (!c.path(0).isNumber() || !c.path(1).isNumber()) {
            return Optional.empty();
        }
        return at(c.path(1).asDouble(), c.path(0).asDouble());
    }

    public Optional<String> at(double latitude, double longitude) {
        var p = FACTORY.createPoint(new Coordinate(longitude, latitude));
        return areas.entrySet().stream().filter(w -> w.getValue().covers(p)).map(Map.Entry::getKey).findFirst();
    }

    /** A GeoJSON Polygon or MultiPolygon (their outer rings) as JTS; {@code null} for anything else or a broken one. */
    static Geometry area(JsonNode g) {
        List<JsonNode> polygons = new ArrayList<>();
        switch (g.path("type").asString("")) {
            case "Polygon" -> polygons.add(g.path("coordinates"));
            case "MultiPolygon" -> g.path("coordinates").forEach(polygons::add);
            default -> {
                return null;
            }
        }
        List<org.locationtech.jts.geom.Polygon> parts = new ArrayList<>();
        for (JsonNode polygon : polygons) {
            JsonNode ring = polygon.path(0);
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                cs[i] = new Coordinate(ring.path(i).path(0).asDouble(), ring.path(i).path(1).asDouble());
            }
            try {
                parts.add(FACTORY.createPolygon(cs));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return parts.size() == 1 ? parts.getFirst() : FACTORY.createMultiPolygon(parts.toArray(org.locationtech.jts.geom.Polygon[]::new));
    }
}
