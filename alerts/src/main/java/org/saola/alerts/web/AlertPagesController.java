package org.saola.alerts.web;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.alerts.domain.Alert;
import org.saola.alerts.domain.AlertService;
import org.saola.alerts.domain.Severity;
import org.saola.platform.ConflictException;
import org.saola.platform.NotFoundException;
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
 * The staff's alert list ({@code /operations/alerts}): open alerts by default, newest first, each with its
 * message in the reader's language and times in the city's time zone; acknowledge and resolve from the list.
 */
@Controller
@WebPage
@RequiresPermission(Permission.OPERATIONS_VIEW)
class AlertPagesController {

    /** An alert as the list shows it. */
    record Row(Alert alert, String message, String raisedAt, String resolvedAt) {
    }

    private final AlertService alerts;
    private final AlertStream stream;
    private final CityTime time;

    AlertPagesController(AlertService alerts, AlertStream stream, CityTime time) {
        this.alerts = alerts;
        this.stream = stream;
        this.time = time;
    }

    @GetMapping("/operations/alerts")
    String list(@RequestParam(defaultValue = "open") String status, Model model) {
        String chosen = List.of("open", "all", "RESOLVED").contains(status) ? status : "open";
        var caller = CurrentCaller.principal();
        boolean vietnamese = CityTime.vietnamese();
        DateTimeFormatter format = time.formatter();
        List<Row> rows = alerts.list(caller, chosen, null, 200, 0).stream()
                .map(a -> new Row(a, vietnamese ? a.messageVi() : a.messageEn(), format.format(a.raisedAt()),
                        a.resolvedAt().map(format::format).orElse("")))
                .toList();
        Map<Severity, Long> open = alerts.openBySeverity(caller);
        model.addAttribute("rows", rows);
        model.addAttribute("status", chosen);
        model.addAttribute("open", open);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("canWork", caller.roles().stream().anyMatch(r -> r.grants(Permission.ALERTS_WORK)));
        return "alerts/alerts";
    }

    /** Server-sent events: {@code alert} with an alert's id whenever one the reader may see changes. */
    @GetMapping(path = "/operations/alerts/stream", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream() {
        var caller = CurrentCaller.principal();
        return stream.open(caller.tenant(), AlertService.scope(caller));
    }

    @PostMapping("/operations/alerts/{id}/acknowledge")
    @RequiresPermission(Permission.ALERTS_WORK)
    String acknowledge(@PathVariable UUID id, @RequestParam Optional<String> note, RedirectAttributes redirect) {
        return act(id, redirect, "acknowledged", () -> alerts.acknowledge(CurrentCaller.principal(), id, note.orElse("")));
    }

    @PostMapping("/operations/alerts/{id}/resolve")
    @RequiresPermission(Permission.ALERTS_WORK)
    String resolve(@PathVariable UUID id, @RequestParam Optional<String> note, RedirectAttributes redirect) {
        return act(id, redirect, "resolved", () -> alerts.resolve(CurrentCaller.principal(), id, note.orElse("")));
    }

    private static String act(UUID id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/operations/alerts";
    }
}
