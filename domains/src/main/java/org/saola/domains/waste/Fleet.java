package org.saola.domains.waste;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.saola.platform.InvalidInputException;

/**
 * A city's waste collection as the planner needs it: the depots trucks start from and return to, the trucks, and
 * how rounds are planned. Checked whole before it is kept ({@link #validated()}); every mistake names its field.
 *
 * @param roundEvery time between two rounds: a container that will be full before the next round is visited now
 * @param fullAt the level counted as full (0.9: nine tenths)
 * @param containerLitres the volume of a container (bins of one model per city, as a rule)
 * @param roadFactor road distance over straight-line distance, until the city's street graph is imported
 * @param speedKmh the trucks' average speed between stops
 * @param serviceMinutes minutes to empty one container
 * @param solveSeconds how long the solver may improve a plan
 */
public record Fleet(List<Depot> depots, List<TruckSpec> trucks, String roundEvery, Double fullAt, Integer containerLitres,
        Double roadFactor, Double speedKmh, Double serviceMinutes, Integer solveSeconds) {

    public record Depot(String id, String name, Double latitude, Double longitude) {
    }

    /** A truck: its depot (an id of {@link #depots}), litres it carries, its shift in the city's local time. */
    public record TruckSpec(String id, String name, String depot, Long capacityLitres, String shiftStart, String shiftEnd) {

        /** How long the shift lasts (a shift past midnight ends the next day). */
        public Duration shift() {
            Duration d = Duration.between(LocalTime.parse(shiftStart), LocalTime.parse(shiftEnd));
            return d.isNegative() || d.isZero() ? d.plusDays(1) : d;
        }
    }

    /** Nothing set up yet: no depot, no truck, the defaults of a daily round. */
    public static Fleet none() {
        return new Fleet(List.of(), List.of(), "P1D", 0.9, 660, 1.3, 20.0, 2.0, 30).validated();
    }

    public Duration round() {
        return Duration.parse(roundEvery);
    }

    /** This fleet with its defaults filled in, or the first mistake as an {@link InvalidInputException}. */
    public Fleet validated() {
        List<Depot> ds = depots == null ? List.of() : depots;
        List<TruckSpec> ts = trucks == null ? List.of() : trucks;
        if (ds.size() > 50) {
            throw new InvalidInputException("depots", "at most 50 depots");
        }
        if (ts.size() > 200) {
            throw new InvalidInputException("trucks", "at most 200 trucks");
        }
        Set<String> depotIds = new HashSet<>();
        for (int i = 0; i < ds.size(); i++) {
            Depot d = ds.get(i);
            String at = "depots[" + i + "]";
            if (d == null) {
                throw new InvalidInputException(at, "a depot is an object with id, name, latitude and longitude");
            }
            id(at + ".id", d.id());
            if (!depotIds.add(d.id())) {
                throw new InvalidInputException(at + ".id", "two depots are called " + d.id());
            }
            text(at + ".name", d.name());
            if (d.latitude() == null || d.latitude() < -90 || d.latitude() > 90) {
                throw new InvalidInputException(at + ".latitude", "a latitude in degrees, from -90 to 90");
            }
            if (d.longitude() == null || d.longitude() < -180 || d.longitude() > 180) {
                throw new InvalidInputException(at + ".longitude", "a longitude in degrees, from -180 to 180");
            }
        }
        Set<String> truckIds = new HashSet<>();
        for (int i = 0; i < ts.size(); i++) {
            TruckSpec t = ts.get(i);
            String at = "trucks[" + i + "]";
            if (t == null) {
                throw new InvalidInputException(at, "a truck is an object with id, name, depot, capacityLitres, shiftStart and shiftEnd");
            }
            id(at + ".id", t.id());
            if (!truckIds.add(t.id())) {
                throw new InvalidInputException(at + ".id", "two trucks are called " + t.id());
            }
            text(at + ".name", t.name());
            if (t.depot() == null || !depotIds.contains(t.depot())) {
                throw new InvalidInputException(at + ".depot", "the id of one of the depots above");
            }
            if (t.capacityLitres() == null || t.capacityLitres() < 1 || t.capacityLitres() > 1_000_000) {
                throw new InvalidInputException(at + ".capacityLitres", "the litres of loose waste the truck takes, 1 to 1 000 000");
            }
            time(at + ".shiftStart", t.shiftStart());
            time(at + ".shiftEnd", t.shiftEnd());
        }
        Duration round;
        try {
            round = Duration.parse(roundEvery == null ? "P1D" : roundEvery);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("roundEvery", "an ISO 8601 duration such as P1D or PT12H");
        }
        if (round.compareTo(Duration.ofMinutes(10)) < 0 || round.compareTo(Duration.ofDays(14)) > 0) {
            throw new InvalidInputException("roundEvery", "rounds are from 10 minutes to 14 days apart");
        }
        double full = range("fullAt", fullAt, 0.9, 0.1, 1.0, "the level counted as full, from 0.1 to 1");
        double road = range("roadFactor", roadFactor, 1.3, 1.0, 3.0, "road over straight-line distance, from 1 to 3");
        double speed = range("speedKmh", speedKmh, 20.0, 1.0, 120.0, "the trucks' average speed in km/h, from 1 to 120");
        double service = range("serviceMinutes", serviceMinutes, 2.0, 0.0, 120.0, "minutes to empty a container, from 0 to 120");
        int litres = (int) range("containerLitres", containerLitres == null ? null : containerLitres.doubleValue(), 660.0, 1, 100_000,
                "the litres a container holds, 1 to 100 000");
        int solve = (int) range("solveSeconds", solveSeconds == null ? null : solveSeconds.doubleValue(), 30.0, 1, 600,
                "seconds the solver may improve a plan, 1 to 600");
        return new Fleet(List.copyOf(ds), List.copyOf(ts), round.toString(), full, litres, road, speed, service, solve);
    }

    public java.util.Optional<Depot> depot(String id) {
        return depots.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** A depot's name (its id when there is no such depot). */
    public String depotName(String id) {
        return depot(id).map(Depot::name).orElse(id);
    }

    private static void id(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidInputException(field, "an id of letters, digits, '.', '_' or '-', at most 64");
        }
    }

    private static void text(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new InvalidInputException(field, "a name of 1 to 200 characters");
        }
    }

    private static void time(String field, String value) {
        try {
            LocalTime.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "a time of day as HH:MM");
        }
    }

    private static double range(String field, Double value, double fallback, double min, double max, String what) {
        double v = value == null ? fallback : value;
        if (Double.isNaN(v) || v < min || v > max) {
            throw new InvalidInputException(field, what);
        }
        return v;
    }
}
