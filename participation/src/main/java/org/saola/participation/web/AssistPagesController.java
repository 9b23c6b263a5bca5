package org.saola.participation.web;

import java.util.List;
import java.util.Optional;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.BallotRules;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipationService.Overview;
import org.saola.participation.domain.VotingRule;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ward office's side of participation: the city's processes for staff ({@code /operations/participation})
 * and, while a vote is open, the form an officer fills in with a resident who came for help
 * ({@code /operations/participation/{code}/assist}): the resident's contact, their ward, the projects they
 * choose; the receipt to hand them on paper.
 */
@Controller
@WebPage
class AssistPagesController {

    private final ParticipationService participation;
    private final BallotProblems problems;

    AssistPagesController(ParticipationService participation, BallotProblems problems) {
        this.participation = participation;
        this.problems = problems;
    }

    @GetMapping("/operations/participation")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String processes(Model model) {
        model.addAttribute("processes", participation.processes(CurrentCaller.tenant()));
        model.addAttribute("vi", CityTime.vietnamese());
        return "participation/staff-list";
    }

    @GetMapping("/operations/participation/{code}/assist")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String form(@PathVariable String code, @RequestParam Optional<String> scope, Model model) {
        return page(participation.ballotTerms(CurrentCaller.tenant(), code), scope.orElse(""), List.of(), "", model);
    }

    private String page(Overview o, String scope, List<String> chosen, String contact, Model model) {
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("contact", contact);
        Optional<Budget> budget = o.process().rule() == null ? Optional.empty() : o.process().budget(scope);
        model.addAttribute("scope", scope);
        model.addAttribute("needsWard", o.process().rule() != null && o.process().byWard() && budget.isEmpty());
        model.addAttribute("wards", o.process().budgets().stream().map(Budget::scope).toList());
        if (budget.isPresent()) {
            VotingRule rule = o.process().rule();
            long minimum = BallotRules.minimumSpend(o.process(), budget.get(), o.projects());
            model.addAttribute("ruleText", rule.kind() == VotingRule.Kind.KNAPSACK
                    ? ParticipationPagesController.money(budget.get().amount()) + (minimum > 0 ? " (≥ "
                            + ParticipationPagesController.money(minimum) + ")" : "")
                    : "≤ " + rule.maxChoices());
            model.addAttribute("projects", ParticipationPagesController.views(o.projects(), budget.get().scope(), chosen));
        }
        return "participation/assist";
    }

    @PostMapping("/operations/participation/{code}/assist")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String assist(@PathVariable String code, @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "") String scope, @RequestParam(name = "project", required = false) List<String> projects,
            Model model, RedirectAttributes redirect) {
        List<String> chosen = projects == null ? List.of() : projects;
        try {
            problems.explain(participation.ballotTerms(CurrentCaller.tenant(), code), new Ballot(scope, chosen));
            ParticipationService.Cast cast = participation.castAssisted(CurrentCaller.principal(), code, contact,
                    new Ballot(scope, chosen));
            redirect.addFlashAttribute("receipt", cast.receipt());
            redirect.addFlashAttribute("replaced", cast.replaced());
            return "redirect:/operations/participation/" + code + "/assist";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("problemField", e instanceof InvalidInputException i && i.field().equals("contact") ? "contact" : "projects");
            return page(participation.ballotTerms(CurrentCaller.tenant(), code), scope, chosen, contact, model);
        }
    }
}
