package org.saola.participation.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.saola.platform.InvalidInputException;

/**
 * Whether a ballot follows the process's voting rule, with a message a resident understands when it does not.
 * The same check runs for every channel (online, assisted, SMS).
 */
public final class BallotRules {

    private BallotRules() {
    }

    /** The least a knapsack ballot in this budget must spend: the stated share, or everything on offer if less. */
    public static long minimumSpend(ParticipatoryProcess process, Budget budget, List<Project> projects) {
        if (process.rule() == null || process.rule().kind() != VotingRule.Kind.KNAPSACK || process.rule().minimumSpendPercent() == 0) {
            return 0;
        }
        long share = (budget.amount() * process.rule().minimumSpendPercent() + 99) / 100;
        long offered = projects.stream().filter(p -> p.scope().equals(budget.scope())).mapToLong(Project::cost).sum();
        return Math.min(share, offered);
    }

    /**
     * The fewest projects a ballot in this budget must choose: the rule's minimum, or every project on offer if
     * there are fewer (so that a ballot is always possible).
     */
    public static int minimumProjects(ParticipatoryProcess process, Budget budget, List<Project> projects) {
        if (process.rule() == null || process.rule().minProjects() == 0) {
            return 0;
        }
        return (int) Math.min(process.rule().minProjects(), projects.stream().filter(p -> p.scope().equals(budget.scope())).count());
    }

    public static void check(ParticipatoryProcess process, List<Project> projects, Ballot ballot) {
        VotingRule rule = process.rule();
        if (rule == null) {
            throw new InvalidInputException("ballot", "this process has no vote", "participation.problem.noVote");
        }
        Budget budget = process.budget(ballot.scope()).orElseThrow(() -> new InvalidInputException("scope",
                process.byWard() ? "choose the ward whose budget you vote on" + (ballot.scope().isEmpty() ? "" : "; '"
                        + ballot.scope() + "' has no budget in this process")
                        : "this process has one budget for everyone; vote without a ward",
                !process.byWard() ? "participation.problem.oneBudget"
                        : ballot.scope().isEmpty() ? "participation.problem.chooseWard" : "participation.problem.noWardBudget",
                ballot.scope()));
        if (ballot.projects().isEmpty()) {
            throw new InvalidInputException("projects", "choose at least one project", "participation.problem.noProject");
        }
        Map<String, Project> byCode = projects.stream().collect(Collectors.toMap(Project::code, Function.identity()));
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (String code : ballot.projects()) {
            Project p = byCode.get(code);
            if (p == null) {
                throw new InvalidInputException("projects", "there is no project '" + code + "' in this process",
                        "participation.problem.noSuchProject", code);
            }
            if (!p.scope().equals(budget.scope())) {
                throw new InvalidInputException("projects", "'" + p.titleEn() + "' is paid from "
                        + (p.scope().isEmpty() ? "the whole process's budget" : p.scope() + "'s budget")
                        + ", not the one you vote in", "participation.problem.otherBudget", p.titleEn(), p.titleVi());
            }
            if (!seen.add(code)) {
                throw new InvalidInputException("projects", "'" + p.titleEn() + "' is chosen twice",
                        "participation.problem.projectTwice", p.titleEn(), p.titleVi());
            }
            total += p.cost();
        }
        int least = minimumProjects(process, budget, projects);
        if (ballot.projects().size() < least) {
            throw new InvalidInputException("projects", "choose at least " + least + " projects; you chose " + ballot.projects().size(),
                    "participation.problem.tooFewProjects", least, ballot.projects().size());
        }
        switch (rule.kind()) {
            case KNAPSACK -> {
                if (total > budget.amount()) {
                    throw new InvalidInputException("projects", "the projects you chose cost " + total
                            + ", more than the budget of " + budget.amount() + "; leave some out", "participation.problem.overBudget",
                            total, budget.amount());
                }
                long minimum = minimumSpend(process, budget, projects);
                if (total < minimum) {
                    throw new InvalidInputException("projects", "choose projects worth at least " + minimum + " ("
                            + rule.minimumSpendPercent() + " % of the budget); yours cost " + total, "participation.problem.underMinimum",
                            minimum, rule.minimumSpendPercent(), total);
                }
            }
            case APPROVAL -> {
                if (ballot.projects().size() > rule.maxChoices()) {
                    throw new InvalidInputException("projects", "choose at most " + rule.maxChoices() + " projects; you chose "
                            + ballot.projects().size(), "participation.problem.tooManyProjects", rule.maxChoices(),
                            ballot.projects().size());
                }
            }
        }
    }
}
