package org.saola.alerts.domain;

/** How grave an alert is: the severities of OASIS CAP 1.2 (§3.2.2 {@code severity}), least grave first. */
public enum Severity {
    MINOR, MODERATE, SEVERE, EXTREME;

    public static Severity parse(String field, String value) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new org.saola.platform.InvalidInputException(field, field + " must be one of "
                + java.util.Arrays.toString(values()) + "; got '" + value + "'");
    }
}
