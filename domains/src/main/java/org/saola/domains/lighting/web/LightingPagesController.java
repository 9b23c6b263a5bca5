package org.saola.domains.lighting.web;

import java.util.Locale;
import org.saola.domains.lighting.LightNights;
import org.saola.domains.lighting.LightingWatch;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.saola.web.shell.ProblemText;

/**
 * The street lighting page ({@code /operations/lighting}): a night's energy against the unmanaged baseline, by
 * ward, and the lamps found failed or faulty ({@code OPERATIONS_VIEW}).
 */
@Controller
@WebPage
class LightingPagesController {

    record WardRow(String ward, int lights, String kwh, String baseline, String saved, long savedPercent) {
    }

    record FaultRow(String id, String name, String ward, String condition, String watts) {
    }

    private final LightingWatch watch;
    private final CityTime time;

    LightingPagesController(LightingWatch watch, CityTime time) {
        this.watch = watch;
        this.time = time;
    }

    @GetMapping("/operations/lighting")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String nights(@RequestParam(required = false) String morning, Model model) {
        TenantId tenant = CurrentCaller.tenant();
        org.saola.domains.Night night;
        try {
            night = morning == null || morning.isBlank() ? watch.lastNight(watch.settings(tenant))
                    : watch.night(watch.settings(tenant), org.saola.domains.Dates.date("morning", morning, java.time.Instant.now()));
        } catch (InvalidInputException e) {
            model.addAttribute("problem", ProblemText.of(e));
            night = watch.lastNight(watch.settings(tenant));
        }
        LightNights.Report report = watch.analyse(tenant, night);
        model.addAttribute("morning", night.morning().toString());
        model.addAttribute("nightText", time.formatter().format(night.start()) + " – " + time.formatter().format(night.end()));
        model.addAttribute("kwh", kwh(report.kwh()));
        model.addAttribute("baseline", kwh(report.baselineKwh()));
        model.addAttribute("savedPercent", report.baselineKwh() <= 0 ? 0 : Math.round(100 * (1 - report.kwh() / report.baselineKwh())));
        model.addAttribute("lights", report.lights().size());
        model.addAttribute("typical", String.format(Locale.ROOT, "%.0f", report.typicalLitWatts()));
        model.addAttribute("wards", report.wards().stream().map(w -> new WardRow(w.ward().isEmpty() ? "–" : w.ward(), w.lights(),
                kwh(w.kwh()), kwh(w.baselineKwh()), kwh(w.savedKwh()),
                w.baselineKwh() <= 0 ? 0 : Math.round(100 * w.savedKwh() / w.baselineKwh()))).toList());
        model.addAttribute("faults", report.faults().stream().map(n -> new FaultRow(n.id(), n.name(), n.ward() == null ? "–" : n.ward(),
                n.condition().name(), String.format(Locale.ROOT, "%.0f", n.litWatts()))).toList());
        return "domains/lighting";
    }

    static String kwh(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
