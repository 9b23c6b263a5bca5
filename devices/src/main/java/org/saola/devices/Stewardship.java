package org.saola.devices;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.saola.platform.InvalidInputException;

/**
 * What residents are entitled to know about a sensor, and what the public sensor register shows: who owns it
 * (one of the city's departments, or a named partner or private operator), why it is there, whether it collects
 * personal data (which, and on what legal basis), how long its data are kept, since when it is installed and
 * whether it is in service.
 */
public record Stewardship(Optional<String> department, Optional<String> organisation, String purpose,
        String personalData, String legalBasis, Period retention, Optional<LocalDate> installedOn, Status status) {

    /** Whether a sensor is in service. */
    public enum Status { PLANNED, ACTIVE, MAINTENANCE, RETIRED }

    public static final Period DEFAULT_RETENTION = Period.ofYears(5);

    public Stewardship {
        department = department.map(String::strip).filter(s -> !s.isEmpty());
        organisation = organisation.map(String::strip).filter(s -> !s.isEmpty());
        if (department.isPresent() == organisation.isPresent()) {
            throw new InvalidInputException("owner", "a sensor has one owner: a department of the city (owner.department)"
                    + " or a named partner or private operator (owner.organisation)");
        }
        if (organisation.isPresent() && organisation.get().length() > 200) {
            throw new InvalidInputException("owner.organisation", "an organisation's name has at most 200 characters");
        }
        purpose = purpose == null ? "" : purpose.strip();
        if (purpose.isEmpty() || purpose.length() > 500) {
            throw new InvalidInputException("purpose", "say why the sensor is there, in 1-500 characters");
        }
        personalData = personalData == null ? "" : personalData.strip();
        legalBasis = legalBasis == null ? "" : legalBasis.strip();
        if (personalData.length() > 500 || legalBasis.length() > 300) {
            throw new InvalidInputException(personalData.length() > 500 ? "personalData" : "legalBasis",
                    "personalData has at most 500 characters, legalBasis at most 300");
        }
        if (!personalData.isEmpty() && legalBasis.isEmpty()) {
            throw new InvalidInputException("legalBasis", "a sensor that collects personal data needs the legal basis"
                    + " for it (legalBasis)");
        }
        if (retention == null) {
            retention = DEFAULT_RETENTION;
        }
        if (retention.isNegative() || retention.isZero() || retention.toTotalMonths() > 1200) {
            throw new InvalidInputException("retention", "retention is a period between one day and 100 years, such as P5Y");
        }
        installedOn = installedOn == null ? Optional.empty() : installedOn;
        status = status == null ? Status.ACTIVE : status;
    }

    /**
     * The entry as people and forms write it: texts, each empty or null when not given (then the defaults),
     * each refused with the name of its field when it cannot be read.
     */
    public static Stewardship fromText(String department, String organisation, String purpose, String personalData,
            String legalBasis, String retention, String installedOn, String status) {
        return new Stewardship(Optional.ofNullable(department), Optional.ofNullable(organisation), purpose, personalData,
                legalBasis, blank(retention) ? null : retention(retention),
                blank(installedOn) ? Optional.empty() : Optional.of(installedOn(installedOn)),
                blank(status) ? null : status(status));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static Period retention(String text) {
        try {
            return Period.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("retention", "retention is an ISO 8601 period such as P30D or P5Y; got '" + text + "'");
        }
    }

    public static LocalDate installedOn(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("installedOn", "installedOn is a date such as 2026-03-15; got '" + text + "'");
        }
    }

    public static Status status(String text) {
        try {
            return Status.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "status is one of " + java.util.Arrays.toString(Status.values())
                    + "; got '" + text + "'");
        }
    }

    /** Refuses an owner department the tenant does not have. */
    public void requireKnownDepartment(org.saola.platform.TenantId tenant, org.saola.platform.security.Departments departments) {
        if (department.isPresent() && departments.find(tenant, department.get()).isEmpty()) {
            throw new InvalidInputException("owner.department", "no department '" + department.get()
                    + "' in this tenant; GET /api/v1/departments lists them");
        }
    }

    /** Whether the sensor collects personal data. */
    public boolean collectsPersonalData() {
        return !personalData.isEmpty();
    }
}
