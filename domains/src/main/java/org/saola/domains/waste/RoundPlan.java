package org.saola.domains.waste;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A round planned: when it starts, until the next, its state ({@code SOLVING} while the solver works, then
 * {@code READY} or {@code FAILED}), and once ready the routes, what they save against visiting every container,
 * and which of the containers visited were seen emptied (their level dropped).
 */
public record RoundPlan(UUID id, Instant createdAt, String createdBy, Instant roundAt, Instant nextRoundAt, Status status,
        Optional<Body> body, Optional<String> error, Map<String, Instant> emptied) {

    public enum Status { SOLVING, READY, FAILED }

    /** A depot or a stop on the map. */
    public record Place(String id, String name, double latitude, double longitude) {
    }

    /** A container on a route: what the plan expected of it when the truck comes. */
    public record StopView(String container, String name, double latitude, double longitude, double levelSeen,
            double levelAtRound, long litres) {
    }

    /**
     * A truck's route: its stops in order, metres, seconds, litres, and the share of its capacity used; {@code line}:
     * the streets it drives, as {latitude, longitude} points (empty without a street graph, or in older plans).
     */
    public record RouteView(String truck, String truckName, Place depot, List<StopView> stops, long metres, long seconds,
            long litres, long capacityLitres, List<double[]> line) {
    }

    /**
     * @param containers how many containers the city has with a known place
     * @param due how many will be full before the next round (or have no recent reading)
     * @param fixedMetres, fixedVisits what a round visiting every container drives and visits, planned the same way
     * @param unserved containers due that no truck could take (the fleet is too small for the day)
     * @param distances how distances were measured: {@code STREETS} (routes over the city's street graph) or
     *                  {@code STRAIGHT_LINE} (great-circle distance times the road factor); null in plans made before
     */
    public record Body(int containers, int due, List<RouteView> routes, List<String> unserved, long metres, int visits,
            long fixedMetres, int fixedVisits, int fixedUnserved, boolean feasible, String score, long solveMillis, String distances) {

        public long metresSaved() {
            return fixedMetres - metres;
        }

        public int visitsSaved() {
            return fixedVisits - visits;
        }
    }
}
