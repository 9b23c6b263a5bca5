package org.saola.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Episodes the demo city can be put through on command: a flood (heavy rain, river gauges rising by up to
 * 1.2 m over ten minutes, holding, then falling over ten) and a pollution episode (fine dust three times its
 * usual level, rising and falling the same way). The sensor models ask how far into an episode a moment is.
 */
public final class Scenarios {

    static final Duration RAMP = Duration.ofMinutes(10);
    static final double FLOOD_RISE_METRES = 1.2;

    private volatile Episode flood;
    private volatile Episode pollution;

    /** An episode: from {@code start}, rising for {@link #RAMP}, holding until {@code end}, falling for another. */
    record Episode(Instant start, Instant end) {
        /** 0 outside, 1 at its height. */
        double strength(Instant now) {
            if (now.isBefore(start) || now.isAfter(end.plus(RAMP))) {
                return 0;
            }
            double rising = Duration.between(start, now).toMillis() / (double) RAMP.toMillis();
            double falling = now.isAfter(end) ? 1 - Duration.between(end, now).toMillis() / (double) RAMP.toMillis() : 1;
            return Math.max(0, Math.min(1, Math.min(rising, falling)));
        }
    }

    public Instant startFlood(Instant now, Duration length) {
        flood = new Episode(now, now.plus(RAMP).plus(length));
        return flood.end();
    }

    public Instant startPollution(Instant now, Duration length) {
        pollution = new Episode(now, now.plus(RAMP).plus(length));
        return pollution.end();
    }

    /** How much higher than usual the rivers are at {@code now}, in metres. */
    double floodRise(Instant now) {
        Episode e = flood;
        return e == null ? 0 : FLOOD_RISE_METRES * e.strength(now);
    }

    /** How many times its usual level the fine dust is at {@code now}. */
    double pollutionFactor(Instant now) {
        Episode e = pollution;
        return e == null ? 1 : 1 + 2 * e.strength(now);
    }
}
