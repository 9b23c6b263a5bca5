package org.saola.reports.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * A resident's report (an Open311 "service request"). It names no one: {@code reporter} is a resident id,
 * whose contact and name the platform keeps encrypted apart. {@code lat}/{@code lon} are where it was reported
 * (absent when placed by address only); what the public sees of them depends on the category's privacy.
 */
public record ServiceRequest(TenantId tenant, long id, UUID token, String serviceCode, ReportStatus status,
        String statusNotes, String description, Optional<Double> lat, Optional<Double> lon, String address,
        String addressId, String ward, Optional<String> department, Optional<String> assignee,
        Map<String, List<String>> attributes, String mediaUrl, Optional<UUID> reporter, String source,
        Optional<Long> duplicateOf, String referredTo, int supporters, Instant requestedAt, Instant updatedAt,
        Instant expectedAt, Optional<Instant> closedAt, Moderation moderation) {

    /** Whether a moderator has looked at the resident's words and photos, and what they decided. */
    public enum Moderation { UNREVIEWED, APPROVED, HIDDEN }

    /**
     * Whether the resident's own words and photos are public: not once a moderator hid them, nor, where the city
     * pre-moderates ({@code saola.reports.pre-moderation}), before a moderator approved them.
     */
    public boolean residentContentPublic(boolean preModeration) {
        return moderation == Moderation.APPROVED || moderation == Moderation.UNREVIEWED && !preModeration;
    }

    /** The resident's words as the public sees them (see {@link #residentContentPublic}). */
    public String publicDescription(boolean preModeration) {
        return residentContentPublic(preModeration) ? description : "";
    }

    /** The resident's words without what a moderator hid: what staff who do not work reports may read. */
    public String unhiddenDescription() {
        return publicDescription(false);
    }

    /** The entity this report is in the context (Smart Data Model IssueReporting). */
    public String entityId() {
        return "urn:ngsi-ld:IssueReporting:" + id;
    }

    public boolean overdue(Instant now) {
        return status.isOpen() && now.isAfter(expectedAt);
    }

    /** A step of a report's life. {@code publicly} false: an internal note, seen by staff only. */
    public record Event(long seq, Instant at, String kind, Optional<ReportStatus> status, String text, String actor,
            boolean publicly) {
    }

    /** A report and its life so far. */
    public record WithEvents(ServiceRequest request, List<Event> events) {
    }
}
