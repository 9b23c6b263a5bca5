package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.IndexShadowVariable;
import ai.timefold.solver.core.api.domain.variable.InverseRelationShadowVariable;
import ai.timefold.solver.core.api.domain.variable.NextElementShadowVariable;
import ai.timefold.solver.core.api.domain.variable.PreviousElementShadowVariable;

/**
 * A container to empty: its place in {@link Distances}, the litres it will hold when the truck comes, and the
 * minutes emptying it takes. The solver keeps, for each stop, the truck it is on and its neighbours on that
 * route, so that the distance driven is the sum of each stop's leg (plus the way back to the depot after the last).
 */
@PlanningEntity
public class Stop {

    @PlanningId
    private String id;
    private int place;
    private long litres;
    private long serviceSeconds;
    private Distances distances;
    private double metresPerSecond;

    @InverseRelationShadowVariable(sourceVariableName = "stops")
    private Truck truck;
    @PreviousElementShadowVariable(sourceVariableName = "stops")
    private Stop previous;
    @NextElementShadowVariable(sourceVariableName = "stops")
    private Stop next;
    @IndexShadowVariable(sourceVariableName = "stops")
    private Integer index;

    public Stop() {
    }

    public Stop(String id, int place, long litres, long serviceSeconds, Distances distances, double metresPerSecond) {
        this.id = id;
        this.place = place;
        this.litres = litres;
        this.serviceSeconds = serviceSeconds;
        this.distances = distances;
        this.metresPerSecond = metresPerSecond;
    }

    /** Metres driven to this stop from the one before (or the depot) and, after the last stop, back to the depot. */
    public long legMetres() {
        if (truck == null) {
            return 0;
        }
        long m = distances.metres(previous == null ? truck.getDepot() : previous.place, place);
        if (next == null) {
            m += distances.metres(place, truck.getDepot());
        }
        return m;
    }

    /** Seconds spent on this stop: driving its leg at the trucks' average speed, then emptying the container. */
    public long legSeconds() {
        return truck == null ? 0 : Math.round(legMetres() / metresPerSecond) + serviceSeconds;
    }

    public String getId() {
        return id;
    }

    public int getPlace() {
        return place;
    }

    public long getLitres() {
        return litres;
    }

    public Truck getTruck() {
        return truck;
    }

    public void setTruck(Truck truck) {
        this.truck = truck;
    }

    public Stop getPrevious() {
        return previous;
    }

    public void setPrevious(Stop previous) {
        this.previous = previous;
    }

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    Distances distances() {
        return distances;
    }

    public Stop getNext() {
        return next;
    }

    public void setNext(Stop next) {
        this.next = next;
    }

    @Override
    public String toString() {
        return id;
    }
}
