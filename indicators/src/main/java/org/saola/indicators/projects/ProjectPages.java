package org.saola.indicators.projects;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.saola.indicators.domain.Definition;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.JsonField;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.saola.indicators.web.LineChart;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The register of smart-city projects for everyone, in Vietnamese and English ({@code /city/projects}): each
 * project's goal, department, budget, partners, progress, its human-rights and equity assessment, and its
 * indicators before and after it went live (a chart and the same figures in a table). Staff register projects and
 * post progress on {@code /operations/projects}.
 */
@Controller
@WebPage
class ProjectPages {

    record Line(String code, String name, String department, String status, String budget, String liveOn, List<String> verdicts) {
    }

    /** An indicator compared: its name, unit, means, change, verdict, the periods on each side, a chart. */
    record ImpactRow(int n, String code, String name, String unit, String before, String after, String change, String verdict,
            List<String[]> periods, String path, List<double[]> points, Double split, String summary) {
    }

    record ProgressRow(String on, int percent, String spent, String note) {
    }

    private final Projects projects;
    private final Departments departments;
    private final PublicTenant tenants;
    private final JsonMapper json;

    ProjectPages(Projects projects, Departments departments, PublicTenant tenants, JsonMapper json) {
        this.projects = projects;
        this.departments = departments;
        this.tenants = tenants;
        this.json = json;
    }

    private Map<String, String> departmentNames(TenantId tenant, boolean vi) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Department d : departments.list(tenant)) {
            out.put(d.code(), vi ? d.nameVi() : d.nameEn());
        }
        return out;
    }

    @GetMapping("/city/projects")
    @PublicRoute("the register of the city's smart-city projects is public")
    String list(HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Map<String, String> names = departmentNames(tenant, vi);
        List<Line> lines = new ArrayList<>();
        for (Project p : projects.list(tenant)) {
            List<String> verdicts = projects.impact(tenant, p).stream().map(i -> i.indicator().name(vi) + ": " + i.result().verdict().name())
                    .toList();
            lines.add(new Line(p.code(), p.name(vi), p.department() == null ? "" : names.getOrDefault(p.department(), p.department()),
                    p.status(), p.budgetVnd() == null ? "" : LineChart.number(p.budgetVnd(), 0, vi) + " ₫", p.liveOn() == null ? "" : p.liveOn().toString(),
                    verdicts));
        }
        model.addAttribute("lines", lines);
        return "indicators/projects";
    }

    @GetMapping("/city/projects/{code}")
    @PublicRoute("the register of the city's smart-city projects is public, with their progress and impact")
    String one(HttpServletRequest request, @PathVariable String code, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Project p = projects.get(tenant, code);
        model.addAttribute("p", p);
        model.addAttribute("vi", vi);
        model.addAttribute("name", p.name(vi));
        model.addAttribute("department", p.department() == null ? null : departmentNames(tenant, vi).getOrDefault(p.department(), p.department()));
        model.addAttribute("budget", p.budgetVnd() == null ? null : LineChart.number(p.budgetVnd(), 0, vi) + " ₫");
        model.addAttribute("progress", projects.progress(tenant, code).stream().map(g -> new ProgressRow(g.on().toString(), g.percent(),
                g.spentVnd() == null ? "" : LineChart.number(g.spentVnd(), 0, vi) + " ₫", vi ? g.noteVi() : g.noteEn())).toList());
        List<ImpactRow> impact = new ArrayList<>();
        int n = 0;
        for (Projects.IndicatorImpact i : projects.impact(tenant, p)) {
            impact.add(row(++n, i.indicator(), i.result(), vi));
        }
        model.addAttribute("impact", impact);
        model.addAttribute("window", Projects.WINDOW);
        return "indicators/project";
    }

    static ImpactRow row(int n, Definition d, Impact.Result r, boolean vi) {
        String unit = d.unit(vi);
        List<String[]> periods = new ArrayList<>();
        r.before().forEach(x -> periods.add(new String[] {x.period(), LineChart.number(x.value(), d.decimals(), vi), "before"}));
        r.after().forEach(x -> periods.add(new String[] {x.period(), LineChart.number(x.value(), d.decimals(), vi), "after"}));
        List<Impact.Point> all = new ArrayList<>(r.before());
        all.addAll(r.after());
        LineChart c = LineChart.of(all.stream().map(Impact.Point::value).toList(), List.of(), 40, 10, 520, 140);
        Double split = null;
        if (!r.before().isEmpty() && !r.after().isEmpty()) {
            split = (c.points().get(r.before().size() - 1)[0] + c.points().get(r.before().size())[0]) / 2;
        }
        String verdict = r.verdict().name();
        String summary = vi
                ? "Trước: " + LineChart.number(r.beforeMean(), d.decimals(), vi) + " " + unit + " (trung bình của " + r.before().size() + " kỳ); sau: "
                        + LineChart.number(r.afterMean(), d.decimals(), vi) + " " + unit + " (" + r.after().size() + " kỳ)."
                : "Before: " + LineChart.number(r.beforeMean(), d.decimals(), vi) + " " + unit + " (mean of " + r.before().size() + (r.before().size() == 1 ? " period" : " periods") + "); after: "
                        + LineChart.number(r.afterMean(), d.decimals(), vi) + " " + unit + " (" + r.after().size() + (r.after().size() == 1 ? " period)." : " periods).");
        String change = r.change().isPresent() ? (r.change().getAsDouble() > 0 ? "+" : "") + LineChart.number(r.change(), d.decimals(), vi) + " " + unit
                + (r.changePercent().isPresent() ? " (" + (r.changePercent().getAsDouble() > 0 ? "+" : "") + LineChart.number(r.changePercent(), 1, vi)
                        + " %)" : "") : "–";
        return new ImpactRow(n, d.code(), d.name(vi), unit, LineChart.number(r.beforeMean(), d.decimals(), vi), LineChart.number(r.afterMean(), d.decimals(), vi),
                change, verdict, periods, c.path(), c.points(), split, summary);
    }

    @GetMapping("/operations/projects")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String staff(Model model, @RequestParam(required = false) String code) {
        return staffPage(model, code, null, null, null);
    }

    private String staffPage(Model model, String code, String projectText, String form, InvalidInputException problem) {
        TenantId tenant = CurrentCaller.tenant();
        boolean vi = CityTime.vietnamese();
        model.addAttribute("projects", projects.list(tenant).stream().map(p -> new String[] {p.code(), p.name(vi)}).toList());
        String text = projectText;
        if (text == null) {
            Project current = null;
            if (code != null && !code.isBlank()) {
                try {
                    current = projects.get(tenant, code);
                } catch (RuntimeException e) {
                    current = null;
                }
            }
            text = json.writerWithDefaultPrettyPrinter().writeValueAsString(current != null ? current : Example.PROJECT);
        }
        model.addAttribute("projectJson", text);
        model.addAttribute("canManage", CurrentCaller.principal().roles().stream().anyMatch(r -> r.grants(Permission.INDICATORS_MANAGE)));
        if (problem != null) {
            model.addAttribute("problem", JsonField.text(problem, java.util.Set.of("project", "on", "percent", "spentVnd", "noteVi", "noteEn",
                    "code")));
            model.addAttribute("problemForm", form);
            model.addAttribute("problemField", problem.field());
        }
        return "indicators/projects-staff";
    }

    @PostMapping("/operations/projects")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    String save(@RequestParam(name = "project", defaultValue = "") String text, Model model, RedirectAttributes redirect) {
        try {
            Project p = JsonField.read(json, text, Project.class, "project", "the project");
            projects.put(CurrentCaller.tenant(), p, CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "project");
            return "redirect:/city/projects/" + p.code();
        } catch (InvalidInputException e) {
            return staffPage(model, null, text, "project", e);
        }
    }

    @PostMapping("/operations/projects/progress")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    String progress(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String on,
            @RequestParam(defaultValue = "") String percent, @RequestParam(defaultValue = "") String spentVnd,
            @RequestParam(defaultValue = "") String noteVi, @RequestParam(defaultValue = "") String noteEn, Model model,
            RedirectAttributes redirect) {
        try {
            java.time.LocalDate day;
            int pct;
            Long spent = null;
            try {
                day = java.time.LocalDate.parse(on.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException("on", "the day as YYYY-MM-DD");
            }
            try {
                pct = Integer.parseInt(percent.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("percent", "how far along, a whole number from 0 to 100");
            }
            if (!spentVnd.isBlank()) {
                try {
                    spent = Long.parseLong(spentVnd.strip().replace(".", "").replace(",", "").replace(" ", ""));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("spentVnd", "what has been spent, in đồng (digits)");
                }
            }
            projects.addProgress(CurrentCaller.tenant(), code, new Projects.Progress(day, pct, spent, noteVi, noteEn),
                    CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "progress");
            return "redirect:/city/projects/" + code;
        } catch (InvalidInputException e) {
            return staffPage(model, code, null, "progress", e);
        }
    }

    /** The project the staff form starts from when none is chosen. */
    static final class Example {
        static final Project PROJECT = new Project("ma-du-an", "Tên dự án", "Project name", "Mục tiêu", "Goal", null, 0L, List.of(),
                "PLANNED", java.time.LocalDate.of(2026, 1, 1), null, List.of(), new Project.Assessment("Ai được lợi", "Who benefits",
                        "Ai có thể bị bỏ lại hay bị ảnh hưởng", "Who could be left out or harmed", "Dữ liệu cá nhân dùng đến",
                        "Personal data used", "Biện pháp giảm thiểu", "Mitigation", java.time.LocalDate.of(2026, 1, 1), "Người đánh giá"));

        private Example() {
        }
    }
}
