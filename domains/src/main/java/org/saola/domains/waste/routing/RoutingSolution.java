package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import java.util.List;

/** One routing problem as the solver sees it: the trucks, the stops, and (once solved) how good the routes are. */
@PlanningSolution
public class RoutingSolution {

    @PlanningEntityCollectionProperty
    private List<Truck> trucks;

    @PlanningEntityCollectionProperty
    @ValueRangeProvider
    private List<Stop> stops;

    @PlanningScore
    private HardMediumSoftLongScore score;

    public RoutingSolution() {
    }

    public RoutingSolution(List<Truck> trucks, List<Stop> stops) {
        this.trucks = trucks;
        this.stops = stops;
    }

    public List<Truck> getTrucks() {
        return trucks;
    }

    public List<Stop> getStops() {
        return stops;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
