package org.saola.domains.waste.routing;

/**
 * Road distances between the places of one plan (the depots first, then the containers), in metres: the
 * route over the city's street graph when it has one ({@link StreetGraph}), else the great-circle distance times a
 * road factor (streets are not straight lines; 1.3 is typical of a city grid). Kept as one matrix so the solver's every move reads a number, not a formula.
 */
public final class Distances {

    private static final double EARTH_METRES = 6_371_008.8;

    private final int[][] metres;

    private Distances(int[][] metres) {
        this.metres = metres;
    }

    /** Straight-line distances between {@code places} ({latitude, longitude} each) times {@code roadFactor}. */
    public static Distances straightLine(double[][] places, double roadFactor) {
        int n = places.length;
        int[][] m = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int d = (int) Math.round(haversine(places[i][0], places[i][1], places[j][0], places[j][1]) * roadFactor);
                m[i][j] = d;
                m[j][i] = d;
            }
        }
        return new Distances(m);
    }

    /** Distances already measured (over the street graph, say): {@code metres[from][to]}, kept as given. */
    public static Distances of(int[][] metres) {
        for (int[] row : metres) {
            if (row.length != metres.length) {
                throw new IllegalArgumentException("a distance matrix is square");
            }
        }
        return new Distances(metres);
    }

    /** The great-circle distance in metres between two points given in degrees. */
    public static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public int metres(int from, int to) {
        return metres[from][to];
    }

    public int size() {
        return metres.length;
    }
}
