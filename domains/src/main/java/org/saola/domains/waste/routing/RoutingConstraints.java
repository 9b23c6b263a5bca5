package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/**
 * What a good plan is, in order: no truck carries more than it can or works past its shift (hard: litres and
 * seconds over); every container due is visited (medium: one per container left out, which only happens when
 * the fleet cannot take them all); and the fewest metres are driven (soft).
 */
public class RoutingConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {capacity(factory), shift(factory), everyStopVisited(factory), distance(factory)};
    }

    Constraint capacity(ConstraintFactory factory) {
        return factory.forEach(Stop.class)
                .filter(stop -> stop.getTruck() != null)
                .groupBy(Stop::getTruck, ConstraintCollectors.sumLong(Stop::getLitres))
                .filter((truck, litres) -> litres > truck.getCapacityLitres())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (truck, litres) -> litres - truck.getCapacityLitres())
                .asConstraint("capacity");
    }

    Constraint shift(ConstraintFactory factory) {
        return factory.forEach(Stop.class)
                .filter(stop -> stop.getTruck() != null)
                .groupBy(Stop::getTruck, ConstraintCollectors.sumLong(Stop::legSeconds))
                .filter((truck, seconds) -> seconds > truck.getShiftSeconds())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (truck, seconds) -> seconds - truck.getShiftSeconds())
                .asConstraint("shift");
    }

    Constraint everyStopVisited(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Stop.class)
                .filter(stop -> stop.getTruck() == null)
                .penalize(HardMediumSoftLongScore.ONE_MEDIUM)
                .asConstraint("every container due visited");
    }

    Constraint distance(ConstraintFactory factory) {
        return factory.forEach(Stop.class)
                .filter(stop -> stop.getTruck() != null)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, Stop::legMetres)
                .asConstraint("distance");
    }
}
