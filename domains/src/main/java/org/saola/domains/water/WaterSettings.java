package org.saola.domains.water;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.saola.platform.InvalidInputException;

/**
 * How a city's water network is watched for leaks: its district metered areas (each an area, the meter that
 * measures what flows into it, how many properties it serves and their allowed night use), the night window, and
 * the flows that count as a leak. Checked whole before it is kept ({@link #validated()}).
 *
 * @param nightStart, nightEnd the night window in the city's time (whole hours; the minimum night flow is sought in it)
 * @param continuousFlowLitresPerHour a customer's meter that never fell below this all night has a leak behind it
 * @param districtExcessLitresPerHour a district whose night inflow exceeds its customers' use by this much is leaking
 */
public record WaterSettings(List<District> districts, String nightStart, String nightEnd, Double continuousFlowLitresPerHour,
        Double districtExcessLitresPerHour) {

    /**
     * A district metered area: {@code area} a GeoJSON polygon ({"type": "Polygon", "coordinates": [[[lon, lat], …]]});
     * the customers' meters located in it are its customers; {@code inflowMeter} the id of the entity of the meter at
     * its inlet; {@code properties} those it serves and {@code allowanceLitresPerPropertyHour} their allowed night use
     * not metered (0 when every property is metered).
     */
    public record District(String id, String name, String inflowMeter, Map<String, Object> area, Integer properties,
            Double allowanceLitresPerPropertyHour) {
    }

    public static WaterSettings none() {
        return new WaterSettings(List.of(), "01:00", "05:00", 2.0, 100.0).validated();
    }

    public LocalTime start() {
        return LocalTime.parse(nightStart);
    }

    public LocalTime end() {
        return LocalTime.parse(nightEnd);
    }

    public WaterSettings validated() {
        List<District> ds = districts == null ? List.of() : districts;
        if (ds.size() > 500) {
            throw new InvalidInputException("districts", "at most 500 metered districts");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < ds.size(); i++) {
            District d = ds.get(i);
            String at = "districts[" + i + "]";
            if (d == null) {
                throw new InvalidInputException(at, "a district is an object with id, name, inflowMeter and area");
            }
            if (d.id() == null || !d.id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new InvalidInputException(at + ".id", "an id of letters, digits, '.', '_' or '-', at most 64");
            }
            if (!ids.add(d.id())) {
                throw new InvalidInputException(at + ".id", "two districts are called " + d.id());
            }
            if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
                throw new InvalidInputException(at + ".name", "a name of 1 to 200 characters");
            }
            if (d.inflowMeter() == null || !d.inflowMeter().matches("urn:ngsi-ld:[^\\s]{1,250}")) {
                throw new InvalidInputException(at + ".inflowMeter", "the id of the inlet meter's entity (urn:ngsi-ld:…)");
            }
            polygon(at + ".area", d.area());
            if (d.properties() != null && (d.properties() < 0 || d.properties() > 10_000_000)) {
                throw new InvalidInputException(at + ".properties", "from 0 to 10 000 000");
            }
            if (d.allowanceLitresPerPropertyHour() != null
                    && (d.allowanceLitresPerPropertyHour() < 0 || d.allowanceLitresPerPropertyHour() > 100)) {
                throw new InvalidInputException(at + ".allowanceLitresPerPropertyHour", "litres per property an hour, 0 to 100");
            }
        }
        LocalTime s = hour("nightStart", nightStart == null ? "01:00" : nightStart);
        LocalTime e = hour("nightEnd", nightEnd == null ? "05:00" : nightEnd);
        if (s.equals(e)) {
            throw new InvalidInputException("nightEnd", "the night window ends after it starts");
        }
        double flow = continuousFlowLitresPerHour == null ? 2.0 : continuousFlowLitresPerHour;
        if (Double.isNaN(flow) || flow <= 0 || flow > 1000) {
            throw new InvalidInputException("continuousFlowLitresPerHour", "litres an hour, more than 0, at most 1000");
        }
        double excess = districtExcessLitresPerHour == null ? 100.0 : districtExcessLitresPerHour;
        if (Double.isNaN(excess) || excess <= 0 || excess > 1_000_000) {
            throw new InvalidInputException("districtExcessLitresPerHour", "litres an hour, more than 0, at most 1 000 000");
        }
        return new WaterSettings(List.copyOf(ds), s.toString(), e.toString(), flow, excess);
    }

    private static LocalTime hour(String field, String value) {
        try {
            LocalTime t = LocalTime.parse(value);
            if (t.getMinute() != 0 || t.getSecond() != 0) {
                throw new InvalidInputException(field, "a whole hour, such as 01:00");
            }
            return t;
        } catch (DateTimeParseException ex) {
            throw new InvalidInputException(field, "a whole hour, such as 01:00");
        }
    }

    /** The district's area as a JTS polygon, or the mistake naming {@code field}. */
    static Polygon polygon(String field, Map<String, Object> area) {
        try {
            if (area == null || !"Polygon".equals(area.get("type"))) {
                throw new IllegalArgumentException();
            }
            List<?> rings = (List<?>) area.get("coordinates");
            List<?> ring = (List<?>) rings.getFirst();
            if (ring.size() > 10_000) {
                throw new IllegalArgumentException();
            }
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                List<?> p = (List<?>) ring.get(i);
                cs[i] = new Coordinate(((Number) p.get(0)).doubleValue(), ((Number) p.get(1)).doubleValue());
            }
            Polygon polygon = new GeometryFactory().createPolygon(cs);
            if (!polygon.isValid()) {
                throw new IllegalArgumentException();
            }
            return polygon;
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "a valid GeoJSON polygon of at most 10 000 points: {\"type\": \"Polygon\", \"coordinates\": [[[longitude, latitude], …]]}, closed");
        }
    }
}
