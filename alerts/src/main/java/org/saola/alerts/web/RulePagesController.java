package org.saola.alerts.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.saola.alerts.RuleDraft;
import org.saola.alerts.domain.Rule;
import org.saola.alerts.domain.RuleService;
import org.saola.alerts.domain.RuleTrial;
import org.saola.alerts.domain.Severity;
import org.saola.alerts.notify.Channel;
import org.saola.alerts.notify.Channels;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import org.saola.web.shell.ProblemText;

/**
 * The rules' staff pages ({@code /operations/rules}): the list with each rule's condition, severity, department,
 * pack and whether it is on; a form to write a rule or change one (its condition in CEL, checked when saved, a
 * mistake shown at its field), to try it on the last day's history before saving, to switch it on or off, delete
 * it; export the tenant's rules as a file and import one. Reading: {@code OPERATIONS_VIEW}; the rest
 * {@code RULES_MANAGE}.
 */
@Controller
@WebPage
class RulePagesController {

    /** The form's fields as written (kept when the form comes back with a problem). */
    record Form(String name, String entityType, String entityIds, String condition, String clearCondition, String holdFor,
            String severity, String messageVi, String messageEn, String department, Boolean enabled, List<String> channels,
            String escalateAfter, List<String> escalateTo, String warning, String area) {

        static Form empty() {
            return new Form("", "", "", "", "", "PT0S", "MODERATE", "", "", "", true, List.of(), "", List.of(), "", "");
        }

        static Form of(RuleDraft d, JsonMapper json) {
            return new Form(d.name(), d.entityType(), String.join("\n", d.entityIds() == null ? List.of() : d.entityIds()),
                    d.condition(), d.clearCondition() == null ? "" : d.clearCondition(), d.holdFor(), d.severity(),
                    d.messageVi(), d.messageEn(), d.department() == null ? "" : d.department(), d.enabled() == null || d.enabled(),
                    d.channels() == null ? List.of() : d.channels(), d.escalateAfter() == null ? "" : d.escalateAfter(),
                    d.escalateTo() == null ? List.of() : d.escalateTo(),
                    d.warning() == null ? "" : json.writerWithDefaultPrettyPrinter().writeValueAsString(d.warning()),
                    d.area() == null ? "" : json.writeValueAsString(d.area()));
        }

        RuleDraft draft(JsonMapper json) {
            RuleDraft.Warning w = null;
            if (warning != null && !warning.isBlank()) {
                try {
                    w = json.readValue(warning, RuleDraft.Warning.class);
                } catch (RuntimeException e) {
                    throw new InvalidInputException("warning", "the public warning is a JSON object as docs/alerts.md shows; "
                            + "it could not be read: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            RuleDraft.Area a = null;
            if (area != null && !area.isBlank()) {
                try {
                    a = json.readValue(area, RuleDraft.Area.class);
                } catch (RuntimeException e) {
                    throw new InvalidInputException("area", "the area is a GeoJSON polygon: {\"type\": \"Polygon\", "
                            + "\"coordinates\": [[[longitude, latitude], …]]}");
                }
            }
            List<String> ids = Arrays.stream((entityIds == null ? "" : entityIds).split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
            return new RuleDraft(name, entityType, ids, condition, clearCondition, holdFor, severity, messageVi, messageEn,
                    department == null || department.isBlank() ? null : department, enabled != null && enabled, channels, w,
                    escalateAfter == null || escalateAfter.isBlank() ? null : escalateAfter, escalateTo, a);
        }
    }

    /** A rule as the list shows it. */
    record Row(String id, String name, String entityType, String condition, String severity, String department,
            boolean enabled, String pack) {
    }

    private final RuleService rules;
    private final Channels channels;
    private final Departments departments;
    private final CityTime time;
    private final JsonMapper json;

    RulePagesController(RuleService rules, Channels channels, Departments departments, CityTime time, JsonMapper json) {
        this.rules = rules;
        this.channels = channels;
        this.departments = departments;
        this.time = time;
        this.json = json;
    }

    private boolean canManage() {
        return CurrentCaller.principal().roles().stream().anyMatch(r -> r.grants(Permission.RULES_MANAGE));
    }

    @GetMapping("/operations/rules")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String list(Model model) {
        TenantId tenant = CurrentCaller.tenant();
        java.util.Map<UUID, String> packs = rules.packs(tenant);
        model.addAttribute("rows", rules.list(tenant).stream().map(r -> new Row(r.id().toString(), r.name(), r.entityType(),
                r.condition().source(), r.severity().name(), r.department().orElse(""), r.enabled(),
                packs.getOrDefault(r.id(), ""))).toList());
        model.addAttribute("canManage", canManage());
        return "alerts/rules";
    }

    @GetMapping("/operations/rules/new")
    @RequiresPermission(Permission.RULES_MANAGE)
    String create(Model model) {
        return form(model, null, Form.empty(), null, null, null);
    }

    @GetMapping("/operations/rules/{id}")
    @RequiresPermission(Permission.RULES_MANAGE)
    String edit(@PathVariable UUID id, Model model) {
        Rule r = rules.get(CurrentCaller.tenant(), id);
        return form(model, id, Form.of(RuleService.draft(r), json), null, null, null);
    }

    private String form(Model model, UUID id, Form form, InvalidInputException problem, String conflict, RuleTrial.Result trial) {
        TenantId tenant = CurrentCaller.tenant();
        List<String> names = new ArrayList<>();
        names.add("department");
        channels.list(tenant).stream().map(Channel::name).forEach(names::add);
        model.addAttribute("id", id == null ? null : id.toString());
        model.addAttribute("form", form);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("departments", departments.list(tenant));
        model.addAttribute("channelNames", names);
        model.addAttribute("vi", CityTime.vietnamese());
        if (problem != null) {
            model.addAttribute("problem", ProblemText.of(problem));
            model.addAttribute("problemField", anchor(problem.field()));
        }
        if (conflict != null) {
            model.addAttribute("problem", conflict);
            model.addAttribute("problemField", "name");
        }
        if (trial != null) {
            model.addAttribute("trial", trial);
            model.addAttribute("formatter", time.formatter());
        }
        return "alerts/rule";
    }

    /** The form field a problem is about ({@code warning.headline.vi} is in the warning's box). */
    private static String anchor(String field) {
        String top = field == null ? "" : field.split("[.\\[]")[0];
        return List.of("name", "entityType", "entityIds", "condition", "clearCondition", "holdFor", "severity", "messageVi",
                "messageEn", "department", "channels", "escalateAfter", "escalateTo", "warning", "area").contains(top) ? top : "name";
    }

    @PostMapping("/operations/rules")
    @RequiresPermission(Permission.RULES_MANAGE)
    String save(@RequestParam(required = false) String id, @RequestParam(defaultValue = "save") String action, Form form,
            Model model, RedirectAttributes redirect) {
        TenantId tenant = CurrentCaller.tenant();
        UUID ruleId = uuid(id);
        Form kept = normalised(form);
        try {
            RuleDraft draft = kept.draft(json);
            if (action.equals("trial")) {
                return form(model, ruleId, kept, null, null, rules.trial(tenant, draft, 24));
            }
            Rule saved = ruleId == null ? rules.create(tenant, draft) : rules.update(tenant, ruleId, draft);
            redirect.addFlashAttribute("done", saved.name());
            return "redirect:/operations/rules";
        } catch (InvalidInputException e) {
            return form(model, ruleId, kept, e, null, null);
        } catch (ConflictException e) {
            return form(model, ruleId, kept, null, ProblemText.of(e), null);
        }
    }

    /** A hidden id field as sent; anything but a UUID is a 400. */
    static UUID uuid(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "id is a UUID; got '" + id + "'");
        }
    }

    private static Form normalised(Form f) {
        return new Form(f.name(), f.entityType(), f.entityIds(), f.condition(), f.clearCondition(), f.holdFor(), f.severity(),
                f.messageVi(), f.messageEn(), f.department(), f.enabled(), f.channels() == null ? List.of() : f.channels(),
                f.escalateAfter(), f.escalateTo() == null ? List.of() : f.escalateTo(), f.warning(), f.area());
    }

    @PostMapping("/operations/rules/{id}/enabled")
    @RequiresPermission(Permission.RULES_MANAGE)
    String switchRule(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        TenantId tenant = CurrentCaller.tenant();
        redirect.addFlashAttribute("done", rules.setEnabled(tenant, id, enabled).name());
        return "redirect:/operations/rules";
    }

    @PostMapping("/operations/rules/{id}/delete")
    @RequiresPermission(Permission.RULES_MANAGE)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        TenantId tenant = CurrentCaller.tenant();
        String name = rules.get(tenant, id).name();
        rules.delete(tenant, id);
        redirect.addFlashAttribute("deleted", name);
        return "redirect:/operations/rules";
    }

    @GetMapping("/operations/rules/export")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ResponseEntity<byte[]> export() {
        List<RuleDraft> all = rules.list(CurrentCaller.tenant()).stream().map(RuleService::draft).toList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"saola-rules.json\"")
                .body(json.writerWithDefaultPrettyPrinter().writeValueAsString(all)
                        .getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/operations/rules/import")
    @RequiresPermission(Permission.RULES_MANAGE)
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "choose a rules file (JSON, as exported)");
            }
            List<RuleDraft> parsed;
            try {
                parsed = Arrays.asList(json.readValue(file.getBytes(), RuleDraft[].class));
            } catch (java.io.IOException | RuntimeException e) {
                throw new InvalidInputException("file", "the file is not a rules file: a JSON list of rules, as exported");
            }
            int n = rules.importAll(CurrentCaller.tenant(), parsed).size();
            redirect.addFlashAttribute("imported", n);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("importProblem", ProblemText.of(e));
        }
        return "redirect:/operations/rules";
    }
}
