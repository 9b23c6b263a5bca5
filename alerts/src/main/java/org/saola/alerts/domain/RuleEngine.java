package org.saola.alerts.domain;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.alerts.store.AlertStore;
import org.saola.alerts.store.AlertStore.StateKey;
import org.saola.alerts.store.RuleStore;
import org.saola.context.ChangeConsumer;
import org.saola.context.ContextService;
import org.saola.context.EntityChange;
import org.saola.context.FeedWatch;
import org.saola.context.StoredEntity;
import org.saola.platform.TenantId;
import org.saola.platform.events.DomainEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules on every committed entity change, read from the context's change feed in commit order.
 * Rules are indexed by tenant and entity type, and a change visits only the rules that read an attribute it
 * wrote (time passing is the timer's business). What the rules know of
 * each entity ({@link RuleState}) and the alerts they raise or resolve are written in the feed consumer's
 * transaction, with its position: after a crash the engine goes on from the last change it committed, so it
 * neither raises an alert twice nor misses one. A timer raises the alerts whose condition has held for the rule's
 * {@code holdFor} without a change since.
 */
public class RuleEngine implements ChangeConsumer {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);
    public static final String RULE_ACTOR = "rule";

    private final RuleStore rules;
    private final AlertStore alerts;
    private final ContextService context;
    private final DomainEvents events;
    private final InstantSource clock;
    private volatile Index index = Index.EMPTY;
    private volatile boolean started;
    /** The change-feed consumer's name. */
    public static final String CONSUMER = "alerts-rules";
    private final java.util.concurrent.atomic.AtomicLong judged = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong evaluations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong raisedCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong resolvedCount = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The enabled rules: those of a whole type by tenant and expanded type, those naming entities by tenant and
     * entity id, so a change visits only its candidates (a thousand per-gauge rules cost a gauge's change one).
     */
    private record Index(Map<TenantId, Map<String, List<Rule>>> byType, Map<TenantId, Map<String, List<Rule>>> byEntity,
            Map<UUID, Rule> byId, Map<UUID, String> typeIris, String fingerprint, Set<String> types,
            Map<UUID, Set<String>> reads, Map<String, java.time.Duration> keep) {

        static final Index EMPTY = new Index(Map.of(), Map.of(), Map.of(), Map.of(), "", Set.of(), Map.of(), Map.of());

        /** How long to keep the values of an attribute of entities of a type: the longest window a rule asks. */
        java.time.Duration keep(String typeIri, String attribute) {
            return keep.getOrDefault(typeIri + " " + attribute, java.time.Duration.ZERO);
        }

        /** Whether a change that wrote these attributes can change the rule's judgement. */
        boolean concerns(Rule rule, EntityChange change) {
            return change.kind() != EntityChange.Kind.UPDATED
                    || !java.util.Collections.disjoint(reads.getOrDefault(rule.id(), Set.of()), change.written());
        }

        List<Rule> candidates(TenantId tenant, List<String> types, String entityId) {
            List<Rule> all = new ArrayList<>(2);
            Map<String, List<Rule>> ofTenant = byType.get(tenant);
            if (ofTenant != null) {
                for (String t : types) {
                    all.addAll(ofTenant.getOrDefault(t, List.of()));
                }
            }
            Map<String, List<Rule>> scoped = byEntity.get(tenant);
            if (scoped != null) {
                for (Rule r : scoped.getOrDefault(entityId, List.of())) {
                    if (types.contains(typeIris.get(r.id()))) {
                        all.add(r);
                    }
                }
            }
            return all;
        }
    }

    /** What the engine has done since this node started, for monitoring and the benchmark. */
    public record Stats(long changesJudged, long evaluations, long raised, long resolved) {
    }

    public Stats stats() {
        return new Stats(judged.get(), evaluations.get(), raisedCount.get(), resolvedCount.get());
    }

    private final AlertFollowUp followUp;

    public RuleEngine(RuleStore rules, AlertStore alerts, ContextService context, DomainEvents events, InstantSource clock,
            AlertFollowUp followUp) {
        this.followUp = followUp;
        this.rules = rules;
        this.alerts = alerts;
        this.context = context;
        this.events = events;
        this.clock = clock;
    }

    /** Loads the rules and starts reading the change feed for the entity types they watch. */
    public synchronized void start() {
        reload();
        context.consume(CONSUMER, FeedWatch.types(index.types()), this);
        started = true;
    }

    /**
     * Reads the rules again (after a change here, or when another node changed them); the feed then records the
     * changes of the entity types the rules now watch.
     */
    public synchronized void reload() {
        String fingerprint = rules.fingerprint();
        Map<TenantId, Map<String, List<Rule>>> byType = new HashMap<>();
        Map<TenantId, Map<String, List<Rule>>> byEntity = new HashMap<>();
        Map<UUID, Rule> byId = new HashMap<>();
        Map<UUID, String> typeIris = new HashMap<>();
        Set<String> types = new java.util.TreeSet<>();
        Map<UUID, Set<String>> reads = new HashMap<>();
        Map<String, java.time.Duration> keep = new HashMap<>();
        for (Rule r : rules.all()) {
            if (r.enabled()) {
                String typeIri = context.expand(r.entityType());
                if (r.entityIds().isEmpty()) {
                    byType.computeIfAbsent(r.tenant(), t -> new HashMap<>()).computeIfAbsent(typeIri, t -> new ArrayList<>())
                            .add(r);
                } else {
                    for (String id : r.entityIds()) {
                        byEntity.computeIfAbsent(r.tenant(), t -> new HashMap<>()).computeIfAbsent(id, t -> new ArrayList<>())
                                .add(r);
                    }
                }
                byId.put(r.id(), r);
                typeIris.put(r.id(), typeIri);
                types.add(r.entityType());
                reads.put(r.id(), r.reads().stream().map(context::expand).collect(java.util.stream.Collectors.toSet()));
                r.windows().forEach((a, d) -> keep.merge(typeIri + " " + a, d, (x, y) -> x.compareTo(y) >= 0 ? x : y));
            }
        }
        Set<String> before = index.types();
        index = new Index(byType, byEntity, byId, typeIris, fingerprint, Set.copyOf(types), reads, keep);
        synchronized (windows) {
            windows.clear();                   // kept for what the rules asked before: filled again from history
        }
        if (started && !before.equals(index.types())) {
            context.watch(CONSUMER, FeedWatch.types(index.types()));
        }
    }

    /** Reloads the rules if another node changed them. */
    public void refreshIfChanged() {
        if (!rules.fingerprint().equals(index.fingerprint())) {
            reload();
        }
    }

    @Override
    public void accept(List<EntityChange> changes) {
        Index current = index;
        Map<TenantId, Set<String>> touched = new LinkedHashMap<>();
        for (EntityChange c : changes) {
            if (!current.candidates(c.tenant(), c.entity().types(), c.entity().id()).isEmpty()) {
                touched.computeIfAbsent(c.tenant(), t -> new LinkedHashSet<>()).add(c.entity().id());
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        alerts.lockEngine();
        Map<StateKey, RuleState> states = new HashMap<>();
        touched.forEach((tenant, ids) -> states.putAll(alerts.states(tenant, ids)));
        for (EntityChange c : changes) {
            judged.incrementAndGet();
            Map<String, Object> variables = null;          // made once per change, for the rules that judge it
            for (Rule rule : current.candidates(c.tenant(), c.entity().types(), c.entity().id())) {
                if (!rule.covers(c.entity().id()) || !current.concerns(rule, c)) {
                    continue;             // not its entity, or none of the attributes it reads changed
                }
                StateKey key = new StateKey(c.tenant(), rule.id(), c.entity().id());
                if (c.deleted()) {
                    RuleState gone = states.remove(key);
                    if (gone != null) {
                        alerts.deleteState(key);
                        gone.alertId().ifPresent(a -> resolve(c.tenant(), rule, a, c.entity().id(), "entity deleted",
                                c.committedAt()));
                    }
                    continue;
                }
                if (variables == null) {
                    variables = EntityVariables.of(c.entity(), context::compact);
                }
                if (!rule.watchesPlace(variables.get("location"))) {
                    RuleState left = states.remove(key);      // outside the rule's area: not judged; if it was, let go
                    if (left != null) {
                        alerts.deleteState(key);
                        left.alertId().ifPresent(a -> resolve(c.tenant(), rule, a, c.entity().id(), "left the rule's area",
                                c.committedAt()));
                    }
                    continue;
                }
                judge(rule, key, c.entity(), variables, current.reads().get(rule.id()), states, c.committedAt(),
                        windowsFor(current, c, rule));
            }
        }
    }

    /** The entity's recent values that rules read over windows, kept per tenant and entity (the busiest first). */
    private final Map<StateKey, EntityWindows> windows = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StateKey, EntityWindows> eldest) {
            return size() > 50_000;
        }
    };

    /** One entity's windows, and how far back each attribute's were filled from history. */
    private static final class EntityWindows {
        final Windows values = new Windows();
        final Map<String, java.time.Duration> filled = new HashMap<>();
    }

    private static final Windows NONE = new Windows();

    /**
     * The windows a rule judges the change with: filled from the attribute's history the first time (after a start,
     * or when a rule asks further back), then from the feed, one value per change.
     */
    private Windows windowsFor(Index current, EntityChange c, Rule rule) {
        Map<String, java.time.Duration> asked = rule.windows();
        if (asked.isEmpty()) {
            return NONE;
        }
        StateKey key = new StateKey(c.tenant(), null, c.entity().id());
        synchronized (windows) {
            EntityWindows w = windows.computeIfAbsent(key, k -> new EntityWindows());
            String typeIri = current.typeIris().get(rule.id());
            for (String attribute : asked.keySet()) {
                String iri = context.expand(attribute);
                java.time.Duration keep = current.keep(typeIri, attribute);
                tools.jackson.databind.JsonNode instance = c.entity().attributes().has(iri)
                        ? org.saola.context.AttributeInstances.primary(c.entity().attributes().get(iri)) : null;
                Instant at = instance != null ? EntityVariables.observedAt(instance, c.entity().modifiedAt())
                        : c.entity().modifiedAt();
                java.time.Duration filled = w.filled.get(attribute);
                if (filled == null || filled.compareTo(keep) < 0) {
                    w.values.clear(attribute);
                    for (org.saola.context.AttributeInstance h : context.history(c.tenant(), c.entity().id(), attribute,
                            at.minus(keep), at, org.saola.context.TemporalQuery.MAX_INSTANCES)) {
                        addSample(w.values, attribute, h.instance(), at, keep);
                    }
                    w.filled.put(attribute, keep);
                } else if (c.written().contains(iri) && instance != null) {
                    addSample(w.values, attribute, instance, c.entity().modifiedAt(), keep);
                }
            }
            return w.values;
        }
    }

    private static void addSample(Windows w, String attribute, tools.jackson.databind.JsonNode instance, Instant orAt,
            java.time.Duration keep) {
        tools.jackson.databind.JsonNode v = instance.get("value");
        if (v != null && v.isNumber()) {
            w.add(attribute, EntityVariables.observedAt(instance, orAt), v.asDouble(), keep);
        }
    }

    private void judge(Rule rule, StateKey key, StoredEntity entity, Map<String, Object> variables, Set<String> readIris,
            Map<StateKey, RuleState> states, Instant committed, Windows recent) {
        evaluations.incrementAndGet();
        Instant at = EntityVariables.observedAt(entity, readIris).orElse(entity.modifiedAt());
        Optional<Boolean> holds = rule.condition().test(variables, recent, at);
        Optional<Boolean> clears = rule.clearCondition().flatMap(c -> c.test(variables, recent, at));
        Optional<RuleState> state = Optional.ofNullable(states.get(key));
        switch (RuleState.judge(rule, state, holds, clears, at)) {
            case RuleState.Step.Keep k -> {
            }
            case RuleState.Step.Pending p -> {
                RuleState pending = new RuleState(p.since(), Optional.empty());
                states.put(key, pending);
                alerts.putState(key, pending);
            }
            case RuleState.Step.Forget f -> {
                states.remove(key);
                alerts.deleteState(key);
            }
            case RuleState.Step.Raise r -> {
                UUID alert = raise(rule, entity, variables, at);
                RuleState firing = new RuleState(r.pendingSince(), Optional.of(alert));
                states.put(key, firing);
                alerts.putState(key, firing);
            }
            case RuleState.Step.Clear c -> {
                states.remove(key);
                alerts.deleteState(key);
                resolve(key.tenant(), rule, state.orElseThrow().alertId().orElseThrow(), entity.id(),
                        "the clear condition holds", committed);
            }
        }
    }

    private UUID raise(Rule rule, StoredEntity entity, Map<String, Object> variables, Instant at) {
        Map<String, Object> shown = new HashMap<>(variables);
        shown.put("rule", rule.name());
        Map<String, Object> trigger = new LinkedHashMap<>();
        for (String a : rule.reads()) {
            if (variables.containsKey(a)) {
                trigger.put(a, variables.get(a));
            }
        }
        Instant now = clock.instant();
        Alert alert = new Alert(rule.tenant(), UUID.randomUUID(), rule.id(), rule.name(), entity.id(),
                context.compact(entity.type()), rule.severity(), Alert.Status.RAISED, rule.department(),
                MessageTemplate.render(rule.messageVi(), shown), MessageTemplate.render(rule.messageEn(), shown), trigger,
                at, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now);
        UUID id = alerts.insertOrOpen(alert);
        if (id.equals(alert.id())) {
            raisedCount.incrementAndGet();
            alerts.event(rule.tenant(), id, now, RULE_ACTOR, "RAISED", alert.messageEn());
            events.publish(new AlertRaised(rule.tenant(), id, rule.id(), entity.id(), rule.severity(),
                    rule.department().orElse(null), at));
            log.info("Rule '{}' raised alert {} on {}", rule.name(), id, entity.id());
            followUp.raised(rule, alert, shown);
        }
        return id;
    }

    private void resolve(TenantId tenant, Rule rule, UUID alertId, String entityId, String why, Instant at) {
        Instant now = clock.instant();
        if (alerts.resolve(tenant, alertId, RULE_ACTOR, now)) {
            resolvedCount.incrementAndGet();
            alerts.event(tenant, alertId, now, RULE_ACTOR, "RESOLVED", why);
            events.publish(new AlertResolved(tenant, alertId, rule.id(), entityId, rule.department().orElse(null),
                    RULE_ACTOR, now));
            followUp.resolved(tenant, alertId, why);
        }
    }

    /**
     * Raises the alerts whose condition has held for the rule's {@code holdFor} with no change of the entity
     * since (a sensor that reports rarely); judged on the entity's latest state. Call in a transaction.
     */
    public int raiseDue() {
        Instant now = clock.instant();
        List<StateKey> due = alerts.due(now);
        if (due.isEmpty()) {
            return 0;
        }
        alerts.lockEngine();
        Index current = index;
        int raised = 0;
        Map<StateKey, RuleState> states = new HashMap<>();
        for (StateKey key : due) {
            states.putAll(alerts.states(key.tenant(), Set.of(key.entityId())));
        }
        for (StateKey key : due) {
            Optional<Rule> rule = Optional.ofNullable(current.byId().get(key.ruleId()));
            Optional<StoredEntity> entity = context.entity(key.tenant(), key.entityId());
            RuleState state = states.get(key);
            if (rule.isEmpty() || entity.isEmpty() || state == null || state.firing()) {
                continue;
            }
            // Time passed with no change: the condition still holds as the entity last showed it.
            Map<String, Object> variables = EntityVariables.of(entity.get(), context::compact);
            Windows recent = new Windows();
            rule.get().windows().forEach((attribute, d) -> context.history(key.tenant(), key.entityId(), attribute,
                    now.minus(d), now, org.saola.context.TemporalQuery.MAX_INSTANCES)
                    .forEach(h -> addSample(recent, attribute, h.instance(), now, d)));
            if (rule.get().watchesPlace(variables.get("location")) && rule.get().condition().test(variables, recent, now).orElse(false)
                    && !now.isBefore(state.pendingSince().plus(rule.get().holdFor()))) {
                UUID alert = raise(rule.get(), entity.get(), variables, state.pendingSince().plus(rule.get().holdFor()));
                alerts.putState(key, new RuleState(state.pendingSince(), Optional.of(alert)));
                raised++;
            }
        }
        return raised;
    }

    /**
     * Raises the alerts of "no data" rules ({@code noDataFor('waterLevel', 'PT30M')}): each entity the rule covers
     * whose attribute has not been observed for that long (never: since the entity was created), once; the next
     * observation of the attribute clears it. Call in a transaction.
     */
    public int raiseSilent() {
        Instant now = clock.instant();
        List<Rule> silent = index.byId().values().stream().filter(r -> r.condition().silence().isPresent()).toList();
        if (silent.isEmpty()) {
            return 0;
        }
        alerts.lockEngine();
        int raised = 0;
        for (Rule rule : silent) {
            Condition.Silence silence = rule.condition().silence().get();
            String iri = context.expand(silence.attribute());
            for (int offset = 0; ; offset += 500) {
                List<StoredEntity> page = !rule.entityIds().isEmpty()
                        ? (offset > 0 ? List.of() : rule.entityIds().stream().map(id -> context.entity(rule.tenant(), id))
                                .flatMap(Optional::stream).toList())
                        : context.entitiesOfType(rule.tenant(), rule.entityType(), 500, offset);
                if (page.isEmpty()) {
                    break;
                }
                Map<StateKey, RuleState> states = alerts.states(rule.tenant(),
                        page.stream().map(StoredEntity::id).collect(java.util.stream.Collectors.toSet()));
                for (StoredEntity e : page) {
                    StateKey key = new StateKey(rule.tenant(), rule.id(), e.id());
                    RuleState state = states.get(key);
                    if (!rule.covers(e.id()) || (state != null && state.firing())) {
                        continue;
                    }
                    Map<String, Object> variables = EntityVariables.of(e, context::compact);
                    if (!rule.watchesPlace(variables.get("location"))) {
                        continue;
                    }
                    tools.jackson.databind.JsonNode a = e.attributes().get(iri);
                    Instant last = a == null ? e.createdAt()
                            : EntityVariables.observedAt(org.saola.context.AttributeInstances.primary(a), e.modifiedAt());
                    Instant due = last.plus(silence.after());
                    if (now.isBefore(due) || alerts.raisedAt(rule.tenant(), rule.id(), e.id(), due)) {
                        continue;         // not silent long enough, or this silence was alerted (and resolved by hand)
                    }
                    evaluations.incrementAndGet();
                    UUID alert = raise(rule, e, variables, due);
                    alerts.putState(key, new RuleState(due, Optional.of(alert)));
                    raised++;
                }
                if (page.size() < 500 || !rule.entityIds().isEmpty()) {
                    break;
                }
            }
        }
        return raised;
    }
}
