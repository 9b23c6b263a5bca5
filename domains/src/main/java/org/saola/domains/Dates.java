package org.saola.domains;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.saola.platform.InvalidInputException;

/** Dates and times the domains' APIs and pages are asked for: well formed and within twenty years of now, or a 400. */
public final class Dates {

    private Dates() {
    }

    /** A city date (YYYY-MM-DD) as {@code field}. */
    public static LocalDate date(String field, String value, Instant now) {
        try {
            LocalDate d = LocalDate.parse(value);
            LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
            if (d.isBefore(today.minusYears(20)) || d.isAfter(today.plusYears(20))) {
                throw new InvalidInputException(field, "a date within twenty years of today");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "a date, YYYY-MM-DD");
        }
    }

    /** A time with its offset (ISO 8601) as {@code field}. */
    public static Instant instant(String field, String value, Instant now) {
        try {
            Instant t = OffsetDateTime.parse(value).toInstant();
            if (t.isBefore(now.minus(7300, ChronoUnit.DAYS)) || t.isAfter(now.plus(7300, ChronoUnit.DAYS))) {
                throw new InvalidInputException(field, "a time within twenty years of now");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "an ISO 8601 time with its offset, such as 2026-12-01T09:00:00+07:00");
        }
    }
}
