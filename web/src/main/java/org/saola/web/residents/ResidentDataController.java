package org.saola.web.residents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ResidentDataSection;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.residents.ResidentRights;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.ResidentRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A resident's data, for the resident: everything Saola holds about them on one page ({@code /residents/me/data}),
 * the same as a file to take away ({@code /residents/me/data.json}), and a form to ask for a correction or a
 * deletion, which staff answer within the city's deadline.
 */
@Controller
@WebPage
class ResidentDataController {

    /** A section in the reader's language. */
    record Shown(String id, String title, String note, List<String> columns, List<List<String>> rows) {
    }

    /** A consent in the reader's language. */
    record ShownConsent(String id, String purpose, String scope, String given, String withdrawn) {
    }

    private final ResidentRights rights;
    private final org.saola.platform.residents.ResidentConsents consents;
    private final org.saola.web.shell.CityTime time;

    ResidentDataController(ResidentRights rights, org.saola.platform.residents.ResidentConsents consents,
            org.saola.web.shell.CityTime time) {
        this.rights = rights;
        this.consents = consents;
        this.time = time;
    }

    private static UUID resident() {
        return CurrentCaller.resident().map(ResidentPrincipal::residentId).orElseThrow();
    }

    private static TenantId tenant() {
        return CurrentCaller.resident().map(ResidentPrincipal::tenant).orElseThrow();
    }

    @GetMapping("/residents/me/data")
    @ResidentRoute
    String page(Model model) {
        boolean vi = CityTime.vietnamese();
        // consents have their own list on the page, with a button each (the file has them as a section)
        model.addAttribute("sections", rights.everything(tenant(), resident()).stream().filter(s -> !s.id().equals("consents"))
                .map(s -> new Shown(s.id(), vi ? s.titleVi() : s.titleEn(), vi ? s.noteVi() : s.noteEn(),
                        s.columns().stream().map(c -> vi ? c.vi() : c.en()).toList(), s.rows()))
                .toList());
        model.addAttribute("deadlineHours", rights.deadline().toHours());
        var format = time.formatter();
        model.addAttribute("consents", consents.of(tenant(), resident()).stream()
                .map(k -> new ShownConsent(k.id().toString(), consents.purpose(k.purpose())
                        .map(p -> vi ? p.descriptionVi() : p.descriptionEn()).orElse(k.purpose()), k.scope(),
                        format.format(k.givenAt()), k.withdrawnAt().map(format::format).orElse("")))
                .toList());
        return "web/residents/data";
    }

    @GetMapping("/residents/me/data.json")
    @ResidentRoute
    @ResponseBody
    ResponseEntity<Map<String, Object>> download() {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (ResidentDataSection s : rights.everything(tenant(), resident())) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> r : s.rows()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < s.columns().size(); i++) {
                    row.put(s.columns().get(i).key(), r.get(i));
                }
                rows.add(row);
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("id", s.id());
            section.put("titleVi", s.titleVi());
            section.put("titleEn", s.titleEn());
            section.put("rows", rows);
            sections.add(section);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resident", resident().toString());
        body.put("sections", sections);
        // JSON whatever the browser said it accepts: this is a file to save
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"saola-my-data.json\"").body(body);
    }

    @PostMapping("/residents/me/consents/{id}/withdraw")
    @ResidentRoute
    String withdraw(@org.springframework.web.bind.annotation.PathVariable UUID id, RedirectAttributes redirect) {
        try {
            consents.withdraw(tenant(), resident(), id);
            redirect.addFlashAttribute("done", "withdrawn");
        } catch (InvalidInputException | org.saola.platform.NotFoundException e) {
            redirect.addFlashAttribute("done", "notWithdrawn");
        }
        return "redirect:/residents/me/data#consents";
    }

    @PostMapping("/residents/me/requests")
    @ResidentRoute
    String ask(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String details,
            RedirectAttributes redirect) {
        TenantId tenant = tenant();
        ResidentRights.Kind k;
        try {
            k = ResidentRights.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "kind");
            return "redirect:/residents/me/data#ask";
        }
        try {
            rights.ask(tenant, resident(), k, details);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "details");
            return "redirect:/residents/me/data#ask";
        }
        redirect.addFlashAttribute("done", "asked");
        return "redirect:/residents/me/data#section-requests";
    }
}
