package org.saola.participation.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.participation.domain.Consultation;
import org.saola.participation.domain.ConsultationService;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.ProblemArgs;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * Staff run a process's consultations without the API ({@code /operations/participation/processes/{code}/consultations}):
 * define or change one (its questions as rows of a form, one more row on request, all without JavaScript), read
 * the free-text answers once it has closed, and publish the department's response. The same checks as the API;
 * a problem is said above the form, which keeps what was typed.
 */
@Controller
@WebPage
class ConsultationWorkPagesController {

    /** A question's row on the form: its fields as typed. */
    record QuestionRow(int index, Map<String, String> fields) {
        public String get(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    /** A consultation as the page lists it, with the free-text answers of a closed one. */
    record Row(ConsultationService.View view, List<Texts> texts) {
    }

    /** What residents wrote to one free-text question. */
    record Texts(String question, List<String> answers) {
    }

    /** A question row's fields ({@code q0-code}, …; their ids on the page too). */
    private static final List<String> QUESTION_FIELDS = List.of("code", "kind", "textVi", "textEn", "required", "options",
            "maxChoices", "scaleMin", "scaleMax");
    /** The consultation's own fields ({@code c-code}, … on the page). */
    private static final List<String> CONSULTATION_FIELDS = List.of("code", "titleVi", "titleEn", "introVi", "introEn", "opens",
            "closes", "audience", "wards");

    private final ParticipationService participation;
    private final ConsultationService consultations;

    ConsultationWorkPagesController(ParticipationService participation, ConsultationService consultations) {
        this.participation = participation;
        this.consultations = consultations;
    }

    @GetMapping("/operations/participation/processes/{code}/consultations")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String page(@PathVariable String code, @RequestParam Optional<String> consultation, Model model) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        Map<String, String> form = new LinkedHashMap<>(Map.of("audience", "EVERYONE"));
        List<QuestionRow> rows = new ArrayList<>();
        consultation.flatMap(c -> consultations.ofProcess(CurrentCaller.tenant(), code).stream()
                .filter(v -> v.consultation().code().equals(c)).findFirst()).ifPresent(v -> {
                    Consultation c = v.consultation();
                    form.put("code", c.code());
                    form.put("titleVi", c.titleVi());
                    form.put("titleEn", c.titleEn());
                    form.put("introVi", c.introVi());
                    form.put("introEn", c.introEn());
                    form.put("opens", c.opens().toString());
                    form.put("closes", c.closes().toString());
                    form.put("audience", c.audience().name());
                    form.put("wards", String.join("\n", c.wards()));
                    for (Consultation.Question q : c.questions()) {
                        rows.add(new QuestionRow(rows.size(), questionFields(q)));
                    }
                });
        rows.add(new QuestionRow(rows.size(), Map.of("kind", "SINGLE")));
        return render(p, form, rows, model);
    }

    @PostMapping("/operations/participation/processes/{code}/consultations")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String save(@PathVariable String code, @RequestParam MultiValueMap<String, String> fields, Model model,
            RedirectAttributes redirect) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        List<QuestionRow> rows = rows(fields);
        if (fields.containsKey("more")) {
            // "Another question": the same form again with one more empty row; nothing is saved yet.
            rows.add(new QuestionRow(rows.size(), Map.of("kind", "SINGLE")));
            return render(p, typed(fields), rows, model);
        }
        try {
            List<Consultation.Question> questions = new ArrayList<>();
            for (QuestionRow r : rows) {
                if (!blank(r)) {
                    questions.add(question(r));
                }
            }
            List<String> wards = one(fields, "wards").lines().map(String::strip).filter(w -> !w.isEmpty()).toList();
            Consultation c = new Consultation(one(fields, "code"), code, one(fields, "titleVi"), one(fields, "titleEn"),
                    one(fields, "introVi"), one(fields, "introEn"), Consultation.day("opens", one(fields, "opens")),
                    Consultation.day("closes", one(fields, "closes")), Consultation.Audience.of(one(fields, "audience")), wards,
                    questions);
            consultations.define(CurrentCaller.principal(), c);
            redirect.addFlashAttribute("done", "consultationSaved");
            return "redirect:/operations/participation/processes/" + code + "/consultations";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", ProblemText.of(e));
            // the field the problem is about: a question's (q0-options) or the consultation's own, else the form
            String field = e instanceof InvalidInputException i ? i.field() : "";
            model.addAttribute("problemAnchor", field.matches("q\\d+-(" + String.join("|", QUESTION_FIELDS) + ")") ? field
                    : CONSULTATION_FIELDS.contains(field) ? "c-" + field : "consultation-form");
            rows.add(new QuestionRow(rows.size(), Map.of("kind", "SINGLE")));
            return render(p, typed(fields), rows, model);
        }
    }

    @PostMapping("/operations/participation/processes/{code}/consultations/{consultation}/response")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String respond(@PathVariable String code, @PathVariable String consultation, @RequestParam(defaultValue = "") String responseVi,
            @RequestParam(defaultValue = "") String responseEn, RedirectAttributes redirect) {
        participation.managed(CurrentCaller.principal(), code);
        if (!consultations.consultation(CurrentCaller.tenant(), consultation).consultation().process().equals(code)) {
            throw new NotFoundException("no consultation '" + consultation + "' in '" + code + "'",
                    "participation.notFound.consultationIn", consultation, code);
        }
        try {
            consultations.respond(CurrentCaller.principal(), consultation, responseVi, responseEn);
            redirect.addFlashAttribute("done", "consultationResponded");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", consultation + ": " + ProblemText.of(e));
        }
        return "redirect:/operations/participation/processes/" + code + "/consultations#c-row-" + consultation;
    }

    private String render(ParticipatoryProcess p, Map<String, String> form, List<QuestionRow> rows, Model model) {
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("p", p);
        model.addAttribute("form", form);
        model.addAttribute("questions", rows);
        model.addAttribute("kinds", Consultation.Kind.values());
        model.addAttribute("rows", consultations.ofProcess(CurrentCaller.tenant(), p.code()).stream().map(v -> new Row(v,
                v.state() == ConsultationService.State.CLOSED ? texts(v.consultation()) : List.<Texts>of())).toList());
        return "participation/consultation-work";
    }

    /** The free-text answers of a closed consultation, question by question (the department reads them; never published). */
    private List<Texts> texts(Consultation c) {
        List<Texts> out = new ArrayList<>();
        boolean vi = CityTime.vietnamese();
        for (Consultation.Question q : c.questions()) {
            if (q.kind() == Consultation.Kind.TEXT) {
                out.add(new Texts(vi ? q.textVi() : q.textEn(), consultations.texts(CurrentCaller.principal(), c.code(), q.code())));
            }
        }
        return out;
    }

    /** The question rows as posted: {@code q0-code}, {@code q0-kind}, … in order. */
    private static List<QuestionRow> rows(MultiValueMap<String, String> fields) {
        List<QuestionRow> rows = new ArrayList<>();
        for (int i = 0; fields.containsKey("q" + i + "-kind") && i < 50; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String name : QUESTION_FIELDS) {
                row.put(name, one(fields, "q" + i + "-" + name));
            }
            rows.add(new QuestionRow(i, row));
        }
        return rows;
    }

    private static boolean blank(QuestionRow r) {
        return r.get("code").isEmpty() && r.get("textVi").isEmpty() && r.get("textEn").isEmpty() && r.get("options").isEmpty();
    }

    /** A question from its row; each problem names the question by its number on the form. */
    private static Consultation.Question question(QuestionRow r) {
        String at = "question " + (r.index() + 1) + ": ";
        try {
            List<Consultation.Option> options = new ArrayList<>();
            for (String line : r.get("options").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                String[] parts = line.split("\\|", -1);
                if (parts.length != 3) {
                    throw new InvalidInputException("options", "an answer is a line 'code | tiếng Việt | English'; got '" + line + "'",
                            "participation.problem.optionLine");
                }
                options.add(new Consultation.Option(parts[0].strip(), parts[1].strip(), parts[2].strip()));
            }
            return new Consultation.Question(r.get("code"), Consultation.Kind.of("kind", r.get("kind")), r.get("textVi"),
                    r.get("textEn"), !r.get("required").isEmpty(), options, number(r, "maxChoices", 0), number(r, "scaleMin", 1),
                    number(r, "scaleMax", 5));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("q" + r.index() + "-" + e.field(), at + e.getMessage(), "participation.problem.inQuestion",
                    r.index() + 1, ProblemArgs.of(e));
        }
    }

    private static int number(QuestionRow r, String name, int otherwise) {
        String v = r.get(name);
        try {
            return v.isEmpty() ? otherwise : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " is a whole number; got '" + v + "'", "participation.problem.wholeNumber",
                    ProblemArgs.field(name));
        }
    }

    private static Map<String, String> questionFields(Consultation.Question q) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("code", q.code());
        f.put("kind", q.kind().name());
        f.put("textVi", q.textVi());
        f.put("textEn", q.textEn());
        f.put("required", q.required() ? "true" : "");
        f.put("options", String.join("\n", q.options().stream().map(o -> o.code() + " | " + o.textVi() + " | " + o.textEn()).toList()));
        f.put("maxChoices", q.kind() == Consultation.Kind.MULTIPLE ? Integer.toString(q.maxChoices()) : "");
        f.put("scaleMin", q.kind() == Consultation.Kind.SCALE ? Integer.toString(q.scaleMin()) : "");
        f.put("scaleMax", q.kind() == Consultation.Kind.SCALE ? Integer.toString(q.scaleMax()) : "");
        return f;
    }

    private static Map<String, String> typed(MultiValueMap<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : CONSULTATION_FIELDS) {
            form.put(name, one(fields, name));
        }
        return form;
    }

    private static String one(MultiValueMap<String, String> fields, String name) {
        String v = fields.getFirst(name);
        return v == null ? "" : v.strip();
    }
}
