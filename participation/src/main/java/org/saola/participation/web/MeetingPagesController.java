package org.saola.participation.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.saola.participation.domain.Meeting;
import org.saola.participation.domain.MeetingService;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.store.MeetingStore;
import org.saola.platform.ConflictException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.PublicRoute;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A meeting's page, without JavaScript: when and where, what makes it accessible, places left; a signed-in
 * resident registers saying what help they need, or cancels; afterwards the minutes and the proposals from it.
 */
@Controller
@WebPage
class MeetingPagesController {

    private final MeetingService meetings;
    private final ParticipationService participation;
    private final PublicTenant tenants;
    private final CityTime time;

    MeetingPagesController(MeetingService meetings, ParticipationService participation, PublicTenant tenants, CityTime time) {
        this.meetings = meetings;
        this.participation = participation;
        this.tenants = tenants;
        this.time = time;
    }


    @GetMapping("/city/participation/{process}/meetings/{code}")
    @PublicRoute("a process's meetings are public")
    String page(@PathVariable String process, @PathVariable String code, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        MeetingStore.Stored m = meetings.meeting(tenant, process, code);
        model.addAttribute("p", participation.definition(tenant, process).process());
        model.addAttribute("m", m);
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("when", time.formatter().format(m.meeting().starts()) + " – " + time.formatter().format(m.meeting().ends()));
        model.addAttribute("past", meetings.past(m));
        model.addAttribute("placesLeft", m.meeting().capacity() == 0 ? -1 : Math.max(0, m.meeting().capacity() - m.registered()));
        model.addAttribute("provisions", Meeting.Provision.values());
        model.addAttribute("residentSignedIn", CurrentCaller.resident().isPresent());
        model.addAttribute("mine", CurrentCaller.resident().flatMap(r -> meetings.registration(tenant, process, code, r.residentId())).orElse(null));
        model.addAttribute("signInLink", org.saola.web.shell.ResidentLinks.signIn("/city/participation/" + process + "/meetings/" + code));
        return "participation/meeting";
    }

    @PostMapping("/city/participation/{process}/meetings/{code}/registration")
    @ResidentRoute
    String register(@PathVariable String process, @PathVariable String code, @RequestParam(defaultValue = "register") String action,
            @RequestParam(name = "need", required = false) List<String> needs, HttpServletRequest request, RedirectAttributes redirect) {
        TenantId tenant = tenants.of(request);
        java.util.UUID me = CurrentCaller.resident().orElseThrow().residentId();
        try {
            if ("cancel".equals(action)) {
                meetings.cancel(tenant, process, code, me);
                redirect.addFlashAttribute("done", "cancelled");
            } else {
                List<Meeting.Provision> wanted = new ArrayList<>();
                for (String n : needs == null ? List.<String>of() : needs) {
                    try {
                        wanted.add(Meeting.Provision.valueOf(n));
                    } catch (IllegalArgumentException e) {
                        // a value the form never offers is left out
                    }
                }
                meetings.register(tenant, process, code, me, wanted);
                redirect.addFlashAttribute("done", "registered");
            }
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", meetings.past(meetings.meeting(tenant, process, code)) ? "begun" : "full");
        }
        return "redirect:/city/participation/" + process + "/meetings/" + code;
    }
}
