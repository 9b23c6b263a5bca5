package org.saola.participation.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The count, by the rule every process states: in each budget, projects are ranked by votes (more first);
 * equal votes are broken by cost (the cheaper first, so that the money funds more projects), then by project
 * code (alphabetical), a rule anyone can apply again. Projects are funded in rank order while the budget
 * lasts: one that no longer fits is passed over and the next ones are still tried. A project nobody voted for
 * is not funded. Anyone holding the published anonymous ballots gets the same result.
 */
public final class Tally {

    /** How ties are broken, as published with every result. */
    public static final String TIE_RULE = "votes (more first), then cost (cheaper first), then project code (A to Z)";

    public record ProjectResult(String code, long cost, int votes, int rank, boolean selected) {
    }

    public record ScopeResult(String scope, long budget, int ballots, long spent, List<ProjectResult> projects) {
    }

    private Tally() {
    }

    public static List<ScopeResult> count(ParticipatoryProcess process, List<Project> projects, List<Ballot> ballots) {
        List<ScopeResult> results = new ArrayList<>();
        for (Budget budget : process.budgets()) {
            Map<String, Integer> votes = new HashMap<>();
            List<Project> offered = projects.stream().filter(p -> p.scope().equals(budget.scope())).toList();
            offered.forEach(p -> votes.put(p.code(), 0));
            int cast = 0;
            for (Ballot b : ballots) {
                if (!b.scope().equals(budget.scope())) {
                    continue;
                }
                cast++;
                for (String code : b.projects()) {
                    votes.computeIfPresent(code, (k, v) -> v + 1);
                }
            }
            List<Project> ranked = new ArrayList<>(offered);
            ranked.sort(Comparator.<Project>comparingInt(p -> -votes.get(p.code())).thenComparingLong(Project::cost)
                    .thenComparing(Project::code));
            long left = budget.amount();
            List<ProjectResult> rows = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                Project p = ranked.get(i);
                int v = votes.get(p.code());
                boolean funded = v > 0 && p.cost() <= left;
                if (funded) {
                    left -= p.cost();
                }
                rows.add(new ProjectResult(p.code(), p.cost(), v, i + 1, funded));
            }
            results.add(new ScopeResult(budget.scope(), budget.amount(), cast, budget.amount() - left, List.copyOf(rows)));
        }
        return List.copyOf(results);
    }
}
