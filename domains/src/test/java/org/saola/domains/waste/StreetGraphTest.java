package org.saola.domains.waste;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saola.domains.waste.routing.Distances;
import org.saola.domains.waste.routing.GridStreets;
import org.saola.domains.waste.routing.RoutePlanner;
import org.saola.domains.waste.routing.StreetGraph;

/**
 * Distances over a street graph GraphHopper imports from a small generated OpenStreetMap network: a grid cut by a
 * river with one bridge. Across the river, a route goes by the bridge; on one bank it follows the grid.
 */
class StreetGraphTest {

    static Path dir;
    static StreetNetwork network;

    @BeforeAll
    static void importTheNetwork() throws Exception {
        dir = Files.createTempDirectory("saola-streets-");
        Path osm = dir.resolve("grid.osm");
        new GridStreets(108.200, 16.030, 108.260, 16.090, 0.003, 108.2335, List.of(16.060)).write(osm);
        network = new StreetNetwork(Optional.of(osm), dir.resolve("graph"));
    }

    @AfterAll
    static void close() throws Exception {
        network.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRouteAcrossTheRiverGoesByTheBridge() {
        StreetGraph graph = network.get().orElseThrow();
        // Two places facing each other across the river, 2.7 km south of the bridge; a third on the west bank.
        double[][] places = {{16.033, 108.2325}, {16.033, 108.2352}, {16.039, 108.215}};
        Distances d = graph.distances(places, 1.3, 500);
        double straight = Distances.haversine(16.033, 108.2325, 16.033, 108.2352);
        // By hand: to the street on each bank, 0.027° north to the bridge and back (2 × ~3 000 m), across it.
        double north = Distances.haversine(16.033, 108.233, 16.060, 108.233);
        assertThat(d.metres(0, 1)).isGreaterThan((int) (2 * north)).isLessThan((int) (2 * north + 800));
        assertThat(d.metres(0, 1)).isGreaterThan((int) (10 * straight * 1.3));
        // On one bank the route follows the grid: about the blocks east plus the blocks north.
        double grid = Distances.haversine(16.033, 108.215, 16.039, 108.215) + Distances.haversine(16.033, 108.215, 16.033, 108.2325);
        assertThat((double) d.metres(0, 2)).isBetween(grid * 0.9, grid * 1.1);
        assertThat(d.metres(1, 0)).isEqualTo(d.metres(0, 1));
        // The same places again (the next round, bins not moved): the distances kept, not searched again.
        assertThat(graph.distances(places, 1.3, 500)).isSameAs(d);
        // The route drawn on the map goes up to the bridge and back down.
        List<double[]> line = graph.line(List.of(places[0], places[1]));
        assertThat(line.stream().mapToDouble(p -> p[0]).max().orElse(0)).isBetween(16.059, 16.061);
        assertThat(line.get(0)[0]).isCloseTo(16.033, org.assertj.core.api.Assertions.within(0.001));
    }

    @Test
    void aRoundAcrossTheRiverIsPlannedOverTheStreets() {
        StreetGraph graph = network.get().orElseThrow();
        // A depot on the west bank, one bin facing it across the river, one further west.
        double[][] places = {{16.036, 108.2325}, {16.036, 108.2352}, {16.036, 108.221}};
        Distances d = graph.distances(places, 1.3, 500);
        RoutePlanner.Plan plan = RoutePlanner.solve(new RoutePlanner.Problem(places,
                List.of(new RoutePlanner.TruckSpec("t", 0, 10_000, java.time.Duration.ofHours(6))),
                List.of(new RoutePlanner.StopSpec("across", 1, 500), new RoutePlanner.StopSpec("west", 2, 500)), 1.3, 20,
                java.time.Duration.ofMinutes(2)), d, java.time.Duration.ofSeconds(1));
        // Either order drives the same loop: depot, both bins, back, each leg over the streets.
        assertThat(plan.unserved()).isEmpty();
        assertThat(plan.metres()).isEqualTo((long) d.metres(0, 1) + d.metres(1, 2) + d.metres(2, 0));
        assertThat(plan.metres()).isGreaterThan(2 * (long) Distances.haversine(16.036, 108.233, 16.060, 108.233));
    }

    @Test
    void aPlaceFarFromAnyRoadIsMeasuredInAStraightLine() {
        StreetGraph graph = network.get().orElseThrow();
        double[][] places = {{16.040, 108.210}, {16.500, 108.700}};
        Distances d = graph.distances(places, 1.3, 500);
        assertThat(d.metres(0, 1)).isEqualTo((int) Math.round(Distances.haversine(16.040, 108.210, 16.500, 108.700) * 1.3));
    }

    @Test
    void noFileNoGraph() {
        assertThat(new StreetNetwork(Optional.of(dir.resolve("missing.osm")), dir.resolve("none")).get()).isEmpty();
        assertThat(new StreetNetwork(Optional.empty(), dir.resolve("none")).get()).isEmpty();
    }
}
