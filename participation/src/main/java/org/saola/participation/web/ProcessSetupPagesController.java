package org.saola.participation.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.Phase;
import org.saola.participation.domain.PhaseDates;
import org.saola.participation.domain.ProblemArgs;
import org.saola.participation.domain.ProcessDocuments;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.VotingRule;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * Staff set a process up without the API: {@code /operations/participation/new} and
 * {@code /operations/participation/processes/{code}}, one page with the process (texts, department, wards, who
 * may vote, phases and their dates, the voting rule, budgets), its projects and its documents. Every form works
 * without JavaScript and goes through the same checks as the API; a problem is said above the form, which
 * keeps what was typed.
 */
@Controller
@WebPage
class ProcessSetupPagesController {

    private final ParticipationService participation;
    private final ProcessDocuments documents;
    private final Departments departments;

    ProcessSetupPagesController(ParticipationService participation, ProcessDocuments documents, Departments departments) {
        this.participation = participation;
        this.documents = documents;
        this.departments = departments;
    }

    @GetMapping("/operations/participation/new")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String create(Model model) {
        return page(null, new LinkedHashMap<>(Map.of("eligibility", "RESIDENTS", "supportThreshold", "0")), Map.of(), model);
    }

    @GetMapping("/operations/participation/processes/{code}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String edit(@PathVariable String code, @RequestParam Optional<String> project, Model model) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        Map<String, String> projectForm = new LinkedHashMap<>();
        project.flatMap(c -> participation.definition(CurrentCaller.tenant(), code).projects().stream()
                .filter(pr -> pr.code().equals(c)).findFirst()).ifPresent(pr -> {
                    projectForm.put("code", pr.code());
                    projectForm.put("titleVi", pr.titleVi());
                    projectForm.put("titleEn", pr.titleEn());
                    projectForm.put("descriptionVi", pr.descriptionVi());
                    projectForm.put("descriptionEn", pr.descriptionEn());
                    projectForm.put("cost", Long.toString(pr.cost()));
                    projectForm.put("scope", pr.scope());
                });
        return page(p, form(p), projectForm, model);
    }

    /** Creates or changes a process from the form; its code names it. */
    @PostMapping("/operations/participation/processes")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String save(@RequestParam Map<String, String> fields, Model model, RedirectAttributes redirect) {
        String code = fields.getOrDefault("code", "").strip();
        try {
            boolean created = participation.define(CurrentCaller.principal(), process(code, fields));
            redirect.addFlashAttribute("done", created ? "created" : "saved");
            return "redirect:/operations/participation/processes/" + code;
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            model.addAttribute("problem", ProblemText.of(e));
            Optional<ParticipatoryProcess> existing = existing(code);
            return page(existing.orElse(null), new LinkedHashMap<>(fields), Map.of(), model);
        }
    }

    @PostMapping("/operations/participation/processes/{code}/projects")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String saveProject(@PathVariable String code, @RequestParam Map<String, String> fields, Model model, RedirectAttributes redirect) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        try {
            long cost;
            try {
                cost = Long.parseLong(fields.getOrDefault("cost", "").replaceAll("[\\s.,]", ""));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cost", "the cost is a whole number of đồng, like 1200000000",
                        "participation.problem.costNumber");
            }
            Project project = new Project(fields.getOrDefault("code", "").strip(), fields.get("titleVi"), fields.get("titleEn"),
                    fields.get("descriptionVi"), fields.get("descriptionEn"), cost, fields.getOrDefault("scope", ""));
            participation.putProject(CurrentCaller.principal(), code, project);
            redirect.addFlashAttribute("done", "projectSaved");
            return "redirect:/operations/participation/processes/" + code + "#projects-heading";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("projectProblem", ProblemText.of(e));
            return page(p, form(p), fields, model);
        }
    }

    @PostMapping("/operations/participation/processes/{code}/projects/{project}/delete")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String deleteProject(@PathVariable String code, @PathVariable String project, Model model, RedirectAttributes redirect) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        try {
            participation.deleteProject(CurrentCaller.principal(), code, project);
            redirect.addFlashAttribute("done", "projectDeleted");
            return "redirect:/operations/participation/processes/" + code + "#projects-heading";
        } catch (ConflictException e) {
            model.addAttribute("projectProblem", ProblemText.of(e));
            return page(p, form(p), Map.of(), model);
        }
    }

    @PostMapping("/operations/participation/processes/{code}/documents")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String addDocument(@PathVariable String code, @RequestParam(defaultValue = "") String titleVi,
            @RequestParam(defaultValue = "") String titleEn, @RequestParam(required = false) MultipartFile file, Model model,
            RedirectAttributes redirect) throws IOException {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException("file", "choose the PDF file to publish", "participation.problem.documentFile");
            }
            documents.add(CurrentCaller.principal(), code, titleVi, titleEn, file.getInputStream());
            redirect.addFlashAttribute("done", "documentAdded");
            return "redirect:/operations/participation/processes/" + code + "#documents-heading";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("documentProblem", ProblemText.of(e));
            return page(p, form(p), Map.of(), model);
        }
    }

    @PostMapping("/operations/participation/processes/{code}/documents/{id}/delete")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String removeDocument(@PathVariable String code, @PathVariable UUID id, RedirectAttributes redirect) {
        documents.remove(CurrentCaller.principal(), code, id);
        redirect.addFlashAttribute("done", "documentRemoved");
        return "redirect:/operations/participation/processes/" + code + "#documents-heading";
    }

    private Optional<ParticipatoryProcess> existing(String code) {
        try {
            return Optional.of(participation.managed(CurrentCaller.principal(), code));
        } catch (NotFoundException | InvalidInputException e) {
            return Optional.empty();
        }
    }

    private String page(ParticipatoryProcess p, Map<String, String> form, Map<String, String> projectForm, Model model) {
        boolean vi = CityTime.vietnamese();
        model.addAttribute("vi", vi);
        model.addAttribute("p", p);
        model.addAttribute("form", form);
        model.addAttribute("projectForm", projectForm);
        model.addAttribute("phases", Phase.values());
        model.addAttribute("departments", departments.list(CurrentCaller.tenant()).stream()
                .filter(d -> CurrentCaller.principal().departmentScope().map(s -> s.contains(d.code())).orElse(true))
                .map(d -> Map.of("code", d.code(), "name", vi ? d.nameVi() : d.nameEn())).toList());
        if (p != null) {
            ParticipationService.Overview o = participation.definition(CurrentCaller.tenant(), p.code());
            model.addAttribute("projects", o.projects().stream().map(pr -> Map.of("code", pr.code(), "title", pr.title(vi),
                    "cost", ParticipationPagesController.money(pr.cost()), "scope", pr.scope())).toList());
            model.addAttribute("scopes", p.budgets().stream().map(Budget::scope).toList());
            model.addAttribute("documents", documents.list(CurrentCaller.tenant(), p.code()));
        }
        return "participation/setup";
    }

    /** The form's fields for a stored process. */
    private static Map<String, String> form(ParticipatoryProcess p) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("code", p.code());
        f.put("titleVi", p.titleVi());
        f.put("titleEn", p.titleEn());
        f.put("summaryVi", p.summaryVi());
        f.put("summaryEn", p.summaryEn());
        f.put("department", p.department());
        f.put("wards", String.join("\n", p.wards()));
        f.put("eligibility", p.eligibility().name());
        f.put("supportThreshold", Integer.toString(p.supportThreshold()));
        for (PhaseDates d : p.phases()) {
            f.put("starts-" + d.phase(), d.starts().toString());
            f.put("ends-" + d.phase(), d.ends().toString());
        }
        if (p.rule() != null) {
            f.put("rule", p.rule().kind().name());
            f.put("minimumSpendPercent", Integer.toString(p.rule().minimumSpendPercent()));
            f.put("maxChoices", Integer.toString(p.rule().maxChoices()));
            f.put("minProjects", Integer.toString(p.rule().minProjects()));
            f.put("closesAt", p.rule().closesAt() == null ? "" : p.rule().closesAt().toString());
        }
        StringBuilder budgets = new StringBuilder();
        for (Budget b : p.budgets()) {
            budgets.append(budgets.isEmpty() ? "" : "\n").append(b.wholeProcess() ? "" : b.scope() + ": ").append(b.amount());
        }
        f.put("budgets", budgets.toString());
        return f;
    }

    /** The process the form describes; a field that does not read is named in the problem. */
    static ParticipatoryProcess process(String code, Map<String, String> f) {
        List<PhaseDates> phases = new ArrayList<>();
        for (Phase ph : Phase.values()) {
            String starts = f.getOrDefault("starts-" + ph, "").strip();
            String ends = f.getOrDefault("ends-" + ph, "").strip();
            if (starts.isEmpty() && ends.isEmpty()) {
                continue;
            }
            if (starts.isEmpty() || ends.isEmpty()) {
                throw new InvalidInputException("phases", ph + " needs both its first and its last day (or neither, to leave it out)",
                        "participation.problem.phaseBothDays", ProblemArgs.phase(ph));
            }
            phases.add(new PhaseDates(ph, day(ph, true, starts), day(ph, false, ends)));
        }
        VotingRule rule = null;
        String kind = f.getOrDefault("rule", "").strip();
        if (!kind.isEmpty()) {
            LocalTime closesAt = VotingRule.closingTime("closesAt", f.get("closesAt"));
            VotingRule.Kind k;
            try {
                k = VotingRule.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("rule", "the voting rule is KNAPSACK or APPROVAL; got '" + kind + "'",
                        "participation.problem.votingRule");
            }
            rule = new VotingRule(k, k == VotingRule.Kind.KNAPSACK ? number(f, "minimumSpendPercent") : 0,
                    k == VotingRule.Kind.APPROVAL ? number(f, "maxChoices") : 0, number(f, "minProjects"), closesAt);
        }
        List<Budget> budgets = new ArrayList<>();
        for (String line : f.getOrDefault("budgets", "").split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.lastIndexOf(':');
            String scope = colon < 0 ? "" : line.substring(0, colon).strip();
            String amount = (colon < 0 ? line : line.substring(colon + 1)).replaceAll("[\\s.,]", "");
            try {
                budgets.add(new Budget(scope, Long.parseLong(amount)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("budgets", "a budget line is an amount in đồng, or a ward, a colon and an amount"
                        + " (Hải Châu: 2000000000); got '" + line.strip() + "'", "participation.problem.budgetLine");
            }
        }
        List<String> wards = List.of(f.getOrDefault("wards", "").split("\\R"));
        return new ParticipatoryProcess(code, f.get("titleVi"), f.get("titleEn"), f.get("summaryVi"), f.get("summaryEn"),
                f.get("department"), wards, phases, rule, budgets, number(f, "supportThreshold"),
                ParticipatoryProcess.Eligibility.of(f.get("eligibility")));
    }

    private static int number(Map<String, String> f, String field) {
        String v = f.getOrDefault(field, "").strip();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " is a whole number; got '" + v + "'", "participation.problem.wholeNumber",
                    ProblemArgs.field(field));
        }
    }

    /** The first ({@code first}) or the last day of phase {@code ph}, as typed. */
    private static LocalDate day(Phase ph, boolean first, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            String what = ph + (first ? " starts" : " ends");
            throw new InvalidInputException("phases", what + " is a date like 2027-01-05; got '" + value + "'",
                    first ? "participation.problem.phaseFirstDay" : "participation.problem.phaseLastDay", ProblemArgs.phase(ph));
        }
    }
}
