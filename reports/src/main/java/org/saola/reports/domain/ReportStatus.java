package org.saola.reports.domain;

import java.util.Arrays;
import org.saola.platform.InvalidInputException;

/**
 * Where a report stands. Three open states, then four different outcomes: "fixed" and "closed without fixing"
 * are not the same thing to the resident who reported (FixMyStreet users asked for the difference, #1339),
 * nor are "a duplicate of another report" and "referred to another body".
 */
public enum ReportStatus {
    OPEN, ACKNOWLEDGED, IN_PROGRESS, FIXED, NOT_FIXED, DUPLICATE, REFERRED;

    public boolean isOpen() {
        return this == OPEN || this == ACKNOWLEDGED || this == IN_PROGRESS;
    }

    /** Closed without the city fixing it: it will not be (with a reason), or another body has it. */
    public boolean closedWithoutFix() {
        return this == NOT_FIXED || this == REFERRED;
    }

    /** Open311 GeoReport v2 knows two states: open and closed. */
    public String open311() {
        return isOpen() ? "open" : "closed";
    }

    /** The state as the Smart Data Model IssueReporting's {@code resolutionStatus} names it. */
    public String resolutionStatus() {
        return switch (this) {
            case OPEN -> "Open";
            case ACKNOWLEDGED -> "Assigned";
            case IN_PROGRESS -> "InProgress";
            default -> "Closed";
        };
    }

    public static ReportStatus parse(String field, String value) {
        for (ReportStatus s : values()) {
            if (s.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new InvalidInputException(field, field + " must be one of " + Arrays.toString(values()) + "; got '"
                + value + "'");
    }
}
