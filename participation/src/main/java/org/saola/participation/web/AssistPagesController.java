package org.saola.participation.web;

import java.util.List;
import java.util.Optional;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipationService.Overview;
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
 * The ward office's side of participation: the city's processes for staff ({@code /operations/participation})
 * and, while a vote is open, the form an officer fills in with a resident who came for help
 * ({@code /operations/participation/{code}/assist}): the resident's contact, their ward, the projects they
 * choose; the receipt to hand them on paper.
 */
@Controller
@WebPage
class AssistPagesController {

    private final ParticipationService participation;
    private final BallotForm problems;
    private final org.saola.participation.domain.ConsultationService consultations;

    AssistPagesController(ParticipationService participation, BallotForm problems,
            org.saola.participation.domain.ConsultationService consultations) {
        this.participation = participation;
        this.problems = problems;
        this.consultations = consultations;
    }

    @GetMapping("/operations/participation")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String processes(Model model) {
        List<Overview> processes = participation.processes(CurrentCaller.tenant());
        model.addAttribute("processes", processes);
        // What a ward office may answer for a resident now (those it may help with: PARTICIPATION_ASSIST).
        model.addAttribute("openConsultations", !CurrentCaller.principal().has(Permission.PARTICIPATION_ASSIST) ? List.of()
                : processes.stream().flatMap(o -> consultations.ofProcess(CurrentCaller.tenant(), o.process().code()).stream())
                        .filter(v -> v.state() == org.saola.participation.domain.ConsultationService.State.OPEN).toList());
        model.addAttribute("canManage", CurrentCaller.principal().has(Permission.PARTICIPATION_MANAGE));
        model.addAttribute("canAssist", CurrentCaller.principal().has(Permission.PARTICIPATION_ASSIST));
        model.addAttribute("vi", CityTime.vietnamese());
        return "participation/staff-list";
    }

    @GetMapping("/operations/participation/{code}/assist")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String form(@PathVariable String code, @RequestParam Optional<String> scope, Model model) {
        return page(participation.definition(CurrentCaller.tenant(), code), scope.orElse(""), List.of(), "", model);
    }

    private String page(Overview o, String scope, List<String> chosen, String contact, Model model) {
        BallotForm.fill(model, o, scope, chosen);
        model.addAttribute("contact", contact);
        return "participation/assist";
    }

    @PostMapping("/operations/participation/{code}/assist")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String assist(@PathVariable String code, @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "") String scope, @RequestParam(name = "project", required = false) List<String> projects,
            Model model, RedirectAttributes redirect) {
        List<String> chosen = projects == null ? List.of() : projects;
        try {
            problems.explain(participation.definition(CurrentCaller.tenant(), code), new Ballot(scope, chosen));
            ParticipationService.Cast cast = participation.castAssisted(CurrentCaller.principal(), code, contact,
                    new Ballot(scope, chosen));
            redirect.addFlashAttribute("receipt", cast.receipt());
            redirect.addFlashAttribute("replaced", cast.replaced());
            return "redirect:/operations/participation/" + code + "/assist";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("problemField", e instanceof InvalidInputException i && i.field().equals("contact") ? "contact" : "projects");
            return page(participation.definition(CurrentCaller.tenant(), code), scope, chosen, contact, model);
        }
    }
}
