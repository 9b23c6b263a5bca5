package org.saola.domains.waste.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routes as the solver plans them: within each truck's capacity and shift, every stop once, short. */
class RoutePlannerTest {

    static final double DEPOT_LAT = 16.05;
    static final double DEPOT_LON = 108.20;

    /** {@code n} containers scattered within about 3 km of the depot, deterministic. */
    static double[][] places(int n, long seed) {
        Random random = new Random(seed);
        double[][] p = new double[n + 1][];
        p[0] = new double[] {DEPOT_LAT, DEPOT_LON};
        for (int i = 1; i <= n; i++) {
            p[i] = new double[] {DEPOT_LAT + (random.nextDouble() - 0.5) * 0.05, DEPOT_LON + (random.nextDouble() - 0.5) * 0.05};
        }
        return p;
    }

    static List<RoutePlanner.StopSpec> stops(int n, long litres) {
        List<RoutePlanner.StopSpec> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new RoutePlanner.StopSpec("c" + i, i, litres));
        }
        return out;
    }

    @Test
    void everyStopIsVisitedOnceWithinCapacityAndShift() {
        int n = 40;
        List<RoutePlanner.TruckSpec> trucks = List.of(new RoutePlanner.TruckSpec("t1", 0, 10_000, Duration.ofHours(6)),
                new RoutePlanner.TruckSpec("t2", 0, 10_000, Duration.ofHours(6)),
                new RoutePlanner.TruckSpec("t3", 0, 10_000, Duration.ofHours(6)));
        // 40 × 600 L = 24 000 L: no truck can take them all (10 000 L each), three together can.
        RoutePlanner.Plan plan = RoutePlanner.solve(new RoutePlanner.Problem(places(n, 7), trucks, stops(n, 600), 1.3, 20,
                Duration.ofMinutes(2)), Duration.ofSeconds(3));
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.unserved()).isEmpty();
        Set<String> seen = new HashSet<>();
        for (RoutePlanner.Route r : plan.routes()) {
            assertThat(r.litres()).isLessThanOrEqualTo(10_000);
            assertThat(r.seconds()).isLessThanOrEqualTo(6 * 3600);
            assertThat(r.stops()).allMatch(seen::add);
        }
        assertThat(seen).hasSize(n);
        assertThat(plan.routes().stream().filter(r -> !r.stops().isEmpty()).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theRoutesAreShorterThanVisitingInTheOrderGiven() {
        int n = 30;
        double[][] places = places(n, 11);
        RoutePlanner.Plan plan = RoutePlanner.solve(new RoutePlanner.Problem(places,
                List.of(new RoutePlanner.TruckSpec("t1", 0, 100_000, Duration.ofHours(10))), stops(n, 100), 1.3, 20,
                Duration.ofMinutes(1)), Duration.ofSeconds(3));
        Distances d = Distances.straightLine(places, 1.3);
        long inOrder = 0;
        for (int i = 0; i < n; i++) {
            inOrder += d.metres(i, i + 1);
        }
        inOrder += d.metres(n, 0);
        // A random order over 30 points is several times the length of a good tour.
        assertThat(plan.metres()).isLessThan(inOrder / 2);
        // The plan's metres are the sum of its legs, recomputed here from the stops' order.
        RoutePlanner.Route r = plan.routes().getFirst();
        long again = 0;
        int from = 0;
        for (String s : r.stops()) {
            int at = Integer.parseInt(s.substring(1));
            again += d.metres(from, at);
            from = at;
        }
        again += d.metres(from, 0);
        assertThat(r.metres()).isEqualTo(again);
    }

    @Test
    void whatTheFleetCannotCarryIsLeftUnservedNotOverloaded() {
        int n = 10;
        RoutePlanner.Plan plan = RoutePlanner.solve(new RoutePlanner.Problem(places(n, 3),
                List.of(new RoutePlanner.TruckSpec("t1", 0, 3_000, Duration.ofHours(8))), stops(n, 660), 1.3, 20,
                Duration.ofMinutes(2)), Duration.ofSeconds(2));
        // 3 000 L takes four containers of 660 L: six are left for another round, none overloads the truck.
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.visits()).isEqualTo(4);
        assertThat(plan.unserved()).hasSize(6);
    }

    @Test
    void twoOptUncrossesARoute() {
        // A square's corners visited crosswise (0,0 → 1,1 → 1,0 → 0,1): uncrossed, it is the square's perimeter.
        double[][] places = {{16.0, 108.0}, {16.01, 108.01}, {16.01, 108.0}, {16.0, 108.01}};
        Distances d = Distances.straightLine(places, 1.0);
        List<Stop> crossed = List.of(new Stop("a", 1, 1, 0, d, 5), new Stop("b", 2, 1, 0, d, 5), new Stop("c", 3, 1, 0, d, 5));
        List<Stop> uncrossed = RoutePlanner.twoOpt(crossed, 0, d);
        assertThat(uncrossed.stream().map(Stop::getId).toList()).isIn(List.of("b", "a", "c"), List.of("c", "a", "b"));
    }

    @Test
    void distancesAreGreatCircleTimesTheRoadFactor() {
        // One degree of latitude is 111.2 km on the mean Earth.
        assertThat(Distances.haversine(16, 108, 17, 108)).isBetween(111_150.0, 111_250.0);
        Distances d = Distances.straightLine(new double[][] {{16, 108}, {16.01, 108}}, 1.5);
        assertThat(d.metres(0, 1)).isEqualTo((int) Math.round(Distances.haversine(16, 108, 16.01, 108) * 1.5));
        assertThat(d.metres(1, 0)).isEqualTo(d.metres(0, 1));
    }
}
