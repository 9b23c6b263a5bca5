package org.saola.alerts.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.saola.alerts.domain.Condition;
import org.saola.alerts.domain.Rule;
import org.saola.alerts.RuleDraft;
import org.saola.alerts.domain.RuleService;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rules: {@code /api/v1/rules} (list, create), {@code /api/v1/rules/{id}} (read, replace, delete),
 * {@code /api/v1/rules/export} and {@code /api/v1/rules/import} (a JSON file of rules, shareable between cities).
 * A condition that does not compile is refused with its line and column.
 */
@RestController
class RulesController {

    record RuleView(String id, String name, String entityType, List<String> entityIds, String condition,
            String clearCondition, String holdFor, String severity, String messageVi, String messageEn, String department,
            boolean enabled, List<String> channels, RuleDraft.Warning warning, String escalateAfter, List<String> escalateTo,
            RuleDraft.Area area, Instant createdAt, Instant updatedAt) {
        static RuleView of(Rule r) {
            return new RuleView(r.id().toString(), r.name(), r.entityType(), r.entityIds(), r.condition().source(),
                    r.clearCondition().map(Condition::source).orElse(null), r.holdFor().toString(), r.severity().name(),
                    r.messageVi(), r.messageEn(), r.department().orElse(null), r.enabled(), r.actions().channels(),
                    r.actions().warning().map(RuleDraft.Warning::of).orElse(null),
                    r.actions().escalateAfter().map(Object::toString).orElse(null), r.actions().escalateTo(),
                    r.area().map(a -> new RuleDraft.Area("Polygon", a.coordinates())).orElse(null), r.createdAt(),
                    r.updatedAt());
        }
    }

    private final RuleService rules;
    private final org.saola.alerts.domain.RuleEngine engine;
    private final org.saola.context.ContextService context;

    RulesController(RuleService rules, org.saola.alerts.domain.RuleEngine engine, org.saola.context.ContextService context) {
        this.rules = rules;
        this.engine = engine;
        this.context = context;
    }

    /** How the rule engine keeps up (this node): changes judged, evaluations, alerts, and its lag in the feed. */
    record EngineView(long changesJudged, long evaluations, long raised, long resolved, long feedPosition,
            long feedHead, long groupCommitsBehind) {
    }

    @GetMapping("/api/v1/rules/engine")
    @RequiresPermission(Permission.METRICS_READ)
    EngineView engine() {
        var stats = engine.stats();
        var position = context.feedPosition(org.saola.alerts.domain.RuleEngine.CONSUMER);
        return new EngineView(stats.changesJudged(), stats.evaluations(), stats.raised(), stats.resolved(),
                position.position(), position.head(), position.behind());
    }

    @GetMapping("/api/v1/rules")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<RuleView> list() {
        return rules.list(CurrentCaller.tenant()).stream().map(RuleView::of).toList();
    }

    @PostMapping(path = "/api/v1/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.RULES_MANAGE)
    ResponseEntity<RuleView> create(@RequestBody RuleDraft draft) {
        Rule r = rules.create(CurrentCaller.tenant(), draft);
        return ResponseEntity.created(URI.create("/api/v1/rules/" + r.id())).body(RuleView.of(r));
    }

    @GetMapping("/api/v1/rules/{id}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    RuleView get(@PathVariable UUID id) {
        return RuleView.of(rules.get(CurrentCaller.tenant(), id));
    }

    @PutMapping(path = "/api/v1/rules/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.RULES_MANAGE)
    RuleView replace(@PathVariable UUID id, @RequestBody RuleDraft draft) {
        return RuleView.of(rules.update(CurrentCaller.tenant(), id, draft));
    }

    @DeleteMapping("/api/v1/rules/{id}")
    @RequiresPermission(Permission.RULES_MANAGE)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(CurrentCaller.tenant(), id);
        return ResponseEntity.noContent().build();
    }

    /**
     * "Test this rule": when a rule (saved or not) would have raised and cleared alerts over the last
     * {@code hours} (24 by default) of history.
     */
    @PostMapping(path = "/api/v1/rules/trial", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.RULES_MANAGE)
    org.saola.alerts.domain.RuleTrial.Result trial(@RequestBody RuleDraft draft,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "24") int hours) {
        return rules.trial(CurrentCaller.tenant(), draft, hours);
    }

    @GetMapping("/api/v1/rules/export")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ResponseEntity<List<RuleDraft>> export() {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"saola-rules.json\"")
                .body(rules.list(CurrentCaller.tenant()).stream().map(RuleService::draft).toList());
    }

    @PostMapping(path = "/api/v1/rules/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission(Permission.RULES_MANAGE)
    List<RuleView> importAll(@RequestBody List<RuleDraft> drafts) {
        return rules.importAll(CurrentCaller.tenant(), drafts).stream().map(RuleView::of).toList();
    }
}
