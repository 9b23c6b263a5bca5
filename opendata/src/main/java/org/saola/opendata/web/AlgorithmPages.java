package org.saola.opendata.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.saola.opendata.domain.AlgorithmRegister;
import org.saola.platform.InvalidInputException;
import org.saola.platform.SaolaException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
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
 * The algorithm register's entries for algorithms the city uses outside Saola ({@code /admin/algorithms}), for the
 * staff who manage the register: each listed, recorded or changed on a form in both languages, removed. The
 * platform's own algorithms describe themselves and are not edited here.
 */
@Controller
@WebPage
@RequiresPermission(Permission.OPENDATA_MANAGE)
class AlgorithmPages {

    /** The form's fields, as text (the places where results appear one per line). */
    record Form(String id, String nameVi, String nameEn, String provider, String automation, String department, String purposeVi,
            String purposeEn, String dataVi, String dataEn, String howVi, String howEn, String oversightVi, String oversightEn,
            String risksVi, String risksEn, String appearsOn) {

        /** A field the form did not send is empty. */
        Form {
            id = id == null ? "" : id.strip();
            nameVi = nz(nameVi);
            nameEn = nz(nameEn);
            provider = nz(provider);
            automation = nz(automation);
            department = nz(department);
            purposeVi = nz(purposeVi);
            purposeEn = nz(purposeEn);
            dataVi = nz(dataVi);
            dataEn = nz(dataEn);
            howVi = nz(howVi);
            howEn = nz(howEn);
            oversightVi = nz(oversightVi);
            oversightEn = nz(oversightEn);
            risksVi = nz(risksVi);
            risksEn = nz(risksEn);
            appearsOn = nz(appearsOn);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        static final Form EMPTY = new Form("", "", "", "", "INFORMS", "", "", "", "", "", "", "", "", "", "", "", "");

        static Form of(Algorithm a) {
            return new Form(a.id(), a.nameVi(), a.nameEn(), a.provider().orElse(""), a.automation().name(), a.department().orElse(""),
                    a.purposeVi(), a.purposeEn(), a.dataVi(), a.dataEn(), a.howVi(), a.howEn(), a.oversightVi(), a.oversightEn(), a.risksVi(),
                    a.risksEn(), String.join("\n", a.appearsOn()));
        }

        Algorithm algorithm() {
            if (!Algorithm.validId(id)) {
                throw new InvalidInputException("id", "an algorithm's id is 2-100 lower-case letters, digits or '-'; got '" + id + "'");
            }
            Algorithm.Automation a;
            try {
                a = Algorithm.Automation.valueOf(automation);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("automation", "choose how far it decides");
            }
            return new Algorithm(id, nameVi, nameEn, a, Optional.of(department).filter(d -> !d.isBlank()), purposeVi, purposeEn, dataVi,
                    dataEn, howVi, howEn, oversightVi, oversightEn, risksVi, risksEn,
                    Arrays.stream(appearsOn.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList(),
                    Optional.of(provider).filter(p -> !p.isBlank()));
        }
    }

    private final AlgorithmRegister register;
    private final Departments departments;

    AlgorithmPages(AlgorithmRegister register, Departments departments) {
        this.register = register;
        this.departments = departments;
    }

    @GetMapping("/admin/algorithms")
    String page(@RequestParam Optional<String> id, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        List<Algorithm> recorded = register.recorded(tenant);
        model.addAttribute("recorded", recorded);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", id.flatMap(i -> recorded.stream().filter(a -> a.id().equals(i)).findFirst()).map(Form::of)
                    .orElse(Form.EMPTY));
        }
        model.addAttribute("editing", id.isPresent() && recorded.stream().anyMatch(a -> a.id().equals(id.get())));
        model.addAttribute("departments", departments.list(tenant));
        model.addAttribute("automations", Algorithm.Automation.values());
        return "opendata/admin-algorithms";
    }

    @PostMapping("/admin/algorithms")
    String save(Form form, RedirectAttributes redirect) {
        try {
            register.record(CurrentCaller.tenant(), form.algorithm(), CurrentCaller.principal().name());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/algorithms";
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
            redirect.addFlashAttribute("form", form);
            return "redirect:/admin/algorithms#entry";
        }
    }

    @PostMapping("/admin/algorithms/{id}/remove")
    String remove(@PathVariable String id, RedirectAttributes redirect) {
        try {
            register.remove(CurrentCaller.tenant(), id, CurrentCaller.principal().name());
            redirect.addFlashAttribute("saved", true);
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/algorithms";
    }
}
