package org.saola.reports.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.reports.domain.Privacy;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ServiceAttribute;
import org.saola.reports.domain.ServiceDefinition;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.saola.web.shell.ProblemText;

/**
 * The administrators' page of the service catalogue ({@code /admin/report-services}): every category with whom
 * it goes to, how soon, how exactly it is placed in public; a form to add one or change one. Routing per ward
 * is one line per ward ({@code Sơn Trà = son-tra-works}); the extra questions are Open311 attributes in JSON,
 * as the API takes them.
 */
@Controller
@WebPage
@RequiresPermission(Permission.REPORTS_CATALOGUE_MANAGE)
class CataloguePagesController {

    /** What the form holds, as typed. */
    record Form(String code, String nameVi, String nameEn, String descriptionVi, String descriptionEn, String group,
            String keywords, String department, String wardDepartments, long targetHours, String privacy, int nearbyMeters,
            String attributes, boolean active) {
        static Form empty() {
            return new Form("", "", "", "", "", "", "", "", "", 72, "EXACT", 250, "[]", true);
        }

        static Form of(ServiceDefinition s, JsonMapper json) {
            StringBuilder wards = new StringBuilder();
            s.wardDepartments().forEach((w, d) -> wards.append(w).append(" = ").append(d).append('\n'));
            return new Form(s.code(), s.nameVi(), s.nameEn(), s.descriptionVi(), s.descriptionEn(), s.group(),
                    String.join(", ", s.keywords()), s.department().orElse(""), wards.toString().strip(), s.target().toHours(),
                    s.privacy().name(), s.nearbyMeters(), json.writerWithDefaultPrettyPrinter().writeValueAsString(s.attributes()),
                    s.active());
        }
    }

    private final ReportService reports;
    private final Departments departments;
    private final JsonMapper json;

    CataloguePagesController(ReportService reports, Departments departments, JsonMapper json) {
        this.reports = reports;
        this.departments = departments;
        this.json = json;
    }

    @GetMapping("/admin/report-services")
    String list(Model model) {
        return page(model, Form.empty(), true);
    }

    @GetMapping("/admin/report-services/{code}")
    String edit(@PathVariable String code, Model model) {
        return page(model, Form.of(reports.service(CurrentCaller.tenant(), code), json), false);
    }

    private String page(Model model, Form form, boolean creating) {
        model.addAttribute("services", reports.services(CurrentCaller.tenant(), false));
        model.addAttribute("departments", departments.list(CurrentCaller.tenant()));
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        return "reports/catalogue";
    }

    @PostMapping("/admin/report-services")
    String save(@RequestParam String code, @RequestParam String nameVi, @RequestParam String nameEn,
            @RequestParam(defaultValue = "") String descriptionVi, @RequestParam(defaultValue = "") String descriptionEn,
            @RequestParam(defaultValue = "") String group, @RequestParam(defaultValue = "") String keywords,
            @RequestParam(defaultValue = "") String department, @RequestParam(defaultValue = "") String wardDepartments,
            @RequestParam(defaultValue = "0") String targetHours, @RequestParam(defaultValue = "EXACT") String privacy,
            @RequestParam(defaultValue = "250") String nearbyMeters, @RequestParam(defaultValue = "[]") String attributes,
            @RequestParam(defaultValue = "false") boolean active, @RequestParam(defaultValue = "false") boolean creating,
            Model model, RedirectAttributes redirect) {
        long hours = number("targetHours", targetHours);
        int meters = (int) number("nearbyMeters", nearbyMeters);
        Form form = new Form(code.strip(), nameVi, nameEn, descriptionVi, descriptionEn, group, keywords, department,
                wardDepartments, hours, privacy, meters, attributes, active);
        try {
            Map<String, String> byWard = new LinkedHashMap<>();
            for (String line : wardDepartments.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("=", 2);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new InvalidInputException("wardDepartments", "one line per ward: ward = department code; got '" + line.strip() + "'");
                }
                byWard.put(parts[0].strip(), parts[1].strip());
            }
            List<ServiceAttribute.Draft> typed;
            try {
                typed = attributes.isBlank() ? List.of()
                        : json.readValue(attributes, new TypeReference<List<ServiceAttribute.Draft>>() { });
            } catch (RuntimeException e) {
                throw new InvalidInputException("attributes", "the extra questions are a JSON array of Open311 attributes (see docs/reports.md)");
            }
            List<ServiceAttribute> questions = ServiceAttribute.Draft.all(typed);
            Privacy p;
            try {
                p = Privacy.valueOf(privacy);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("privacy", "privacy is EXACT or APPROXIMATE");
            }
            if (creating && reports.services(CurrentCaller.tenant(), false).stream().anyMatch(s -> s.code().equals(form.code()))) {
                throw new InvalidInputException("code", "a category '" + form.code() + "' exists already: open it to change it");
            }
            reports.putService(CurrentCaller.tenant(), new ServiceDefinition(form.code(), nameVi, nameEn, descriptionVi,
                    descriptionEn, group, Arrays.stream(keywords.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList(),
                    Optional.of(department).filter(d -> !d.isBlank()), byWard, Duration.ofHours(hours), p, meters, questions,
                    active));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/report-services";
        } catch (InvalidInputException | NotFoundException e) {
            model.addAttribute("problem", ProblemText.of(e));
            return page(model, form, creating);
        }
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " is a whole number; got '" + value + "'");
        }
    }
}
