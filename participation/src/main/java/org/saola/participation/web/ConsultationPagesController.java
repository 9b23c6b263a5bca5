package org.saola.participation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.saola.participation.domain.Consultation;
import org.saola.participation.domain.ConsultationService;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A consultation's page, without JavaScript: while open, its questions as a form (a choice of one, choices of
 * several, a ranking by numbers, a scale, free text); once closed, the results as tables with bars and the
 * department's response.
 */
@Controller
@WebPage
class ConsultationPagesController {

    private final ConsultationService consultations;
    private final PublicTenant tenants;
    private final org.springframework.context.MessageSource messages;

    ConsultationPagesController(ConsultationService consultations, PublicTenant tenants,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.consultations = consultations;
        this.tenants = tenants;
    }


    @GetMapping("/city/participation/consultations/{code}")
    @PublicRoute("consultations are public; their results once closed")
    String page(@PathVariable String code, @RequestParam(defaultValue = "false") boolean answered, HttpServletRequest request,
            Model model) {
        TenantId tenant = tenants.of(request);
        Map<String, List<String>> mine = CurrentCaller.resident().flatMap(r -> consultations.mine(tenant, code, r.residentId())).orElse(Map.of());
        return page(tenant, code, mine, "", answered, model);
    }

    private String page(TenantId tenant, String code, Map<String, List<String>> given, String ward, boolean answered, Model model) {
        ConsultationService.View v = consultations.consultation(tenant, code);
        model.addAttribute("v", v);
        model.addAttribute("c", v.consultation());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("given", given);
        model.addAttribute("ward", ward);
        model.addAttribute("answered", answered);
        model.addAttribute("residentSignedIn", CurrentCaller.resident().isPresent());
        model.addAttribute("signInLink", org.saola.web.shell.ResidentLinks.signIn("/city/participation/consultations/" + code));
        if (v.state() == ConsultationService.State.CLOSED) {
            model.addAttribute("results", consultations.results(tenant, code));
        }
        return "participation/consultation";
    }

    @PostMapping("/city/participation/consultations/{code}")
    @PublicRoute("anyone answers a consultation open to everyone; a resident's answers replace their earlier ones")
    String answer(@PathVariable String code, @RequestParam(defaultValue = "") String ward, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Map<String, String[]> params = request.getParameterMap();
        Map<String, List<String>> given = new LinkedHashMap<>();
        try {
            given = answers(params);
            consultations.answer(tenant, code, CurrentCaller.resident().map(ResidentPrincipal::residentId), ward, given);
            return "redirect:/city/participation/consultations/" + code + "?answered=true";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", problem(tenant, code, params, e));
            model.addAttribute("problemField", e instanceof InvalidInputException i ? i.field() : "");
            return page(tenant, code, given, ward, false, model);
        }
    }

    /** The problem in the page's language: which question, and whether it was left unanswered. */
    private String problem(TenantId tenant, String code, Map<String, String[]> params, RuntimeException e) {
        if (!(e instanceof InvalidInputException invalid)) {
            return org.saola.web.shell.ProblemText.of(messages, e);
        }
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        if (invalid.field().equals("ward")) {
            return messages.getMessage("participation.consultation.problem.ward", null, locale);
        }
        Optional<Consultation.Question> q = consultations.consultation(tenant, code).consultation().questions().stream()
                .filter(x -> x.code().equals(invalid.field())).findFirst();
        if (q.isEmpty()) {
            return org.saola.web.shell.ProblemText.of(messages, e);
        }
        String c = q.get().code();
        boolean unanswered = params.entrySet().stream().filter(p -> p.getKey().equals("q-" + c) || p.getKey().startsWith("rank." + c + "."))
                .flatMap(p -> java.util.Arrays.stream(p.getValue())).allMatch(v -> v == null || v.isBlank());
        return messages.getMessage(unanswered ? "participation.consultation.problem.required" : "participation.consultation.problem",
                new Object[] {q.get().text(CityTime.vietnamese())}, locale);
    }

    /**
     * The form's fields as answers: {@code q-<question>} (one or several values) and, for a ranking,
     * {@code rank.<question>.<option>} = its place (1 first); options left without a place are not ranked.
     */
    static Map<String, List<String>> answers(Map<String, String[]> params) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, List<String>>> ranks = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("q-")) {
                answers.put(name.substring(2), List.of(e.getValue()));
            } else if (name.startsWith("rank.")) {
                String rest = name.substring(5);
                int dash = rest.indexOf('.');
                if (dash < 0 || e.getValue().length == 0 || e.getValue()[0].isBlank()) {
                    continue;
                }
                int place;
                try {
                    place = Integer.parseInt(e.getValue()[0].strip());
                } catch (NumberFormatException ex) {
                    throw new InvalidInputException(rest.substring(0, dash), "a place in a ranking is a number",
                            "participation.problem.rankPlace");
                }
                ranks.computeIfAbsent(rest.substring(0, dash), k -> new TreeMap<>()).computeIfAbsent(place, k -> new ArrayList<>())
                        .add(rest.substring(dash + 1));
            }
        }
        ranks.forEach((question, places) -> {
            List<String> order = new ArrayList<>();
            for (List<String> atPlace : places.values()) {
                if (atPlace.size() > 1) {
                    throw new InvalidInputException(question, "two options have the same place in the ranking: give each its own",
                            "participation.problem.rankTie");
                }
                order.addAll(atPlace);
            }
            answers.put(question, order);
        });
        return answers;
    }
}
