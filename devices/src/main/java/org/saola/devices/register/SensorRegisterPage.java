package org.saola.devices.register;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.TenantId;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public sensor register page ({@code /city/sensors}), in Vietnamese and English: a map and the same
 * sensors as a searchable, filterable table that works without JavaScript.
 */
@Controller
@WebPage
class SensorRegisterPage {

    /** A choice in a filter: its value and its label in the reader's language. */
    record Choice(String value, String label) {
    }

    private final SensorRegister register;
    private final PublicTenant tenants;
    private final DeviceProfiles profiles;
    private final Departments departments;

    SensorRegisterPage(SensorRegister register, PublicTenant tenants, DeviceProfiles profiles, Departments departments) {
        this.register = register;
        this.tenants = tenants;
        this.profiles = profiles;
        this.departments = departments;
    }

    /** Rows of the table per page; the map shows all. */
    static final int PAGE_SIZE = 100;

    @GetMapping("/city/sensors")
    @PublicRoute("residents are entitled to know what senses them: where, whose, what, why, how long it keeps data")
    String page(HttpServletRequest request, Model model, @RequestParam Optional<String> kind,
            @RequestParam Optional<String> owner, @RequestParam Optional<String> q,
            @RequestParam Optional<String> personalData, @RequestParam Optional<Integer> page) {
        TenantId tenant = tenants.of(request);
        boolean vi = !LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage());
        List<SensorRegister.PublicSensor> sensors = register.list(tenant,
                PublicSensorsController.filter(kind, owner, q, personalData));
        int pages = Math.max(1, (sensors.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = page.orElse(1);
        if (current < 1 || current > pages) {
            throw new org.saola.platform.InvalidInputException("page", "page is between 1 and " + pages + "; got " + current);
        }
        int from = (current - 1) * PAGE_SIZE;
        model.addAttribute("sensors", sensors.subList(from, Math.min(sensors.size(), from + PAGE_SIZE)));
        model.addAttribute("total", sensors.size());
        model.addAttribute("first", sensors.isEmpty() ? 0 : from + 1);
        model.addAttribute("last", Math.min(sensors.size(), from + PAGE_SIZE));
        var self = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromRequest(request);
        model.addAttribute("previous", current > 1 ? self.cloneBuilder().replaceQueryParam("page", current - 1).build().toUriString() : null);
        model.addAttribute("next", current < pages ? self.cloneBuilder().replaceQueryParam("page", current + 1).build().toUriString() : null);
        model.addAttribute("vi", vi);
        List<Choice> kinds = new java.util.ArrayList<>(profiles.list(tenant).stream()
                .map(p -> new Choice(p.id(), p.name(vi ? "vi" : "en"))).toList());
        for (ListedSensor.Kind k : ListedSensor.Kind.values()) {
            kinds.add(new Choice(k.code(), vi ? k.nameVi() : k.nameEn()));
        }
        model.addAttribute("kinds", kinds);
        model.addAttribute("owners", departments.list(tenant).stream()
                .map(d -> new Choice(d.code(), vi ? d.nameVi() : d.nameEn())).toList());
        model.addAttribute("kind", kind.orElse(""));
        model.addAttribute("owner", owner.orElse(""));
        model.addAttribute("q", q.orElse(""));
        model.addAttribute("personalData", personalData.orElse(""));
        // The map shows every sensor the filters match (up to the API's limit), not only this page's.
        model.addAttribute("query", org.springframework.web.util.UriComponentsBuilder.newInstance().query(request.getQueryString())
                .replaceQueryParam("page").replaceQueryParam("limit", PublicSensorsController.MAX_LIMIT).build().getQuery());
        return "devices/sensors";
    }
}
