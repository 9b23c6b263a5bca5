package org.saola.context.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Date-time values in the value index and in q are read by hand in their common forms: every string reads as
 * {@link Instant#parse} reads it (to the microsecond), or is refused where it refuses it.
 */
class QueryValuesInstantTest {

    private static Instant byTheJdk(String s) {
        if (s.length() < 20 || s.length() > 40 || s.charAt(4) != '-') {
            return null;
        }
        try {
            return Instant.parse(s).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void edgesReadAsTheJdkReadsThem() {
        for (String s : List.of("2026-11-30T08:00:00Z", "2026-11-30T08:00:00.1Z", "2026-11-30T08:00:00.123456789Z",
                "2026-11-30T08:00:00.1234567Z", "2026-11-30T08:00:00+07:00", "2026-11-30T08:00:00.5-03:30",
                "2026-11-30T08:00:00-00:00", "2024-02-29T23:59:59Z", "2026-02-29T00:00:00Z", "2026-11-30T24:00:00Z",
                "2026-11-30T23:59:60Z", "2026-13-01T00:00:00Z", "2026-11-30T08:00:00", "2026-11-30T08:00:00.Z",
                "2026-11-30T08:00:00+18:00", "2026-11-30T08:00:00+18:30", "2026-11-30T08:00:00+07", "2026-11-30 08:00:00Z",
                "2026-11-30T8:00:00.000Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "2026-11-30T08:00:00.1234567890Z", "2026-11-30T08:00:00z", "2026-11-30t08:00:00Z")) {
            assertThat(QueryValues.instant(s)).as(s).isEqualTo(byTheJdk(s));
        }
    }

    @Test
    void randomDateTimesReadAsTheJdkReadsThem() {
        Random random = new Random(41);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            if (random.nextBoolean()) {
                s.append('.');
                for (int d = random.nextInt(11); d > 0; d--) {
                    s.append(random.nextInt(10));
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> s.append('Z');
                case 1 -> s.append(String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20),
                        random.nextInt(61)));
                case 2 -> s.append(String.format("+%02d", random.nextInt(19)));
                default -> { }
            }
            String text = s.toString();
            assertThat(QueryValues.instant(text)).as(text).isEqualTo(byTheJdk(text));
        }
    }
}
