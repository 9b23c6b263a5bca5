package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Vehicle routing with capacities and shifts, solved by Timefold Solver: a construction heuristic puts every
 * stop on a route, then local search improves the routes until the time allowed is spent (or nothing has improved
 * for a quarter of it). Plain Java; one call per plan.
 */
public final class RoutePlanner {

    /** A truck: {@code depot} indexes the problem's places (where it starts and ends). */
    public record TruckSpec(String id, int depot, long capacityLitres, Duration shift) {
    }

    /** A container to empty: {@code place} indexes the problem's places. */
    public record StopSpec(String id, int place, long litres) {
    }

    /**
     * @param places {latitude, longitude} of every depot and container
     * @param roadFactor road distance over straight-line distance
     * @param speedKmh the trucks' average speed between stops
     * @param service the time emptying one container takes
     */
    public record Problem(double[][] places, List<TruckSpec> trucks, List<StopSpec> stops, double roadFactor,
            double speedKmh, Duration service) {
    }

    /** One truck's stops in order, with the metres and seconds its route takes and the litres it collects. */
    public record Route(String truck, List<String> stops, long metres, long seconds, long litres) {
    }

    /**
     * The routes; {@code unserved}: stops no truck could take; {@code feasible}: no truck over its capacity or
     * shift; {@code score} as the solver reports it.
     */
    public record Plan(List<Route> routes, List<String> unserved, boolean feasible, String score, Duration spent) {

        public long metres() {
            return routes.stream().mapToLong(Route::metres).sum();
        }

        public int visits() {
            return routes.stream().mapToInt(r -> r.stops().size()).sum();
        }
    }

    private RoutePlanner() {
    }

    public static Plan solve(Problem problem, Duration budget) {
        long started = System.nanoTime();
        Distances distances = Distances.straightLine(problem.places(), problem.roadFactor());
        double metresPerSecond = problem.speedKmh() / 3.6;
        List<Truck> trucks = problem.trucks().stream()
                .map(t -> new Truck(t.id(), t.depot(), t.capacityLitres(), t.shift().toSeconds())).toList();
        List<Stop> stops = problem.stops().stream().map(s -> new Stop(s.id(), s.place(), s.litres(),
                problem.service().toSeconds(), distances, metresPerSecond)).toList();
        RoutingSolution solved;
        if (stops.isEmpty() || trucks.isEmpty()) {
            solved = new RoutingSolution(trucks, stops);
        } else {
            SolverConfig config = new SolverConfig()
                    .withSolutionClass(RoutingSolution.class)
                    .withEntityClasses(Truck.class, Stop.class)
                    .withConstraintProviderClass(RoutingConstraints.class)
                    .withTerminationConfig(new TerminationConfig()
                            .withSpentLimit(budget)
                            .withUnimprovedSpentLimit(budget.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0
                                    ? Duration.ofSeconds(1) : budget.dividedBy(4)));
            Solver<RoutingSolution> solver = SolverFactory.<RoutingSolution>create(config).buildSolver();
            solved = solver.solve(new RoutingSolution(trucks, stops));
        }
        List<Route> routes = new ArrayList<>();
        boolean feasible = true;
        java.util.Set<String> served = new java.util.HashSet<>();
        for (Truck t : solved.getTrucks()) {
            long metres = 0;
            long seconds = 0;
            long litres = 0;
            int from = t.getDepot();
            for (Stop s : t.getStops()) {
                int leg = distances.metres(from, s.getPlace());
                metres += leg;
                seconds += Math.round(leg / metresPerSecond) + problem.service().toSeconds();
                litres += s.getLitres();
                from = s.getPlace();
                served.add(s.getId());
            }
            if (!t.getStops().isEmpty()) {
                int back = distances.metres(from, t.getDepot());
                metres += back;
                seconds += Math.round(back / metresPerSecond);
            }
            feasible &= litres <= t.getCapacityLitres() && seconds <= t.getShiftSeconds();
            routes.add(new Route(t.getId(), t.getStops().stream().map(Stop::getId).toList(), metres, seconds, litres));
        }
        List<String> unserved = stops.stream().map(Stop::getId).filter(id -> !served.contains(id)).toList();
        return new Plan(routes, unserved, feasible, String.valueOf(solved.getScore()),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
