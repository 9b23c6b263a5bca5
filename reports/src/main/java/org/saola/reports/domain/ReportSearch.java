package org.saola.reports.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which reports to list: by ids, categories, statuses, time filed, ward, reporter, overdue; {@code departments}
 * present limits them to those departments (a caller's scope). Newest first.
 */
public record ReportSearch(Optional<Set<String>> departments, List<Long> ids, List<String> serviceCodes,
        Set<ReportStatus> statuses, Optional<Instant> from, Optional<Instant> to, Optional<String> ward,
        Optional<UUID> reporter, Optional<Instant> overdueAt, int limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public ReportSearch {
        ids = ids == null ? List.of() : List.copyOf(ids);
        serviceCodes = serviceCodes == null ? List.of() : List.copyOf(serviceCodes);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new org.saola.platform.InvalidInputException("limit", "limit is 1 to " + MAX_LIMIT + "; got " + limit);
        }
        if (offset < 0) {
            throw new org.saola.platform.InvalidInputException("offset", "offset is 0 or more; got " + offset);
        }
    }

    public static ReportSearch all(int limit, int offset) {
        return new ReportSearch(Optional.empty(), List.of(), List.of(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), limit, offset);
    }
}
