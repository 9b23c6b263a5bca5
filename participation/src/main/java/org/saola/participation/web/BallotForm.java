package org.saola.participation.web;

import java.util.List;
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
import org.saola.web.shell.CityTime;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the residents' ballot and the ward office's form share: the ballot's model (the ward to choose, or the
 * chosen budget's rule and projects; see the fragments in {@code participation/ballot.html}), and a ballot's
 * common mistakes said in the page's language before the domain's own check ({@link BallotRules}, which has
 * the last word) would say them in English.
 */
@Component
class BallotForm {

    private final MessageSource messages;

    BallotForm(MessageSource messages) {
        this.messages = messages;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** A mistake on the ballot: said in the page's language, and keyed so that a page showing it again says it so too. */
    private InvalidInputException problem(String key, Object... args) {
        return new InvalidInputException("project", message(key, args), key, args);
    }

    /** The ballot's part of the page's model, for a resident voting in {@code scope} who has ticked {@code chosen}. */
    static void fill(Model model, Overview o, String scope, List<String> chosen) {
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        Optional<Budget> budget = o.process().rule() == null ? Optional.empty() : o.process().budget(scope);
        model.addAttribute("scope", scope);
        model.addAttribute("needsWard", o.process().rule() != null && o.process().byWard() && budget.isEmpty());
        model.addAttribute("wards", o.process().budgets().stream().map(Budget::scope).toList());
        if (budget.isPresent()) {
            VotingRule rule = o.process().rule();
            long minimum = BallotRules.minimumSpend(o.process(), budget.get(), o.projects());
            model.addAttribute("knapsack", rule.kind() == VotingRule.Kind.KNAPSACK);
            model.addAttribute("budgetText", ParticipationPagesController.money(budget.get().amount()));
            model.addAttribute("budgetAmount", budget.get().amount());
            model.addAttribute("minimum", minimum);
            model.addAttribute("minimumText", ParticipationPagesController.money(minimum));
            model.addAttribute("maxChoices", rule.maxChoices());
            model.addAttribute("minProjects", BallotRules.minimumProjects(o.process(), budget.get(), o.projects()));
            model.addAttribute("projects", ParticipationPagesController.views(o.projects(), budget.get().scope(), chosen));
            long total = o.projects().stream().filter(p -> chosen.contains(p.code())).mapToLong(Project::cost).sum();
            model.addAttribute("totalText", ParticipationPagesController.money(total));
        }
    }

    void explain(Overview o, Ballot ballot) {
        Optional<Budget> budget = o.process().budget(ballot.scope());
        if (budget.isEmpty() || o.process().rule() == null) {
            return;
        }
        if (ballot.projects().isEmpty()) {
            throw problem("participation.vote.none");
        }
        long total = o.projects().stream().filter(p -> ballot.projects().contains(p.code())).mapToLong(Project::cost).sum();
        VotingRule rule = o.process().rule();
        String money = ParticipationPagesController.money(total);
        int least = BallotRules.minimumProjects(o.process(), budget.get(), o.projects());
        if (ballot.projects().size() < least) {
            throw problem("participation.vote.tooFew", least, ballot.projects().size());
        }
        if (rule.kind() == VotingRule.Kind.KNAPSACK) {
            if (total > budget.get().amount()) {
                throw problem("participation.vote.overBudget", money, ParticipationPagesController.money(budget.get().amount()));
            }
            long minimum = BallotRules.minimumSpend(o.process(), budget.get(), o.projects());
            if (total < minimum) {
                throw problem("participation.vote.underMinimum", ParticipationPagesController.money(minimum), money);
            }
        } else if (ballot.projects().size() > rule.maxChoices()) {
            throw problem("participation.vote.tooMany", rule.maxChoices(), ballot.projects().size());
        }
    }
}
