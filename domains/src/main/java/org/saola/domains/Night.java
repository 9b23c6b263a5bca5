package org.saola.domains;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A night window of the city's time, from {@code start} to {@code end} (a window past midnight starts the day
 * before), named by the date it ends on ({@code morning}); the nightly analyses judge one at a time.
 */
public record Night(LocalDate morning, Instant start, Instant end) {

    /** The most nights a job catches up on at once. */
    public static final int CATCH_UP = 7;

    /** The window {@code from}–{@code to} that ends on {@code morning}. */
    public static Night ending(LocalDate morning, LocalTime from, LocalTime to, ZoneId zone) {
        ZonedDateTime e = morning.atTime(to).atZone(zone);
        ZonedDateTime s = morning.atTime(from).atZone(zone);
        if (!s.isBefore(e)) {
            s = s.minusDays(1);
        }
        return new Night(morning, s.toInstant(), e.toInstant());
    }

    /** The last window that had ended by {@code now}. */
    public static Night lastBefore(Instant now, LocalTime from, LocalTime to, ZoneId zone) {
        Night today = ending(LocalDate.ofInstant(now, zone), from, to, zone);
        return today.end().isAfter(now) ? ending(today.morning().minusDays(1), from, to, zone) : today;
    }

    /**
     * The windows that had ended by {@code until} and end after {@code marked} (the last {@link #CATCH_UP} at most),
     * oldest first: what a nightly job has still to write.
     */
    public static List<Night> due(Instant until, Optional<Instant> marked, LocalTime from, LocalTime to, ZoneId zone) {
        List<Night> out = new ArrayList<>();
        for (Night n = lastBefore(until, from, to, zone); out.size() < CATCH_UP && (marked.isEmpty() || n.end().isAfter(marked.get()));
                n = ending(n.morning().minusDays(1), from, to, zone)) {
            out.addFirst(n);
        }
        return out;
    }
}
