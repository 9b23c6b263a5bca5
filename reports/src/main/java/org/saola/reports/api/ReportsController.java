package org.saola.reports.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ReportStatus;
import org.saola.reports.domain.ServiceRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The departments' work on residents' reports: {@code GET /api/v1/reports} (the queue, filtered),
 * {@code GET /api/v1/reports/{id}} (with internal notes), {@code POST …/status}, {@code …/updates} (public),
 * {@code …/notes} (internal), {@code …/assign}, and {@code GET …/reporter?reason=} (the reporter's contact,
 * audited). Callers scoped to departments see and work only theirs. No view here carries the reporter's
 * contact except that last one.
 */
@RestController
class ReportsController {

    record StatusChange(String status, String text, Long duplicateOf, String referredTo) {
    }

    record Text(String text) {
    }

    record Assignment(String department, String assignee) {
    }

    record ReportView(long id, String serviceCode, String status, String statusNotes, String description, Double lat,
            Double lon, String address, String addressId, String ward, String department, String assignee,
            Map<String, List<String>> attributes, String mediaUrl, boolean hasReporter, String source, Long duplicateOf,
            String referredTo, int supporters, Instant requestedAt, Instant updatedAt, Instant expectedAt,
            Instant closedAt, boolean overdue, String moderation, List<ServiceRequest.Event> events) {
        /** {@code works}: the reader works reports, and sees the words a moderator hid. */
        static ReportView of(ServiceRequest r, List<ServiceRequest.Event> events, Instant now, boolean works) {
            return new ReportView(r.id(), r.serviceCode(), r.status().name(), r.statusNotes(),
                    works ? r.description() : r.unhiddenDescription(),
                    r.lat().orElse(null), r.lon().orElse(null), r.address(), r.addressId(), r.ward(),
                    r.department().orElse(null), r.assignee().orElse(null), r.attributes(), r.mediaUrl(),
                    r.reporter().isPresent(), r.source(), r.duplicateOf().orElse(null), r.referredTo(), r.supporters(),
                    r.requestedAt(), r.updatedAt(), r.expectedAt(), r.closedAt().orElse(null), r.overdue(now),
                    r.moderation().name(), events);
        }
    }

    record ReporterView(String contactKind, String contact, String name, boolean verified) {
    }

    private final ReportService reports;
    private final java.time.InstantSource clock;

    private static boolean works() {
        return CurrentCaller.principal().has(Permission.REPORTS_WORK);
    }

    ReportsController(ReportService reports, java.time.InstantSource clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/v1/reports")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ResponseEntity<List<ReportView>> queue(@RequestParam(required = false) String status,
            @RequestParam(required = false) String service, @RequestParam(required = false) String department,
            @RequestParam(required = false) String ward, @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        Set<ReportStatus> statuses = status == null || status.isBlank() ? Set.of()
                : "open".equalsIgnoreCase(status.strip())
                        ? Set.of(ReportStatus.OPEN, ReportStatus.ACKNOWLEDGED, ReportStatus.IN_PROGRESS)
                        : Arrays.stream(status.split(",")).map(s -> ReportStatus.parse("status", s)).collect(Collectors.toSet());
        Instant now = clock.instant();
        ReportSearch search = new ReportSearch(
                Optional.ofNullable(department).filter(d -> !d.isBlank()).map(d -> Set.of(d.strip())), List.of(),
                service == null || service.isBlank() ? List.of() : Arrays.stream(service.split(",")).map(String::strip).toList(),
                statuses, Optional.empty(), Optional.empty(), Optional.ofNullable(ward).filter(w -> !w.isBlank()),
                Optional.empty(), overdue ? Optional.of(now) : Optional.empty(), limit, offset);
        var caller = CurrentCaller.principal();
        List<ReportView> page = reports.queue(caller, search).stream().map(r -> ReportView.of(r, null, now, works())).toList();
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(reports.count(caller, search))).body(page);
    }

    @GetMapping("/api/v1/reports/{id}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ReportView get(@PathVariable long id) {
        ServiceRequest.WithEvents r = reports.get(CurrentCaller.principal(), id);
        return ReportView.of(r.request(), r.events(), clock.instant(), works());
    }

    @PostMapping("/api/v1/reports/{id}/status")
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView status(@PathVariable long id, @RequestBody StatusChange body) {
        reports.changeStatus(CurrentCaller.principal(), id, ReportStatus.parse("status", body.status()), body.text(),
                Optional.ofNullable(body.duplicateOf()), body.referredTo());
        return get(id);
    }

    @PostMapping("/api/v1/reports/{id}/updates")
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView update(@PathVariable long id, @RequestBody Text body) {
        reports.publicUpdate(CurrentCaller.principal(), id, body.text());
        return get(id);
    }

    @PostMapping("/api/v1/reports/{id}/notes")
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView note(@PathVariable long id, @RequestBody Text body) {
        reports.note(CurrentCaller.principal(), id, body.text());
        return get(id);
    }

    @PostMapping("/api/v1/reports/{id}/assign")
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView assign(@PathVariable long id, @RequestBody Assignment body) {
        reports.assign(CurrentCaller.principal(), id, body.department(), body.assignee());
        return get(id);
    }

    record Moderation(String decision, String reason) {
    }

    /** Reports whose words or photos await a moderator, oldest first (the caller's departments'). */
    @GetMapping("/api/v1/reports/moderation")
    @RequiresPermission(Permission.REPORTS_WORK)
    List<ReportView> toModerate(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new org.saola.platform.InvalidInputException("limit", "limit is 1 to 1000; got " + limit);
        }
        Instant now = clock.instant();
        return reports.toModerate(CurrentCaller.principal(), limit).stream().map(r -> ReportView.of(r, null, now, works())).toList();
    }

    /** {@code {"decision": "APPROVED"}} or {@code {"decision": "HIDDEN", "reason": "names a neighbour"}}. */
    @PostMapping("/api/v1/reports/{id}/moderation")
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView moderate(@PathVariable long id, @RequestBody Moderation body) {
        ServiceRequest.Moderation decision;
        try {
            decision = ServiceRequest.Moderation.valueOf(body.decision() == null ? "" : body.decision().strip());
        } catch (IllegalArgumentException e) {
            throw new org.saola.platform.InvalidInputException("decision", "decision is APPROVED or HIDDEN; got '" + body.decision() + "'");
        }
        reports.moderate(CurrentCaller.principal(), id, decision, body.reason());
        return get(id);
    }

    /** A photo staff add, usually after the work: multipart, part {@code photo}; the report with its life. */
    @PostMapping(value = "/api/v1/reports/{id}/photos", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView addPhoto(@PathVariable long id, @org.springframework.web.bind.annotation.RequestPart("photo")
            org.springframework.web.multipart.MultipartFile photo) throws java.io.IOException {
        reports.addAfterPhoto(CurrentCaller.principal(), id, photo.getBytes());
        return get(id);
    }

    @PostMapping("/api/v1/reports/{id}/photos/{photo}/hide")
    @RequiresPermission(Permission.REPORTS_WORK)
    ReportView hidePhoto(@PathVariable long id, @PathVariable java.util.UUID photo, @RequestBody Text body) {
        reports.hidePhoto(CurrentCaller.principal(), id, photo, body.text());
        return get(id);
    }

    /** The reporter's contact and name, for whoever works the report and says why: each read is in the audit log. */
    @GetMapping("/api/v1/reports/{id}/reporter")
    @RequiresPermission(Permission.RESIDENT_CONTACT_READ)
    ReporterView reporter(@PathVariable long id, @RequestParam(required = false) String reason) {
        ReportService.Reporter r = reports.reporter(CurrentCaller.principal(), id, reason);
        return new ReporterView(r.contact().map(c -> c.kind().name()).orElse(null),
                r.contact().map(c -> c.value()).orElse(null), r.name().orElse(null), r.verified());
    }
}
