package org.saola.reports.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.security.Departments;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.ResidentRoute;
import org.saola.reports.domain.NewReport;
import org.saola.reports.domain.Privacy;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ReportStatus;
import org.saola.reports.domain.ServiceDefinition;
import org.saola.reports.domain.ServiceRequest;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The residents' side of reports: the report form ({@code /city/reports/new}) in two steps that work without
 * JavaScript (what and where; then the open reports of that kind nearby, which the resident can support
 * instead, and the details), each report's public page with its timeline, photos served without metadata, and
 * a signed-in resident's own reports. Nothing here shows who reported.
 */
@Controller
@WebPage
class ReportPagesController {

    /** A report as a public page shows it: where is the public location (approximate for sensitive kinds). */
    record PublicReport(ServiceRequest report, String serviceName, String department, Double lat, Double lon,
            String requestedAt, String expectedAt, String closedAt, boolean overdue, String address) {
    }

    record TimelineEntry(String at, String kind, String status, String text) {
    }

    private final ReportService reports;
    private final Departments departments;
    private final PublicTenant tenants;
    private final RateLimits limits;
    private final java.time.InstantSource clock;
    private final CityTime time;
    private final org.springframework.context.MessageSource messages;

    ReportPagesController(ReportService reports, Departments departments, PublicTenant tenants, RateLimits limits,
            java.time.InstantSource clock, CityTime time, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.reports = reports;
        this.departments = departments;
        this.tenants = tenants;
        this.limits = limits;
        this.clock = clock;
        this.time = time;
    }




    // ---- the form

    @GetMapping("/city/reports/new")
    @PublicRoute("residents report a problem here, with or without an account")
    String form(@RequestParam Optional<String> service, @RequestParam Optional<String> lat,
            @RequestParam Optional<String> lon, @RequestParam Optional<String> ward,
            @RequestParam Optional<String> street, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        List<ServiceDefinition> services = reports.services(tenant, true);
        model.addAttribute("services", services);
        model.addAttribute("wards", ReportPages.wards(departments, tenant));
        model.addAttribute("vi", CityTime.vietnamese());
        model.addAttribute("resident", CurrentCaller.resident().isPresent());
        model.addAttribute("service", service.orElse(""));
        model.addAttribute("lat", lat.orElse(""));
        model.addAttribute("lon", lon.orElse(""));
        model.addAttribute("ward", ward.orElse(""));
        model.addAttribute("street", street.orElse(""));
        model.addAttribute("place", String.join(", ", java.util.stream.Stream.of(street.orElse(""), ward.orElse(""))
                .map(String::strip).filter(p -> !p.isEmpty()).toList()));
        if (service.isEmpty()) {
            model.addAttribute("step", 1);
            return "reports/new";
        }
        // Step 2: the place and kind are known; show the open reports of that kind nearby first.
        try {
            ServiceDefinition chosen = services.stream().filter(s -> s.code().equals(service.get())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("service", "choose what kind of problem it is"));
            Optional<Double> la = parse("lat", lat);
            Optional<Double> lo = parse("lon", lon);
            if (la.isEmpty() && ward.orElse("").isBlank() && street.orElse("").isBlank()) {
                throw new InvalidInputException("street", "say where the problem is: use your location, or give the ward and street");
            }
            List<ServiceRequest> nearby = la.isPresent() && lo.isPresent()
                    ? reports.nearby(tenant, chosen.code(), la.get(), lo.get())
                    : ward.filter(w -> !w.isBlank()).map(w -> reports.search(tenant, new ReportSearch(Optional.empty(),
                            List.of(), List.of(chosen.code()), Set.of(ReportStatus.OPEN, ReportStatus.ACKNOWLEDGED,
                                    ReportStatus.IN_PROGRESS), Optional.empty(), Optional.empty(), Optional.of(w),
                            Optional.empty(), Optional.empty(), 10, 0))).orElse(List.of());
            model.addAttribute("chosen", chosen);
            // Signing in proves the contact with a one-time code; the resident comes back to this step.
            String back = "/city/reports/new?service=" + enc(chosen.code()) + "&lat=" + enc(lat.orElse("")) + "&lon="
                    + enc(lon.orElse("")) + "&ward=" + enc(ward.orElse("")) + "&street=" + enc(street.orElse(""));
            model.addAttribute("verifyLink", org.saola.web.shell.ResidentLinks.signIn(back));
            if (!model.containsAttribute("answers")) {
                model.addAttribute("answers", Map.of());
            }
            Map<String, String> names = departmentNames(tenant);
            model.addAttribute("nearby", nearby.stream().map(r -> publicView(r, Map.of(chosen.code(), chosen), names)).toList());
            model.addAttribute("step", 2);
        } catch (InvalidInputException e) {
            model.addAttribute("step", 1);
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("problemField", e.field());
        }
        return "reports/new";
    }

    /** A query value as the sign-in page accepts it in {@code next} (%20, not +, for a space). */
    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<Double> parse(String field, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(value.get().strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "the position could not be read; give the ward and street instead");
        }
    }

    @PostMapping("/city/reports/new")
    @PublicRoute("residents report a problem here, with or without an account")
    String file(@RequestParam String service, @RequestParam Optional<String> lat, @RequestParam Optional<String> lon,
            @RequestParam Optional<String> ward, @RequestParam Optional<String> street,
            @RequestParam Optional<String> description, @RequestParam Optional<String> contact,
            @RequestParam Optional<String> name, @RequestParam(name = "photo", required = false) List<MultipartFile> photos,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        TenantId tenant = tenants.of(request);
        Map<String, List<String>> answers = NewReport.answersFrom(request.getParameterMap());
        RateLimits.Verdict v = limits.reportFiling("form:" + tenant.value() + ":" + request.getRemoteAddr());
        try {
            if (!v.allowed()) {
                throw new InvalidInputException("description", "many reports were filed from this connection just now; "
                        + "try again in " + Math.max(1, v.retryAfterSeconds() / 60) + " min");
            }
            List<byte[]> pictures = new ArrayList<>();
            for (MultipartFile f : photos == null ? List.<MultipartFile>of() : photos) {
                if (!f.isEmpty()) {
                    pictures.add(f.getBytes());
                }
            }
            Optional<ResidentPrincipal> signedIn = CurrentCaller.resident();
            Optional<Contact> typed = contact.map(String::strip).filter(c -> !c.isEmpty()).map(Contact::parse);
            String place = street.orElse("").strip();
            ServiceRequest r = reports.file(tenant, new NewReport(service, parse("lat", lat), parse("lon", lon), place, "",
                    ward.orElse(""), description.orElse(""), inCityTime(answers), "", signedIn.map(ResidentPrincipal::residentId),
                    signedIn.isPresent() ? Optional.empty() : typed, name, "web", pictures));
            redirect.addFlashAttribute("filed", true);
            return "redirect:/city/reports/" + r.id();
        } catch (InvalidInputException | NotFoundException | IOException e) {
            String field = e instanceof InvalidInputException i ? i.field() : "service";
            model.addAttribute("problem", field.startsWith("attribute[") ? answerProblem(tenant, service, field, answers)
                    : e instanceof RuntimeException r ? ProblemText.of(r) : e.getMessage());
            model.addAttribute("problemField", field);
            model.addAttribute("answers", answers);
            model.addAttribute("description", description.orElse(""));
            model.addAttribute("contact", contact.orElse(""));
            model.addAttribute("name", name.orElse(""));
            return form(Optional.of(service), lat, lon, ward, street, request, model);
        }
    }


    /**
     * The answers as filed: a date and time from the browser's picker (no offset) is in the city's time zone; one
     * that is not a real time is left as typed, for the question's own check to refuse with a 400.
     */
    private Map<String, List<String>> inCityTime(Map<String, List<String>> typed) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        typed.forEach((code, values) -> out.put(code, values.stream().map(v -> {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
                try {
                    return java.time.LocalDateTime.parse(v).atZone(time.zone()).toOffsetDateTime().toString();
                } catch (java.time.format.DateTimeParseException e) {
                    return v;
                }
            }
            return v;
        }).toList()));
        return out;
    }

    /** A problem with an answer, in the page's language, naming the question as the resident read it. */
    private String answerProblem(TenantId tenant, String service, String field, Map<String, List<String>> answers) {
        String code = field.substring(10, field.length() - 1);
        Locale locale = LocaleContextHolder.getLocale();
        return reports.service(tenant, service).attributes().stream().filter(a -> a.code().equals(code)).findFirst()
                .map(a -> messages.getMessage(answers.getOrDefault(code, List.of()).stream().allMatch(String::isBlank)
                        ? "reports.new.answerRequired" : "reports.new.answerProblem",
                        new Object[] {"vi".equals(locale.getLanguage()) ? a.questionVi() : a.questionEn()}, locale))
                .orElse(field);
    }

    // ---- a report's public page

    @GetMapping("/city/reports/{id}")
    @PublicRoute("every report has a public page: what, where (approximate for sensitive kinds), what came of it")
    String report(@PathVariable long id, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        ServiceRequest r = reports.find(tenant, id).orElseThrow(() -> new NotFoundException("no report #" + id));
        Map<String, ServiceDefinition> services = ReportPages.services(reports, tenant);
        DateTimeFormatter format = time.formatter();
        model.addAttribute("r", publicView(r, services, departmentNames(tenant)));
        // Words a moderator hid (or, pre-moderated, has not yet approved) are the resident's: the description and
        // what the reporter wrote later.
        boolean hidden = !reports.residentContentPublic(r);
        model.addAttribute("wordsShown", !hidden);
        model.addAttribute("timeline", reports.publicEvents(tenant, id).stream()
                .map(e -> new TimelineEntry(format.format(e.at()), e.kind(), e.status().map(Enum::name).orElse(""),
                        hidden && e.actor().equals("reporter") ? "" : e.text()))
                .toList());
        model.addAttribute("photos", reports.photos(r));
        model.addAttribute("resident", CurrentCaller.resident().isPresent());
        return "reports/report";
    }

    private Map<String, String> departmentNames(TenantId tenant) {
        return ReportPages.departmentNames(departments, tenant);
    }

    private PublicReport publicView(ServiceRequest r, Map<String, ServiceDefinition> services, Map<String, String> names) {
        ServiceDefinition s = services.get(r.serviceCode());
        Privacy privacy = s == null ? Privacy.APPROXIMATE : s.privacy();
        Locale locale = LocaleContextHolder.getLocale();
        String department = r.department().map(d -> names.getOrDefault(d, d)).orElse("");
        DateTimeFormatter format = time.formatter();
        return new PublicReport(r, s == null ? r.serviceCode() : s.name(locale), department,
                r.lat().map(privacy::publicCoordinate).orElse(null), r.lon().map(privacy::publicCoordinate).orElse(null),
                format.format(r.requestedAt()), format.format(r.expectedAt()), r.closedAt().map(format::format).orElse(""),
                r.overdue(clock.instant()), privacy == Privacy.APPROXIMATE ? "" : r.address());
    }

    /** "Me too": a signed-in resident supports an open report instead of filing it again. */
    @PostMapping("/city/reports/{id}/support")
    @ResidentRoute
    String support(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        ResidentPrincipal resident = CurrentCaller.resident().orElseThrow();
        try {
            reports.support(resident.tenant(), id, resident.residentId());
            redirect.addFlashAttribute("supported", true);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", ProblemText.of(e));
        }
        return "redirect:/city/reports/" + id;
    }

    @GetMapping("/city/reports/photos/{photo}.jpg")
    @PublicRoute("the photos of reports, re-encoded without metadata")
    ResponseEntity<byte[]> photo(@PathVariable String photo, HttpServletRequest request) {
        ReportPages.PhotoName name = ReportPages.PhotoName.parse(photo);
        byte[] bytes = reports.photo(tenants.of(request), name.id(), name.thumbnail())
                .orElseThrow(() -> new NotFoundException("no such photo"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                // minutes, not a day: a photo a moderator hides must leave caches soon
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic()).body(bytes);
    }

    // ---- asking the reporter whether it is fixed

    @GetMapping("/city/reports/{id}/follow-up")
    @PublicRoute("the reporter answers whether their report is really fixed; the link's token is the credential")
    String followUp(@PathVariable long id, @RequestParam Optional<String> token, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Optional<ServiceRequest> r = reports.followUpFor(tenant, id, token.orElse(""));
        model.addAttribute("id", id);
        model.addAttribute("valid", r.isPresent());
        model.addAttribute("token", token.orElse(""));
        r.ifPresent(found -> {
            Map<String, ServiceDefinition> services = ReportPages.services(reports, tenant);
            model.addAttribute("r", publicView(found, services, departmentNames(tenant)));
        });
        // closed without a fix: only how it was handled is asked
        model.addAttribute("ratingOnly", r.map(found -> found.status().closedWithoutFix()).orElse(false));
        return "reports/follow-up";
    }

    @PostMapping("/city/reports/{id}/follow-up")
    @PublicRoute("the reporter answers whether their report is really fixed; the link's token is the credential")
    String answer(@PathVariable long id, @RequestParam Optional<String> token, @RequestParam Optional<String> fixed,
            @RequestParam Optional<String> text, @RequestParam Optional<String> rating, HttpServletRequest request,
            Model model, RedirectAttributes redirect) {
        TenantId tenant = tenants.of(request);
        try {
            boolean ratingOnly = reports.followUpFor(tenant, id, token.orElse("")).map(r -> r.status().closedWithoutFix())
                    .orElse(false);
            if (!ratingOnly && (fixed.isEmpty() || !List.of("yes", "no").contains(fixed.get()))) {
                throw new InvalidInputException("fixed", "say whether it is fixed");
            }
            Optional<Integer> stars;
            try {
                stars = rating.filter(v -> !v.isBlank()).map(String::strip).map(Integer::valueOf);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("rating", "a rating is 1 to 5");
            }
            reports.answerFollowUp(tenant, id, token.orElse(""), fixed.orElse("").equals("yes"), text.orElse(""), stars);
            redirect.addFlashAttribute("answered", ratingOnly ? "rated" : fixed.get());
            return "redirect:/city/reports/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("problem", ProblemText.of(e));
            model.addAttribute("problemField", e.field());
            model.addAttribute("text", text.orElse(""));
            return followUp(id, token, request, model);
        }
    }

    // ---- what came of the reports

    @GetMapping("/city/reports/statistics")
    @PublicRoute("what came of residents' reports, per kind and ward: counts only")
    String statistics(@RequestParam(defaultValue = "365") int days, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        int period = List.of(30, 90, 365).contains(days) ? days : 365;
        Map<String, ServiceDefinition> services = ReportPages.services(reports, tenant);
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("rows", reports.statistics(tenant, clock.instant().minus(java.time.Duration.ofDays(period))).stream()
                .map(st -> new StatisticsRow(st, services.containsKey(st.serviceCode())
                        ? services.get(st.serviceCode()).name(locale) : st.serviceCode(),
                        st.medianToFix().map(ReportPagesController::duration).orElse("")))
                .toList());
        model.addAttribute("days", period);
        return "reports/statistics";
    }

    /** A line of the statistics as the page shows it. */
    record StatisticsRow(org.saola.reports.domain.ReportStatistics statistics, String serviceName, String medianToFix) {
    }

    private static String duration(java.time.Duration d) {
        boolean vi = CityTime.vietnamese();
        if (d.toHours() < 48) {
            return d.toHours() + (vi ? " giờ" : " h");
        }
        return d.toDays() + (vi ? " ngày" : " days");
    }

    // ---- a resident's own reports

    @GetMapping("/residents/reports")
    @ResidentRoute
    String mine(Model model) {
        ResidentPrincipal resident = CurrentCaller.resident().orElseThrow();
        Map<String, ServiceDefinition> services = ReportPages.services(reports, resident.tenant());
        List<ServiceRequest> mine = reports.search(resident.tenant(), new ReportSearch(Optional.empty(), List.of(), List.of(),
                Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(resident.residentId()),
                Optional.empty(), 200, 0));
        Map<String, String> names = departmentNames(resident.tenant());
        model.addAttribute("reports", mine.stream().map(r -> publicView(r, services, names)).toList());
        return "reports/mine";
    }
}
