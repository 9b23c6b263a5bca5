package org.saola.indicators.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.saola.indicators.domain.CityFigures;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.domain.Period;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.JsonField;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff's indicator page ({@code /operations/indicators}; reading {@code OPERATIONS_VIEW}, changing
 * {@code INDICATORS_MANAGE}): a value entered by hand with its source and evidence, a target, the official figures
 * formulas divide by, and a computed indicator's current period computed now.
 */
@Controller
@WebPage
class IndicatorsStaffPage {

    record Choice(String code, String label, String frequency) {
    }

    private static final Set<String> FORM_FIELDS = Set.of("period", "value", "source", "evidence", "groups", "year", "note", "figures",
            "code");

    private final Indicators indicators;
    private final CityFigures figures;
    private final JsonMapper json;

    IndicatorsStaffPage(Indicators indicators, CityFigures figures, JsonMapper json) {
        this.indicators = indicators;
        this.figures = figures;
        this.json = json;
    }

    @GetMapping("/operations/indicators")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String page(Model model) {
        return page(model, null, null, null);
    }

    private String page(Model model, String form, String figuresText, InvalidInputException problem) {
        TenantId tenant = CurrentCaller.tenant();
        boolean vi = CityTime.vietnamese();
        List<Choice> entered = new ArrayList<>();
        List<Choice> computed = new ArrayList<>();
        List<Choice> all = new ArrayList<>();
        for (Definition d : indicators.catalogue(tenant)) {
            Choice c = new Choice(d.code(), d.name(vi), d.frequency().name());
            all.add(c);
            (d.computed() ? computed : entered).add(c);
        }
        model.addAttribute("entered", entered);
        model.addAttribute("computed", computed);
        model.addAttribute("all", all);
        model.addAttribute("computedAt", indicators.computedAt(tenant).map(t -> t.toString()).orElse(null));
        model.addAttribute("canManage", CurrentCaller.principal().roles().stream().anyMatch(r -> r.grants(Permission.INDICATORS_MANAGE)));
        model.addAttribute("figuresJson", figuresText != null ? figuresText : json.writerWithDefaultPrettyPrinter().writeValueAsString(
                figures.list(tenant).stream().map(f -> new CityFigures.Figure(f.figure(), f.ward(), f.value(), f.source())).toList()));
        model.addAttribute("lastYear", indicators.current(Period.Frequency.ANNUAL).previous().label());
        if (problem != null) {
            model.addAttribute("problem", JsonField.text(problem, FORM_FIELDS));
            model.addAttribute("problemForm", form);
            model.addAttribute("problemField", problem.field());
        }
        return "indicators/staff";
    }

    @PostMapping("/operations/indicators/values")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    String enter(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String period,
            @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String source,
            @RequestParam(defaultValue = "") String evidence, @RequestParam(defaultValue = "") String groups, Model model,
            RedirectAttributes redirect) {
        try {
            List<Indicators.GroupEntry> parsed = groups.isBlank() ? List.of()
                    : Arrays.asList(JsonField.read(json, groups, Indicators.GroupEntry[].class, "groups", "the groups"));
            indicators.enter(CurrentCaller.tenant(), code, new Indicators.Entry(period, number("value", value), source, evidence, parsed),
                    CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "value");
            return "redirect:/operations/indicators";
        } catch (InvalidInputException e) {
            return page(model, "value", null, e);
        }
    }

    @PostMapping("/operations/indicators/targets")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    String target(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String value,
            @RequestParam(defaultValue = "") String year, @RequestParam(defaultValue = "") String note, Model model,
            RedirectAttributes redirect) {
        try {
            int y;
            try {
                y = Integer.parseInt(year.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("year", "the year is a number such as 2030");
            }
            indicators.setTarget(CurrentCaller.tenant(), code, number("value", value), y, note, CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "target");
            return "redirect:/operations/indicators";
        } catch (InvalidInputException e) {
            return page(model, "target", null, e);
        }
    }

    @PostMapping("/operations/indicators/city-figures")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    String cityFigures(@RequestParam(name = "figures", defaultValue = "") String text, Model model, RedirectAttributes redirect) {
        try {
            CityFigures.Figure[] parsed = JsonField.read(json, text, CityFigures.Figure[].class, "figures", "the figures");
            figures.set(CurrentCaller.tenant(), Arrays.asList(parsed), CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "figures");
            return "redirect:/operations/indicators";
        } catch (InvalidInputException e) {
            return page(model, "figures", text, e);
        }
    }

    @PostMapping("/operations/indicators/{code}/compute")
    @RequiresPermission(Permission.INDICATORS_MANAGE)
    String compute(@PathVariable String code, RedirectAttributes redirect) {
        Definition d = indicators.definition(CurrentCaller.tenant(), code);
        indicators.computeOn(CurrentCaller.tenant(), code, indicators.current(d.frequency()).label(),
                CurrentCaller.principal().name());
        redirect.addFlashAttribute("done", "computed");
        return "redirect:/city/indicators/" + code;
    }

    /** A number typed in a form: a comma as the decimal mark too (as Vietnamese writes it). */
    static double number(String field, String text) {
        String s = text == null ? "" : text.strip().replace(" ", "");
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "a number, e.g. 81.5 or 81,5; got '" + text + "'");
        }
    }
}
