package org.saola.indicators.projects;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register of smart-city projects over HTTP (docs/indicators.md): anyone reads it ({@code /public/v1/projects}),
 * with each project's progress and its indicators before and after; staff with {@code INDICATORS_MANAGE} register
 * and update projects ({@code PUT /api/v1/projects/{code}}) and add progress updates.
 */
@RestController
class ProjectsController {

    /** An indicator before and after, as the API shows it. */
    record ImpactView(String indicator, String nameVi, String nameEn, String unitEn, List<Impact.Point> before, List<Impact.Point> after,
            Double beforeMean, Double afterMean, Double change, Double changePercent, String verdict) {
    }

    record ProjectView(Project project, List<Projects.Progress> progress, List<ImpactView> impact) {
    }

    private final Projects projects;
    private final PublicTenant tenants;

    ProjectsController(Projects projects, PublicTenant tenants) {
        this.projects = projects;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/projects")
    @PublicRoute("the register of the city's smart-city projects is public")
    List<Project> list(HttpServletRequest request) {
        return projects.list(tenants.of(request));
    }

    @GetMapping("/public/v1/projects/{code}")
    @PublicRoute("the register of the city's smart-city projects is public, with their progress and impact")
    ProjectView one(HttpServletRequest request, @PathVariable String code) {
        return view(tenants.of(request), code);
    }

    ProjectView view(TenantId tenant, String code) {
        Project p = projects.get(tenant, code);
        return new ProjectView(p, projects.progress(tenant, code), projects.impact(tenant, p).stream().map(i -> new ImpactView(
                i.indicator().code(), i.indicator().nameVi(), i.indicator().nameEn(), i.indicator().unitEn(), i.result().before(),
                i.result().after(), box(i.result().beforeMean()), box(i.result().afterMean()), box(i.result().change()),
                box(i.result().changePercent()), i.result().verdict().name())).toList());
    }

    static Double box(java.util.OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    @PutMapping("/api/v1/projects/{code}")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    ResponseEntity<ProjectView> put(@PathVariable String code, @RequestBody(required = false) Project body) {
        if (body == null) {
            throw new InvalidInputException("body", "a project as JSON (docs/indicators.md)");
        }
        if (body.code() != null && !body.code().equals(code)) {
            throw new InvalidInputException("code", "the code in the body is the one in the path, or left out");
        }
        Project p = new Project(code, body.nameVi(), body.nameEn(), body.goalVi(), body.goalEn(), body.department(), body.budgetVnd(),
                body.partners(), body.status(), body.startedOn(), body.liveOn(), body.indicators(), body.assessment());
        boolean created = projects.put(CurrentCaller.tenant(), p, CurrentCaller.principal().name());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view(CurrentCaller.tenant(), code));
    }

    @DeleteMapping("/api/v1/projects/{code}")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String code) {
        projects.delete(CurrentCaller.tenant(), code, CurrentCaller.principal().name());
    }

    @PostMapping("/api/v1/projects/{code}/progress")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    ProjectView progress(@PathVariable String code, @RequestBody(required = false) Projects.Progress body) {
        if (body == null) {
            throw new InvalidInputException("body", "an update: {\"on\": \"2026-11-30\", \"percent\": 60, \"spentVnd\": 1200000000, "
                    + "\"noteVi\": \"…\", \"noteEn\": \"…\"}");
        }
        projects.addProgress(CurrentCaller.tenant(), code, body, CurrentCaller.principal().name());
        return view(CurrentCaller.tenant(), code);
    }
}
