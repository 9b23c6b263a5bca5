package org.saola.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Plausible readings for the demo city's other sensors, one model per shipped device profile, each in the
 * payload fields its profile maps (centimetres for a gauge, percent for a bin, …): a daily rhythm in local time,
 * a slow state where the thing has one (a bin filling until it is emptied, a meter counting up) and noise.
 * Not physics; enough for the map, the history and the rules to have something city-like to work on.
 */
abstract class SensorModel {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    final Random random;

    SensorModel(long seed) {
        this.random = new Random(seed);
    }

    /** The model of a shipped profile's device. */
    static SensorModel of(String profile, long seed) {
        return of(profile, seed, new Scenarios());
    }

    /** The model of a shipped profile's device, going through the city's {@code scenarios}. */
    static SensorModel of(String profile, long seed, Scenarios scenarios) {
        return switch (profile) {
            case "water-level" -> new WaterLevel(seed, scenarios);
            case "waste-container" -> new WasteContainer(seed, 0.15);
            case "noise" -> new Noise(seed);
            case "street-light" -> new StreetLight(seed);
            case "water-meter" -> new WaterMeter(seed, 0);
            case "weather" -> new Weather(seed);
            case "parking-spot" -> new ParkingSpot(seed);
            case "traffic-counter" -> new TrafficCounter(seed);
            case "gateway" -> new Gateway(seed);
            default -> throw new IllegalArgumentException("no demo model for the profile " + profile);
        };
    }

    abstract String nextPayload(Instant now);

    static double hour(Instant now) {
        ZonedDateTime local = now.atZone(VIETNAM);
        return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    }

    static double bump(double hour, double centre, double width) {
        double d = (hour - centre) / width;
        return Math.exp(-d * d);
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    static String json(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A river gauge: a tide-like swing around a base level, in centimetres. */
    static final class WaterLevel extends SensorModel {
        private final double base;
        private final Scenarios scenarios;

        WaterLevel(long seed, Scenarios scenarios) {
            super(seed);
            this.scenarios = scenarios;
            base = 90 + random.nextDouble() * 60;
        }

        @Override
        synchronized String nextPayload(Instant now) {
            double level = base + 35 * Math.sin(hour(now) / 12.4 * 2 * Math.PI) + random.nextGaussian() * 1.5
                    + 100 * scenarios.floodRise(now);
            return json("{\"levelCm\":%.0f,\"flow\":%.1f,\"dateObserved\":\"%s\"}", clamp(level, 0, 2900),
                    clamp(40 + level / 10 + random.nextGaussian(), 0, 1000), now);
        }

        /** The last three days it kept, a reading every quarter hour (oldest first), so that its history has tides. */
        List<String> backlog(Instant now) {
            return backlog(now, 3);
        }

        /** The last {@code days} it kept, a reading every quarter hour, oldest first. */
        List<String> backlog(Instant now, int days) {
            List<String> out = new java.util.ArrayList<>();
            for (Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofDays(days));
                    at.isBefore(now); at = at.plusSeconds(900)) {
                out.add(nextPayload(at));
            }
            return out;
        }
    }

    /**
     * A street bin: fills at its own steady rate (its district's, give or take half), read as a percentage; emptied
     * when a truck of the planned round comes ({@link #empty}), or by a crew sent out once it has overflowed for an
     * hour. Battery powered. On its first connection it sends the last hour it kept, as a real sensor's buffer does.
     */
    static final class WasteContainer extends SensorModel {
        private final double perHour;
        private double level;
        private Instant since;
        private final Battery battery = new Battery(random);

        WasteContainer(long seed, double districtPerHour) {
            super(seed);
            perHour = districtPerHour * (0.5 + random.nextDouble());
            level = random.nextDouble() * 0.7;
        }

        /** The level (0 to 1) at {@code now}. */
        synchronized double level(Instant now) {
            if (since == null) {
                since = now;
            }
            double l = level + perHour * java.time.Duration.between(since, now).toMillis() / 3_600_000.0;
            if (l > 1 + perHour) {                      // overflowing for an hour: a crew empties it
                empty(now);
                return level;
            }
            return l;
        }

        /** The truck came: nearly empty from now. */
        synchronized void empty(Instant now) {
            level = 0.02 + random.nextDouble() * 0.03;
            since = now;
        }

        @Override
        String nextPayload(Instant now) {
            return payload(now, level(now));
        }

        /** The hour before {@code now}, one reading every ten minutes, as it would have read them. */
        synchronized List<String> backlog(Instant now) {
            double current = level(now);
            List<String> out = new java.util.ArrayList<>();
            for (int minutes = 60; minutes >= 10; minutes -= 10) {
                out.add(payload(now.minusSeconds(60L * minutes), Math.max(0, current - perHour * minutes / 60.0)));
            }
            return out;
        }

        private synchronized String payload(Instant at, double l) {
            return json("{\"fillPercent\":%.1f,\"temperature\":%.1f,\"status\":\"ok\",\"battery\":%.0f,\"dateObserved\":\"%s\"}",
                    clamp(l * 100, 0, 100), 27 + 4 * bump(hour(at), 14, 4) + random.nextGaussian() * 0.4, battery.next(), at);
        }
    }

    /** Street noise: quiet at night, loud at rush hours. */
    static final class Noise extends SensorModel {
        Noise(long seed) {
            super(seed);
        }

        @Override
        String nextPayload(Instant now) {
            double h = hour(now);
            double laeq = 48 + 14 * bump(h, 7.5, 2) + 16 * bump(h, 18, 2.5) + 8 * bump(h, 12, 4) + random.nextGaussian() * 2;
            return json("{\"LAeq\":%.1f,\"LAmax\":%.1f,\"dateObserved\":\"%s\"}", clamp(laeq, 30, 120),
                    clamp(laeq + 8 + random.nextDouble() * 15, 30, 140), now);
        }
    }

    /** A street light: on from dusk to dawn, dimmed in the small hours. */
    static final class StreetLight extends SensorModel {
        private final boolean lampFailed;

        StreetLight(long seed) {
            this(seed, false);
        }

        /** {@code lampFailed}: its lamp has burnt out; it switches on, but draws almost nothing. */
        StreetLight(long seed, boolean lampFailed) {
            super(seed);
            this.lampFailed = lampFailed;
        }

        @Override
        String nextPayload(Instant now) {
            double h = hour(now);
            boolean on = h >= 17.75 || h < 5.75;
            double dim = !on ? 0 : (h >= 23 || h < 4.5) ? 0.5 : 1.0;
            double watts = !on ? 0.5 : lampFailed ? 1.5 + random.nextDouble() : 120 * dim + random.nextGaussian() * 2;
            return json("{\"powerState\":\"%s\",\"dim\":%.1f,\"powerW\":%.0f,\"status\":\"ok\",\"dateObserved\":\"%s\"}",
                    on ? (dim < 1 ? "low" : "on") : "off", dim, watts, now);
        }

        /**
         * The last 40 hours it kept, one reading every 15 minutes (oldest first), so that the last night that has
         * ended (17:00 to 07:00) is known at once whatever the hour.
         */
        List<String> backlog(Instant now) {
            List<String> out = new java.util.ArrayList<>();
            Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(40));
            for (Instant at = start; at.isBefore(now); at = at.plusSeconds(900)) {
                out.add(nextPayload(at));
            }
            return out;
        }
    }

    /**
     * A household water meter: counts up, most at morning and evening, nothing in the small hours while the house
     * sleeps, plus {@code leakLph} litres an hour all day and night if it has a leak behind it (a running cistern).
     * Battery powered. On its first uplink it sends the hourly counts it kept (the last 30 hours).
     */
    static final class WaterMeter extends SensorModel {
        private final double leakLph;
        private double total;
        private Instant last;
        private final Battery battery = new Battery(random);

        WaterMeter(long seed, double leakLph) {
            super(seed);
            this.leakLph = leakLph;
            total = 100_000 + random.nextInt(400_000);
        }

        /** Litres an hour the household uses at that hour of the city's day (no noise), leak included. */
        double expectedFlow(double h) {
            boolean asleep = h >= 0.5 && h < 5.5;
            return (asleep ? 0 : 20 + 400 * bump(h, 6.5, 1.2) + 300 * bump(h, 19, 1.5)) + leakLph;
        }

        @Override
        String nextPayload(Instant now) {
            double h = hour(now);
            double use = expectedFlow(h) - leakLph;
            double flow = clamp(use == 0 ? 0 : use + random.nextGaussian() * 10, 0, 5000) + leakLph;
            synchronized (this) {
                if (last != null) {
                    total += flow * java.time.Duration.between(last, now).toMillis() / 3_600_000.0;
                }
                last = now;
            }
            return json("{\"totalLitres\":%.0f,\"flowLph\":%.0f,\"leakAlarm\":0,\"tamper\":0,\"battery\":%.0f,\"dateObserved\":\"%s\"}",
                    total, flow, battery.next(), now);
        }

        /** The last 30 hours' counts, one an hour (oldest first), as the meter would have read them. */
        synchronized List<String> backlog(Instant now) {
            return WaterMeter.backlog(now, total, this::expectedFlow, battery.next());
        }

        static List<String> backlog(Instant now, double totalNow, java.util.function.DoubleUnaryOperator flowAtHour, double battery) {
            List<String> out = new java.util.ArrayList<>();
            double t = totalNow;
            Instant at = now;
            List<String> reversed = new java.util.ArrayList<>();
            for (int k = 1; k <= 30; k++) {                 // the last night (01:00–05:00) ended at most 30 h ago
                // Back one hour: what flowed in it, taken at its middle.
                t -= flowAtHour.applyAsDouble(hour(at.minusSeconds(1800)));
                at = at.minusSeconds(3600);
                reversed.add(json("{\"totalLitres\":%.0f,\"flowLph\":%.0f,\"leakAlarm\":0,\"tamper\":0,\"battery\":%.0f,\"dateObserved\":\"%s\"}",
                        Math.max(0, t), flowAtHour.applyAsDouble(hour(at)), battery, at));
            }
            for (int i = reversed.size() - 1; i >= 0; i--) {
                out.add(reversed.get(i));
            }
            return out;
        }
    }

    /**
     * The meter at the inlet of a district's water network: what the district's households draw (their expected
     * flows) plus what its own pipes lose ({@code networkLeakLph}).
     */
    static final class DistrictInlet extends SensorModel {
        private final List<WaterMeter> households;
        private final double networkLeakLph;
        private double total;
        private Instant last;

        DistrictInlet(long seed, List<WaterMeter> households, double networkLeakLph) {
            super(seed);
            this.households = households;
            this.networkLeakLph = networkLeakLph;
            total = 5_000_000 + random.nextInt(1_000_000);
        }

        double flow(double h) {
            return households.stream().mapToDouble(m -> m.expectedFlow(h)).sum() + networkLeakLph;
        }

        @Override
        synchronized String nextPayload(Instant now) {
            double flow = flow(hour(now));
            if (last != null) {
                total += flow * java.time.Duration.between(last, now).toMillis() / 3_600_000.0;
            }
            last = now;
            return json("{\"totalLitres\":%.0f,\"flowLph\":%.0f,\"leakAlarm\":0,\"tamper\":0,\"battery\":100,\"dateObserved\":\"%s\"}",
                    total, flow, now);
        }

        synchronized List<String> backlog(Instant now) {
            return WaterMeter.backlog(now, total, this::flow, 100);
        }
    }

    /** A weather station: warm afternoons, humid nights, the odd shower. */
    static final class Weather extends SensorModel {
        Weather(long seed) {
            super(seed);
        }

        @Override
        String nextPayload(Instant now) {
            double h = hour(now);
            double day = Math.sin((h - 9) / 24 * 2 * Math.PI);
            return json("{\"temperature\":%.1f,\"relativeHumidity\":%.2f,\"precipitation\":%.1f,\"windSpeed\":%.1f,"
                    + "\"windDirection\":%.0f,\"atmosphericPressure\":%.1f,\"dateObserved\":\"%s\"}",
                    27 + 4.5 * day + random.nextGaussian() * 0.3, clamp(0.78 - 0.12 * day + random.nextGaussian() * 0.02, 0.3, 1),
                    random.nextDouble() < 0.1 ? random.nextDouble() * 6 : 0, clamp(3 + 2 * day + random.nextGaussian(), 0, 40),
                    (90 + random.nextGaussian() * 30 + 360) % 360, 1009 + 2 * Math.sin(h / 12 * 2 * Math.PI) + random.nextGaussian() * 0.2,
                    now);
        }
    }

    /** A kerbside parking spot: busier by day. Battery powered. */
    static final class ParkingSpot extends SensorModel {
        private boolean occupied;
        private final Battery battery = new Battery(random);

        ParkingSpot(long seed) {
            super(seed);
            occupied = random.nextBoolean();
        }

        @Override
        String nextPayload(Instant now) {
            double busy = 0.2 + 0.7 * bump(hour(now), 13, 5);
            if (random.nextDouble() < 0.1) {
                occupied = random.nextDouble() < busy;
            }
            return json("{\"status\":\"%s\",\"battery\":%.0f,\"dateObserved\":\"%s\"}", occupied ? "occupied" : "free",
                    battery.next(), now);
        }
    }

    /** A traffic counter on an arterial road: vehicles per interval, slower and congested at rush hours. */
    static final class TrafficCounter extends SensorModel {
        /** Until when an accident holds the road down to walking pace (none by default). */
        private volatile Instant incidentUntil = Instant.MIN;

        TrafficCounter(long seed) {
            super(seed);
        }

        /** An accident that began an hour and a half ago and lasts until {@code until}: vehicles crawl past at about 7 km/h. */
        void incident(Instant until) {
            incidentUntil = until;
        }

        @Override
        String nextPayload(Instant now) {
            return payload(now, now.isBefore(incidentUntil));
        }

        private String payload(Instant at, boolean incident) {
            double h = hour(at);
            double rush = weekend(at) ? 0.3 * bump(h, 10, 3) : bump(h, 7.5, 1.2) + bump(h, 17.5, 1.5);
            double vehicles = clamp(15 + 60 * rush + 20 * bump(h, 12, 4) + random.nextGaussian() * 5, 0, 1000);
            double speed = incident ? clamp(7 + random.nextGaussian(), 3, 12) : clamp(45 - 28 * rush + random.nextGaussian() * 3, 3, 90);
            return json("{\"vehicles\":%.0f,\"occupancy\":%.2f,\"speedKmh\":%.0f,\"congested\":%s,\"dateObserved\":\"%s\"}",
                    vehicles, clamp(incident ? 0.8 : 0.1 + 0.6 * rush, 0, 1), speed, speed < 20, at);
        }

        private static boolean weekend(Instant at) {
            java.time.DayOfWeek d = at.atZone(VIETNAM).getDayOfWeek();
            return d == java.time.DayOfWeek.SATURDAY || d == java.time.DayOfWeek.SUNDAY;
        }

        /**
         * The last week the counter kept, two readings an hour (oldest first), so that each road's usual is known at
         * once; readings during the incident show it.
         */
        List<String> backlog(Instant now) {
            List<String> out = new java.util.ArrayList<>();
            Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofDays(7));
            for (Instant hourStart = start; hourStart.isBefore(now); hourStart = hourStart.plusSeconds(3600)) {
                for (long minute : new long[] {15, 45}) {
                    Instant at = hourStart.plusSeconds(60 * minute);
                    if (at.isBefore(now)) {
                        out.add(payload(at, at.isBefore(incidentUntil) && !at.isBefore(now.minus(java.time.Duration.ofMinutes(90)))));
                    }
                }
            }
            return out;
        }
    }

    /** A gateway's own state: on mains power with a backup battery, almost always fine. */
    static final class Gateway extends SensorModel {
        Gateway(long seed) {
            super(seed);
        }

        @Override
        String nextPayload(Instant now) {
            return json("{\"state\":\"%s\",\"battery\":100,\"dateObserved\":\"%s\"}",
                    random.nextDouble() < 0.01 ? "degraded" : "ok", now);
        }
    }

    /** A battery in percent: starts between 40 and 100, drains a little with each reading, never below 20. */
    static final class Battery {
        private double level;

        Battery(Random random) {
            level = 40 + random.nextDouble() * 60;
        }

        double next() {
            level = Math.max(20, level - 0.001);
            return level;
        }
    }

    /** How a demo device goes wrong, so the health watch has something to find. */
    enum Misbehaviour {
        /** Registered, never sends. */
        SILENT,
        /** Sends its first reading again and again (only the time moves). */
        STUCK,
        /** Every third reading has a value no real sensor of its kind could measure. */
        OUT_OF_RANGE,
        /** Its clock is ten minutes behind. */
        CLOCK_SKEW,
        /** Its battery is nearly flat. */
        LOW_BATTERY,
        /** Its first quantity jumps by up to a third either way from one reading to the next: a failing sensor. */
        NOISY
    }

    /** The model, made to misbehave. */
    static SensorModel misbehaving(SensorModel model, Misbehaviour how) {
        return new SensorModel(0) {
            private String first;
            private Instant firstAt;
            private int n;

            @Override
            String nextPayload(Instant now) {
                return switch (how) {
                    case SILENT -> throw new IllegalStateException("a silent device sends nothing");
                    case STUCK -> {
                        if (first == null) {
                            firstAt = now;
                            first = model.nextPayload(now);
                        }
                        yield first.replace(firstAt.toString(), now.toString());
                    }
                    case OUT_OF_RANGE -> {
                        String p = model.nextPayload(now);
                        yield ++n % 3 == 0 ? p.replaceFirst(":(-?[0-9.]+),", ":-99999,") : p;
                    }
                    case CLOCK_SKEW -> model.nextPayload(now.minus(java.time.Duration.ofMinutes(10)));
                    case LOW_BATTERY -> model.nextPayload(now).replaceFirst("\"battery\":[0-9]+", "\"battery\":8");
                    case NOISY -> {
                        String p = model.nextPayload(now);
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+(\\.\\d+)?),").matcher(p);
                        yield m.find() ? p.substring(0, m.start(1)) + json("%.1f", Double.parseDouble(m.group(1))
                                * (1 + (random.nextDouble() - 0.5) * 0.66)) + p.substring(m.end(1)) : p;
                    }
                };
            }
        };
    }
}
