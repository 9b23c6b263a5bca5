package org.saola.domains.lighting;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.saola.context.Attribute;
import org.saola.context.AttributeInstance;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;
import org.saola.domains.store.SettingsStore;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The street lights' nights ({@code Streetlight} entities: {@code powerState}, {@code powerConsumption} in W) read
 * through the context and judged by {@link LightNights}; each light's ward is the {@code District} entity whose
 * area holds it. Once a night has ended, each light's energy and condition are written on its entity
 * ({@code energyLastNight}, kWh; {@code lampCondition}), so that a rule raises a work order for a failed lamp.
 */
public class LightingWatch {

    public static final String TYPE = "Streetlight";
    private static final int PAGE = 500;

    /** A night window. */
    public record Night(LocalDate morning, Instant start, Instant end) {
    }

    private final ContextService context;
    private final SettingsStore<LightingSettings> store;
    private final InstantSource clock;
    private final AuditLog audit;
    private final ZoneId zone;

    public LightingWatch(ContextService context, SettingsStore<LightingSettings> store, InstantSource clock, AuditLog audit,
            ZoneId zone) {
        this.context = context;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.zone = zone;
    }

    public LightingSettings settings(TenantId tenant) {
        return store.settings(tenant).orElseGet(LightingSettings::defaults);
    }

    public boolean watching(TenantId tenant) {
        return store.settings(tenant).isPresent();
    }

    public LightingSettings setSettings(TenantId tenant, LightingSettings settings, String actor) {
        LightingSettings checked = settings.validated();
        store.save(tenant, checked, clock.instant());
        audit.record(tenant, actor, "LIGHTING_SETTINGS_SET", "lighting-settings", "", Map.of("nightStart", checked.nightStart()));
        return checked;
    }

    public Night night(LightingSettings settings, LocalDate morning) {
        ZonedDateTime end = morning.atTime(settings.end()).atZone(zone);
        ZonedDateTime start = morning.atTime(settings.start()).atZone(zone);
        if (!start.isBefore(end)) {
            start = start.minusDays(1);
        }
        return new Night(morning, start.toInstant(), end.toInstant());
    }

    public Night lastNight(LightingSettings settings) {
        Instant now = clock.instant();
        Night today = night(settings, LocalDate.ofInstant(now, zone));
        return today.end().isAfter(now) ? night(settings, today.morning().minusDays(1)) : today;
    }

    public LightNights.Report analyse(TenantId tenant, Night night) {
        Map<String, Geometry> wards = wards(tenant);
        GeometryFactory geometry = new GeometryFactory();
        String location = context.expand("location");
        String name = context.expand("name");
        List<LightNights.Light> lights = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, TYPE, PAGE, offset);
            for (StoredEntity e : page) {
                JsonNode c = e.attributes().path(location).path("value").path("coordinates");
                String ward = null;
                if (c.path(0).isNumber() && c.path(1).isNumber()) {
                    Point p = geometry.createPoint(new Coordinate(c.path(0).asDouble(), c.path(1).asDouble()));
                    ward = wards.entrySet().stream().filter(w -> w.getValue().covers(p)).map(Map.Entry::getKey).findFirst().orElse(null);
                }
                lights.add(new LightNights.Light(e.id(), e.attributes().path(name).path("value").asString(e.id()), ward,
                        readings(tenant, e.id(), night)));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return LightNights.analyse(lights, night.start(), night.end());
    }

    /** The light's power readings over the night (and the hour either side), each with the switch state it then had. */
    private List<LightNights.Reading> readings(TenantId tenant, String id, Night night) {
        Instant from = night.start().minusSeconds(3600);
        Instant to = night.end().plusSeconds(3600);
        java.util.TreeMap<Instant, String> states = new java.util.TreeMap<>();
        for (AttributeInstance a : context.history(tenant, id, "powerState", from, to, TemporalQuery.MAX_INSTANCES)) {
            JsonNode v = a.instance().get("value");
            JsonNode at = a.instance().get("observedAt");
            if (v != null && v.isString() && at != null) {
                states.put(Instant.parse(at.asString()), v.asString());
            }
        }
        List<LightNights.Reading> out = new ArrayList<>();
        for (AttributeInstance a : context.history(tenant, id, "powerConsumption", from, to, TemporalQuery.MAX_INSTANCES)) {
            JsonNode v = a.instance().get("value");
            JsonNode at = a.instance().get("observedAt");
            if (v != null && v.isNumber() && at != null) {
                Instant t = Instant.parse(at.asString());
                Map.Entry<Instant, String> state = states.floorEntry(t);
                out.add(new LightNights.Reading(t, state == null ? "unknown" : state.getValue(), v.asDouble()));
            }
        }
        out.sort(java.util.Comparator.comparing(LightNights.Reading::at));
        return out;
    }

    /** The tenant's wards: its {@code District} entities' names and areas. */
    private Map<String, Geometry> wards(TenantId tenant) {
        Map<String, Geometry> out = new java.util.LinkedHashMap<>();
        String location = context.expand("location");
        String name = context.expand("name");
        for (StoredEntity d : context.entitiesOfType(tenant, "District", PAGE, 0)) {
            Geometry area = area(d.attributes().path(location).path("value"));
            if (area != null) {
                out.put(d.attributes().path(name).path("value").asString(d.id()), area);
            }
        }
        return out;
    }

    /** A GeoJSON Polygon or MultiPolygon (their outer rings) as JTS; {@code null} for anything else or a broken one. */
    static Geometry area(JsonNode g) {
        GeometryFactory factory = new GeometryFactory();
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
                parts.add(factory.createPolygon(cs));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return parts.size() == 1 ? parts.getFirst() : factory.createMultiPolygon(parts.toArray(org.locationtech.jts.geom.Polygon[]::new));
    }

    /** Writes each light's night (energy, condition) on its entity, observed at the night's end. */
    public int record(TenantId tenant, LightNights.Report report) {
        var f = JsonNodeFactory.instance;
        int written = 0;
        for (LightNights.Night n : report.lights()) {
            if (n.condition() == LightNights.Condition.UNKNOWN && n.kwh() == 0) {
                continue;
            }
            Map<String, Attribute> attributes = new HashMap<>();
            attributes.put("energyLastNight", Attribute.property(f.numberNode(Math.round(n.kwh() * 1000) / 1000.0), report.to(), "KWH"));
            attributes.put("lampCondition", Attribute.property(f.stringNode(n.condition().name()), report.to(), null));
            context.observe(new EntityUpdate(tenant, n.id(), TYPE, attributes)).join();
            written++;
        }
        return written;
    }

    /** Every watching tenant's last night, judged and written once. */
    public int run() {
        int done = 0;
        for (TenantId tenant : store.tenants()) {
            Night night = lastNight(settings(tenant));
            if (store.marked(tenant).filter(n -> !n.isBefore(night.end())).isPresent()) {
                continue;
            }
            record(tenant, analyse(tenant, night));
            store.mark(tenant, night.end());
            done++;
        }
        return done;
    }
}
