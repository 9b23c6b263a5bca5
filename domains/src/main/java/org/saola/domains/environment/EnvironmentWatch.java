package org.saola.domains.environment;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saola.context.AttributeInstance;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;
import org.saola.domains.Wards;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * Reads the stations' VN_AQI levels and the gauges' water levels through the context for {@link EnvironmentViews}
 * over the last days. Nothing is written: these are views of what the packs' jobs and the gauges already keep.
 */
public class EnvironmentWatch {

    private static final int PAGE = 500;
    private static final Duration CHUNK = Duration.ofHours(12);

    private final ContextService context;
    private final InstantSource clock;

    public EnvironmentWatch(ContextService context, InstantSource clock) {
        this.context = context;
        this.clock = clock;
    }

    /** The hour now in (the views end there). */
    public Instant until() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    public List<EnvironmentViews.Station> stations(TenantId tenant, Instant from, Instant to) {
        Wards wards = Wards.of(context, tenant);
        String location = context.expand("location");
        String name = context.expand("name");
        List<EnvironmentViews.Station> out = new ArrayList<>();
        for (StoredEntity e : all(tenant, "AirQualityObserved")) {
            out.add(EnvironmentViews.station(e.id(), e.attributes().path(name).path("value").asString(e.id()),
                    wards.of(e, location).orElse(null), labels(tenant, e.id(), "airQualityLevel", from, to),
                    labels(tenant, e.id(), "airQualityLevelDaily", from, to)));
        }
        return out;
    }

    /**
     * The days of {@code [from, to)} (city calendar) on which a station's daily VN_AQI level was poor or worse, for the
     * whole city (key {@code ""}) and for each ward with a station. A day's level is written at the day's end.
     */
    public Map<String, java.util.Set<java.time.LocalDate>> poorDays(TenantId tenant, Instant from, Instant to, java.time.ZoneId zone) {
        Wards wards = Wards.of(context, tenant);
        String location = context.expand("location");
        java.time.LocalDate first = from.atZone(zone).toLocalDate();
        java.time.LocalDate end = to.minusMillis(1).atZone(zone).toLocalDate().plusDays(1);
        Map<String, java.util.Set<java.time.LocalDate>> out = new java.util.TreeMap<>();
        out.put("", new java.util.TreeSet<>());
        for (StoredEntity e : all(tenant, "AirQualityObserved")) {
            String ward = wards.of(e, location).orElse(null);
            for (EnvironmentViews.Label l : labels(tenant, e.id(), "airQualityLevelDaily", from, to.plus(Duration.ofDays(1)))) {
                java.time.LocalDate day = l.at().minusMillis(1).atZone(zone).toLocalDate();
                if (day.isBefore(first) || !day.isBefore(end) || !EnvironmentViews.EXCEEDING.contains(l.value())) {
                    continue;
                }
                out.get("").add(day);
                if (ward != null) {
                    out.computeIfAbsent(ward, k -> new java.util.TreeSet<>()).add(day);
                }
            }
        }
        return out;
    }

    public List<EnvironmentViews.Gauge> gauges(TenantId tenant, Instant from, Instant to) {
        String name = context.expand("name");
        List<EnvironmentViews.Gauge> out = new ArrayList<>();
        for (StoredEntity e : all(tenant, "WaterObserved")) {
            Double[] alarms = new Double[3];
            boolean any = false;
            for (int k = 0; k < 3; k++) {
                JsonNode v = e.attributes().path(context.expand("alarmLevel" + (k + 1))).path("value");
                if (v.isNumber()) {
                    alarms[k] = v.asDouble();
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            List<EnvironmentViews.Value> readings = new ArrayList<>();
            for (Instant a = from.minus(Duration.ofHours(2)); a.isBefore(to); a = a.plus(CHUNK)) {
                Instant b = a.plus(CHUNK).isAfter(to) ? to : a.plus(CHUNK);
                for (AttributeInstance i : context.history(tenant, e.id(), "waterLevel", a.minusMillis(1), b.minusMillis(1),
                        TemporalQuery.MAX_INSTANCES)) {
                    JsonNode v = i.instance().get("value");
                    JsonNode at = i.instance().get("observedAt");
                    if (v != null && v.isNumber() && at != null) {
                        readings.add(new EnvironmentViews.Value(Instant.parse(at.asString()), v.asDouble()));
                    }
                }
            }
            out.add(EnvironmentViews.gauge(e.id(), e.attributes().path(name).path("value").asString(e.id()), alarms,
                    EnvironmentViews.sorted(readings), from, to));
        }
        return out;
    }

    private List<EnvironmentViews.Label> labels(TenantId tenant, String id, String attribute, Instant from, Instant to) {
        List<EnvironmentViews.Label> out = new ArrayList<>();
        for (AttributeInstance i : context.history(tenant, id, attribute, from, to, TemporalQuery.MAX_INSTANCES)) {
            JsonNode v = i.instance().get("value");
            JsonNode at = i.instance().get("observedAt");
            if (v != null && v.isString() && at != null) {
                out.add(new EnvironmentViews.Label(Instant.parse(at.asString()), v.asString()));
            }
        }
        return out;
    }

    private List<StoredEntity> all(TenantId tenant, String type) {
        List<StoredEntity> out = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, type, PAGE, offset);
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
        }
    }
}
