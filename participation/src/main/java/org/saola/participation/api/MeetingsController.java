package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saola.participation.domain.Meeting;
import org.saola.participation.domain.MeetingService;
import org.saola.participation.store.MeetingStore;
import org.saola.platform.InvalidInputException;
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
 * Meetings as data: the department announces a meeting, sees what help those registered need (counts only)
 * and publishes its minutes; anyone reads a process's meetings. Residents register on the pages.
 */
@RestController
class MeetingsController {

    record MeetingBody(String titleVi, String titleEn, String descriptionVi, String descriptionEn, String starts, String ends,
            String place, String ward, List<String> provisions, String accessibility, Integer capacity) {
    }

    record MinutesBody(String minutesVi, String minutesEn, List<Integer> proposals) {
    }

    private final MeetingService meetings;
    private final PublicTenant tenants;

    MeetingsController(MeetingService meetings, PublicTenant tenants) {
        this.meetings = meetings;
        this.tenants = tenants;
    }

    @PutMapping("/api/v1/participation/processes/{process}/meetings/{code}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<MeetingStore.Stored> put(@PathVariable String process, @PathVariable String code, @RequestBody MeetingBody b) {
        List<Meeting.Provision> provisions = new ArrayList<>();
        for (String p : b.provisions() == null ? List.<String>of() : b.provisions()) {
            try {
                provisions.add(Meeting.Provision.valueOf(p == null ? "" : p.strip()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("provisions", "a provision is one of " + List.of(Meeting.Provision.values()) + "; got '" + p + "'");
            }
        }
        Meeting m = new Meeting(code, b.titleVi(), b.titleEn(), b.descriptionVi(), b.descriptionEn(), time("starts", b.starts()),
                time("ends", b.ends()), b.place(), b.ward(), provisions, b.accessibility(), b.capacity() == null ? 0 : b.capacity());
        boolean created = meetings.define(CurrentCaller.principal(), process, m);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(meetings.meeting(CurrentCaller.tenant(), process, code));
    }

    @GetMapping("/api/v1/participation/processes/{process}/meetings/{code}/needs")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    Map<String, Object> needs(@PathVariable String process, @PathVariable String code) {
        Map<String, Integer> needs = meetings.needs(CurrentCaller.principal(), process, code);
        return Map.of("registered", meetings.meeting(CurrentCaller.tenant(), process, code).registered(), "needs", needs);
    }

    @PostMapping("/api/v1/participation/processes/{process}/meetings/{code}/minutes")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    MeetingStore.Stored minutes(@PathVariable String process, @PathVariable String code, @RequestBody MinutesBody b) {
        return meetings.minutes(CurrentCaller.principal(), process, code, b.minutesVi(), b.minutesEn(), b.proposals());
    }

    @GetMapping("/public/v1/participation/processes/{process}/meetings")
    @PublicRoute("a process's meetings are public")
    List<MeetingStore.Stored> list(@PathVariable String process, HttpServletRequest request) {
        return meetings.meetings(tenants.of(request), process);
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required (a time with its offset, like 2027-01-10T18:00:00+07:00)");
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a time with its offset, like 2027-01-10T18:00:00+07:00; got '" + value + "'");
        }
    }
}
