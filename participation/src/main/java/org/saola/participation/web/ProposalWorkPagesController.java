package org.saola.participation.web;

import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Proposal;
import org.saola.participation.domain.ProposalService;
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
import org.saola.web.shell.ProblemText;

/**
 * The department's side of proposals ({@code /operations/participation/proposals}): the proposals waiting for
 * its answer, oldest first, each with the answer form (accept, reject with reasons, merge into another), and
 * what residents reported to the moderators, each to hide with a reason or to leave.
 */
@Controller
@WebPage
class ProposalWorkPagesController {

    private final ProposalService proposals;
    private final CityTime time;

    ProposalWorkPagesController(ProposalService proposals, CityTime time) {
        this.proposals = proposals;
        this.time = time;
    }

    @GetMapping("/operations/participation/proposals")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String work(Model model) {
        model.addAttribute("waiting", proposals.waiting(CurrentCaller.principal(), 100));
        model.addAttribute("flagged", proposals.flagged(CurrentCaller.principal(), 100));
        model.addAttribute("formatter", time.formatter());
        model.addAttribute("vi", CityTime.vietnamese());
        return "participation/proposal-work";
    }

    @PostMapping("/operations/participation/proposals/{code}/{number}/answer")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String answer(@PathVariable String code, @PathVariable int number, @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String answer, @RequestParam Optional<String> mergedInto, RedirectAttributes redirect) {
        try {
            Proposal.State d;
            try {
                d = Proposal.State.valueOf(decision);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("decision", "choose the answer: accepted, rejected or merged", "participation.problem.decision");
            }
            Integer into = null;
            if (mergedInto.isPresent() && !mergedInto.get().isBlank()) {
                try {
                    into = Integer.valueOf(mergedInto.get().strip().replaceFirst("^#", ""));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("mergedInto", "the proposal merged into is given by its number",
                            "participation.problem.mergedIntoNumber");
                }
            }
            proposals.answer(CurrentCaller.principal(), code, number, d, answer, into);
            redirect.addFlashAttribute("done", code + " #" + number);
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", "#" + number + ": " + ProblemText.of(e));
        }
        return "redirect:/operations/participation/proposals";
    }

    @PostMapping("/operations/participation/moderation/{kind}/{id}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String moderate(@PathVariable String kind, @PathVariable UUID id, @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            if ("HIDE".equals(action)) {
                proposals.moderate(CurrentCaller.principal(), kind, id, true, reason);
            } else {
                proposals.dismissFlags(CurrentCaller.principal(), kind, id);
            }
            redirect.addFlashAttribute("done", kind.toLowerCase(java.util.Locale.ROOT));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/operations/participation/proposals#moderation";
    }
}
