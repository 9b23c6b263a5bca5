package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.saola.participation.domain.FollowUpService;
import org.saola.participation.domain.Progress;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "You said, we did" as data: anyone reads what became of a process's funded projects and accepted proposals
 * (each update, the proposals and reports a project answers); the department records progress and links.
 */
@RestController
class FollowUpController {

    record ProgressBody(String status, Integer percent, Long spent, String starts, String ends, String noteVi, String noteEn) {
    }

    record LinksBody(List<Long> proposals, List<Long> reports) {
    }

    private final FollowUpService followUp;
    private final PublicTenant tenants;

    FollowUpController(FollowUpService followUp, PublicTenant tenants) {
        this.followUp = followUp;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/participation/processes/{code}/follow-up")
    @PublicRoute("what became of what residents decided is public")
    List<FollowUpService.Item> items(@PathVariable String code, HttpServletRequest request) {
        return followUp.items(tenants.of(request), code);
    }

    @PostMapping("/api/v1/participation/processes/{code}/follow-up/{kind}/{ref}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<Progress> record(@PathVariable String code, @PathVariable String kind, @PathVariable String ref,
            @RequestBody ProgressBody b) {
        Progress.New n = Progress.New.parse(b.status(), b.percent(), b.spent(), b.starts(), b.ends(), b.noteVi(), b.noteEn(), List.of());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(followUp.record(CurrentCaller.principal(), code, Progress.Kind.parse(kind), ref, n));
    }

    @PutMapping("/api/v1/participation/processes/{code}/projects/{project}/links")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    FollowUpService.Item link(@PathVariable String code, @PathVariable String project, @RequestBody LinksBody b) {
        followUp.link(CurrentCaller.principal(), code, project, b.proposals() == null ? List.of() : b.proposals(),
                b.reports() == null ? List.of() : b.reports());
        return followUp.item(CurrentCaller.tenant(), code, Progress.Kind.PROJECT, project);
    }
}
