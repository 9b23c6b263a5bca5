package org.saola.participation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saola.participation.domain.ConsultationService;
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
 * A ward office enters a survey's answers for a resident who came in person (or phoned): the same questions as
 * the residents' page, the resident known by their phone or e-mail, the answers marked as assisted and the
 * officer and resident in the audit log.
 */
@Controller
@WebPage
class ConsultationAssistPagesController {

    private final ConsultationService consultations;
    private final org.springframework.context.MessageSource messages;

    ConsultationAssistPagesController(ConsultationService consultations, org.springframework.context.MessageSource messages) {
        this.consultations = consultations;
        this.messages = messages;
    }

    @GetMapping("/operations/participation/consultations/{code}/assist")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String form(@PathVariable String code, Model model) {
        return page(code, Map.of(), "", "", model);
    }

    @PostMapping("/operations/participation/consultations/{code}/assist")
    @RequiresPermission(Permission.PARTICIPATION_ASSIST)
    String answer(@PathVariable String code, @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "") String ward, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        try {
            given = ConsultationPagesController.answers(request.getParameterMap());
            boolean replaced = consultations.answerAssisted(CurrentCaller.principal(), code, contact, ward, given);
            redirect.addFlashAttribute("done", replaced ? "replaced" : "recorded");
            return "redirect:/operations/participation/consultations/" + code + "/assist";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", org.saola.web.shell.ProblemText.of(messages, e));
            String field = e instanceof InvalidInputException i ? i.field() : "";
            boolean question = consultations.consultation(CurrentCaller.tenant(), code).consultation().questions().stream()
                    .anyMatch(q -> q.code().equals(field));
            model.addAttribute("problemAnchor", field.equals("contact") ? "assist-contact" : field.equals("ward") ? "consultation-ward"
                    : question ? "q-" + field : "consultation-form");
            return page(code, given, contact, ward, model);
        }
    }

    private String page(String code, Map<String, List<String>> given, String contact, String ward, Model model) {
        ConsultationService.View v = consultations.consultation(CurrentCaller.tenant(), code);
        model.addAttribute("v", v);
        model.addAttribute("c", v.consultation());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("given", given);
        model.addAttribute("contact", contact);
        model.addAttribute("ward", ward);
        return "participation/consultation-assist";
    }
}
