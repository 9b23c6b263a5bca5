package org.saola.reports.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportStatus;

/**
 * What an officer chose to see of the queue: a status ("open": open, acknowledged or in progress; "": any), a
 * category, a ward, a department, and whether only overdue ones. The queue page lists them and its map shows
 * the same reports, so both read the same filter from the same query parameters. A department outside an
 * officer's own still shows nothing: the service intersects it with the caller's scope.
 */
record QueueFilter(String status, String service, String ward, String department, boolean overdue) {

    static final Set<ReportStatus> OPEN = Set.of(ReportStatus.OPEN, ReportStatus.ACKNOWLEDGED, ReportStatus.IN_PROGRESS);

    QueueFilter {
        status = status == null ? "open" : status.strip();
        service = service == null ? "" : service.strip();
        ward = ward == null ? "" : ward.strip();
        department = department == null ? "" : department.strip();
    }

    Set<ReportStatus> statuses() {
        return switch (status) {
            case "open" -> OPEN;
            case "" -> Set.of();
            default -> Arrays.stream(ReportStatus.values()).filter(s -> s.name().equals(status)).collect(Collectors.toSet());
        };
    }

    ReportSearch search(Instant now, int limit, int offset) {
        return new ReportSearch(department.isEmpty() ? Optional.empty() : Optional.of(Set.of(department)), List.of(),
                service.isEmpty() ? List.of() : List.of(service), statuses(), Optional.empty(), Optional.empty(),
                ward.isEmpty() ? Optional.empty() : Optional.of(ward), Optional.empty(),
                overdue ? Optional.of(now) : Optional.empty(), limit, offset);
    }

    /** The filter as query parameters, to page through it and to ask the map for the same reports. */
    String query() {
        return "status=" + enc(status) + "&service=" + enc(service) + "&ward=" + enc(ward) + "&department=" + enc(department)
                + (overdue ? "&overdue=true" : "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
