package org.saola.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.saola.domains.waste.routing.RoutePlanner;

/**
 * The waste round planner's benchmark (issue #16): a city of 2 000 containers scattered over 16 × 16 km round one
 * depot, ten trucks; the plan for all of them (the hardest day; other sizes on the command line), within 15, 30
 * and 60 s, and how far each is from the same solver's best after a long run. In-process: the solver alone,
 * as the plan job runs it (the forecast before it reads each container's history through the context).
 *
 * <pre>./mvnw -q -DskipTests package && "$JAVA_HOME/bin/java" -cp bench/target/saola-bench.jar org.saola.bench.RoutePlanning [long-seconds [stops …]]
 * "$JAVA_HOME/bin/java" -cp bench/target/saola-bench.jar org.saola.bench.RoutePlanning streets [stops [spacing-degrees]]</pre>
 */
public final class RoutePlanning {

    private RoutePlanning() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("streets")) {
            streets(args.length > 1 ? Integer.parseInt(args[1]) : 2000, args.length > 2 ? Double.parseDouble(args[2]) : 0.0015);
            return;
        }
        int longSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int[] sizes = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {2000};
        for (int stops : sizes) {
            RoutePlanner.Problem problem = city(stops, 2026);
            long best = Long.MAX_VALUE;
            List<String> lines = new ArrayList<>();
            List<long[]> results = new ArrayList<>();
            for (int seconds : new int[] {15, 30, 60, longSeconds}) {
                RoutePlanner.Plan plan = RoutePlanner.solve(problem, Duration.ofSeconds(seconds));
                results.add(new long[] {seconds, plan.metres(), plan.spent().toMillis(), plan.unserved().size(), plan.feasible() ? 1 : 0});
                best = Math.min(best, plan.metres());
                lines.add(plan.score());
            }
            for (int i = 0; i < results.size(); i++) {
                long[] r = results.get(i);
                System.out.printf(Locale.ROOT, "routes: %d stops, 10 trucks, budget %4d s: took %6.1f s, %7.1f km (%+.1f%% vs best %.1f km), "
                                + "unserved %d, feasible %s, score %s%n", stops, r[0], r[2] / 1000.0, r[1] / 1000.0,
                        100.0 * (r[1] - best) / best, best / 1000.0, r[3], r[4] == 1, lines.get(i));
            }
        }
    }

    /**
     * The distances of a plan over a street graph: a generated grid of streets {@code spacing} degrees apart over the
     * same 16 × 16 km (a river with three bridges across it), imported by GraphHopper, then the distances between the
     * depot and {@code n} containers (one search from each place), as a plan computes them before solving.
     */
    static void streets(int n, double spacing) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("saola-bench-streets-");
        java.nio.file.Path osm = dir.resolve("grid.osm");
        new org.saola.domains.waste.routing.GridStreets(108.125, 15.978, 108.275, 16.122, spacing, 108.2335,
                List.of(16.02, 16.05, 16.09)).write(osm);
        long t0 = System.nanoTime();
        try (org.saola.domains.waste.routing.StreetGraph graph = org.saola.domains.waste.routing.StreetGraph.load(osm, dir.resolve("graph"))) {
            long t1 = System.nanoTime();
            RoutePlanner.Problem problem = city(n, 2026);
            org.saola.domains.waste.routing.Distances d = graph.distances(problem.places(), 1.3, 500);
            long t2 = System.nanoTime();
            double ratio = 0;
            int pairs = 0;
            for (int i = 0; i < Math.min(n, 200); i++) {
                for (int j = i + 1; j < Math.min(n, 200); j++) {
                    double straight = org.saola.domains.waste.routing.Distances.haversine(problem.places()[i][0], problem.places()[i][1],
                            problem.places()[j][0], problem.places()[j][1]);
                    if (straight > 100) {
                        ratio += d.metres(i, j) / straight;
                        pairs++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "streets: %s imported in %.1f s; distances between %d places in %.1f s (%.1f ms a place); "
                    + "route over straight line: mean %.2f%n", graph.size(), (t1 - t0) / 1e9, n + 1, (t2 - t1) / 1e9, (t2 - t1) / 1e6 / (n + 1),
                    ratio / Math.max(1, pairs));
            RoutePlanner.Plan plan = RoutePlanner.solve(problem, d, Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "streets: %d stops planned over the streets in %.1f s: %.1f km, unserved %d, feasible %s%n", n,
                    plan.spent().toMillis() / 1000.0, plan.metres() / 1000.0, plan.unserved().size(), plan.feasible());
        }
    }

    /**
     * {@code n} containers uniformly over 16 × 16 km round a central depot (Đà Nẵng's latitude), 200 to 660 litres
     * each; ten trucks of 120 000 litres (loose) on ten-hour shifts; one minute a stop, 20 km/h, road factor 1.3.
     */
    static RoutePlanner.Problem city(int n, long seed) {
        Random random = new Random(seed);
        double[][] places = new double[n + 1][];
        places[0] = new double[] {16.05, 108.20};
        List<RoutePlanner.StopSpec> stops = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            places[i] = new double[] {16.05 + (random.nextDouble() - 0.5) * 0.144, 108.20 + (random.nextDouble() - 0.5) * 0.150};
            stops.add(new RoutePlanner.StopSpec("c" + i, i, 200 + random.nextInt(461)));
        }
        List<RoutePlanner.TruckSpec> trucks = new ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            trucks.add(new RoutePlanner.TruckSpec("t" + t, 0, 120_000, Duration.ofHours(10)));
        }
        return new RoutePlanner.Problem(places, trucks, stops, 1.3, 20, Duration.ofMinutes(1));
    }
}
