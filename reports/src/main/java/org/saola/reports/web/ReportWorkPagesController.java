package org.saola.reports.web;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ReportStatus;
import org.saola.reports.domain.ServiceDefinition;
import org.saola.reports.domain.ServiceRequest;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.saola.web.shell.ProblemText;

/**
 * The departments' report pages: the queue ({@code /operations/reports}, filtered, overdue ones marked) and a
 * report to work ({@code /operations/reports/{id}}: status with a public update, internal notes, assignment, the
 * reporter's contact on a stated reason). Officers see their departments' reports only.
 */
@Controller
@WebPage
@RequiresPermission(Permission.OPERATIONS_VIEW)
class ReportWorkPagesController {

    record Row(ServiceRequest report, String serviceName, String department, String requestedAt, String expectedAt,
            boolean overdue) {
    }

    record HistoryEntry(String at, String kind, String status, String text, String actor, boolean publicly) {
    }

    private final ReportService reports;
    private final Departments departments;
    private final java.time.InstantSource clock;
    private final CityTime time;

    ReportWorkPagesController(ReportService reports, Departments departments, java.time.InstantSource clock,
            CityTime time) {
        this.reports = reports;
        this.departments = departments;
        this.clock = clock;
        this.time = time;
    }


    private Map<String, String> departmentNames(SaolaPrincipal caller) {
        return ReportPages.departmentNames(departments, caller.tenant());
    }

    private Row row(ServiceRequest r, Map<String, ServiceDefinition> services, Map<String, String> departmentNames) {
        ServiceDefinition s = services.get(r.serviceCode());
        DateTimeFormatter f = time.formatter();
        String department = r.department().map(d -> departmentNames.getOrDefault(d, d)).orElse("");
        return new Row(r, s == null ? r.serviceCode() : s.name(LocaleContextHolder.getLocale()), department,
                f.format(r.requestedAt()), f.format(r.expectedAt()), r.overdue(clock.instant()));
    }

    private Map<String, ServiceDefinition> services(SaolaPrincipal caller) {
        return ReportPages.services(reports, caller.tenant());
    }

    static final int PAGE = 50;

    @GetMapping("/operations/reports")
    String queue(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "") String service,
            @RequestParam(defaultValue = "") String ward, @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "1") int page, Model model) {
        int p = Math.max(1, Math.min(page, 10_000));
        SaolaPrincipal caller = CurrentCaller.principal();
        QueueFilter filter = new QueueFilter(status, service, ward, department, overdue);
        ReportSearch search = filter.search(clock.instant(), PAGE, (p - 1) * PAGE);
        Map<String, ServiceDefinition> services = services(caller);
        Map<String, String> names = departmentNames(caller);
        model.addAttribute("rows", reports.queue(caller, search).stream().map(r -> row(r, services, names)).toList());
        long total = reports.count(caller, search);
        model.addAttribute("total", total);
        model.addAttribute("first", total == 0 ? 0 : (p - 1) * PAGE + 1);
        model.addAttribute("last", Math.min(total, (long) p * PAGE));
        String query = filter.query();
        model.addAttribute("previous", p > 1 ? "/operations/reports?" + query + "&page=" + (p - 1) : null);
        model.addAttribute("next", (long) p * PAGE < total ? "/operations/reports?" + query + "&page=" + (p + 1) : null);
        model.addAttribute("status", status);
        model.addAttribute("service", service);
        model.addAttribute("overdue", overdue);
        model.addAttribute("ward", filter.ward());
        model.addAttribute("department", filter.department());
        model.addAttribute("wards", ReportPages.wards(departments, caller.tenant()));
        // the departments an officer may filter by are their own; an administrator or operator sees them all
        model.addAttribute("departments", names.entrySet().stream()
                .filter(d -> caller.departmentScope().map(scope -> scope.contains(d.getKey())).orElse(true))
                .sorted(Map.Entry.comparingByValue()).toList());
        model.addAttribute("mapUrl", "/operations/reports/map?" + query);
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("services", services.values().stream()
                .sorted(java.util.Comparator.comparing(ServiceDefinition::code)).toList());
        model.addAttribute("vi", CityTime.vietnamese());
        return "reports/queue";
    }

    /** A question the category asked and what the resident answered, as the page's language writes both. */
    record Answer(String question, String answer) {
    }

    /** The answers to the category's extra questions, in the order asked (codes where a question has gone since). */
    static List<Answer> answers(ServiceRequest r, ServiceDefinition service) {
        boolean vi = CityTime.vietnamese();
        List<Answer> out = new java.util.ArrayList<>();
        r.attributes().forEach((code, given) -> {
            Optional<org.saola.reports.domain.ServiceAttribute> a = service == null ? Optional.empty()
                    : service.attributes().stream().filter(q -> q.code().equals(code)).findFirst();
            String answer = String.join(", ", given.stream().map(g -> a.flatMap(q -> q.values().stream()
                    .filter(v -> v.key().equals(g)).findFirst()).map(v -> vi ? v.nameVi() : v.nameEn()).orElse(g)).toList());
            out.add(new Answer(a.map(q -> vi ? q.questionVi() : q.questionEn()).orElse(code), answer));
        });
        return out;
    }

    @GetMapping("/operations/reports/{id}")
    String work(@PathVariable long id, Model model) {
        SaolaPrincipal caller = CurrentCaller.principal();
        ServiceRequest.WithEvents r = reports.get(caller, id);
        DateTimeFormatter f = time.formatter();
        Map<String, ServiceDefinition> services = services(caller);
        model.addAttribute("r", row(r.request(), services, departmentNames(caller)));
        model.addAttribute("answers", answers(r.request(), services.get(r.request().serviceCode())));
        model.addAttribute("events", r.events().stream().map(e -> new HistoryEntry(f.format(e.at()), e.kind(),
                e.status().map(Enum::name).orElse(""), e.text(), e.actor(), e.publicly())).toList());
        model.addAttribute("photos", reports.staffPhotos(caller, id));
        model.addAttribute("canWork", caller.has(Permission.REPORTS_WORK));
        model.addAttribute("next", r.request().status().isOpen()
                ? Arrays.stream(ReportStatus.values()).filter(s -> s != ReportStatus.OPEN && s != r.request().status()).toList()
                : List.of(ReportStatus.OPEN));
        model.addAttribute("departments", departments.list(caller.tenant()));
        model.addAttribute("vi", CityTime.vietnamese());
        return "reports/work";
    }

    @PostMapping("/operations/reports/{id}/status")
    @RequiresPermission(Permission.REPORTS_WORK)
    String status(@PathVariable long id, @RequestParam String status, @RequestParam Optional<String> text,
            @RequestParam Optional<String> duplicateOf, @RequestParam Optional<String> referredTo, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            Optional<Long> of;
            try {
                of = duplicateOf.map(String::strip).filter(d -> !d.isEmpty()).map(d -> Long.parseLong(d.replace("#", "")));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("duplicateOf", "the duplicate's report number is a number");
            }
            reports.changeStatus(CurrentCaller.principal(), id, ReportStatus.parse("status", status), text.orElse(""), of,
                    referredTo.orElse(""));
        });
    }

    @PostMapping("/operations/reports/{id}/notes")
    @RequiresPermission(Permission.REPORTS_WORK)
    String note(@PathVariable long id, @RequestParam Optional<String> text, RedirectAttributes redirect) {
        return act(id, redirect, () -> reports.note(CurrentCaller.principal(), id, text.orElse("")));
    }

    @PostMapping("/operations/reports/{id}/assign")
    @RequiresPermission(Permission.REPORTS_WORK)
    String assign(@PathVariable long id, @RequestParam Optional<String> department, @RequestParam Optional<String> assignee,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> reports.assign(CurrentCaller.principal(), id, department.orElse(""), assignee.orElse("")));
    }

    // ---- moderation

    /** A report awaiting a moderator: its words and every photo. */
    record ToModerate(Row row, List<org.saola.reports.store.ReportStore.PhotoRecord> photos) {
    }

    @GetMapping("/operations/reports/moderation")
    @RequiresPermission(Permission.REPORTS_WORK)
    String moderation(Model model) {
        SaolaPrincipal caller = CurrentCaller.principal();
        Map<String, ServiceDefinition> services = services(caller);
        Map<String, String> names = departmentNames(caller);
        model.addAttribute("items", reports.toModerate(caller, 50).stream()
                .map(r -> new ToModerate(row(r, services, names), reports.staffPhotos(caller, r.id()))).toList());
        return "reports/moderation";
    }

    @PostMapping("/operations/reports/{id}/moderation")
    @RequiresPermission(Permission.REPORTS_WORK)
    String moderate(@PathVariable long id, @RequestParam String decision, @RequestParam Optional<String> reason,
            @RequestParam Optional<String> back, RedirectAttributes redirect) {
        String to = back.filter("moderation"::equals).map(b -> "redirect:/operations/reports/moderation")
                .orElse("redirect:/operations/reports/" + id);
        act(id, redirect, () -> reports.moderate(CurrentCaller.principal(), id,
                "HIDDEN".equals(decision) ? ServiceRequest.Moderation.HIDDEN : ServiceRequest.Moderation.APPROVED,
                reason.orElse("")));
        return to;
    }

    @PostMapping("/operations/reports/{id}/photos/{photo}/hide")
    @RequiresPermission(Permission.REPORTS_WORK)
    String hidePhoto(@PathVariable long id, @PathVariable java.util.UUID photo, @RequestParam Optional<String> reason,
            @RequestParam Optional<String> back, RedirectAttributes redirect) {
        act(id, redirect, () -> reports.hidePhoto(CurrentCaller.principal(), id, photo, reason.orElse("")));
        return back.filter("moderation"::equals).map(b -> "redirect:/operations/reports/moderation")
                .orElse("redirect:/operations/reports/" + id);
    }

    @PostMapping("/operations/reports/{id}/photos")
    @RequiresPermission(Permission.REPORTS_WORK)
    String addPhoto(@PathVariable long id, @RequestParam(name = "photo", required = false)
            org.springframework.web.multipart.MultipartFile photo, RedirectAttributes redirect) {
        act(id, redirect, () -> {
            if (photo == null || photo.isEmpty()) {
                throw new InvalidInputException("photo", "choose a photo");
            }
            try {
                reports.addAfterPhoto(CurrentCaller.principal(), id, photo.getBytes());
            } catch (java.io.IOException e) {
                throw new InvalidInputException("photo", "the photo could not be read");
            }
        });
        return "redirect:/operations/reports/" + id;
    }

    /** A report's photo for the staff who work it, hidden or not. */
    @GetMapping("/operations/reports/photos/{photo}.jpg")
    org.springframework.http.ResponseEntity<byte[]> photo(@PathVariable String photo) {
        ReportPages.PhotoName name = ReportPages.PhotoName.parse(photo);
        byte[] bytes = reports.staffPhoto(CurrentCaller.principal(), name.id(), name.thumbnail())
                .orElseThrow(() -> new NotFoundException("no such photo"));
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType.IMAGE_JPEG)
                .cacheControl(org.springframework.http.CacheControl.noStore()).body(bytes);
    }

    /** The reporter's contact, on the page itself (never in a redirect's URL or a log), with the reason audited. */
    @GetMapping("/operations/reports/{id}/reporter")
    @RequiresPermission(Permission.RESIDENT_CONTACT_READ)
    String reporter(@PathVariable long id, @RequestParam Optional<String> reason, Model model) {
        try {
            ReportService.Reporter r = reports.reporter(CurrentCaller.principal(), id, reason.orElse(""));
            model.addAttribute("reporterContact", r.contact().map(c -> c.value()).orElse(""));
            model.addAttribute("reporterName", r.name().orElse(""));
            model.addAttribute("reporterVerified", r.verified());
        } catch (InvalidInputException e) {
            model.addAttribute("problem", ProblemText.of(e));
        }
        return work(id, model);
    }

    private static String act(long id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", true);
        } catch (ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        } catch (NotFoundException e) {
            throw e;
        }
        return "redirect:/operations/reports/" + id;
    }
}
