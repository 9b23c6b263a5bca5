package org.saola.domains.waste.routing;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.domain.variable.descriptor.ListVariableDescriptor;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.list.ListChangeMove;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.list.ListSwapMove;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Moves between bins that are close to each other, the ones that can shorten a route: a bin moved to just after
 * (or before) one of its {@link #NEAREST} nearest bins, on whichever route that one is, or swapped with it. Picking
 * two bins at random among thousands almost never finds such a pair, which is why the solver's own moves alone
 * improve large plans so little (the solver's "nearby selection" does this, in its commercial edition only). The
 * moves themselves are the solver's: it keeps the routes and the score right and undoes them.
 */
public class NearbyMoves implements MoveIteratorFactory<RoutingSolution, Move<RoutingSolution>> {

    static final int NEAREST = 16;

    private Stop[] stops;
    private int[][] nearest;

    @Override
    public void phaseStarted(ScoreDirector<RoutingSolution> scoreDirector) {
        List<Stop> all = scoreDirector.getWorkingSolution().getStops();
        stops = all.toArray(Stop[]::new);
        int n = stops.length;
        int k = Math.min(NEAREST, n - 1);
        nearest = new int[n][];
        if (n == 0) {
            return;
        }
        Distances d = stops[0].distances();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            int from = stops[i].getPlace();
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            int me = i;
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(j -> j == me ? Integer.MAX_VALUE : d.metres(from, stops[j].getPlace())));
            nearest[i] = new int[k];
            for (int j = 0; j < k; j++) {
                nearest[i][j] = order[j];
            }
        }
    }

    @Override
    public long getSize(ScoreDirector<RoutingSolution> scoreDirector) {
        return (long) scoreDirector.getWorkingSolution().getStops().size() * NEAREST * 3;
    }

    @Override
    public Iterator<Move<RoutingSolution>> createOriginalMoveIterator(ScoreDirector<RoutingSolution> scoreDirector) {
        throw new UnsupportedOperationException("nearby moves are picked at random");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<Move<RoutingSolution>> createRandomMoveIterator(ScoreDirector<RoutingSolution> scoreDirector, Random random) {
        ListVariableDescriptor<RoutingSolution> list = ((InnerScoreDirector<RoutingSolution, ?>) scoreDirector)
                .getSolutionDescriptor().getListVariableDescriptor();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return stops.length > 1;
            }

            @Override
            public Move<RoutingSolution> next() {
                for (int tries = 0;; tries++) {
                    int i = random.nextInt(stops.length);
                    Stop a = stops[i];
                    Stop b = stops[nearest[i][random.nextInt(nearest[i].length)]];
                    if (a.getTruck() == null || b.getTruck() == null) {
                        if (tries < 100) {
                            continue;
                        }
                        // Hardly anything placed yet: a move to where it is, which the solver finds not doable.
                        Truck t = scoreDirector.getWorkingSolution().getTrucks().getFirst();
                        return new ListChangeMove<>(list, t, 0, t, 0);
                    }
                    int ia = a.getIndex();
                    int ib = b.getIndex();
                    boolean same = a.getTruck() == b.getTruck();
                    switch (random.nextInt(3)) {
                        case 0 -> {                      // a just after b
                            int to = same && ia < ib ? ib : ib + 1;
                            if (!(same && to == ia)) {
                                return new ListChangeMove<>(list, a.getTruck(), ia, b.getTruck(), to);
                            }
                        }
                        case 1 -> {                      // a just before b
                            int to = same && ia < ib ? ib - 1 : ib;
                            if (!(same && to == ia)) {
                                return new ListChangeMove<>(list, a.getTruck(), ia, b.getTruck(), to);
                            }
                        }
                        default -> {                     // a and b change places
                            return new ListSwapMove<>(list, a.getTruck(), ia, b.getTruck(), ib);
                        }
                    }
                }
            }
        };
    }
}
