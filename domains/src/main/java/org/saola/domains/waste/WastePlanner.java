package org.saola.domains.waste;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.saola.context.AttributeInstance;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.domains.waste.routing.RoutePlanner;
import org.saola.domains.waste.store.WasteStore;
import org.saola.platform.ConflictException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Plans waste collection rounds: forecasts every container's level from its readings ({@link FillForecast}),
 * keeps those that will be full before the next round, and hands them with the fleet to the solver
 * ({@link RoutePlanner}); for comparison, plans a round visiting every container the same way. Plans are solved
 * one at a time on a thread of their own; a plan's trucks are seen to have emptied a container when its level drops.
 */
public class WastePlanner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WastePlanner.class);

    public static final String TYPE = "WasteContainer";
    static final String LEVEL = "fillingLevel";
    private static final int PAGE = 500;
    /** The most containers one plan takes: their distance matrix (4 bytes a pair) stays under 100 MB. */
    public static final int MAX_CONTAINERS = 5_000;
    private static final int READINGS = 1000;
    /** How often a plan's emptied containers are looked for, at most. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(30);

    /** Why a container is, or is not, on the round. */
    public enum Reason { FULL_BEFORE_NEXT_ROUND, NO_RECENT_READING, NOT_DUE }

    /**
     * A container's forecast for a round: its last level and when it was read, its fill rate (level per hour) if
     * known, the levels expected when the round starts and when the next one does, and whether it is due.
     */
    public record ContainerForecast(String id, String name, double latitude, double longitude, Double level,
            Instant observedAt, Double ratePerHour, Double levelAtRound, Double levelAtNextRound, Reason reason) {

        public boolean due() {
            return reason != Reason.NOT_DUE;
        }
    }

    private final ContextService context;
    private final WasteStore store;
    private final InstantSource clock;
    private final AuditLog audit;
    private final ExecutorService solving = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "waste-planner");
        t.setDaemon(true);
        return t;
    });
    private final Map<UUID, Instant> lookedAt = new ConcurrentHashMap<>();

    public WastePlanner(ContextService context, WasteStore store, InstantSource clock, AuditLog audit) {
        this(context, store, clock, audit, Optional::empty);
    }

    /** @param streets the city's street graph, when it has one (routes then follow its roads) */
    public WastePlanner(ContextService context, WasteStore store, InstantSource clock, AuditLog audit,
            java.util.function.Supplier<Optional<org.saola.domains.waste.routing.StreetGraph>> streets) {
        this.context = context;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.streets = streets;
    }

    /** Routes are drawn along their streets on the plan's map up to this many legs (a leg is a route per request). */
    static final int MAX_DRAWN_LEGS = 1_000;

    /** A place farther than this from any drivable road is measured to the others in a straight line. */
    static final double MAX_SNAP_METRES = 500;

    private final java.util.function.Supplier<Optional<org.saola.domains.waste.routing.StreetGraph>> streets;

    /** The platform's clock's now (the one plans are made with). */
    public Instant now() {
        return clock.instant();
    }

    public Fleet fleet(TenantId tenant) {
        return store.fleet(tenant).orElseGet(Fleet::none);
    }

    /** Checks and keeps a tenant's fleet (the whole of it), in the audit log under {@code actor}. */
    public Fleet setFleet(TenantId tenant, Fleet fleet, String actor) {
        Fleet checked = fleet.validated();
        store.saveFleet(tenant, checked, clock.instant());
        audit.record(tenant, actor, "WASTE_FLEET_SET", "waste-fleet", "",
                Map.of("depots", checked.depots().size(), "trucks", checked.trucks().size(), "roundEvery", checked.roundEvery()));
        return checked;
    }

    /** Every container with a place, its forecast for a round starting at {@code roundAt}, due ones first. */
    public List<ContainerForecast> forecast(TenantId tenant, Fleet fleet, Instant roundAt) {
        Instant now = clock.instant();
        Instant next = roundAt.plus(fleet.round());
        Duration lookBack = fleet.round().multipliedBy(2).compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1)
                : fleet.round().multipliedBy(2);
        String location = context.expand("location");
        String name = context.expand("name");
        List<ContainerForecast> out = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, TYPE, PAGE, offset);
            for (StoredEntity e : page) {
                JsonNode coordinates = e.attributes().path(location).path("value").path("coordinates");
                if (!e.attributes().path(location).path("value").path("type").asString("").equals("Point")
                        || !coordinates.path(0).isNumber() || !coordinates.path(1).isNumber()) {
                    continue;
                }
                String label = e.attributes().path(name).path("value").asString(e.id());
                List<FillForecast.Reading> readings = new ArrayList<>();
                for (AttributeInstance a : context.history(tenant, e.id(), LEVEL, now.minus(lookBack), now, READINGS)) {
                    JsonNode v = a.instance().get("value");
                    JsonNode at = a.instance().get("observedAt");
                    if (v != null && v.isNumber() && at != null) {
                        readings.add(new FillForecast.Reading(Instant.parse(at.asString()), v.asDouble()));
                    }
                }
                readings.sort(java.util.Comparator.comparing(FillForecast.Reading::at));
                Optional<FillForecast.Estimate> estimate = FillForecast.estimate(readings);
                double lat = coordinates.path(1).asDouble();
                double lon = coordinates.path(0).asDouble();
                if (estimate.isEmpty() || estimate.get().at().isBefore(now.minus(lookBack.dividedBy(2)))) {
                    out.add(new ContainerForecast(e.id(), label, lat, lon, estimate.map(FillForecast.Estimate::level).orElse(null),
                            estimate.map(FillForecast.Estimate::at).orElse(null), null, null, null, Reason.NO_RECENT_READING));
                    continue;
                }
                FillForecast.Estimate est = estimate.get();
                OptionalDouble rate = est.ratePerHour();
                double atRound = est.levelAt(roundAt);
                double atNext = est.levelAt(next);
                out.add(new ContainerForecast(e.id(), label, lat, lon, est.level(), est.at(),
                        rate.isPresent() ? rate.getAsDouble() : null, atRound, atNext,
                        atNext >= fleet.fullAt() ? Reason.FULL_BEFORE_NEXT_ROUND : Reason.NOT_DUE));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        out.sort(java.util.Comparator.comparing((ContainerForecast c) -> !c.due())
                .thenComparing(c -> -(c.levelAtNextRound() == null ? 2 : c.levelAtNextRound())).thenComparing(ContainerForecast::id));
        return out;
    }

    /**
     * Starts planning a round at {@code roundAt} (solved in the background: the plan is {@code SOLVING} until it is
     * {@code READY} or {@code FAILED}). A 409 without a truck.
     */
    public RoundPlan plan(TenantId tenant, Instant roundAt, String actor) {
        Fleet fleet = fleet(tenant);
        if (fleet.trucks().isEmpty()) {
            throw new ConflictException("the fleet has no truck yet: set the depots and trucks first (PUT /api/v1/waste/fleet)");
        }
        if (store.solving(tenant)) {
            throw new ConflictException("a round is being planned already; wait until it is ready (GET /api/v1/waste/plans)");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.created(tenant, id, now, actor, roundAt, roundAt.plus(fleet.round()));
        audit.record(tenant, actor, "WASTE_ROUND_PLANNED", id.toString(), "", Map.of("roundAt", roundAt.toString()));
        solving.submit(() -> {
            try {
                store.started(id, clock.instant());
                store.ready(id, solve(tenant, fleet, roundAt), clock.instant());
            } catch (RuntimeException | Error e) {
                log.warn("The waste round plan {} failed", id, e);
                store.failed(id, String.valueOf(e.getMessage()), clock.instant());
            }
        });
        return store.plan(tenant, id).orElseThrow();
    }

    /** The plan, with the containers its trucks have been seen to empty since the round started. */
    public RoundPlan get(TenantId tenant, UUID id) {
        RoundPlan plan = store.plan(tenant, id).orElseThrow(() -> new NotFoundException("no waste round plan " + id));
        Instant now = clock.instant();
        if (plan.status() != RoundPlan.Status.READY || plan.body().isEmpty() || !now.isAfter(plan.roundAt())
                || now.isAfter(plan.nextRoundAt().plus(Duration.between(plan.roundAt(), plan.nextRoundAt())))) {
            return plan;
        }
        Instant last = lookedAt.get(id);
        if (last != null && Duration.between(last, now).compareTo(LOOK_EVERY) < 0 && !now.isBefore(last)) {
            return plan;
        }
        lookedAt.put(id, now);
        lookedAt.entrySet().removeIf(e -> e.getValue().isBefore(now.minus(Duration.ofDays(1))));
        Instant until = now.isBefore(plan.nextRoundAt()) ? now : plan.nextRoundAt();
        boolean found = false;
        for (RoundPlan.RouteView route : plan.body().get().routes()) {
            for (RoundPlan.StopView stop : route.stops()) {
                if (plan.emptied().containsKey(stop.container())) {
                    continue;
                }
                // Oldest first: the first fall between two readings (the first against the level the plan saw) of
                // EMPTIED_DROP, or of half the level for a bin that was less than 0.4 full, is when the truck came.
                List<AttributeInstance> readings = new ArrayList<>(context.history(tenant, stop.container(), LEVEL, plan.roundAt(), until,
                        org.saola.context.TemporalQuery.MAX_INSTANCES));
                readings.sort(java.util.Comparator.comparing(a -> a.instance().path("observedAt").asString("")));
                double before = stop.levelSeen();
                for (AttributeInstance a : readings) {
                    JsonNode v = a.instance().get("value");
                    JsonNode at = a.instance().get("observedAt");
                    if (v == null || !v.isNumber() || at == null) {
                        continue;
                    }
                    if (v.asDouble() < before - Math.min(FillForecast.EMPTIED_DROP, before / 2)) {
                        store.emptied(id, stop.container(), Instant.parse(at.asString()));
                        found = true;
                        break;
                    }
                    before = v.asDouble();
                }
            }
        }
        return found ? store.plan(tenant, id).orElseThrow() : plan;
    }

    public List<RoundPlan> recent(TenantId tenant, int limit) {
        return store.recent(tenant, limit);
    }

    /** Plans left {@code SOLVING} by a node that stopped, failed after {@code after}. */
    public int abandon(Duration after) {
        Instant now = clock.instant();
        return store.abandon(now.minus(after), now);
    }

    RoundPlan.Body solve(TenantId tenant, Fleet fleet, Instant roundAt) {
        List<ContainerForecast> containers = forecast(tenant, fleet, roundAt);
        if (containers.size() > MAX_CONTAINERS) {
            throw new IllegalStateException("the city has " + containers.size() + " placed containers; a plan takes at most "
                    + MAX_CONTAINERS + " (the distances between all of them are held in memory): plan each zone with its own tenant");
        }
        List<double[]> places = new ArrayList<>();
        Map<String, Integer> depotPlace = new HashMap<>();
        for (Fleet.Depot d : fleet.depots()) {
            depotPlace.put(d.id(), places.size());
            places.add(new double[] {d.latitude(), d.longitude()});
        }
        Map<String, ContainerForecast> byId = new LinkedHashMap<>();
        List<RoutePlanner.StopSpec> due = new ArrayList<>();
        List<RoutePlanner.StopSpec> every = new ArrayList<>();
        for (ContainerForecast c : containers) {
            int place = places.size();
            places.add(new double[] {c.latitude(), c.longitude()});
            byId.put(c.id(), c);
            RoutePlanner.StopSpec stop = new RoutePlanner.StopSpec(c.id(), place, litres(c, fleet));
            every.add(stop);
            if (c.due()) {
                due.add(stop);
            }
        }
        List<RoutePlanner.TruckSpec> trucks = fleet.trucks().stream().map(t -> new RoutePlanner.TruckSpec(t.id(),
                depotPlace.get(t.depot()), t.capacityLitres(), t.shift())).toList();
        double[][] matrix = places.toArray(double[][]::new);
        Duration budget = Duration.ofSeconds(fleet.solveSeconds());
        Duration service = Duration.ofMillis(Math.round(fleet.serviceMinutes() * 60_000));
        Optional<org.saola.domains.waste.routing.StreetGraph> graph = streets.get();
        org.saola.domains.waste.routing.Distances distances = graph.isPresent()
                ? graph.get().distances(matrix, fleet.roadFactor(), MAX_SNAP_METRES)
                : org.saola.domains.waste.routing.Distances.straightLine(matrix, fleet.roadFactor());
        RoutePlanner.Plan plan = RoutePlanner.solve(new RoutePlanner.Problem(matrix, trucks, due, fleet.roadFactor(),
                fleet.speedKmh(), service), distances, budget);
        RoutePlanner.Plan fixed = RoutePlanner.solve(new RoutePlanner.Problem(matrix, trucks, every, fleet.roadFactor(),
                fleet.speedKmh(), service), distances, budget);
        List<RoundPlan.RouteView> routes = new ArrayList<>();
        for (RoutePlanner.Route r : plan.routes()) {
            Fleet.TruckSpec truck = fleet.trucks().stream().filter(t -> t.id().equals(r.truck())).findFirst().orElseThrow();
            Fleet.Depot depot = fleet.depot(truck.depot()).orElseThrow();
            List<RoundPlan.StopView> stops = r.stops().stream().map(byId::get).map(c -> new RoundPlan.StopView(c.id(), c.name(),
                    c.latitude(), c.longitude(), c.level() == null ? 1.0 : c.level(),
                    c.levelAtRound() == null ? 1.0 : c.levelAtRound(), litres(c, fleet))).toList();
            List<double[]> line = List.of();
            if (graph.isPresent() && due.size() + fleet.trucks().size() <= MAX_DRAWN_LEGS) {
                List<double[]> through = new ArrayList<>();
                through.add(new double[] {depot.latitude(), depot.longitude()});
                stops.forEach(st -> through.add(new double[] {st.latitude(), st.longitude()}));
                through.add(new double[] {depot.latitude(), depot.longitude()});
                line = graph.get().line(through);
            }
            routes.add(new RoundPlan.RouteView(truck.id(), truck.name(), new RoundPlan.Place(depot.id(), depot.name(),
                    depot.latitude(), depot.longitude()), stops, r.metres(), r.seconds(), r.litres(), truck.capacityLitres(), line));
        }
        return new RoundPlan.Body(containers.size(), due.size(), routes, plan.unserved(), plan.metres(), plan.visits(),
                fixed.metres(), fixed.visits(), fixed.unserved().size(), plan.feasible(), plan.score(), plan.spent().toMillis(),
                graph.isPresent() ? "STREETS" : "STRAIGHT_LINE");
    }

    /** The litres a container will hold when the truck comes (a full one, when its level is not known). */
    static long litres(ContainerForecast c, Fleet fleet) {
        double level = c.levelAtRound() == null ? 1.0 : Math.max(0, Math.min(1, c.levelAtRound()));
        return Math.round(level * fleet.containerLitres());
    }

    @Override
    public void close() {
        solving.shutdownNow();
    }
}
