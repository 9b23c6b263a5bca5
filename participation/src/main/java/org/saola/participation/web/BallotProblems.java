package org.saola.participation.web;

import java.util.Optional;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.BallotRules;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipationService.Overview;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.VotingRule;
import org.saola.platform.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A ballot's common mistakes said in the page's language (Vietnamese or English), before the domain's own check
 * ({@link BallotRules}, which has the last word) would say them in English: for the residents' ballot and the
 * ward office's form alike.
 */
@Component
class BallotProblems {

    private final MessageSource messages;

    BallotProblems(MessageSource messages) {
        this.messages = messages;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    void explain(Overview o, Ballot ballot) {
        Optional<Budget> budget = o.process().budget(ballot.scope());
        if (budget.isEmpty() || o.process().rule() == null) {
            return;
        }
        if (ballot.projects().isEmpty()) {
            throw new InvalidInputException("project", message("participation.vote.none"));
        }
        long total = o.projects().stream().filter(p -> ballot.projects().contains(p.code())).mapToLong(Project::cost).sum();
        VotingRule rule = o.process().rule();
        String money = ParticipationPagesController.money(total);
        if (rule.kind() == VotingRule.Kind.KNAPSACK) {
            if (total > budget.get().amount()) {
                throw new InvalidInputException("project", message("participation.vote.overBudget", money,
                        ParticipationPagesController.money(budget.get().amount())));
            }
            long minimum = BallotRules.minimumSpend(o.process(), budget.get(), o.projects());
            if (total < minimum) {
                throw new InvalidInputException("project", message("participation.vote.underMinimum",
                        ParticipationPagesController.money(minimum), money));
            }
        } else if (ballot.projects().size() > rule.maxChoices()) {
            throw new InvalidInputException("project", message("participation.vote.tooMany", rule.maxChoices(), ballot.projects().size()));
        }
    }
}
