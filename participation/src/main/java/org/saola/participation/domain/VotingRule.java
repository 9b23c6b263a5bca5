package org.saola.participation.domain;

import org.saola.platform.InvalidInputException;

/**
 * How residents choose among projects, the two rules cities use.
 *
 * <ul>
 * <li>{@link Kind#KNAPSACK}: a resident picks projects whose costs add up to no more than the budget, and, if
 * {@code minimumSpendPercent} is set, to at least that share of it (Decidim's default is 70 %).</li>
 * <li>{@link Kind#APPROVAL}: a resident approves up to {@code maxChoices} projects (at least one), whatever
 * they cost.</li>
 * </ul>
 * Either way the count is the same: projects ranked by votes, funded in that order while the budget lasts
 * ({@link Tally}).
 */
public record VotingRule(Kind kind, int minimumSpendPercent, int maxChoices) {

    public enum Kind { KNAPSACK, APPROVAL }

    public VotingRule {
        if (kind == null) {
            throw new InvalidInputException("voting.rule", "say how residents vote: KNAPSACK or APPROVAL");
        }
        if (minimumSpendPercent < 0 || minimumSpendPercent > 100) {
            throw new InvalidInputException("voting.minimumSpendPercent", "the minimum share of the budget is 0-100 %; got "
                    + minimumSpendPercent);
        }
        if (kind == Kind.APPROVAL && (maxChoices < 1 || maxChoices > 100)) {
            throw new InvalidInputException("voting.maxChoices", "approval voting needs how many projects a resident may choose (1-100); got "
                    + maxChoices);
        }
        if (kind == Kind.KNAPSACK && maxChoices != 0) {
            throw new InvalidInputException("voting.maxChoices", "with the knapsack rule the budget limits the choice; leave maxChoices out");
        }
        if (kind == Kind.APPROVAL && minimumSpendPercent != 0) {
            throw new InvalidInputException("voting.minimumSpendPercent", "a minimum spend is a knapsack rule; leave it out with APPROVAL");
        }
    }

    public static VotingRule knapsack(int minimumSpendPercent) {
        return new VotingRule(Kind.KNAPSACK, minimumSpendPercent, 0);
    }

    public static VotingRule approval(int maxChoices) {
        return new VotingRule(Kind.APPROVAL, 0, maxChoices);
    }
}
