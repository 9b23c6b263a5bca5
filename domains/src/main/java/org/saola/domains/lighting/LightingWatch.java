package org.saola.domains.lighting;

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
 * The street lights' nights ({@code Streetlight} entities: {@code powerState}, {@code powerConsumption} in W) read
 * through the context and judged by {@link LightNights}; each light's ward is the {@code District} entity whose
 * area holds it. Once a night has ended, each light's energy and condition are written on its entity
 * ({@code energyLastNight}, kWh; {@code lampCondition}), so that a rule raises a work order for a failed lamp.
 */
public class LightingWatch {

    public static final String TYPE = "Streetlight";
    /** The device profile of street lights' controllers (they take on, off and dim commands). */
    public static final String PROFILE = "street-light";
    private static final int PAGE = 500;


    private final ContextService context;
    private final SettingsStore<LightingSettings> store;
    private final InstantSource clock;
    private final AuditLog audit;
    private final ZoneId zone;
    private final org.saola.devices.DeviceRegistry devices;
    private final org.saola.devices.DeviceCommands commands;

    public LightingWatch(ContextService context, SettingsStore<LightingSettings> store, InstantSource clock, AuditLog audit,
            ZoneId zone, org.saola.devices.DeviceRegistry devices, org.saola.devices.DeviceCommands commands) {
        this.devices = devices;
        this.commands = commands;
        this.context = context;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.zone = zone;
    }

    public LightingSettings settings(TenantId tenant) {
        return store.settings(tenant).orElseGet(LightingSettings::defaults);
    }

    /** The last night written: {@code night}, {@code faults}, {@code kwh}, {@code baselineKwh}. */
    public java.util.Optional<JsonNode> lastResult(TenantId tenant) {
        return store.summary(tenant);
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
        return Night.ending(morning, settings.start(), settings.end(), zone);
    }

    public Night lastNight(LightingSettings settings) {
        return Night.lastBefore(clock.instant(), settings.start(), settings.end(), zone);
    }

    public LightNights.Report analyse(TenantId tenant, Night night) {
        org.saola.domains.Wards wards = org.saola.domains.Wards.of(context, tenant);
        String location = context.expand("location");
        String name = context.expand("name");
        List<LightNights.Light> lights = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, TYPE, PAGE, offset);
            for (StoredEntity e : page) {
                String ward = wards.of(e, location).orElse(null);
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

    /**
     * The dimming schedule: for every watching tenant with one, the latest step whose time has come (today, city
     * time) and has not been sent since it came is sent as a {@code dim} command to each of its street lights (a light
     * that cannot take it is logged, the others still get it). How many commands were issued.
     */
    public int applySchedule() {
        Instant now = clock.instant();
        return store.forEachTenant("Lighting schedule", tenant -> {
            java.util.Optional<LightingSettings.Due> due = settings(tenant).lastStep(now, zone);
            java.util.Optional<Instant> sent = store.time(tenant, "applied_step");
            if (due.isEmpty() || (sent.isPresent() && !sent.get().isBefore(due.get().at()))) {
                return 0;
            }
            int issued = 0;
            for (org.saola.devices.Device d : devices.list(tenant)) {
                if (!d.profile().equals(PROFILE)) {
                    continue;
                }
                try {
                    commands.issue(tenant, d.id(), "dim", java.util.Optional.of(due.get().step().dim()), "lighting schedule");
                    issued++;
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(LightingWatch.class).warn("Dimming {} not sent: {}", d.id(), e.getMessage());
                }
            }
            store.setTime(tenant, "applied_step", due.get().at());
            return issued;
        });
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

    /**
     * Every watching tenant: each night that ended at least two hours ago and has not been written yet (the last
     * seven at most), judged and written once; a tenant that fails is tried again next time, the others go on.
     */
    public int run() {
        return store.forEachTenant("Street lights", tenant -> {
            LightingSettings settings = settings(tenant);
            List<Night> due = Night.due(clock.instant().minus(org.saola.domains.Series.MAX_GAP), store.marked(tenant),
                    settings.start(), settings.end(), zone);
            for (Night n : due) {
                LightNights.Report report = analyse(tenant, n);
                record(tenant, report);
                store.mark(tenant, n.end(), Map.of("night", n.end().toString(), "faults", report.faults().size(),
                        "kwh", Math.round(report.kwh() * 10) / 10.0, "baselineKwh", Math.round(report.baselineKwh() * 10) / 10.0));
            }
            return due.size();
        });
    }
}
