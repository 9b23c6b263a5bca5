package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * A truck of one plan: where it starts and ends (its depot's place in {@link Distances}), what it can carry
 * (litres of loose waste, as the bins hold it) and how long its shift lasts; the solver decides its stops.
 */
@PlanningEntity
public class Truck {

    @PlanningId
    private String id;
    private int depot;
    private long capacityLitres;
    private long shiftSeconds;

    @PlanningListVariable(allowsUnassignedValues = true)
    private List<Stop> stops = new ArrayList<>();

    public Truck() {
    }

    public Truck(String id, int depot, long capacityLitres, long shiftSeconds) {
        this.id = id;
        this.depot = depot;
        this.capacityLitres = capacityLitres;
        this.shiftSeconds = shiftSeconds;
    }

    public String getId() {
        return id;
    }

    public int getDepot() {
        return depot;
    }

    public long getCapacityLitres() {
        return capacityLitres;
    }

    public long getShiftSeconds() {
        return shiftSeconds;
    }

    public List<Stop> getStops() {
        return stops;
    }

    public void setStops(List<Stop> stops) {
        this.stops = stops;
    }

    @Override
    public String toString() {
        return id;
    }
}
