package org.saola.domains.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The city's congestion from its traffic counters ({@code TrafficFlowObserved} entities, attribute
 * {@code averageVehicleSpeed}) read through the context ({@link Congestion}); each whole hour's level and usual
 * level are written back on the counter's entity ({@code congestionLevel}, {@code usualCongestionLevel}, %, and
 * {@code abnormalCongestion}, observed at the hour's end), so that a rule raises an alert on abnormal congestion and history keeps every hour.
 */
public class CongestionWatch {

    public static final String TYPE = "TrafficFlowObserved";
    static final String SPEED = "averageVehicleSpeed";
    private static final int PAGE = 500;
    /** History is read twelve hours at a time: a counter read every few seconds has more in a day than one read returns. */
    private static final Duration CHUNK = Duration.ofHours(12);

    /** The segments' hours in a window, and the city's worst hours of the day and worst segments. */
    public record Report(Instant from, Instant to, List<Congestion.Segment> segments, List<Congestion.HourLevel> worstHours,
            List<Congestion.Segment> worstSegments, List<Abnormal> abnormal) {
    }

    /** An abnormal hour of a segment. */
    public record Abnormal(String segment, String name, Instant hour, double level, double usualLevel, double speedKmh) {
    }

    private final ContextService context;
    private final SettingsStore<TrafficSettings> store;
    private final InstantSource clock;
    private final AuditLog audit;
    private final ZoneId zone;

    public CongestionWatch(ContextService context, SettingsStore<TrafficSettings> store, InstantSource clock, AuditLog audit,
            ZoneId zone) {
        this.context = context;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.zone = zone;
    }

    public TrafficSettings settings(TenantId tenant) {
        return store.settings(tenant).orElseGet(TrafficSettings::defaults);
    }

    /** The last hour written: {@code hour}, {@code abnormal} (segments abnormally congested then). */
    public java.util.Optional<JsonNode> lastResult(TenantId tenant) {
        return store.summary(tenant);
    }

    /** Whether the tenant watches its traffic (has set it up). */
    public boolean watching(TenantId tenant) {
        return store.settings(tenant).isPresent();
    }

    /** Watches the tenant's traffic with these settings (the hourly job writes its levels from then on). */
    public TrafficSettings setSettings(TenantId tenant, TrafficSettings settings, String actor) {
        TrafficSettings checked = settings.validated();
        store.save(tenant, checked, clock.instant());
        audit.record(tenant, actor, "TRAFFIC_SETTINGS_SET", "traffic-settings", "", Map.of("lookbackDays", checked.lookbackDays()));
        return checked;
    }

    /** The start of the hour now in. */
    public Instant currentHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS);
    }

    /** The segments' whole hours in {@code [from, to)}, judged against the weeks before {@code from}. */
    public Report analyse(TenantId tenant, TrafficSettings settings, Instant from, Instant to) {
        Instant since = from.minus(Duration.ofDays(settings.lookbackDays()));
        String name = context.expand("name");
        List<Congestion.Segment> segments = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, TYPE, PAGE, offset);
            for (StoredEntity e : page) {
                List<Congestion.Reading> readings = new ArrayList<>();
                for (Instant a = since; a.isBefore(to); a = a.plus(CHUNK)) {
                    Instant b = a.plus(CHUNK).isAfter(to) ? to : a.plus(CHUNK);
                    for (AttributeInstance i : context.history(tenant, e.id(), SPEED, a.minusMillis(1), b.minusMillis(1),
                            TemporalQuery.MAX_INSTANCES)) {
                        JsonNode v = i.instance().get("value");
                        JsonNode at = i.instance().get("observedAt");
                        if (v != null && v.isNumber() && at != null) {
                            readings.add(new Congestion.Reading(Instant.parse(at.asString()), v.asDouble()));
                        }
                    }
                }
                segments.add(Congestion.segment(e.id(), e.attributes().path(name).path("value").asString(e.id()), readings, since,
                        from, to, zone, settings.abnormalPoints(), settings.abnormalLevel()));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        List<Abnormal> abnormal = new ArrayList<>();
        for (Congestion.Segment s : segments) {
            for (Congestion.Hour h : s.hours()) {
                if (h.abnormal()) {
                    abnormal.add(new Abnormal(s.id(), s.name(), h.start(), h.level(), h.usualLevel(), h.speedKmh()));
                }
            }
        }
        abnormal.sort(java.util.Comparator.comparing(Abnormal::hour).reversed().thenComparing(Abnormal::segment));
        return new Report(from, to, segments, Congestion.worstHours(segments, zone), Congestion.worstSegments(segments), abnormal);
    }

    /**
     * Writes each segment's levels of the hour {@code [hour, hour + 1 h)} on its entity, observed at the hour's end
     * (written again, it changes nothing); how many segments had that hour.
     */
    public int record(TenantId tenant, Report report, Instant hour) {
        var f = JsonNodeFactory.instance;
        Instant end = hour.plus(Duration.ofHours(1));
        int written = 0;
        for (Congestion.Segment s : report.segments()) {
            for (Congestion.Hour h : s.hours()) {
                if (!h.start().equals(hour)) {
                    continue;
                }
                Map<String, Attribute> attributes = new HashMap<>();
                attributes.put("congestionLevel", Attribute.property(f.numberNode(Math.round(h.level())), end, "P1"));
                // The judgement itself, so that a rule never compares this hour's level with another hour's usual.
                attributes.put("abnormalCongestion", Attribute.property(f.booleanNode(h.abnormal()), end, null));
                if (h.usualLevel() != null) {
                    attributes.put("usualCongestionLevel", Attribute.property(f.numberNode(Math.round(h.usualLevel())), end, "P1"));
                }
                context.observe(new EntityUpdate(tenant, s.id(), TYPE, attributes)).join();
                written++;
            }
        }
        return written;
    }

    /**
     * Every watching tenant: each whole hour that ended at least five minutes ago and has not been written yet (the
     * last 24 at most), judged and written once; a tenant that fails is tried again next time, the others go on.
     */
    public int run() {
        Instant last = clock.instant().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        return store.forEachTenant("Traffic", tenant -> {
            java.util.Optional<Instant> marked = store.marked(tenant);
            Instant first = last.minus(Duration.ofHours(23));
            if (marked.isPresent() && !marked.get().isBefore(first)) {
                first = marked.get().plus(Duration.ofHours(1));
            }
            if (first.isAfter(last)) {
                return 0;
            }
            Report report = analyse(tenant, settings(tenant), first, last.plus(Duration.ofHours(1)));
            for (Instant h = first; !h.isAfter(last); h = h.plus(Duration.ofHours(1))) {
                record(tenant, report, h);
            }
            store.mark(tenant, last, Map.of("hour", last.toString(),
                    "abnormal", report.abnormal().stream().filter(a -> a.hour().equals(last)).count()));
            return 1;
        });
    }
}
