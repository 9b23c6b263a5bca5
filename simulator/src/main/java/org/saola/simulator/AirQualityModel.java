package org.saola.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Plausible, time-varying air quality for one station: a district baseline, rush-hour peaks at 7-8h and
 * 17-19h local time, a slow random walk (weather) and measurement noise. Temperature and humidity follow the
 * day. Not a physical model; enough to make the map and history look like a city's.
 */
final class AirQualityModel {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final double basePm25;
    private final Random random;
    private double drift;

    private final Scenarios scenarios;

    AirQualityModel(double basePm25, long seed) {
        this(basePm25, seed, new Scenarios());
    }

    AirQualityModel(double basePm25, long seed, Scenarios scenarios) {
        this.basePm25 = basePm25;
        this.random = new Random(seed);
        this.scenarios = scenarios;
    }

    String nextPayload(Instant now) {
        ZonedDateTime local = now.atZone(VIETNAM);
        double hour = local.getHour() + local.getMinute() / 60.0;
        double rush = 1 + 0.6 * bump(hour, 7.5, 1.2) + 0.7 * bump(hour, 18, 1.5);
        drift = clamp(drift + random.nextGaussian() * 0.03, -0.4, 0.6);
        double pm25 = clamp(basePm25 * rush * (1 + drift) * scenarios.pollutionFactor(now) + random.nextGaussian() * 2.5, 1, 400);
        double pm10 = pm25 * (1.5 + random.nextDouble() * 0.3);
        double no2 = clamp(20 * rush * (1 + drift) + random.nextGaussian() * 3, 1, 400);
        double o3 = clamp(30 + 35 * bump(hour, 14, 3) + random.nextGaussian() * 4, 1, 300);
        double temperature = 26 + 5 * Math.sin((hour - 9) / 24 * 2 * Math.PI) + random.nextGaussian() * 0.3;
        double humidity = clamp(0.78 - 0.12 * Math.sin((hour - 9) / 24 * 2 * Math.PI) + random.nextGaussian() * 0.02,
                0.3, 1);
        return String.format(java.util.Locale.ROOT,
                "{\"pm25\":%.1f,\"pm10\":%.1f,\"no2\":%.1f,\"o3\":%.1f,\"temperature\":%.1f,"
                        + "\"relativeHumidity\":%.2f,\"dateObserved\":\"%s\"}",
                pm25, pm10, no2, o3, temperature, humidity, now);
    }

    /**
     * The last three hours it kept, a reading every ten minutes (oldest first): sent on its first connection, so the
     * VN_AQI pack has the hourly means its NowCast needs at once rather than after two hours of running.
     */
    java.util.List<String> backlog(Instant now) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(3));
                at.isBefore(now.minusSeconds(60)); at = at.plusSeconds(600)) {
            out.add(nextPayload(at));
        }
        return out;
    }

    private static double bump(double hour, double centre, double width) {
        double d = (hour - centre) / width;
        return Math.exp(-d * d);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
