package org.saola.domains.water.web;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.saola.domains.water.LeakDetector;
import org.saola.domains.water.LeakRanking;
import org.saola.domains.water.WaterSettings;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The water company's page ({@code /operations/water}): a night's suspected leaks, largest first, each district's
 * night balance, and the settings (districts, night window, thresholds) as JSON. Reading: {@code OPERATIONS_VIEW};
 * the settings: {@code SERVICES_MANAGE}.
 */
@Controller
@WebPage
class WaterPagesController {

    /** A suspect as the ranking shows it. */
    record SuspectRow(int rank, String kind, String id, String name, String district, String litresPerDay) {
    }

    /** A district as the balance table shows it. */
    record DistrictRow(String name, String hour, String inflow, String customers, String allowance, String excess,
            String litresPerDay, boolean suspected, int unknown) {
    }

    private final LeakDetector detector;
    private final CityTime time;
    private final JsonMapper json;

    WaterPagesController(LeakDetector detector, CityTime time, JsonMapper json) {
        this.detector = detector;
        this.time = time;
        this.json = json;
    }

    @GetMapping("/operations/water")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String leaks(@RequestParam(required = false) String morning, Model model) {
        return page(model, morning, null, null);
    }

    private String page(Model model, String morning, String settingsText, InvalidInputException problem) {
        TenantId tenant = CurrentCaller.tenant();
        WaterSettings settings = detector.settings(tenant);
        org.saola.domains.Night night = detector.lastNight(settings);
        if (morning != null && !morning.isBlank()) {
            try {
                night = detector.night(settings, org.saola.domains.Dates.date("morning", morning, java.time.Instant.now()));
            } catch (InvalidInputException e) {
                problem = e;
            }
        }
        LeakRanking.Report report = detector.analyse(tenant, settings, night);
        DateTimeFormatter hours = DateTimeFormatter.ofPattern("HH:mm").withZone(time.zone());
        int[] n = {0};
        model.addAttribute("night", night);
        model.addAttribute("nightText", time.formatter().format(night.start()) + " – " + hours.format(night.end()));
        model.addAttribute("report", report);
        model.addAttribute("suspects", report.ranked().stream().map(s -> new SuspectRow(++n[0], s.kind(), s.id(), s.name(),
                s.district() == null ? "–" : s.district(), litres(s.litresPerDay()))).toList());
        model.addAttribute("districts", report.districts().stream().map(d -> new DistrictRow(d.name(), hours.format(d.hour()),
                litres(d.inflowLitres()), litres(d.customersLitres()), litres(d.allowanceLitres()), litres(d.excessLitresPerHour()),
                litres(d.litresPerDay()), d.suspected(), d.customersUnknown())).toList());
        model.addAttribute("canManage", CurrentCaller.principal().roles().stream().anyMatch(r -> r.grants(Permission.SERVICES_MANAGE)));
        model.addAttribute("settingsJson", settingsText != null ? settingsText
                : json.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
        model.addAttribute("morning", night.morning().toString());
        if (problem != null) {
            model.addAttribute("problem", org.saola.web.shell.JsonField.text(problem, java.util.Set.of("settings", "morning")));
            model.addAttribute("problemField", problem.field());
        }
        return "domains/water";
    }

    @PostMapping("/operations/water/settings")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    String setSettings(@RequestParam(defaultValue = "") String settings, Model model, RedirectAttributes redirect) {
        try {
            WaterSettings parsed = org.saola.web.shell.JsonField.read(json, settings, WaterSettings.class, "settings", "the settings");
            detector.setSettings(CurrentCaller.tenant(), parsed, CurrentCaller.principal().name());
            redirect.addFlashAttribute("done", "settings");
            return "redirect:/operations/water";
        } catch (InvalidInputException e) {
            return page(model, null, settings, e);
        }
    }

    static String litres(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
