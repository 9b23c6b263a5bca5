package org.saola.participation.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.participation.domain.Meeting;
import org.saola.participation.domain.MeetingService;
import org.saola.participation.domain.ParticipationService;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.ProblemArgs;
import org.saola.participation.store.MeetingStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * The department's page for a process's meetings ({@code /operations/participation/processes/{code}/meetings}):
 * each meeting with how many registered and what help they need (counts, never names), a form to announce or
 * change one (times in the city's time), and once it has begun the form for its minutes and the proposals that
 * came out of it. The same checks as the API.
 */
@Controller
@WebPage
class MeetingWorkPagesController {

    /** A meeting as the page shows it. */
    record Row(MeetingStore.Stored stored, String when, boolean past, Map<String, Integer> needs) {
    }

    private final ParticipationService participation;
    private final MeetingService meetings;
    private final ZoneId zone;

    MeetingWorkPagesController(ParticipationService participation, MeetingService meetings,
            @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.participation = participation;
        this.meetings = meetings;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/operations/participation/processes/{code}/meetings")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String page(@PathVariable String code, @RequestParam Optional<String> meeting, Model model) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        Map<String, Object> form = new LinkedHashMap<>();
        meeting.flatMap(m -> meetings.meetings(CurrentCaller.tenant(), code).stream().filter(s -> s.meeting().code().equals(m)).findFirst())
                .ifPresent(s -> {
                    Meeting m = s.meeting();
                    form.put("code", m.code());
                    form.put("titleVi", m.titleVi());
                    form.put("titleEn", m.titleEn());
                    form.put("descriptionVi", m.descriptionVi());
                    form.put("descriptionEn", m.descriptionEn());
                    form.put("starts", local(m.starts()));
                    form.put("ends", local(m.ends()));
                    form.put("place", m.place());
                    form.put("ward", m.ward());
                    form.put("accessibility", m.accessibility());
                    form.put("capacity", Integer.toString(m.capacity()));
                    form.put("provisions", m.provisions().stream().map(Enum::name).toList());
                });
        return render(p, form, model);
    }

    @PostMapping("/operations/participation/processes/{code}/meetings")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String save(@PathVariable String code, @RequestParam MultiValueMap<String, String> fields, Model model, RedirectAttributes redirect) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        try {
            List<Meeting.Provision> provisions = new ArrayList<>();
            for (String s : fields.getOrDefault("provision", List.of())) {
                try {
                    provisions.add(Meeting.Provision.valueOf(s));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("provision", "no such provision '" + s + "'", "participation.problem.provision");
                }
            }
            String capacity = one(fields, "capacity");
            int places;
            try {
                places = capacity.isEmpty() ? 0 : Integer.parseInt(capacity);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("capacity", "the number of places is a whole number (0: no limit)",
                        "participation.problem.capacity");
            }
            Meeting m = new Meeting(one(fields, "code"), one(fields, "titleVi"), one(fields, "titleEn"), one(fields, "descriptionVi"),
                    one(fields, "descriptionEn"), time("starts", one(fields, "starts")), time("ends", one(fields, "ends")),
                    one(fields, "place"), one(fields, "ward"), provisions, one(fields, "accessibility"), places);
            meetings.define(CurrentCaller.principal(), code, m);
            redirect.addFlashAttribute("done", "meetingSaved");
            return "redirect:/operations/participation/processes/" + code + "/meetings";
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("problem", ProblemText.of(e));
            Map<String, Object> form = new LinkedHashMap<>();
            fields.forEach((k, v) -> form.put(k, k.equals("provision") ? v : v.isEmpty() ? "" : v.get(0)));
            form.put("provisions", fields.getOrDefault("provision", List.of()));
            return render(p, form, model);
        }
    }

    @PostMapping("/operations/participation/processes/{code}/meetings/{meeting}/minutes")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    String minutes(@PathVariable String code, @PathVariable String meeting, @RequestParam(defaultValue = "") String minutesVi,
            @RequestParam(defaultValue = "") String minutesEn, @RequestParam(defaultValue = "") String proposals, Model model,
            RedirectAttributes redirect) {
        ParticipatoryProcess p = participation.managed(CurrentCaller.principal(), code);
        try {
            List<Integer> numbers = new ArrayList<>();
            for (String n : proposals.split("[,;\\s]+")) {
                if (!n.isBlank()) {
                    try {
                        numbers.add(Integer.valueOf(n.replace("#", "")));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("proposals", "proposals are given by their numbers, like 3, 7; got '" + n + "'",
                                "participation.problem.proposalNumbers");
                    }
                }
            }
            meetings.minutes(CurrentCaller.principal(), code, meeting, minutesVi, minutesEn, numbers);
            redirect.addFlashAttribute("done", "minutesPublished");
            return "redirect:/operations/participation/processes/" + code + "/meetings";
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            model.addAttribute("problem", ProblemText.of(e));
            return render(p, new LinkedHashMap<>(), model);
        }
    }

    private String render(ParticipatoryProcess p, Map<String, Object> form, Model model) {
        boolean vi = CityTime.vietnamese();
        model.addAttribute("vi", vi);
        model.addAttribute("p", p);
        model.addAttribute("form", form);
        model.addAttribute("provisions", Meeting.Provision.values());
        model.addAttribute("rows", meetings.meetings(CurrentCaller.tenant(), p.code()).stream().map(s -> new Row(s,
                local(s.meeting().starts()).replace('T', ' '), meetings.past(s),
                meetings.needs(CurrentCaller.principal(), p.code(), s.meeting().code()))).toList());
        return "participation/meeting-work";
    }

    private String local(java.time.Instant t) {
        return LocalDateTime.ofInstant(t, zone).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
    }

    private static String one(MultiValueMap<String, String> fields, String name) {
        String v = fields.getFirst(name);
        return v == null ? "" : v.strip();
    }

    private java.time.Instant time(String field, String value) {
        if (value.isEmpty()) {
            throw new InvalidInputException(field, "say when the meeting " + (field.equals("starts") ? "starts" : "ends"),
                    field.equals("starts") ? "participation.problem.meetingStarts" : "participation.problem.meetingEnds");
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a day and a time, like 2027-01-10T18:30; got '" + value + "'",
                    "participation.problem.dayAndTime", ProblemArgs.field(field));
        }
    }
}
