package org.saola.indicators.domain;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's indicators: the built-in catalogue (U4SSC KPIs and the city's own, {@code indicators/catalogue.json})
 * and each tenant's own definitions; their values computed from the modules' measures ({@link MeasureSource}) for
 * each period, or entered by hand with source and evidence; targets. The scheduled job computes, for every tenant
 * it knows, each computed indicator's last ended period once (final) and the current period so far (provisional);
 * an indicator without a {@link Measure.Kind#STOCK} (flows and official figures only) also gets its past periods computed (up to a
 * year back, leaving out those in which its measures saw nothing), since those can be measured again from history,
 * while a snapshot of today is never passed off as a past period's.
 */
public class Indicators {

    private static final Logger log = LoggerFactory.getLogger(Indicators.class);
    /** How many past periods an indicator made of flows is computed back to, the first time. */
    static final int BACKFILL_MONTHS = 12;
    private static final Duration LEASE = Duration.ofMinutes(30);
    /** A period of an indicator read as things stand is recorded at most this long after it ended. */
    static final Duration RECORD_WITHIN = Duration.ofDays(7);

    /** A period's figures as stored: the city's, and each grouping's groups. */
    public record PeriodValues(String period, IndicatorStore.Row city, Map<String, List<IndicatorStore.Row>> groups) {
    }

    /** A figure entered by hand for a group: its value and the number of people it rests on (a survey's sample). */
    public record GroupEntry(String grouping, String group, double value, Long sampleSize) {
    }

    /** A value entered by hand for one period. */
    public record Entry(String period, double value, String source, String evidence, List<GroupEntry> groups) {
    }

    /** The measures of every module and the built-in catalogue checked against them, made on first use. */
    private record Registry(Map<String, MeasureSource> sourceOf, Map<String, Measure> measures, List<Definition> builtIns) {
    }

    private final java.util.function.Supplier<List<MeasureSource>> sources;
    private volatile Registry registry;
    private final IndicatorStore store;
    private final JsonMapper json;
    private final InstantSource clock;
    private final ZoneId zone;
    private final int threshold;
    private final AuditLog audit;

    /**
     * @param sources the modules' measure sources, asked for on first use (a module's measures may rest on beans that
     *                rest on this one: the open-data catalogue publishes the indicators and is measured by them)
     */
    public Indicators(java.util.function.Supplier<List<MeasureSource>> sources, IndicatorStore store, JsonMapper json, InstantSource clock,
            ZoneId zone, int threshold, AuditLog audit) {
        this.sources = sources;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.threshold = threshold;
        this.audit = audit;
    }

    private Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (this) {
                if (registry == null) {
                    registry = load();
                }
                r = registry;
            }
        }
        return r;
    }

    private Registry load() {
        Map<String, MeasureSource> sourceOf = new LinkedHashMap<>();
        Map<String, Measure> measures = new TreeMap<>();
        for (MeasureSource s : sources.get()) {
            for (Measure m : s.measures()) {
                if (sourceOf.put(m.key(), s) != null) {
                    throw new IllegalStateException("two modules offer the measure " + m.key());
                }
                measures.put(m.key(), m);
            }
        }
        try (InputStream in = Indicators.class.getResourceAsStream("/indicators/catalogue.json")) {
            List<DefinitionBody> bodies = json.readValue(in, new TypeReference<List<DefinitionBody>>() {
            });
            List<Definition> defs = new ArrayList<>();
            for (DefinitionBody b : bodies) {
                defs.add(check(b.definition(true), measures));
            }
            return new Registry(sourceOf, java.util.Collections.unmodifiableMap(measures), List.copyOf(defs));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in indicator catalogue cannot be read", e);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** The period of {@code frequency} now running. */
    public Period current(Period.Frequency frequency) {
        return Period.containing(frequency, clock.instant(), zone);
    }

    public int threshold() {
        return threshold;
    }

    /** Every measure the platform's modules offer, by key. */
    public Map<String, Measure> measures() {
        return registry().measures();
    }

    /** The built-in catalogue and the tenant's own definitions. */
    public List<Definition> catalogue(TenantId tenant) {
        List<Definition> out = new ArrayList<>(registry().builtIns());
        store.definitions(tenant).forEach((code, body) -> {
            try {
                out.add(json.readValue(body, DefinitionBody.class).definition(false));
            } catch (RuntimeException e) {
                log.warn("Indicator {} of {} cannot be read: {}", code, tenant, e.getMessage());
            }
        });
        return out;
    }

    public Definition definition(TenantId tenant, String code) {
        return catalogue(tenant).stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("no indicator '" + code + "'"));
    }

    /** Adds or replaces one of the tenant's own definitions (a built-in one cannot be replaced). */
    public Definition define(TenantId tenant, DefinitionBody body, String actor) {
        Definition d = check(body.definition(false), measures());
        if (registry().builtIns().stream().anyMatch(b -> b.code().equals(d.code()))) {
            throw new ConflictException("'" + d.code() + "' is a built-in indicator; give the city's own another code");
        }
        store.putDefinition(tenant, d.code(), json.writeValueAsString(DefinitionBody.of(d)), clock.instant());
        audit.record(tenant, actor, "INDICATOR_DEFINED", d.code(), "", Map.of("formula", d.formula().map(Formula::text).orElse("")));
        return d;
    }

    public void undefine(TenantId tenant, String code, String actor) {
        if (registry().builtIns().stream().anyMatch(b -> b.code().equals(code))) {
            throw new ConflictException("'" + code + "' is a built-in indicator and stays in the catalogue");
        }
        if (!store.deleteDefinition(tenant, code)) {
            throw new NotFoundException("no indicator '" + code + "' of the city's own");
        }
        audit.record(tenant, actor, "INDICATOR_REMOVED", code, "", Map.of());
    }

    /** Checks a definition against the measures the platform has and the ways each can be split. */
    static Definition check(Definition d, Map<String, Measure> measures) {
        if (d.formula().isPresent()) {
            Formula f = d.formula().get();
            List<String> unknown = f.unknown(measures.keySet());
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("formula", "the formula names measures the platform does not have: " + unknown
                        + "; the measures are listed at /api/v1/indicators/measures");
            }
            for (String g : d.disaggregation()) {
                for (String m : f.measures()) {
                    if (!measures.get(m).groupings().contains(g)) {
                        throw new InvalidInputException("disaggregation", "'" + m + "' cannot be split by " + g + " (it can by "
                                + measures.get(m).groupings() + ")");
                    }
                }
            }
        } else {
            for (String g : d.disaggregation()) {
                if (!Definition.MANUAL_GROUPINGS.contains(g)) {
                    throw new InvalidInputException("disaggregation", "figures entered by hand are split by " + Definition.MANUAL_GROUPINGS
                            + "; got " + g);
                }
            }
        }
        return d;
    }

    /** Whether no measure of the formula is a snapshot (so past periods can be measured again). */
    public boolean historic(Definition d) {
        return d.formula().isPresent() && d.formula().get().measures().stream().noneMatch(m -> measures().get(m).kind() == Measure.Kind.STOCK);
    }

    /** Computes a computed indicator for one period and stores it; provisional while the period runs. */
    public Computation.Result compute(TenantId tenant, Definition d, Period period) {
        return compute(tenant, d, period, false);
    }

    /**
     * As above; {@code unlessEmpty}: a period in which none of its measures saw anything (every total zero or
     * absent) is not stored, so that a backfill does not record the months before the city used the platform as
     * months in which nothing happened.
     */
    Computation.Result compute(TenantId tenant, Definition d, Period period, boolean unlessEmpty) {
        Formula f = d.formula().orElseThrow(() -> new ConflictException("'" + d.code() + "' is entered by hand, not computed"));
        Instant now = clock.instant();
        Instant from = period.from(zone);
        Instant to = period.to(zone);
        if (!from.isBefore(now)) {
            throw new InvalidInputException("period", "the period " + period + " has not begun");
        }
        boolean provisional = now.isBefore(to);
        Map<String, Measured> measured = new LinkedHashMap<>();
        Set<String> groupings = new HashSet<>(d.disaggregation());
        for (String key : f.measures()) {
            Measure m = measures().get(key);
            Set<String> asked = new HashSet<>(groupings);
            asked.retainAll(m.groupings());
            measured.put(key, registry().sourceOf().get(key).measure(tenant, key, from, provisional ? now : to, asked));
        }
        Computation.Result r = Computation.compute(f, d.disaggregation(), measured, threshold);
        if (unlessEmpty && f.measures().stream().filter(m -> measures().get(m).kind() == Measure.Kind.FLOW)
                .allMatch(m -> r.inputs().getOrDefault(m, 0.0) == 0)) {
            return r;
        }
        String inputs = json.writeValueAsString(r.inputs());
        List<IndicatorStore.Row> rows = new ArrayList<>();
        rows.add(new IndicatorStore.Row(d.code(), period.label(), "", "", r.total().value(), false, inputs, provisional, "COMPUTED", "", "",
                now));
        r.groups().forEach((grouping, byGroup) -> byGroup.forEach((group, fig) -> rows.add(new IndicatorStore.Row(d.code(), period.label(),
                grouping, group, fig.value(), fig.hidden(), "{}", provisional, "COMPUTED", "", "", now))));
        store.putValues(tenant, d.code(), period.label(), rows, "indicators");
        return r;
    }

    /** Computes a period on request (a past period only for an indicator made of flows). */
    public Computation.Result computeOn(TenantId tenant, String code, String periodLabel, String actor) {
        Definition d = definition(tenant, code);
        if (!d.computed()) {
            throw new ConflictException("'" + code + "' is entered by hand, not computed");
        }
        Period p = Period.parse("period", d.frequency(), periodLabel);
        Instant now = clock.instant();
        boolean past = !now.isBefore(p.to(zone));
        boolean justEnded = p.equals(Period.lastEnded(d.frequency(), now, zone)) && now.isBefore(p.to(zone).plus(RECORD_WITHIN));
        if (past && !historic(d) && !justEnded) {
            throw new ConflictException("'" + code + "' uses measures read as things stand, so a period is recorded within "
                    + RECORD_WITHIN.toDays() + " days of its end; " + p + " cannot be measured again now");
        }
        Computation.Result r = compute(tenant, d, p);
        store.schedule(tenant);
        audit.record(tenant, actor, "INDICATOR_COMPUTED", code, "", Map.of("period", p.label()));
        return r;
    }

    /** The tenant's computed indicators that are due, as of now: how many periods were computed. */
    public int computeDue(TenantId tenant) {
        Instant now = clock.instant();
        int done = 0;
        for (Definition d : catalogue(tenant)) {
            if (!d.computed()) {
                continue;
            }
            try {
                Set<String> finals = new HashSet<>(store.finalPeriods(tenant, d.code()));
                Period last = Period.lastEnded(d.frequency(), now, zone);
                List<Period> due = new ArrayList<>();
                if (historic(d)) {
                    Period p = last;
                    for (int i = 0; i < Math.max(1, BACKFILL_MONTHS / d.frequency().months()); i++, p = p.previous()) {
                        if (!finals.contains(p.label())) {
                            due.add(0, p);
                        }
                    }
                } else if (!finals.contains(last.label()) && now.isBefore(last.to(zone).plus(RECORD_WITHIN))) {
                    due.add(last);
                }
                due.add(last.next());
                for (Period p : due) {
                    compute(tenant, d, p, p.start().isBefore(last.start()));
                    done++;
                }
            } catch (RuntimeException e) {
                log.warn("Indicator {} of {} not computed: {}", d.code(), tenant, e.toString());
            }
        }
        return done;
    }

    /** The scheduled run: each known tenant's due indicators, by the node that holds its lease. */
    public int run() {
        int done = 0;
        for (TenantId tenant : store.scheduled()) {
            Instant now = clock.instant();
            Optional<Instant> lease = store.lease(tenant, now, now.plus(LEASE));
            if (lease.isEmpty()) {
                continue;
            }
            try {
                done += computeDue(tenant);
            } finally {
                store.release(tenant, lease.get(), clock.instant());
            }
        }
        return done;
    }

    /** Records a value entered by hand, with its source and evidence, for an indicator that is not computed. */
    public void enter(TenantId tenant, String code, Entry entry, String actor) {
        Definition d = definition(tenant, code);
        if (d.computed()) {
            throw new ConflictException("'" + code + "' is computed from the platform's data; its values are not entered by hand");
        }
        Period p = Period.parse("period", d.frequency(), entry.period());
        if (!p.from(zone).isBefore(clock.instant())) {
            throw new InvalidInputException("period", "the period " + p + " has not begun");
        }
        check("value", entry.value());
        String source = required("source", entry.source(), 500);
        String evidence = required("evidence", entry.evidence(), 500);
        if (!evidence.startsWith("https://") && !evidence.startsWith("http://") && !evidence.startsWith("/")) {
            throw new InvalidInputException("evidence", "evidence is a link to the document (https://…, or a path on this site)");
        }
        Instant now = clock.instant();
        List<IndicatorStore.Row> rows = new ArrayList<>();
        rows.add(new IndicatorStore.Row(code, p.label(), "", "", OptionalDouble.of(entry.value()), false, "{}", false, "ENTERED", source, evidence,
                now));
        Set<String> seen = new HashSet<>();
        List<GroupEntry> groups = entry.groups() == null ? List.of() : entry.groups();
        if (groups.size() > 500) {
            throw new InvalidInputException("groups", "at most 500 groups");
        }
        for (int i = 0; i < groups.size(); i++) {
            GroupEntry g = groups.get(i);
            String field = "groups[" + i + "]";
            if (g == null || g.grouping() == null || !d.disaggregation().contains(g.grouping())) {
                throw new InvalidInputException(field + ".grouping", "'" + code + "' is split by " + d.disaggregation());
            }
            String name = required(field + ".group", g.group(), 100);
            if (!seen.add(g.grouping() + "\u0000" + name)) {
                throw new InvalidInputException(field, "the group " + g.grouping() + " '" + name + "' is given twice");
            }
            check(field + ".value", g.value());
            if (g.sampleSize() != null && g.sampleSize() < 0) {
                throw new InvalidInputException(field + ".sampleSize", "a sample size is 0 or more");
            }
            boolean hidden = g.sampleSize() == null || (g.sampleSize() > 0 && g.sampleSize() < threshold);
            rows.add(new IndicatorStore.Row(code, p.label(), g.grouping(), name, hidden ? OptionalDouble.empty() : OptionalDouble.of(g.value()),
                    hidden, "{}", false, "ENTERED", source, evidence, now));
        }
        store.putValues(tenant, code, p.label(), rows, actor);
        store.schedule(tenant);
        audit.record(tenant, actor, "INDICATOR_ENTERED", code, "", Map.of("period", p.label(), "source", source));
    }

    private static void check(String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > 1e15) {
            throw new InvalidInputException(field, "a value is a finite number");
        }
    }

    private static String required(String field, String v, int max) {
        if (v == null || v.isBlank()) {
            throw new InvalidInputException(field, field + " is needed");
        }
        if (v.length() > max) {
            throw new InvalidInputException(field, field + " is at most " + max + " characters");
        }
        return v.strip();
    }

    public void removeEntry(TenantId tenant, String code, String periodLabel, String actor) {
        Definition d = definition(tenant, code);
        Period p = Period.parse("period", d.frequency(), periodLabel);
        if (!store.deleteValues(tenant, code, p.label())) {
            throw new NotFoundException("'" + code + "' has no value for " + p);
        }
        audit.record(tenant, actor, "INDICATOR_VALUE_REMOVED", code, "", Map.of("period", p.label()));
    }

    /** Every period's figures of the indicator, oldest first (none for a code the catalogue does not have). */
    public List<PeriodValues> series(TenantId tenant, String code) {
        Map<String, IndicatorStore.Row> city = new LinkedHashMap<>();
        Map<String, Map<String, List<IndicatorStore.Row>>> groups = new LinkedHashMap<>();
        for (IndicatorStore.Row r : store.values(tenant, code)) {
            if (r.grouping().isEmpty()) {
                city.put(r.period(), r);
            } else {
                groups.computeIfAbsent(r.period(), k -> new LinkedHashMap<>()).computeIfAbsent(r.grouping(), k -> new ArrayList<>()).add(r);
            }
        }
        List<PeriodValues> out = new ArrayList<>();
        city.forEach((period, row) -> out.add(new PeriodValues(period, row, groups.getOrDefault(period, Map.of()))));
        return out;
    }

    /** The city's latest figure of every indicator that has one. */
    public Map<String, IndicatorStore.Row> latest(TenantId tenant) {
        return store.latest(tenant);
    }

    public Map<String, IndicatorStore.Target> targets(TenantId tenant) {
        return store.targets(tenant);
    }

    public void setTarget(TenantId tenant, String code, double value, int year, String note, String actor) {
        definition(tenant, code);
        check("value", value);
        if (year < 2000 || year > 2100) {
            throw new InvalidInputException("year", "a target's year is between 2000 and 2100; got " + year);
        }
        String n = note == null ? "" : note.strip();
        if (n.length() > 500) {
            throw new InvalidInputException("note", "a note is at most 500 characters");
        }
        store.putTarget(tenant, new IndicatorStore.Target(code, value, year, n), actor, clock.instant());
        audit.record(tenant, actor, "INDICATOR_TARGET_SET", code, "", Map.of("value", value, "year", year));
    }

    public void removeTarget(TenantId tenant, String code, String actor) {
        if (!store.deleteTarget(tenant, code)) {
            throw new NotFoundException("'" + code + "' has no target");
        }
        audit.record(tenant, actor, "INDICATOR_TARGET_REMOVED", code, "", Map.of());
    }

    /** Makes sure the scheduled job computes the tenant's indicators. */
    public void schedule(TenantId tenant) {
        store.schedule(tenant);
    }

    public Optional<Instant> computedAt(TenantId tenant) {
        return store.computedAt(tenant);
    }
}
