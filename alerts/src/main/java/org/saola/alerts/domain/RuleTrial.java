package org.saola.alerts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.saola.context.AttributeInstance;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;

/**
 * "Test this rule": replays the history of the attributes a rule reads, entity by entity, through the rule's
 * judgement (hold time, clear condition, windows) and says when it would have raised and cleared alerts. Nothing
 * is written; the rule need not be saved.
 */
public class RuleTrial {

    /** An alert the rule would have raised on an entity, and when it would have cleared (if it did). */
    public record Firing(String entityId, Instant raisedAt, Optional<Instant> clearedAt, Map<String, Object> values) {
    }

    /** What the trial looked at and found. */
    public record Result(Instant from, Instant to, int entities, int readings, List<Firing> firings) {
    }

    static final int MAX_ENTITIES = 200;

    private final ContextService context;

    public RuleTrial(ContextService context) {
        this.context = context;
    }

    public Result run(Rule rule, Instant from, Instant to) {
        List<String> ids = new ArrayList<>(rule.entityIds());
        if (ids.isEmpty()) {
            for (StoredEntity e : context.entitiesOfType(rule.tenant(), rule.entityType(), MAX_ENTITIES, 0)) {
                ids.add(e.id());
            }
        }
        if (rule.area().isPresent()) {            // only the entities in the rule's area
            ids.removeIf(id -> context.entity(rule.tenant(), id)
                    .map(e -> !rule.watchesPlace(EntityVariables.of(e, context::compact).get("location"))).orElse(true));
        }
        // what lies before the trial's start is read as far back as a window or a silence reaches
        Duration longest = java.util.stream.Stream.concat(rule.windows().values().stream(),
                rule.condition().silence().map(Condition.Silence::after).stream()).max(Duration::compareTo).orElse(Duration.ZERO);
        List<Firing> firings = new ArrayList<>();
        int readings = 0;
        for (String id : ids.subList(0, Math.min(ids.size(), MAX_ENTITIES))) {
            // Each moment something the rule reads was observed, with the values observed then.
            TreeMap<Instant, Map<String, Object>> timeline = new TreeMap<>();
            Optional<Instant> capped = Optional.empty();
            for (String attribute : rule.reads()) {
                List<AttributeInstance> history = context.history(rule.tenant(), id, attribute, from.minus(longest), to,
                        TemporalQuery.MAX_INSTANCES);
                if (history.size() >= TemporalQuery.MAX_INSTANCES && rule.condition().silence()
                        .filter(s -> s.attribute().equals(attribute)).isPresent()) {
                    // only the newest readings came back: what lies before the first of them is unknown, not silence
                    capped = history.stream().filter(h -> h.instance().has("observedAt"))
                            .map(h -> EntityVariables.observedAt(h.instance(), null)).min(Instant::compareTo);
                }
                for (AttributeInstance h : history) {
                    if (h.instance().has("observedAt") && h.instance().has("value")) {
                        timeline.computeIfAbsent(EntityVariables.observedAt(h.instance(), null),
                                t -> new HashMap<>()).put(attribute, EntityVariables.plain(h.instance().get("value")));
                        readings++;
                    }
                }
            }
            if (rule.condition().silence().isPresent()) {
                Condition.Silence silence = rule.condition().silence().get();
                Instant counted = capped.or(() -> context.entity(rule.tenant(), id).map(StoredEntity::createdAt))
                        .orElse(from.minus(silence.after()));
                firings.addAll(silences(id, timeline.navigableKeySet().stream()
                        .filter(t -> timeline.get(t).containsKey(silence.attribute())).toList(),
                        counted, silence.after(), from, to));
            } else {
                firings.addAll(replay(rule, id, timeline, from));
            }
        }
        return new Result(from, to, Math.min(ids.size(), MAX_ENTITIES), readings, firings);
    }

    /**
     * A "no data" rule's alerts on one entity, as the rules' timer raises them: each time the attribute went unobserved
     * for {@code after}, raised when that time ran out and cleared by the next observation. {@code observed}: when
     * the attribute was observed, in order, from {@code from − after} on; before the first of them the silence counts
     * from the entity's creation or from {@code from − after}, whichever is later (what lay before is not read).
     */
    static List<Firing> silences(String entityId, List<Instant> observed, Instant created, Duration after, Instant from,
            Instant to) {
        List<Firing> firings = new ArrayList<>();
        Instant start = from.minus(after);
        Instant previous = created.isAfter(start) ? created : start;
        for (Instant t : observed) {
            Instant due = previous.plus(after);
            if (t.isAfter(due) && !t.isBefore(from) && !due.isAfter(to)) {
                firings.add(new Firing(entityId, due, Optional.of(t), Map.of()));
            }
            previous = t.isAfter(previous) ? t : previous;
        }
        Instant due = previous.plus(after);
        if (!due.isAfter(to)) {
            firings.add(new Firing(entityId, due, Optional.empty(), Map.of()));
        }
        return firings;
    }

    /** The rule's judgement of one entity, moment by moment, from {@code from} on. */
    static List<Firing> replay(Rule rule, String entityId, TreeMap<Instant, Map<String, Object>> timeline, Instant from) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", entityId);
        variables.put("type", rule.entityType());
        Windows windows = new Windows();
        Map<String, Duration> keep = rule.windows();
        Optional<RuleState> state = Optional.empty();
        List<Firing> firings = new ArrayList<>();
        Instant raisedAt = null;
        Map<String, Object> raisedWith = null;
        for (var moment : timeline.entrySet()) {
            Instant at = moment.getKey();
            // The timer: a condition pending long enough before this moment was raised when its hold time ran out.
            if (state.isPresent() && !state.get().firing() && at.isAfter(state.get().pendingSince().plus(rule.holdFor()))) {
                raisedAt = state.get().pendingSince().plus(rule.holdFor());
                raisedWith = new HashMap<>(variables);
                state = Optional.of(new RuleState(state.get().pendingSince(), Optional.of(java.util.UUID.randomUUID())));
            }
            variables.putAll(moment.getValue());
            moment.getValue().forEach((attribute, value) -> {
                if (value instanceof Double d && keep.containsKey(attribute)) {
                    windows.add(attribute, at, d, keep.get(attribute));
                }
            });
            if (at.isBefore(from)) {
                continue;                     // only fills the windows
            }
            Optional<Boolean> holds = rule.condition().test(variables, windows, at);
            Optional<Boolean> clears = rule.clearCondition().flatMap(c -> c.test(variables, windows, at));
            switch (RuleState.judge(rule, state, holds, clears, at)) {
                case RuleState.Step.Keep k -> {
                }
                case RuleState.Step.Pending p -> state = Optional.of(new RuleState(p.since(), Optional.empty()));
                case RuleState.Step.Forget f -> state = Optional.empty();
                case RuleState.Step.Raise r -> {
                    raisedAt = at;
                    raisedWith = new HashMap<>(variables);
                    state = Optional.of(new RuleState(r.pendingSince(), Optional.of(java.util.UUID.randomUUID())));
                }
                case RuleState.Step.Clear c -> {
                    firings.add(new Firing(entityId, raisedAt, Optional.of(at), shown(rule, raisedWith)));
                    raisedAt = null;
                    state = Optional.empty();
                }
            }
        }
        if (raisedAt != null) {
            firings.add(new Firing(entityId, raisedAt, Optional.empty(), shown(rule, raisedWith)));
        }
        return firings;
    }

    private static Map<String, Object> shown(Rule rule, Map<String, Object> variables) {
        Map<String, Object> shown = new TreeMap<>();
        for (String a : rule.reads()) {
            if (variables.containsKey(a)) {
                shown.put(a, variables.get(a));
            }
        }
        return shown;
    }
}
