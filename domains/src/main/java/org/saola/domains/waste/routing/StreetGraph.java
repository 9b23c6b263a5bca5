package org.saola.domains.waste.routing;

import com.graphhopper.GraphHopper;
import com.graphhopper.config.Profile;
import com.graphhopper.json.Statement;
import com.graphhopper.routing.DijkstraOneToMany;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.PMap;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The city's street graph for the collection rounds, with GraphHopper: an OpenStreetMap extract (XML or PBF) imported
 * once into a graph directory (later starts load it), roads a truck may drive (OSM's car access), and the distance
 * of the shortest drivable route between two places. Each place is snapped to the nearest junction of a drivable
 * road; the straight line from the place to it is added to the route. For one plan's places, one search from each
 * place finds the routes to all the others ({@link DijkstraOneToMany}), since GraphHopper's open-source core has no
 * matrix API; the searches are shared out over the cores, and the last distances are kept, since a city's bins stay
 * where they are from one round to the next.
 */
public final class StreetGraph implements AutoCloseable {

    static final String PROFILE = "truck";

    private final GraphHopper hopper;
    private final Weighting weighting;

    private StreetGraph(GraphHopper hopper) {
        this.hopper = hopper;
        this.weighting = hopper.createWeighting(hopper.getProfile(PROFILE), new PMap());
    }

    /** Imports {@code osm} into {@code directory} the first time (a few seconds for a city), loads it afterwards. */
    public static StreetGraph load(Path osm, Path directory) {
        if (!Files.isRegularFile(osm)) {
            throw new IllegalArgumentException("no street network at " + osm);
        }
        // Shortest drivable distance: roads without car access excluded, time counting for almost nothing.
        CustomModel model = new CustomModel()
                .addToPriority(Statement.If("!car_access", Statement.Op.MULTIPLY, "0"))
                .addToSpeed(Statement.If("true", Statement.Op.LIMIT, "car_average_speed"))
                .setDistanceInfluence(10_000.0);
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(osm.toString());
        hopper.setGraphHopperLocation(directory.toString());
        hopper.setEncodedValuesString("car_access, car_average_speed");
        hopper.setProfiles(new Profile(PROFILE).setCustomModel(model));
        hopper.setMinNetworkSize(20);
        hopper.importOrLoad();
        return new StreetGraph(hopper);
    }

    /**
     * Route distances in metres between {@code places} ({latitude, longitude} each); a place farther than
     * {@code maxSnapMetres} from any drivable road, or two places with no route between them, fall back to the
     * straight line times {@code roadFactor}.
     */
    public Distances distances(double[][] places, double roadFactor, double maxSnapMetres) {
        int n = places.length;
        BaseGraph graph = hopper.getBaseGraph();
        NodeAccess nodes = graph.getNodeAccess();
        int[] node = new int[n];
        double[] offset = new double[n];
        for (int i = 0; i < n; i++) {
            Snap snap = hopper.getLocationIndex().findClosest(places[i][0], places[i][1], EdgeFilter.ALL_EDGES);
            node[i] = -1;
            if (snap.isValid()) {
                int closest = snap.getClosestNode();
                if (closest < graph.getNodes()) {
                    double d = Distances.haversine(places[i][0], places[i][1], nodes.getLat(closest), nodes.getLon(closest));
                    if (d <= maxSnapMetres) {
                        node[i] = closest;
                        offset[i] = d;
                    }
                }
            }
        }
        Cached cached = last;
        if (cached != null && cached.roadFactor() == roadFactor && java.util.Arrays.deepEquals(cached.places(), places)) {
            return cached.distances();
        }
        int[][] m = new int[n][n];
        // One search from each place, the places shared out over the cores (the graph is only read).
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            DijkstraOneToMany search = new DijkstraOneToMany(graph, weighting, TraversalMode.NODE_BASED);
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double metres = -1;
                if (node[i] >= 0 && node[j] >= 0) {
                    if (node[i] == node[j]) {
                        metres = Distances.haversine(places[i][0], places[i][1], places[j][0], places[j][1]);
                    } else {
                        com.graphhopper.routing.Path path = search.calcPath(node[i], node[j]);
                        if (path.isFound()) {
                            metres = offset[i] + path.getDistance() + offset[j];
                        }
                    }
                }
                if (metres < 0) {
                    metres = Distances.haversine(places[i][0], places[i][1], places[j][0], places[j][1]) * roadFactor;
                }
                m[i][j] = (int) Math.round(metres);
            }
        });
        Distances d = Distances.of(m);
        last = new Cached(java.util.Arrays.stream(places).map(double[]::clone).toArray(double[][]::new), roadFactor, d);
        return d;
    }

    /** The last distances measured: the city's bins do not move, so the next round's are usually the same. */
    private record Cached(double[][] places, double roadFactor, Distances distances) {
    }

    private volatile Cached last;

    /**
     * The streets of the shortest drivable route through {@code places} in order, as {latitude, longitude} points
     * (a leg without a route is a straight line).
     */
    public java.util.List<double[]> line(java.util.List<double[]> places) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < places.size(); i++) {
            double[] a = places.get(i);
            double[] b = places.get(i + 1);
            com.graphhopper.GHResponse r = hopper.route(new com.graphhopper.GHRequest(a[0], a[1], b[0], b[1]).setProfile(PROFILE));
            if (r.hasErrors()) {
                out.add(a);
                out.add(b);
                continue;
            }
            for (com.graphhopper.util.shapes.GHPoint3D p : r.getBest().getPoints()) {
                out.add(new double[] {Math.round(p.lat * 1e5) / 1e5, Math.round(p.lon * 1e5) / 1e5});
            }
        }
        return out;
    }

    /** Junctions and road segments in the graph (for the staff page and the logs). */
    public String size() {
        return hopper.getBaseGraph().getNodes() + " junctions, " + hopper.getBaseGraph().getEdges() + " road segments";
    }

    @Override
    public void close() {
        hopper.close();
    }
}
