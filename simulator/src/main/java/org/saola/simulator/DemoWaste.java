package org.saola.simulator;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.saola.domains.waste.RoundPlan;
import org.saola.domains.waste.WastePlanner;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo city's waste collection as a live process: its fleet (unless an operator has set one), a round planned
 * a minute after the start and every round after it, as the duty officer would, and the trucks driving each plan:
 * every {@link #STOP_EVERY} each truck empties its next container, whose level then drops, so the plan shows it
 * emptied (a real truck takes minutes per stop; the demo goes faster so that a visitor sees it).
 */
final class DemoWaste {

    private static final Logger log = LoggerFactory.getLogger(DemoWaste.class);
    static final Duration STOP_EVERY = Duration.ofSeconds(15);

    private final WastePlanner planner;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    /** Each simulated bin by the id of the entity its readings go to. */
    private final Map<String, SensorModel.WasteContainer> bins;

    DemoWaste(WastePlanner planner, ScheduledExecutorService scheduler, InstantSource clock,
            Map<String, SensorModel.WasteContainer> bins) {
        this.planner = planner;
        this.scheduler = scheduler;
        this.clock = clock;
        this.bins = bins;
    }

    void start(TenantId tenant) {
        if (planner.fleet(tenant).trucks().isEmpty()) {
            planner.setFleet(tenant, DemoCity.fleet(), "demo");
        }
        long every = planner.fleet(tenant).round().toMillis();
        scheduler.scheduleAtFixedRate(() -> {
            try {
                RoundPlan plan = planner.plan(tenant, clock.instant(), "demo");
                scheduler.schedule(() -> follow(tenant, plan.id(), 0), 5, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                log.warn("The demo could not plan a waste round: {}", e.toString());
            }
        }, 60_000, every, TimeUnit.MILLISECONDS);
    }

    /** Once the plan is ready, the trucks set off; until then it is asked again (for at most ten minutes). */
    private void follow(TenantId tenant, UUID id, int asked) {
        RoundPlan plan = planner.get(tenant, id);
        if (plan.status() == RoundPlan.Status.SOLVING && asked < 120) {
            scheduler.schedule(() -> follow(tenant, id, asked + 1), 5, TimeUnit.SECONDS);
            return;
        }
        plan.body().ifPresent(body -> {
            for (RoundPlan.RouteView route : body.routes()) {
                List<RoundPlan.StopView> stops = route.stops();
                for (int k = 0; k < stops.size(); k++) {
                    SensorModel.WasteContainer bin = bins.get(stops.get(k).container());
                    if (bin != null) {
                        scheduler.schedule(() -> bin.empty(clock.instant()), STOP_EVERY.toMillis() * (k + 1), TimeUnit.MILLISECONDS);
                    }
                }
            }
        });
    }
}
