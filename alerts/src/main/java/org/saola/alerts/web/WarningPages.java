package org.saola.alerts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.saola.alerts.warnings.Warning;
import org.saola.alerts.warnings.WarningDraft;
import org.saola.alerts.warnings.WarningService;
import org.saola.alerts.warnings.WarningSubscriptions;
import org.saola.alerts.warnings.WarningView;
import org.saola.platform.InvalidInputException;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.ResidentRoute;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.platform.TenantId;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public page of the city's early warnings ({@code /city/warnings}): those in effect, gravest first, each with
 * what to do, the areas on a map and in words, in the reader's language; and each warning's own page with its
 * history (issued, updated, cancelled) and its CAP messages. Works without JavaScript: the map is an addition.
 */
@Controller
@WebPage
class WarningPages {

    /** A warning as the pages show it, in the reader's language. */
    record Shown(String id, String msgType, String severity, String urgency, String event, String headline,
            String description, String instruction, List<String> areas, String sent, String expires, boolean inEffect,
            String cap, String status) {
    }

    private final WarningService warnings;
    private final WarningSubscriptions subscriptions;
    private final PublicTenant tenants;
    private final CityTime time;
    private final JsonMapper json;

    WarningPages(WarningService warnings, WarningSubscriptions subscriptions, PublicTenant tenants, CityTime time,
            JsonMapper json) {
        this.warnings = warnings;
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.time = time;
        this.json = json;
    }

    private Shown shown(Warning w, boolean vi, DateTimeFormatter format, Instant now) {
        WarningDraft d = json.readValue(w.draftJson(), WarningDraft.class);
        List<String> areas = d.areas().stream().map(a -> a.description() != null ? (vi ? a.description().vi() : a.description().en())
                : String.join(", ", a.wards())).toList();
        return new Shown(w.warningId().toString(), w.msgType(), w.severity(), w.urgency(), vi ? w.event().vi() : w.event().en(),
                vi ? w.headline().vi() : w.headline().en(), vi ? d.description().vi() : d.description().en(),
                d.instruction() == null ? null : (vi ? d.instruction().vi() : d.instruction().en()), areas,
                format.format(w.sent()), format.format(w.expires()), w.inEffect(now),
                WarningView.capPath(w), w.status());
    }

    private static int gravity(String severity) {
        return List.of("Extreme", "Severe", "Moderate", "Minor", "Unknown").indexOf(severity);
    }

    @GetMapping("/city/warnings")
    @PublicRoute("the city's public early warnings, for everyone")
    String list(HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Instant now = warnings.now();
        DateTimeFormatter format = time.formatter();
        model.addAttribute("warnings", warnings.current(tenant).stream()
                .sorted(java.util.Comparator.comparingInt((Warning w) -> gravity(w.severity())).thenComparing(Warning::sent,
                        java.util.Comparator.reverseOrder()))
                .map(w -> shown(w, vi, format, now)).toList());
        model.addAttribute("vi", vi);
        return "alerts/warnings";
    }

    /** Where a resident chooses the wards whose warnings they are sent (signed in: the contact is theirs). */
    @GetMapping("/city/warnings/subscribe")
    @PublicRoute("anyone may read how to be told of warnings; choosing needs a resident's sign-in")
    String subscription(HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Optional<UUID> resident = CurrentCaller.resident().map(ResidentPrincipal::residentId);
        Optional<List<String>> chosen = resident.flatMap(r -> subscriptions.of(tenant, r));
        model.addAttribute("signedIn", resident.isPresent());
        model.addAttribute("subscribed", chosen.isPresent());
        model.addAttribute("wholeCity", chosen.map(List::isEmpty).orElse(false));
        model.addAttribute("chosen", chosen.orElse(List.of()));
        model.addAttribute("wards", warnings.wards(tenant));
        return "alerts/subscribe";
    }

    @PostMapping("/city/warnings/subscribe")
    @ResidentRoute
    String subscribe(@RequestParam(defaultValue = "wards") String scope,
            @RequestParam(name = "ward", required = false) List<String> wards, @RequestParam(defaultValue = "save") String action,
            HttpServletRequest request, RedirectAttributes redirect) {
        TenantId tenant = tenants.of(request);
        UUID resident = CurrentCaller.resident().orElseThrow().residentId();
        if (action.equals("stop")) {
            subscriptions.unsubscribe(tenant, resident);
            redirect.addFlashAttribute("done", "stopped");
            return "redirect:/city/warnings/subscribe";
        }
        List<String> chosen = scope.equals("city") ? List.of() : (wards == null ? List.of() : wards);
        if (!scope.equals("city") && chosen.isEmpty()) {
            redirect.addFlashAttribute("problem", "noWard");
            return "redirect:/city/warnings/subscribe";
        }
        try {
            subscriptions.subscribe(tenant, resident, chosen, warnings.wards(tenant));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "unknownWard");
            return "redirect:/city/warnings/subscribe";
        }
        redirect.addFlashAttribute("done", "saved");
        return "redirect:/city/warnings/subscribe";
    }

    @GetMapping("/city/warnings/{id}")
    @PublicRoute("a public early warning and its history, for everyone")
    String one(@PathVariable UUID id, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Instant now = warnings.now();
        DateTimeFormatter format = time.formatter();
        List<Warning> chain = warnings.chain(tenant, id);
        Warning last = chain.get(chain.size() - 1);
        model.addAttribute("warning", shown(last, vi, format, now));
        model.addAttribute("history", chain.reversed().stream().map(w -> shown(w, vi, format, now)).toList());
        model.addAttribute("areasJson", last.areasJson());
        model.addAttribute("vi", vi);
        return "alerts/warning";
    }
}
