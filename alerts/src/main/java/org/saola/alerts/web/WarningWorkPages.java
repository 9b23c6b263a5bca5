package org.saola.alerts.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.saola.alerts.warnings.Warning;
import org.saola.alerts.warnings.WarningDraft;
import org.saola.alerts.warnings.WarningService;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import org.saola.web.shell.ProblemText;

/**
 * Public warnings as operators issue them ({@code /operations/warnings}): the warnings with their state, a form to
 * issue one or update it (both languages; the area drawn on a map, given as a circle, or chosen wards; when it
 * expires in the city's time), and cancelling one with a reason. Every message goes through the same checks as
 * the API (CAP 1.2 schema, aggregators' rules); a mistake comes back at its field. Reading
 * {@code OPERATIONS_VIEW}, the rest {@code WARNINGS_ISSUE}.
 */
@Controller
@WebPage
class WarningWorkPages {

    /** The form as written. {@code expires}: the city's local time, as a {@code datetime-local} input gives it. */
    record Form(String status, List<String> categories, String eventVi, String eventEn, List<String> responseTypes,
            String urgency, String severity, String certainty, String expires, String headlineVi, String headlineEn,
            String descriptionVi, String descriptionEn, String instructionVi, String instructionEn, String areaVi,
            String areaEn, String polygon, String circleLatitude, String circleLongitude, String circleKm, List<String> wards) {

        static Form empty() {
            return new Form("Actual", List.of("Met"), "", "", List.of(), "Expected", "Severe", "Likely", "", "", "", "", "", "",
                    "", "", "", "", "", "", "", List.of());
        }
    }

    /** A warning as the list shows it. */
    record Row(String id, String headline, String severity, String msgType, String sent, String expires, boolean inEffect,
            String author) {
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final WarningService warnings;
    private final CityTime time;
    private final JsonMapper json;

    WarningWorkPages(WarningService warnings, CityTime time, JsonMapper json) {
        this.warnings = warnings;
        this.time = time;
        this.json = json;
    }

    @GetMapping("/operations/warnings")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String list(Model model) {
        SaolaPrincipal caller = CurrentCaller.principal();
        boolean vi = CityTime.vietnamese();
        Instant now = warnings.now();
        var format = time.formatter();
        model.addAttribute("rows", warnings.recent(caller.tenant(), 100).stream().map(w -> new Row(w.warningId().toString(),
                vi ? w.headline().vi() : w.headline().en(), w.severity(), w.msgType(), format.format(w.sent()),
                format.format(w.expires()), w.inEffect(now), w.author())).toList());
        model.addAttribute("canIssue", caller.roles().stream().anyMatch(r -> r.grants(Permission.WARNINGS_ISSUE)));
        return "alerts/warnings-work";
    }

    @GetMapping("/operations/warnings/new")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    String create(Model model) {
        return form(model, null, Form.empty(), null);
    }

    @GetMapping("/operations/warnings/{id}/update")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    String update(@PathVariable UUID id, Model model) {
        List<Warning> chain = warnings.chain(CurrentCaller.tenant(), id);
        WarningDraft d = json.readValue(chain.get(chain.size() - 1).draftJson(), WarningDraft.class);
        return form(model, id, form(d), null);
    }

    private Form form(WarningDraft d) {
        WarningDraft.AreaDraft drawn = d.areas().stream().filter(a -> a.polygon() != null || a.circle() != null).findFirst()
                .orElse(null);
        List<String> wards = d.areas().stream().filter(a -> a.wards() != null).flatMap(a -> a.wards().stream()).toList();
        String expires = d.expires() == null ? "" : LOCAL.format(java.time.OffsetDateTime.parse(d.expires())
                .atZoneSameInstant(warnings.settings().zone()));
        return new Form(d.status() == null ? "Actual" : d.status(), d.categories(), d.event().vi(), d.event().en(),
                d.responseTypes() == null ? List.of() : d.responseTypes(), d.urgency(), d.severity(), d.certainty(), expires,
                d.headline().vi(), d.headline().en(), d.description().vi(), d.description().en(),
                d.instruction() == null ? "" : d.instruction().vi(), d.instruction() == null ? "" : d.instruction().en(),
                drawn == null || drawn.description() == null ? "" : drawn.description().vi(),
                drawn == null || drawn.description() == null ? "" : drawn.description().en(),
                drawn == null || drawn.polygon() == null ? "" : json.writeValueAsString(drawn.polygon()),
                drawn == null || drawn.circle() == null ? "" : String.valueOf(drawn.circle().latitude()),
                drawn == null || drawn.circle() == null ? "" : String.valueOf(drawn.circle().longitude()),
                drawn == null || drawn.circle() == null ? "" : String.valueOf(drawn.circle().radiusKm()), wards);
    }

    private String form(Model model, UUID id, Form form, InvalidInputException problem) {
        model.addAttribute("id", id == null ? null : id.toString());
        model.addAttribute("form", form);
        model.addAttribute("wardNames", warnings.wards(CurrentCaller.tenant()));
        model.addAttribute("vi", CityTime.vietnamese());
        if (problem != null) {
            model.addAttribute("problem", ProblemText.of(problem));
            String f = problem.field() == null ? "" : problem.field();
            model.addAttribute("problemField", f.startsWith("areas") ? (f.contains("description") ? "areaVi"
                    : f.contains("circle") ? "circleLatitude" : f.contains("wards") ? "wards" : "polygon")
                    : field(f));
        }
        return "alerts/warning-form";
    }

    /** The form field a problem is about: {@code headline.en} is {@code headlineEn}; the whole message, the first. */
    static String field(String f) {
        String top = f.replaceAll("[.\\[].*", "");
        String lang = f.endsWith(".en") ? "En" : "Vi";
        return switch (top) {
            case "headline", "description", "instruction", "event" -> top + lang;
            case "status", "categories", "responseTypes", "urgency", "severity", "certainty", "expires" -> top;
            default -> "eventVi";
        };
    }

    @PostMapping("/operations/warnings")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    String issue(@RequestParam(required = false) String id, Form form, Model model, RedirectAttributes redirect) {
        SaolaPrincipal caller = CurrentCaller.principal();
        TenantId tenant = caller.tenant();
        UUID warning = RulePagesController.uuid(id);
        Form kept = new Form(form.status(), nonNull(form.categories()), form.eventVi(), form.eventEn(),
                nonNull(form.responseTypes()), form.urgency(), form.severity(), form.certainty(), form.expires(),
                form.headlineVi(), form.headlineEn(), form.descriptionVi(), form.descriptionEn(), form.instructionVi(),
                form.instructionEn(), form.areaVi(), form.areaEn(), form.polygon(), form.circleLatitude(),
                form.circleLongitude(), form.circleKm(), nonNull(form.wards()));
        try {
            WarningDraft draft = draft(kept);
            if (warning != null) {
                draft = keepWhatTheFormDoesNotShow(draft, warnings.chain(tenant, warning));
            }
            Warning w = warning == null ? warnings.issue(tenant, caller.name(), draft, java.util.Optional.empty())
                    : warnings.update(tenant, warning, caller.name(), draft);
            redirect.addFlashAttribute("done", w.msgType());
            return "redirect:/operations/warnings";
        } catch (InvalidInputException e) {
            return form(model, warning, kept, e);
        } catch (ConflictException e) {
            return form(model, warning, kept, new InvalidInputException("status", e.getMessage()));
        }
    }

    @PostMapping("/operations/warnings/{id}/cancel")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    String cancel(@PathVariable UUID id, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        SaolaPrincipal caller = CurrentCaller.principal();
        try {
            warnings.cancel(caller.tenant(), id, caller.name(), note);
            redirect.addFlashAttribute("done", "Cancel");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/operations/warnings";
    }

    /**
     * An update written on the form keeps what the form does not show of the warning as last published (issued
     * through the API, say): its event code, its onset, and every drawn area after the first.
     */
    private WarningDraft keepWhatTheFormDoesNotShow(WarningDraft d, List<Warning> chain) {
        WarningDraft last = json.readValue(chain.get(chain.size() - 1).draftJson(), WarningDraft.class);
        List<WarningDraft.AreaDraft> areas = new ArrayList<>(d.areas());
        last.areas().stream().filter(a -> a.polygon() != null || a.circle() != null).skip(1).forEach(areas::add);
        return new WarningDraft(d.status(), d.categories(), d.event(), last.eventCode(), d.responseTypes(), d.urgency(),
                d.severity(), d.certainty(), last.onset(), d.expires(), d.headline(), d.description(), d.instruction(), areas);
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }

    private WarningDraft draft(Form f) {
        String expires = null;
        if (f.expires() != null && !f.expires().isBlank()) {
            try {
                expires = LocalDateTime.parse(f.expires().strip()).atZone(warnings.settings().zone()).toOffsetDateTime().toString();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("expires", "expires is a date and time, such as 2026-12-01T18:00");
            }
        }
        List<WarningDraft.AreaDraft> areas = new ArrayList<>();
        WarningDraft.Geometry polygon = null;
        if (f.polygon() != null && !f.polygon().isBlank()) {
            try {
                polygon = json.readValue(f.polygon(), WarningDraft.Geometry.class);
            } catch (RuntimeException e) {
                throw new InvalidInputException("areas[0].polygon", "the area drawn is a GeoJSON polygon: {\"type\": "
                        + "\"Polygon\", \"coordinates\": [[[longitude, latitude], …]]}");
            }
        }
        WarningDraft.CircleDraft circle = null;
        if (!blank(f.circleLatitude()) || !blank(f.circleLongitude()) || !blank(f.circleKm())) {
            try {
                circle = new WarningDraft.CircleDraft(Double.valueOf(f.circleLatitude().strip()),
                        Double.valueOf(f.circleLongitude().strip()), Double.valueOf(f.circleKm().strip()));
            } catch (RuntimeException e) {
                throw new InvalidInputException("areas[0].circle", "a circle has a latitude, a longitude and a radius in "
                        + "kilometres, each a number");
            }
        }
        if (polygon != null || circle != null) {
            WarningDraft.Text description = blank(f.areaVi()) && blank(f.areaEn()) ? null
                    : new WarningDraft.Text(f.areaVi(), f.areaEn());
            areas.add(new WarningDraft.AreaDraft(description, polygon, circle, List.of()));
        }
        if (!f.wards().isEmpty()) {
            areas.add(new WarningDraft.AreaDraft(null, null, null, f.wards()));
        }
        return new WarningDraft(f.status(), f.categories(), new WarningDraft.Text(f.eventVi(), f.eventEn()), null,
                f.responseTypes(), f.urgency(), f.severity(), f.certainty(), null, expires,
                new WarningDraft.Text(f.headlineVi(), f.headlineEn()), new WarningDraft.Text(f.descriptionVi(), f.descriptionEn()),
                blank(f.instructionVi()) && blank(f.instructionEn()) ? null : new WarningDraft.Text(f.instructionVi(), f.instructionEn()),
                areas);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
