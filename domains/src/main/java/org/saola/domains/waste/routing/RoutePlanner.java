package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Vehicle routing with capacities and shifts, solved by Timefold Solver: a sweep puts the stops on routes (by
 * angle round their depot, cut into one run per truck that keeps within its capacity and shift, each run in
 * nearest-neighbour order, uncrossed by 2-opt), then local search improves the routes until the time allowed is spent (or nothing has
 * improved for a quarter of it). Plain Java; one call per plan.
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

    /**
     * The first routes: each stop goes to the trucks of its nearest depot; there, the stops are taken by angle round
     * the depot and cut into consecutive runs, one per truck, of at most an equal share each, ending a run early when
     * the truck would be over its capacity; each run is then driven nearest-neighbour and uncrossed (2-opt), giving up its last stops if
     * that is longer than the shift. Stops left over stay unassigned for the solver. Much better than inserting stops one by
     * one for thousands of stops (the solver's own construction), and in linear-logarithmic time.
     */
    static void sweep(Problem problem, List<Truck> trucks, List<Stop> stops, Distances d, double metresPerSecond) {
        if (trucks.isEmpty()) {
            return;
        }
        java.util.Map<Integer, List<Truck>> byDepot = new java.util.LinkedHashMap<>();
        trucks.forEach(t -> byDepot.computeIfAbsent(t.getDepot(), k -> new ArrayList<>()).add(t));
        java.util.Map<Integer, List<Stop>> toDepot = new java.util.HashMap<>();
        for (Stop s : stops) {
            int nearest = byDepot.keySet().stream().min(java.util.Comparator.comparingInt(dep -> d.metres(dep, s.getPlace())))
                    .orElseThrow();
            toDepot.computeIfAbsent(nearest, k -> new ArrayList<>()).add(s);
        }
        long service = problem.service().toSeconds();
        byDepot.forEach((depot, group) -> {
            List<Stop> around = toDepot.getOrDefault(depot, List.of());
            double[] home = problem.places()[depot];
            double shrink = Math.cos(Math.toRadians(home[0]));
            List<Stop> sorted = new ArrayList<>(around);
            sorted.sort(java.util.Comparator.comparingDouble(s -> Math.atan2(problem.places()[s.getPlace()][0] - home[0],
                    (problem.places()[s.getPlace()][1] - home[1]) * shrink)));
            int share = (sorted.size() + group.size() - 1) / group.size();
            int next = 0;
            for (Truck t : group) {
                List<Stop> run = new ArrayList<>();
                long litres = 0;
                while (next < sorted.size() && run.size() < share
                        && litres + sorted.get(next).getLitres() <= t.getCapacityLitres()) {
                    litres += sorted.get(next).getLitres();
                    run.add(sorted.get(next++));
                }
                List<Stop> ordered = twoOpt(nearestNeighbour(run, depot, d), depot, d);
                // Past its shift, the run gives up its last stops (left for the solver to place).
                while (!ordered.isEmpty() && seconds(ordered, depot, d, metresPerSecond, service) > t.getShiftSeconds()) {
                    ordered.removeLast();
                }
                t.setStops(ordered);
            }
        });
    }

    private static long seconds(List<Stop> route, int depot, Distances d, double metresPerSecond, long service) {
        long metres = 0;
        int at = depot;
        for (Stop s : route) {
            metres += d.metres(at, s.getPlace());
            at = s.getPlace();
        }
        metres += d.metres(at, depot);
        return Math.round(metres / metresPerSecond) + service * route.size();
    }

    /**
     * A route improved by 2-opt: any two legs that cross are uncrossed by reversing the stops between them, until no
     * such exchange shortens the route (distances are symmetric).
     */
    static List<Stop> twoOpt(List<Stop> route, int depot, Distances d) {
        int n = route.size();
        int[] at = new int[n + 2];
        at[0] = depot;
        for (int i = 0; i < n; i++) {
            at[i + 1] = route.get(i).getPlace();
        }
        at[n + 1] = depot;
        Stop[] stops = route.toArray(Stop[]::new);
        boolean improved = true;
        for (int pass = 0; improved && pass < 50; pass++) {
            improved = false;
            for (int i = 1; i < n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    long delta = (long) d.metres(at[i - 1], at[j]) + d.metres(at[i], at[j + 1])
                            - d.metres(at[i - 1], at[i]) - d.metres(at[j], at[j + 1]);
                    if (delta < 0) {
                        for (int a = i, b = j; a < b; a++, b--) {
                            int p = at[a];
                            at[a] = at[b];
                            at[b] = p;
                            Stop s = stops[a - 1];
                            stops[a - 1] = stops[b - 1];
                            stops[b - 1] = s;
                        }
                        improved = true;
                    }
                }
            }
        }
        return new ArrayList<>(List.of(stops));
    }

    private static List<Stop> nearestNeighbour(List<Stop> run, int depot, Distances d) {
        List<Stop> left = new ArrayList<>(run);
        List<Stop> ordered = new ArrayList<>(run.size());
        int at = depot;
        while (!left.isEmpty()) {
            int best = 0;
            for (int i = 1; i < left.size(); i++) {
                if (d.metres(at, left.get(i).getPlace()) < d.metres(at, left.get(best).getPlace())) {
                    best = i;
                }
            }
            Stop s = left.remove(best);
            ordered.add(s);
            at = s.getPlace();
        }
        return ordered;
    }

    public static Plan solve(Problem problem, Duration budget) {
        return solve(problem, Distances.straightLine(problem.places(), problem.roadFactor()), budget);
    }

    /** As above, over {@code distances} between the problem's places (the street graph's routes, say). */
    public static Plan solve(Problem problem, Distances distances, Duration budget) {
        long started = System.nanoTime();
        if (distances.size() != problem.places().length) {
            throw new IllegalArgumentException("the distances are between " + distances.size() + " places, the problem has "
                    + problem.places().length);
        }
        double metresPerSecond = problem.speedKmh() / 3.6;
        List<Truck> trucks = problem.trucks().stream()
                .map(t -> new Truck(t.id(), t.depot(), t.capacityLitres(), t.shift().toSeconds())).toList();
        List<Stop> stops = problem.stops().stream().map(s -> new Stop(s.id(), s.place(), s.litres(),
                problem.service().toSeconds(), distances, metresPerSecond)).toList();
        RoutingSolution solved;
        sweep(problem, trucks, stops, distances, metresPerSecond);
        if (stops.isEmpty() || trucks.isEmpty()) {
            solved = new RoutingSolution(trucks, stops);
        } else {
            SolverConfig config = new SolverConfig()
                    .withSolutionClass(RoutingSolution.class)
                    .withEntityClasses(Truck.class, Stop.class)
                    .withConstraintProviderClass(RoutingConstraints.class)
                    // Late acceptance taking the first accepted move of each step, over moves between nearby bins
                    // (NearbyMoves) and, less often, any bin moved or swapped anywhere (which also places bins left out).
                    .withPhases(new ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig(),
                            new ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig()
                                    .withMoveSelectorConfig(new ai.timefold.solver.core.config.heuristic.selector.move.composite
                                            .UnionMoveSelectorConfig().withMoveSelectors(
                                                    new ai.timefold.solver.core.config.heuristic.selector.move.factory
                                                            .MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(NearbyMoves.class)
                                                            .withFixedProbabilityWeight(4.0),
                                                    new ai.timefold.solver.core.config.heuristic.selector.move.generic.list
                                                            .ListChangeMoveSelectorConfig().withFixedProbabilityWeight(1.0),
                                                    new ai.timefold.solver.core.config.heuristic.selector.move.generic.list
                                                            .ListSwapMoveSelectorConfig().withFixedProbabilityWeight(1.0)))
                                    .withAcceptorConfig(new ai.timefold.solver.core.config.localsearch.decider.acceptor
                                            .LocalSearchAcceptorConfig().withLateAcceptanceSize(400))
                                    .withForagerConfig(new ai.timefold.solver.core.config.localsearch.decider.forager
                                            .LocalSearchForagerConfig().withAcceptedCountLimit(1)))
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
