package org.saola.indicators.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * A period an indicator is reported for, in the city's calendar: a month ({@code 2026-11}), a quarter
 * ({@code 2026-Q4}) or a year ({@code 2026}). It runs from its first day's midnight, city time, to the next period's.
 */
public record Period(Frequency frequency, LocalDate start) {

    /** How often an indicator is reported. */
    public enum Frequency {
        MONTHLY(1), QUARTERLY(3), ANNUAL(12);

        private final int months;

        Frequency(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public Period {
        if (start.getDayOfMonth() != 1 || (start.getMonthValue() - 1) % frequency.months() != 0) {
            throw new IllegalArgumentException("a " + frequency + " period cannot start on " + start);
        }
    }

    /** The period {@code label} names, which must be of {@code frequency}; a mistake is a 400 on {@code field}. */
    public static Period parse(String field, Frequency frequency, String label) {
        String s = label == null ? "" : label.strip();
        Matcher m;
        int year;
        int month;
        switch (frequency) {
            case MONTHLY -> {
                m = MONTH.matcher(s);
                if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 12) {
                    throw new InvalidInputException(field, "a monthly indicator's period is a month, e.g. 2026-11; got '" + s + "'");
                }
                year = Integer.parseInt(m.group(1));
                month = Integer.parseInt(m.group(2));
            }
            case QUARTERLY -> {
                m = QUARTER.matcher(s);
                if (!m.matches()) {
                    throw new InvalidInputException(field, "a quarterly indicator's period is a quarter, e.g. 2026-Q4; got '" + s + "'");
                }
                year = Integer.parseInt(m.group(1));
                month = (Integer.parseInt(m.group(2)) - 1) * 3 + 1;
            }
            default -> {
                m = YEAR.matcher(s);
                if (!m.matches()) {
                    throw new InvalidInputException(field, "a yearly indicator's period is a year, e.g. 2026; got '" + s + "'");
                }
                year = Integer.parseInt(m.group(1));
                month = 1;
            }
        }
        if (year < 1990 || year > 2200) {
            throw new InvalidInputException(field, "the period's year is between 1990 and 2200; got " + year);
        }
        return new Period(frequency, LocalDate.of(year, month, 1));
    }

    /** The period of {@code frequency} that {@code at} falls in, in the city's calendar. */
    public static Period containing(Frequency frequency, Instant at, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        int month = ((day.getMonthValue() - 1) / frequency.months()) * frequency.months() + 1;
        return new Period(frequency, LocalDate.of(day.getYear(), month, 1));
    }

    /** The last period of {@code frequency} that has ended by {@code now}. */
    public static Period lastEnded(Frequency frequency, Instant now, ZoneId zone) {
        return containing(frequency, now, zone).previous();
    }

    public Period next() {
        return new Period(frequency, start.plusMonths(frequency.months()));
    }

    public Period previous() {
        return new Period(frequency, start.minusMonths(frequency.months()));
    }

    public LocalDate end() {
        return start.plusMonths(frequency.months());
    }

    public Instant from(ZoneId zone) {
        return ZonedDateTime.of(start.atStartOfDay(), zone).toInstant();
    }

    public Instant to(ZoneId zone) {
        return ZonedDateTime.of(end().atStartOfDay(), zone).toInstant();
    }

    /** Its name: {@code 2026-11}, {@code 2026-Q4} or {@code 2026}. */
    public String label() {
        return switch (frequency) {
            case MONTHLY -> String.format("%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTERLY -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case ANNUAL -> Integer.toString(start.getYear());
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
