package org.saola.domains.lighting;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.saola.platform.InvalidInputException;

/** The window a city's street lights' nights are counted in (city time, whole hours; past midnight). */
public record LightingSettings(String nightStart, String nightEnd) {

    public static LightingSettings defaults() {
        return new LightingSettings("17:00", "07:00");
    }

    public LocalTime start() {
        return LocalTime.parse(nightStart);
    }

    public LocalTime end() {
        return LocalTime.parse(nightEnd);
    }

    public LightingSettings validated() {
        LocalTime s = hour("nightStart", nightStart == null ? "17:00" : nightStart);
        LocalTime e = hour("nightEnd", nightEnd == null ? "07:00" : nightEnd);
        if (s.equals(e)) {
            throw new InvalidInputException("nightEnd", "the night ends after it starts");
        }
        return new LightingSettings(s.toString(), e.toString());
    }

    private static LocalTime hour(String field, String value) {
        try {
            LocalTime t = LocalTime.parse(value);
            if (t.getMinute() != 0) {
                throw new InvalidInputException(field, "a whole hour, such as 17:00");
            }
            return t;
        } catch (DateTimeParseException ex) {
            throw new InvalidInputException(field, "a whole hour, such as 17:00");
        }
    }
}
