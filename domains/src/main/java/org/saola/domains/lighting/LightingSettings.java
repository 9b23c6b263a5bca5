package org.saola.domains.lighting;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.saola.platform.InvalidInputException;

/**
 * The window a city's street lights' nights are counted in (city time, whole hours; past midnight), and the dimming
 * schedule sent to every street light as commands: at each step's time (city time), {@code dim} to that level
 * (1 full, 0.5 half).
 */
public record LightingSettings(String nightStart, String nightEnd, java.util.List<Step> schedule) {

    /** A step of the dimming schedule. */
    public record Step(String at, Double dim) {

        public LocalTime time() {
            return LocalTime.parse(at);
        }
    }

    /** A step and the time it last came. */
    public record Due(Step step, Instant at) {
    }

    /** The step of the schedule that came last by {@code now} (today's, or yesterday's latest), if any. */
    public java.util.Optional<Due> lastStep(Instant now, java.time.ZoneId zone) {
        Due last = null;
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, zone);
        for (Step step : schedule == null ? java.util.List.<Step>of() : schedule) {
            for (java.time.LocalDate day : java.util.List.of(today, today.minusDays(1))) {
                Instant at = day.atTime(step.time()).atZone(zone).toInstant();
                if (!at.isAfter(now) && (last == null || at.isAfter(last.at()))) {
                    last = new Due(step, at);
                }
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    public LightingSettings(String nightStart, String nightEnd) {
        this(nightStart, nightEnd, java.util.List.of());
    }

    public static LightingSettings defaults() {
        return new LightingSettings("17:00", "07:00", java.util.List.of());
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
        java.util.List<Step> steps = schedule == null ? java.util.List.of() : schedule;
        if (steps.size() > 24) {
            throw new InvalidInputException("schedule", "at most 24 steps a day");
        }
        java.util.Set<LocalTime> times = new java.util.HashSet<>();
        java.util.List<Step> checked = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            LocalTime t;
            try {
                t = LocalTime.parse(step == null || step.at() == null ? "" : step.at());
            } catch (DateTimeParseException ex) {
                throw new InvalidInputException("schedule[" + i + "].at", "a time of day as HH:MM");
            }
            if (!times.add(t)) {
                throw new InvalidInputException("schedule[" + i + "].at", "two steps at " + t);
            }
            if (step.dim() == null || step.dim().isNaN() || step.dim() < 0 || step.dim() > 1) {
                throw new InvalidInputException("schedule[" + i + "].dim", "a level from 0 (off) to 1 (full)");
            }
            checked.add(new Step(t.toString(), step.dim()));
        }
        checked.sort(java.util.Comparator.comparing(Step::time));
        return new LightingSettings(s.toString(), e.toString(), java.util.List.copyOf(checked));
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
