package org.saola.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.saola.platform.residents.ResidentRights;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Residents' requests to correct or delete their data, for the staff who answer them: {@code GET
 * /api/v1/resident-requests} (the open ones, soonest due first; {@code ?open=false} all) and {@code POST
 * /api/v1/resident-requests/{id}/answer} ({@code {"status": "DONE" | "REFUSED", "answer": "..."}}), which the
 * resident reads on their data page.
 */
@RestController
@RequiresPermission(Permission.RESIDENT_REQUESTS_HANDLE)
class ResidentRequestsController {

    record RequestView(UUID id, UUID resident, ResidentRights.Kind kind, String details, Instant createdAt, Instant dueAt,
            boolean overdue, ResidentRights.Status status, Instant answeredAt, String answeredBy, String answer) {
    }

    /** {@code erase}: for a deletion done, erase the resident's whole account too. */
    record Answer(ResidentRights.Status status, String answer, Boolean erase) {
    }

    private final ResidentRights rights;
    private final java.time.InstantSource clock;

    ResidentRequestsController(ResidentRights rights, java.time.InstantSource clock) {
        this.rights = rights;
        this.clock = clock;
    }

    private RequestView view(ResidentRights.Request r) {
        Instant now = clock.instant();
        return new RequestView(r.id(), r.resident(), r.kind(), r.details(), r.createdAt(), r.dueAt(), r.overdue(now),
                r.status(), r.answeredAt().orElse(null), r.answeredBy().orElse(null), r.answer().orElse(null));
    }

    @GetMapping("/api/v1/resident-requests")
    List<RequestView> list(@RequestParam(defaultValue = "true") boolean open, @RequestParam(defaultValue = "200") int limit) {
        return rights.list(CurrentCaller.tenant(), open, limit).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/resident-requests/{id}/answer")
    RequestView answer(@PathVariable UUID id, @RequestBody Answer body) {
        return view(rights.answer(CurrentCaller.tenant(), id, CurrentCaller.principal().name(), body.status(), body.answer(),
                Boolean.TRUE.equals(body.erase())));
    }
}
