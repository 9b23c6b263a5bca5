package org.saola.domains.water;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.saola.domains.Night;
import org.saola.domains.store.SettingsStore;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Finds the night's water leaks from the meters' cumulative counts ({@code WaterConsumptionObserved} entities,
 * attribute {@code waterConsumption}, litres) read through the context ({@link LeakRanking}), and writes each
 * meter's result back on its entity ({@code nightMinimumFlow}, L/h; {@code estimatedLeakage}, litres a day,
 * observed at the night's end), so that rules raise the water company's alerts and history keeps every night.
 */
public class LeakDetector {

    public static final String TYPE = "WaterConsumptionObserved";
    static final String COUNT = "waterConsumption";
    private static final int PAGE = 500;


    private final ContextService context;
    private final SettingsStore<WaterSettings> store;
    private final InstantSource clock;
    private final AuditLog audit;
    private final ZoneId zone;

    public LeakDetector(ContextService context, SettingsStore<WaterSettings> store, InstantSource clock, AuditLog audit, ZoneId zone) {
        this.context = context;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.zone = zone;
    }

    /** The last night written: {@code night}, {@code suspects}, {@code litresPerDay} (their sum). */
    public java.util.Optional<JsonNode> lastResult(TenantId tenant) {
        return store.summary(tenant);
    }

    public WaterSettings settings(TenantId tenant) {
        return store.settings(tenant).orElseGet(WaterSettings::none);
    }

    public WaterSettings setSettings(TenantId tenant, WaterSettings settings, String actor) {
        WaterSettings checked = settings.validated();
        store.save(tenant, checked, clock.instant());
        audit.record(tenant, actor, "WATER_SETTINGS_SET", "water-settings", "", Map.of("districts", checked.districts().size()));
        return checked;
    }

    /** The night window that ends on {@code morning} (city time); a window past midnight starts the day before. */
    public Night night(WaterSettings settings, LocalDate morning) {
        return Night.ending(morning, settings.start(), settings.end(), zone);
    }

    /** The last night that has ended. */
    public Night lastNight(WaterSettings settings) {
        return Night.lastBefore(clock.instant(), settings.start(), settings.end(), zone);
    }

    public LeakRanking.Report analyse(TenantId tenant, WaterSettings settings, Night night) {
        String location = context.expand("location");
        String name = context.expand("name");
        List<LeakRanking.Meter> meters = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, TYPE, PAGE, offset);
            for (StoredEntity e : page) {
                JsonNode c = e.attributes().path(location).path("value").path("coordinates");
                List<NightFlow.Reading> readings = new ArrayList<>();
                for (AttributeInstance a : context.history(tenant, e.id(), COUNT, night.start().minusSeconds(7200),
                        night.end().plusSeconds(7200), TemporalQuery.MAX_INSTANCES)) {
                    JsonNode v = a.instance().get("value");
                    JsonNode at = a.instance().get("observedAt");
                    if (v != null && v.isNumber() && at != null) {
                        readings.add(new NightFlow.Reading(Instant.parse(at.asString()), v.asDouble()));
                    }
                }
                meters.add(new LeakRanking.Meter(e.id(), e.attributes().path(name).path("value").asString(e.id()),
                        c.path(1).asDouble(Double.NaN), c.path(0).asDouble(Double.NaN), NightFlow.sorted(readings)));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return LeakRanking.rank(settings, meters, night.start(), night.end());
    }

    /**
     * Writes the night's results on the meters' entities: every customer's meter whose night is known gets its
     * minimum night flow and its leak (0 without a continuous flow), every district's inlet meter its district's
     * excess. Observed at the night's end, so writing a night again changes nothing.
     */
    public int record(TenantId tenant, LeakRanking.Report report) {
        Map<String, Double> nightMinimums = report.nightMinimums();
        Map<String, Double> leakage = new HashMap<>();
        nightMinimums.keySet().forEach(id -> leakage.put(id, 0.0));
        report.customers().forEach(c -> leakage.put(c.meter(), c.litresPerDay()));
        // A district below the excess threshold is not leaking (meters' own error makes small excesses every night).
        report.districts().forEach(d -> leakage.put(d.inflowMeter(), d.suspected() ? d.litresPerDay() : 0.0));
        var f = JsonNodeFactory.instance;
        int written = 0;
        for (Map.Entry<String, Double> e : leakage.entrySet()) {
            Map<String, Attribute> attributes = new HashMap<>();
            attributes.put("estimatedLeakage", Attribute.property(f.numberNode(Math.round(e.getValue())), report.nightEnd(), "LD"));
            Double minimum = nightMinimums.get(e.getKey());
            if (minimum != null) {
                attributes.put("nightMinimumFlow", Attribute.property(f.numberNode(Math.round(minimum * 10) / 10.0), report.nightEnd(), "E32"));
            }
            context.observe(new EntityUpdate(tenant, e.getKey(), TYPE, attributes)).join();
            written++;
        }
        return written;
    }

    /**
     * Every tenant that has set up its network: each night that ended at least two hours ago (so that the readings
     * after its end have come in) and has not been written yet, the last seven at most, analysed and written once.
     * A tenant whose analysis fails is logged and tried again on the next run; the others go on. How many nights.
     */
    public int run() {
        return store.forEachTenant("Water leaks", tenant -> {
            WaterSettings settings = settings(tenant);
            List<Night> due = Night.due(clock.instant().minus(org.saola.domains.Series.MAX_GAP), store.marked(tenant),
                    settings.start(), settings.end(), zone);
            for (Night n : due) {
                LeakRanking.Report report = analyse(tenant, settings, n);
                record(tenant, report);
                store.mark(tenant, n.end(), Map.of("night", n.end().toString(), "suspects", report.ranked().size(),
                        "litresPerDay", Math.round(report.ranked().stream().mapToDouble(LeakRanking.Suspect::litresPerDay).sum())));
            }
            return due.size();
        });
    }
}
