package org.saola.alerts.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.alerts.RuleDraft;
import org.saola.alerts.RuleImport;
import org.saola.alerts.store.RuleStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.Departments;
import org.springframework.transaction.annotation.Transactional;

/** Rules kept per tenant: checked (the conditions compiled) when saved, then handed to the engine. */
public class RuleService implements RuleImport {

    private final RuleStore store;
    private final RuleEngine engine;
    private final Departments departments;
    private final AuditLog audit;
    private final InstantSource clock;

    private final RuleTrial trial;
    private final org.saola.alerts.warnings.WarningService warnings;
    private final java.util.function.BiPredicate<TenantId, String> channelExists;

    public RuleService(RuleStore store, RuleEngine engine, Departments departments, AuditLog audit, InstantSource clock,
            RuleTrial trial, org.saola.alerts.warnings.WarningService warnings,
            java.util.function.BiPredicate<TenantId, String> channelExists) {
        this.trial = trial;
        this.warnings = warnings;
        this.channelExists = channelExists;
        this.store = store;
        this.engine = engine;
        this.departments = departments;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Rule> list(TenantId tenant) {
        return store.list(tenant);
    }

    /** The pack each rule came with, for those that came with one. */
    public java.util.Map<UUID, String> packs(TenantId tenant) {
        return store.packs(tenant);
    }

    public Rule get(TenantId tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFoundException("no rule " + id));
    }

    /** A draft checked into a rule: every field validated, both conditions compiled. */
    Rule rule(TenantId tenant, UUID id, RuleDraft d, Instant created, Instant now) {
        if (d == null) {
            throw new InvalidInputException("body", "a rule is a JSON object with name, entityType, condition, severity, "
                    + "messageVi and messageEn");
        }
        Condition condition = condition("condition", d.condition());
        Optional<Condition> clear = d.clearCondition() == null || d.clearCondition().isBlank() ? Optional.empty()
                : Optional.of(condition("clearCondition", d.clearCondition()));
        Duration hold = Duration.ZERO;
        if (d.holdFor() != null && !d.holdFor().isBlank()) {
            try {
                hold = Duration.parse(d.holdFor().strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("holdFor", "holdFor is an ISO 8601 duration such as PT10M; got '"
                        + d.holdFor() + "'");
            }
        }
        Optional<String> department = Optional.ofNullable(d.department()).map(String::strip).filter(s -> !s.isEmpty());
        department.ifPresent(code -> departments.existing(tenant, "department", List.of(code)));
        List<String> ids = d.entityIds() == null ? List.of() : d.entityIds();
        for (String e : ids) {
            if (e == null || !e.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+")) {
                throw new InvalidInputException("entityIds", "entityIds holds entity ids (URIs); got '" + e + "'");
            }
        }
        Severity severity = Severity.parse("severity", d.severity());
        return new Rule(id, tenant, d.name(), d.entityType(), ids, condition, clear, hold,
                severity, d.messageVi(), d.messageEn(), department,
                d.enabled() == null || d.enabled(), created, now, actions(tenant, d, department, severity, now),
                Optional.ofNullable(d.area()).map(a -> RuleArea.of(a.type(), a.coordinates())));
    }

    /**
     * The rule's actions checked: each channel exists ({@code department} only for a rule with a department); the
     * warning composes into a valid CAP message (its templates as written, its circle around a stand-in point), so a
     * mistake is found when the rule is saved, not when the river rises.
     */
    private RuleActions actions(TenantId tenant, RuleDraft d, Optional<String> department, Severity severity, Instant now) {
        List<String> channels = channels(tenant, "channels", d.channels(), department);
        List<String> escalateTo = channels(tenant, "escalateTo", d.escalateTo(), department);
        Optional<Duration> escalateAfter = Optional.empty();
        if (d.escalateAfter() != null && !d.escalateAfter().isBlank()) {
            try {
                escalateAfter = Optional.of(Duration.parse(d.escalateAfter().strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("escalateAfter", "escalateAfter is an ISO 8601 duration such as PT30M; got '"
                        + d.escalateAfter() + "'");
            }
        }
        Optional<RuleWarning> warning = Optional.empty();
        if (d.warning() != null) {
            RuleWarning w = d.warning().checked();
            try {
                org.saola.alerts.warnings.WarningComposer.compose(w.draft(severity, java.util.Map.of(),
                        Optional.of(new double[] {0, 0}), now), UUID.randomUUID(), warnings.settings(),
                        warnings.wards(tenant), now);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("warning." + e.field(), "warning: " + e.getMessage());
            }
            warning = Optional.of(w);
        }
        return new RuleActions(channels, warning, escalateAfter, escalateTo);
    }

    /** Channel names checked: each exists, or is {@code department} on a rule that has one. */
    private List<String> channels(TenantId tenant, String field, List<String> names, Optional<String> department) {
        List<String> checked = new ArrayList<>();
        for (String n : names == null ? List.<String>of() : names) {
            String name = n == null ? "" : n.strip();
            if (name.equals(RuleActions.DEPARTMENT)) {
                if (department.isEmpty()) {
                    throw new InvalidInputException(field, field + " names 'department' but the rule has no department");
                }
            } else if (!channelExists.test(tenant, name)) {
                throw new InvalidInputException(field, "there is no alert channel named '" + name
                        + "' (see /api/v1/alerts/channels), nor is it 'department'");
            }
            if (!checked.contains(name)) {
                checked.add(name);
            }
        }
        return checked;
    }

    private static Condition condition(String field, String source) {
        try {
            return Condition.compile(source);
        } catch (InvalidConditionException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    @Transactional
    public Rule create(TenantId tenant, RuleDraft draft) {
        Instant now = clock.instant();
        Rule r = rule(tenant, UUID.randomUUID(), draft, now, now);
        if (store.nameTaken(tenant, r.name(), r.id())) {
            throw new ConflictException("a rule named '" + r.name() + "' exists already");
        }
        store.insert(r);
        audit.record(tenant, "RULE_CREATED", r.id().toString(), "", java.util.Map.of("name", r.name()));
        reloadAfterCommit();
        return r;
    }

    @Transactional
    public Rule update(TenantId tenant, UUID id, RuleDraft draft) {
        Rule before = get(tenant, id);
        Rule r = rule(tenant, id, draft, before.createdAt(), clock.instant());
        if (store.nameTaken(tenant, r.name(), id)) {
            throw new ConflictException("a rule named '" + r.name() + "' exists already");
        }
        store.update(r);
        audit.record(tenant, "RULE_CHANGED", id.toString(), "", java.util.Map.of("name", r.name()));
        reloadAfterCommit();
        return r;
    }

    /** Switches a rule on or off; nothing else of it changes. */
    @Transactional
    public Rule setEnabled(TenantId tenant, UUID id, boolean enabled) {
        Rule r = get(tenant, id);
        store.setEnabled(tenant, id, enabled, clock.instant());
        audit.record(tenant, "RULE_CHANGED", id.toString(), "", java.util.Map.of("name", r.name(), "enabled", enabled));
        reloadAfterCommit();
        return r;
    }

    @Transactional
    public void delete(TenantId tenant, UUID id) {
        Rule r = get(tenant, id);
        store.delete(tenant, id);
        audit.record(tenant, "RULE_DELETED", id.toString(), "", java.util.Map.of("name", r.name()));
        reloadAfterCommit();
    }

    /**
     * Imports rules from a file: each replaces the tenant's rule of the same name or is added. All or nothing: one
     * invalid rule refuses the file, naming it.
     */
    @Transactional
    public List<Rule> importAll(TenantId tenant, List<RuleDraft> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            throw new InvalidInputException("rules", "the file holds no rules");
        }
        if (drafts.size() > 1000) {
            throw new InvalidInputException("rules", "a file holds at most 1000 rules");
        }
        Instant now = clock.instant();
        List<Rule> saved = new ArrayList<>();
        java.util.Map<String, Rule> byName = new java.util.HashMap<>();
        store.list(tenant).forEach(r -> byName.put(r.name(), r));
        for (int i = 0; i < drafts.size(); i++) {
            RuleDraft d = drafts.get(i);
            Optional<Rule> existing = d == null || d.name() == null ? Optional.empty()
                    : Optional.ofNullable(byName.get(d.name().strip()));
            Rule r;
            try {
                r = rule(tenant, existing.map(Rule::id).orElseGet(UUID::randomUUID), d,
                        existing.map(Rule::createdAt).orElse(now), now);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("rules[" + i + "]." + e.field(), "rule " + (i + 1) + ": " + e.getMessage());
            }
            if (existing.isPresent()) {
                store.update(r);
            } else {
                store.insert(r);
            }
            byName.put(r.name(), r);
            saved.add(r);
        }
        audit.record(tenant, "RULES_IMPORTED", "", "", java.util.Map.of("count", saved.size()));
        reloadAfterCommit();
        return saved;
    }

    /**
     * "Test this rule": what the draft would have done over the last {@code hours} of history (1 to 168), without
     * saving it.
     */
    public RuleTrial.Result trial(TenantId tenant, RuleDraft draft, int hours) {
        if (hours < 1 || hours > 168) {
            throw new InvalidInputException("hours", "hours is between 1 and 168; got " + hours);
        }
        Instant now = clock.instant();
        Rule r = rule(tenant, UUID.randomUUID(), draft, now, now);
        return trial.run(r, now.minus(Duration.ofHours(hours)), now);
    }

    @Override
    public java.util.Set<String> ruleNames(TenantId tenant) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        store.list(tenant).forEach(r -> names.add(r.name()));
        return names;
    }

    @Override
    @Transactional
    public void importRules(TenantId tenant, List<RuleDraft> drafts) {
        importAll(tenant, drafts);
    }

    /** A rule as it goes into an exported file. */
    public static RuleDraft draft(Rule r) {
        return new RuleDraft(r.name(), r.entityType(), r.entityIds(), r.condition().source(),
                r.clearCondition().map(Condition::source).orElse(null), r.holdFor().toString(), r.severity().name(),
                r.messageVi(), r.messageEn(), r.department().orElse(null), r.enabled(), r.actions().channels(),
                r.actions().warning().map(RuleDraft.Warning::of).orElse(null),
                r.actions().escalateAfter().map(Duration::toString).orElse(null), r.actions().escalateTo(),
                r.area().map(a -> new RuleDraft.Area("Polygon", a.coordinates())).orElse(null));
    }

    private void reloadAfterCommit() {
        org.saola.platform.events.AfterCommit.run(engine::reload);
    }
}
