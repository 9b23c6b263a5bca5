package org.saola.participation.domain;

import java.time.LocalDate;

/** When a phase runs: from its first to its last day, both included, in the city's calendar. */
public record PhaseDates(Phase phase, LocalDate starts, LocalDate ends) {

    public PhaseDates {
        if (phase == null || starts == null || ends == null) {
            throw new IllegalArgumentException("a phase needs its kind, first day and last day");
        }
    }

    public boolean includes(LocalDate day) {
        return !day.isBefore(starts) && !day.isAfter(ends);
    }
}
