package org.saola.participation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saola.participation.domain.NewProposal;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.Proposal;
import org.saola.participation.domain.ProposalCategory;
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
 * A ward office enters a proposal a resident brought in person (on paper, by word of mouth): the resident's
 * phone or e-mail identifies them (their limit of proposals holds across channels), the proposal is marked as
 * entered at a ward office, and the audit log records the officer and the resident.
 */
@Controller
@WebPage
class ProposalAssistPagesController {

    private final ParticipationService participation;
    private final ProposalService proposals;

    ProposalAssistPagesController(ParticipationService participation, ProposalService proposals) {
        this.participation = participation;
        this.proposals = proposals;
    }

    @GetMapping("/operations/participation/{code}/assist-proposal")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String form(@PathVariable String code, Model model) {
        return page(code, Map.of(), model);
    }

    @PostMapping("/operations/participation/{code}/assist-proposal")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String propose(@PathVariable String code, @RequestParam Map<String, String> fields, Model model, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String name : List.of("contact", "title", "body", "category", "ward", "place")) {
            typed.put(name, fields.getOrDefault(name, "").strip());
        }
        try {
            NewProposal n = new NewProposal(typed.get("title"), typed.get("body"), ProposalCategory.parse(typed.get("category")),
                    typed.get("ward"), typed.get("place"), null, null, List.of());
            Proposal p = proposals.submitAssisted(CurrentCaller.principal(), code, typed.get("contact"), n);
            redirect.addFlashAttribute("entered", p.number());
            return "redirect:/operations/participation/" + code + "/assist-proposal";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("problemField", e instanceof InvalidInputException i ? i.field() : "title");
            return page(code, typed, model);
        }
    }

    private String page(String code, Map<String, String> typed, Model model) {
        ParticipationService.Overview o = participation.definition(CurrentCaller.tenant(), code);
        model.addAttribute("o", o);
        model.addAttribute("p", o.process());
        model.addAttribute("open", o.process().proposingOn(o.today()));
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("typed", typed);
        model.addAttribute("categories", ProposalCategory.values());
        return "participation/proposal-assist";
    }
}
