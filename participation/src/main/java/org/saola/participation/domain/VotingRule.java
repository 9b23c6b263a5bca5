package org.saola.participation.domain;

import java.time.LocalTime;
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
 * Under either rule, {@code minProjects} asks for at least that many projects on a ballot (Decidim's "minimum
 * number of projects"; with approval voting, "choose 2 to 3"). {@code closesAt} is the time of day the vote
 * closes on its last day (null: at midnight, when the day ends), as a polling station closes at 17:00.
 * Either way the count is the same: projects ranked by votes, funded in that order while the budget lasts
 * ({@link Tally}).
 */
public record VotingRule(Kind kind, int minimumSpendPercent, int maxChoices, int minProjects, LocalTime closesAt) {

    public enum Kind { KNAPSACK, APPROVAL }

    /** A rule without a minimum number of projects, closing at midnight of the last voting day. */
    public VotingRule(Kind kind, int minimumSpendPercent, int maxChoices) {
        this(kind, minimumSpendPercent, maxChoices, 0, null);
    }

    public VotingRule {
        if (kind == null) {
            throw new InvalidInputException("voting.rule", "say how residents vote: KNAPSACK or APPROVAL",
                    "participation.problem.votingRule");
        }
        if (minimumSpendPercent < 0 || minimumSpendPercent > 100) {
            throw new InvalidInputException("voting.minimumSpendPercent", "the minimum share of the budget is 0-100 %; got "
                    + minimumSpendPercent, "participation.problem.minimumSpend", minimumSpendPercent);
        }
        if (kind == Kind.APPROVAL && (maxChoices < 1 || maxChoices > 100)) {
            throw new InvalidInputException("voting.maxChoices", "approval voting needs how many projects a resident may choose (1-100); got "
                    + maxChoices, "participation.problem.approvalMaxChoices", maxChoices);
        }
        if (kind == Kind.KNAPSACK && maxChoices != 0) {
            throw new InvalidInputException("voting.maxChoices", "with the knapsack rule the budget limits the choice; leave maxChoices out",
                    "participation.problem.knapsackMaxChoices");
        }
        if (kind == Kind.APPROVAL && minimumSpendPercent != 0) {
            throw new InvalidInputException("voting.minimumSpendPercent", "a minimum spend is a knapsack rule; leave it out with APPROVAL",
                    "participation.problem.approvalMinimumSpend");
        }
        if (minProjects < 0 || minProjects > 100) {
            throw new InvalidInputException("voting.minProjects", "the least number of projects on a ballot is 0-100; got " + minProjects,
                    "participation.problem.minProjects", minProjects);
        }
        if (kind == Kind.APPROVAL && minProjects > maxChoices) {
            throw new InvalidInputException("voting.minProjects", "at least " + minProjects + " but at most " + maxChoices
                    + " projects leaves no ballot possible; minProjects is at most maxChoices", "participation.problem.minAboveMax",
                    minProjects, maxChoices);
        }
        if (closesAt != null && closesAt.withSecond(0).withNano(0).equals(LocalTime.MIDNIGHT)) {
            throw new InvalidInputException("voting.closesAt", "a vote closing at 00:00 would close as its last day begins;"
                    + " leave closesAt out to close when the last day ends", "participation.problem.closesAtMidnight");
        }
        if (closesAt != null) {
            closesAt = closesAt.withSecond(0).withNano(0);
        }
    }

    /** A closing time as typed (like 17:00), or null when none is given; the field names it in the problem. */
    public static LocalTime closingTime(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a time of day like 17:00; got '" + text + "'", "participation.problem.timeOfDay",
                    ProblemArgs.field(field));
        }
    }

    /** The same rule with a minimum number of projects per ballot. */
    public VotingRule withMinProjects(int least) {
        return new VotingRule(kind, minimumSpendPercent, maxChoices, least, closesAt);
    }

    /** The same rule, the vote closing at this time of its last day. */
    public VotingRule closingAt(LocalTime time) {
        return new VotingRule(kind, minimumSpendPercent, maxChoices, minProjects, time);
    }

    public static VotingRule knapsack(int minimumSpendPercent) {
        return new VotingRule(Kind.KNAPSACK, minimumSpendPercent, 0);
    }

    public static VotingRule approval(int maxChoices) {
        return new VotingRule(Kind.APPROVAL, 0, maxChoices);
    }
}
