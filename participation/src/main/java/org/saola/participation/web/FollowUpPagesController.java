package org.saola.participation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.saola.participation.domain.FollowUpService;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ProblemArgs;
import org.saola.participation.domain.Progress;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.ResidentRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * "You said, we did" on the pages: each funded project's or accepted proposal's progress with its updates
 * and photos, and what it answers; residents choose to be told of each update; the department records
 * progress and links on its follow-up page.
 */
@Controller
@WebPage
class FollowUpPagesController {

    private final FollowUpService followUp;
    private final ParticipationService participation;
    private final PublicTenant tenants;
    private final CityTime time;

    FollowUpPagesController(FollowUpService followUp, ParticipationService participation, PublicTenant tenants, CityTime time) {
        this.followUp = followUp;
        this.participation = participation;
        this.tenants = tenants;
        this.time = time;
    }

    @GetMapping("/city/participation/{code}/follow-up/{kind}/{ref}")
    @PublicRoute("what became of what residents decided is public")
    String item(@PathVariable String code, @PathVariable String kind, @PathVariable String ref, HttpServletRequest request,
            Model model) {
        TenantId tenant = tenants.of(request);
        ParticipationService.Overview o = participation.definition(tenant, code);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("item", followUp.item(tenant, code, Progress.Kind.parse(kind), ref));
        model.addAttribute("formatter", time.formatter());
        return "participation/follow-up-item";
    }

    /** A signed-in resident asks to be told (or no longer) what becomes of a process; back to the page they were on. */
    @PostMapping("/city/participation/{code}/follow")
    @ResidentRoute
    String follow(@PathVariable String code, @RequestParam(defaultValue = "true") boolean follow,
            @RequestParam(defaultValue = "") String back, HttpServletRequest request, RedirectAttributes redirect) {
        followUp.follow(tenants.of(request), code, CurrentCaller.resident().orElseThrow().residentId(), follow);
        redirect.addFlashAttribute("followDone", follow);
        // Back to the process page or the receipt page only: nothing else is taken from the form.
        String page = "/city/participation/" + code;
        return "redirect:" + (back.equals(page + "/voted") ? page + "/voted" : page) + "#follow";
    }

    // ---- the department

    @GetMapping("/operations/participation/{code}/follow-up")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String work(@PathVariable String code, Model model) {
        ParticipationService.Overview o = participation.definition(CurrentCaller.tenant(), code);
        model.addAttribute("p", o.process());
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("items", followUp.itemsToReport(CurrentCaller.principal(), code));
        model.addAttribute("statuses", Progress.Status.values());
        return "participation/follow-up-work";
    }

    @PostMapping("/operations/participation/{code}/follow-up/{kind}/{ref}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String record(@PathVariable String code, @PathVariable String kind, @PathVariable String ref,
            @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String percent,
            @RequestParam(defaultValue = "") String spent, @RequestParam(defaultValue = "") String starts,
            @RequestParam(defaultValue = "") String ends, @RequestParam(defaultValue = "") String noteVi,
            @RequestParam(defaultValue = "") String noteEn, @RequestParam(name = "photo", required = false) List<MultipartFile> photos,
            RedirectAttributes redirect) throws IOException {
        try {
            List<byte[]> pictures = new ArrayList<>();
            for (MultipartFile f : photos == null ? List.<MultipartFile>of() : photos) {
                if (!f.isEmpty()) {
                    pictures.add(f.getBytes());
                }
            }
            followUp.record(CurrentCaller.principal(), code, Progress.Kind.parse(kind), ref, Progress.New.parse(status,
                    number("percent", percent).map(p -> (int) Math.max(-1, Math.min(101, p))).orElse(null),
                    number("spent", spent).orElse(0L), starts, ends,
                    noteVi, noteEn, pictures));
            redirect.addFlashAttribute("done", ref);
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("problem", ref + ": " + ProblemText.of(e));
        }
        return "redirect:/operations/participation/" + code + "/follow-up";
    }

    @PostMapping("/operations/participation/{code}/links/{project}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String link(@PathVariable String code, @PathVariable String project, @RequestParam(defaultValue = "") String proposals,
            @RequestParam(defaultValue = "") String reports, RedirectAttributes redirect) {
        try {
            followUp.link(CurrentCaller.principal(), code, project, numbers("proposals", proposals), numbers("reports", reports));
            redirect.addFlashAttribute("done", project);
        } catch (InvalidInputException | NotFoundException e) {
            redirect.addFlashAttribute("problem", project + ": " + ProblemText.of(e));
        }
        return "redirect:/operations/participation/" + code + "/follow-up";
    }

    private static java.util.Optional<Long> number(String field, String typed) {
        String t = typed.replaceAll("[\\s.,_]", "");
        if (t.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Long.valueOf(t));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " is a whole number; got '" + typed + "'", "participation.problem.wholeNumber",
                    ProblemArgs.field(field));
        }
    }

    /** Numbers typed as "3, 7 #12": whatever separates them. */
    private static List<Long> numbers(String field, String typed) {
        List<Long> out = new ArrayList<>();
        for (String part : typed.split("[^0-9]+")) {
            if (!part.isEmpty()) {
                try {
                    out.add(Long.valueOf(part));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(field, field + " are numbers; got '" + part + "'", "participation.problem.numbers",
                            ProblemArgs.field(field));
                }
            }
        }
        return out;
    }
}
