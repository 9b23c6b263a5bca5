package org.saola.alerts.packs;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.context.Attribute;
import org.saola.context.AttributeInstance;
import org.saola.context.AttributeInstances;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The VN_AQI pack's computation: for each air-quality station ({@code AirQualityObserved}) of a tenant that has
 * the pack on, once an hour has ended, its hourly index from the stations' readings (hourly means from history,
 * NowCast for PM2.5 and PM10), and once a day has ended (in the city's time zone), its daily index; written on the
 * station as {@code airQualityIndex}, {@code airQualityLevel} and {@code airQualityPollutant} (observed at the end
 * of the hour) and {@code airQualityIndexDaily}, {@code airQualityLevelDaily} (at the end of the day), so rules,
 * maps, history and open data see them like any reading. Writing is idempotent (the same instance observed
 * again changes nothing), so a run repeated, or run on two nodes, does no harm.
 */
public class VnAqiJob {

    private static final Logger log = LoggerFactory.getLogger(VnAqiJob.class);
    public static final String PACK = "vn-aqi";
    static final String TYPE = "AirQualityObserved";
    /** A day's PM mean needs three quarters of its hours (the decision does not say; Saola chooses, as EPA does). */
    static final int DAY_HOURS_NEEDED = 18;

    private final ContextService context;
    private final RulePacks packs;
    private final InstantSource clock;
    private final ZoneId zone;

    public VnAqiJob(ContextService context, RulePacks packs, InstantSource clock, ZoneId zone) {
        this.context = context;
        this.packs = packs;
        this.clock = clock;
        this.zone = zone;
    }

    /** Computes what is due on every station of every tenant with the pack on; how many indices were written. */
    public int run() {
        int written = 0;
        for (TenantId tenant : packs.tenantsWith(PACK)) {
            for (int offset = 0; ; offset += 500) {
                List<StoredEntity> stations = context.entitiesOfType(tenant, TYPE, 500, offset);
                for (StoredEntity s : stations) {
                    try {
                        written += station(tenant, s, clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("VN_AQI of {} could not be computed: {}", s.id(), e.toString());
                    }
                }
                if (stations.size() < 500) {
                    break;
                }
            }
        }
        return written;
    }

    /** What is due on one station at {@code now}: the hour just ended, the day just ended. */
    int station(TenantId tenant, StoredEntity s, Instant now) {
        int written = 0;
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        if (!observedAt(s, "airQualityIndex").equals(Optional.of(hour))) {
            Optional<VnAqi.Index> h = VnAqi.hourly(hourlyMeans(tenant, s.id(), "pm25", hour, 12),
                    hourlyMeans(tenant, s.id(), "pm10", hour, 12), hourlyMeans(tenant, s.id(), "o3", hour, 1)[0],
                    hourlyMeans(tenant, s.id(), "co", hour, 1)[0], hourlyMeans(tenant, s.id(), "so2", hour, 1)[0],
                    hourlyMeans(tenant, s.id(), "no2", hour, 1)[0]);
            if (h.isPresent()) {
                write(tenant, s.id(), hour, Map.of("airQualityIndex", number(h.get().aqi()),
                        "airQualityLevel", text(h.get().level().code()),
                        "airQualityPollutant", text(h.get().dominant().attribute())));
                written++;
            }
        }
        Instant dayEnd = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        if (!observedAt(s, "airQualityIndexDaily").equals(Optional.of(dayEnd))) {
            Optional<VnAqi.Index> d = daily(tenant, s.id(), dayEnd);
            if (d.isPresent()) {
                write(tenant, s.id(), dayEnd, Map.of("airQualityIndexDaily", number(d.get().aqi()),
                        "airQualityLevelDaily", text(d.get().level().code())));
                written++;
            }
        }
        return written;
    }

    private Optional<VnAqi.Index> daily(TenantId tenant, String id, Instant dayEnd) {
        Double[] o3 = hourlyMeans(tenant, id, "o3", dayEnd, 31);        // the day's 24 hours and the 7 before them
        List<Double> o3Oldest = new ArrayList<>();
        for (int i = o3.length - 1; i >= 0; i--) {
            o3Oldest.add(o3[i]);
        }
        java.util.OptionalDouble o3Eight = VnAqi.largestEightHourMean(o3Oldest);
        return VnAqi.daily(dayMean(hourlyMeans(tenant, id, "pm25", dayEnd, 24)),
                dayMean(hourlyMeans(tenant, id, "pm10", dayEnd, 24)), largest(java.util.Arrays.copyOf(o3, 24)),
                o3Eight.isPresent() ? o3Eight.getAsDouble() : null, largest(hourlyMeans(tenant, id, "co", dayEnd, 24)),
                largest(hourlyMeans(tenant, id, "so2", dayEnd, 24)), largest(hourlyMeans(tenant, id, "no2", dayEnd, 24)));
    }

    private static Double dayMean(Double[] hours) {
        double sum = 0;
        int n = 0;
        for (Double h : hours) {
            if (h != null) {
                sum += h;
                n++;
            }
        }
        return n >= DAY_HOURS_NEEDED ? sum / n : null;
    }

    private static Double largest(Double[] hours) {
        Double max = null;
        for (Double h : hours) {
            if (h != null && (max == null || h > max)) {
                max = h;
            }
        }
        return max;
    }

    /**
     * The means of an attribute over the {@code n} hours ending at {@code end}, newest first: element {@code k} is
     * the hour {@code (end − (k+1) h, end − k h]}, {@code null} without a reading. In µg/m³ (mg/m³ converted).
     */
    Double[] hourlyMeans(TenantId tenant, String id, String attribute, Instant end, int n) {
        Double[] means = new Double[n];
        for (int k = 0; k < n; k++) {
            // One hour at a time: a station reporting every few seconds has thousands of readings an hour, more
            // than one history read returns for a whole day.
            Instant to = end.minus(Duration.ofHours(k));
            double sum = 0;
            int count = 0;
            for (AttributeInstance a : context.history(tenant, id, attribute, to.minus(Duration.ofHours(1)), to,
                    TemporalQuery.MAX_INSTANCES)) {
                JsonNode v = a.instance().get("value");
                if (v == null || !v.isNumber() || v.asDouble() < 0) {
                    continue;
                }
                JsonNode unit = a.instance().get("unitCode");
                sum += unit != null && "GP".equals(unit.asString()) ? v.asDouble() * 1000 : v.asDouble();
                count++;
            }
            means[k] = count == 0 ? null : sum / count;
        }
        return means;
    }

    private Optional<Instant> observedAt(StoredEntity s, String attribute) {
        JsonNode a = s.attributes().get(context.expand(attribute));
        if (a == null) {
            return Optional.empty();
        }
        JsonNode at = AttributeInstances.primary(a).get("observedAt");
        return at == null ? Optional.empty() : Optional.of(Instant.parse(at.asString()));
    }

    private void write(TenantId tenant, String id, Instant at, Map<String, JsonNode> values) {
        Map<String, Attribute> attributes = new java.util.HashMap<>();
        values.forEach((name, v) -> attributes.put(name, Attribute.property(v, at, null)));
        context.observe(new EntityUpdate(tenant, id, TYPE, attributes)).join();
    }

    private static JsonNode number(int v) {
        return JsonNodeFactory.instance.numberNode(v);
    }

    private static JsonNode text(String v) {
        return JsonNodeFactory.instance.stringNode(v);
    }
}
