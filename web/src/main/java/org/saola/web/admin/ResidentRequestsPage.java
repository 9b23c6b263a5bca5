package org.saola.web.admin;

import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.saola.platform.SaolaException;
import org.saola.platform.residents.ResidentRights;
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
import org.saola.web.shell.ProblemText;

/**
 * Residents' requests about their data, for the staff who answer them ({@code /admin/resident-requests}): the open
 * ones soonest due first, overdue ones marked, each with what the resident wrote and a form to answer it.
 */
@Controller
@WebPage
@RequiresPermission(Permission.RESIDENT_REQUESTS_HANDLE)
class ResidentRequestsPage {

    /** A request as the page shows it. */
    record Shown(String id, String resident, String kind, String details, String created, String due, boolean overdue,
            String status, String answer) {
    }

    private final ResidentRights rights;
    private final InstantSource clock;
    private final CityTime time;

    ResidentRequestsPage(ResidentRights rights, InstantSource clock, CityTime time) {
        this.rights = rights;
        this.clock = clock;
        this.time = time;
    }

    @GetMapping("/admin/resident-requests")
    String list(@RequestParam(defaultValue = "true") boolean open, Model model) {
        Instant now = clock.instant();
        var format = time.formatter();
        model.addAttribute("requests", rights.list(CurrentCaller.tenant(), open, 500).stream()
                .map(r -> new Shown(r.id().toString(), r.resident().toString(), r.kind().name(), r.details(),
                        format.format(r.createdAt()), format.format(r.dueAt()), r.overdue(now), r.status().name(),
                        r.answer().orElse("")))
                .toList());
        model.addAttribute("open", open);
        model.addAttribute("deadlineHours", rights.deadline().toHours());
        return "web/admin/resident-requests";
    }

    @PostMapping("/admin/resident-requests/{id}")
    String answer(@PathVariable UUID id, @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String answer, @RequestParam(defaultValue = "false") boolean erase,
            RedirectAttributes redirect) {
        try {
            rights.answer(CurrentCaller.tenant(), id, CurrentCaller.principal().name(),
                    status.equals("DONE") ? ResidentRights.Status.DONE : status.equals("REFUSED") ? ResidentRights.Status.REFUSED : null,
                    answer, erase);
            redirect.addFlashAttribute("saved", true);
        } catch (SaolaException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/admin/resident-requests";
    }
}
