package org.saola.reports.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.Contact;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.reports.domain.NewReport;
import org.saola.reports.domain.Privacy;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ReportStatus;
import org.saola.reports.domain.ServiceAttribute;
import org.saola.reports.domain.ServiceDefinition;
import org.saola.reports.domain.ServiceRequest;
import org.saola.web.shell.PublicTenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open311 GeoReport v2 under {@code /open311/v2} (http://wiki.open311.org/GeoReport_v2): discovery, the service
 * list and definitions, filing a request ({@code api_key} required), requests by filter, by id and by token; in
 * XML or JSON as the path's extension says. The city is the host's ({@link PublicTenant}); {@code jurisdiction_id}
 * is optional (one jurisdiction per host) and, when given, must name it. Errors are the specification's error
 * arrays ({@link Open311Errors}). No response carries anything of the reporter.
 */
@RestController
@PublicRoute("Open311 GeoReport v2: the city's service catalogue and reports are public; filing needs an api_key")
class Open311Controller {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** GeoReport v2 "Response Volume": a span of 90 days or the first 1000 requests, whichever is smallest. */
    static final Duration WINDOW = Duration.ofDays(90);
    static final int MAX_REQUESTS = 1000;

    private final ReportService reports;
    private final Departments departments;
    private final PublicTenant tenants;
    private final ApiKeys apiKeys;
    private final RateLimits limits;
    private final InstantSource clock;
    private final DateTimeFormatter datetime;

    Open311Controller(ReportService reports, Departments departments, PublicTenant tenants, ApiKeys apiKeys,
            RateLimits limits, InstantSource clock, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.reports = reports;
        this.departments = departments;
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.limits = limits;
        this.clock = clock;
        // w3 datetime with the offset, without fractions (clients parse "no millis" strictly)
        this.datetime = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneId.of(zone));
    }

    // ---- discovery (Service Discovery: /discovery.<format>)

    @GetMapping("/open311/v2/discovery.{format}")
    ResponseEntity<?> discovery(@PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        tenant(request);
        String url = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort())
                + request.getContextPath() + "/open311/v2";
        Open311Document.Element endpoint = new Open311Document.Builder().value("specification", SPECIFICATION)
                .value("url", url).value("changeset", "2026-11-30T00:00:00Z").value("type", "production")
                .list("formats", "format", List.of("text/xml", "application/json")).build("endpoint");
        return f.body(new Open311Document.Builder().value("changeset", "2026-11-30T00:00:00Z")
                .value("contact", "The city's departments: " + url.replace("/open311/v2", "/city/departments"))
                .value("key_service", "Reading needs no key. To file requests, ask the city's administrators for an "
                        + "API key (any role); it is sent as the api_key form parameter.")
                .list("endpoints", "endpoint", List.of(endpoint)).build("discovery"));
    }

    // ---- GET Service List

    @GetMapping("/open311/v2/services.{format}")
    ResponseEntity<?> services(@PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        TenantId tenant = tenant(request);
        Locale locale = locale(request);
        List<Open311Document.Element> services = reports.services(tenant, true).stream()
                .map(s -> new Open311Document.Builder().value("service_code", s.code()).value("service_name", s.name(locale))
                        .value("description", s.description(locale)).value("metadata", s.hasMetadata())
                        .value("type", "realtime").value("keywords", String.join(", ", s.keywords()))
                        .value("group", s.group()).build("service"))
                .toList();
        return f.body(new Open311Document.ListOf("services", "service", services));
    }

    // ---- GET Service Definition

    @GetMapping("/open311/v2/services/{code}.{format}")
    ResponseEntity<?> definition(@PathVariable String code, @PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        TenantId tenant = tenant(request);
        Locale locale = locale(request);
        ServiceDefinition s = reports.services(tenant, true).stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("service_code " + code + " was not found"));
        boolean vi = "vi".equals(locale.getLanguage());
        List<Open311Document.Element> attributes = new ArrayList<>();
        int order = 1;
        for (ServiceAttribute a : s.attributes()) {
            List<Open311Document.Element> values = a.values().stream()
                    .map(v -> new Open311Document.Builder().value("key", v.key()).value("name", vi ? v.nameVi() : v.nameEn())
                            .build("value"))
                    .toList();
            Open311Document.Builder b = new Open311Document.Builder().value("variable", a.variable()).value("code", a.code())
                    .value("datatype", a.datatype().open311()).value("required", a.required())
                    .value("datatype_description", a.datatypeDescription()).value("order", order++)
                    .value("description", vi ? a.questionVi() : a.questionEn());
            if (!values.isEmpty()) {
                b.list("values", "value", values);
            }
            attributes.add(b.build("attribute"));
        }
        return f.body(new Open311Document.Builder().value("service_code", s.code())
                .list("attributes", "attribute", attributes).build("service_definition"));
    }

    // ---- POST Service Request

    @PostMapping(value = "/open311/v2/requests.{format}",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    ResponseEntity<?> file(@PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        TenantId tenant = tenant(request);
        String key = request.getParameter("api_key");
        if (key == null || key.isBlank()) {
            throw new Open311Errors.KeyRefused("api_key is required to file a request (see discovery's key_service)");
        }
        SaolaPrincipal client = apiKeys.authenticate(key.strip()).filter(p -> p.tenant().equals(tenant))
                .orElseThrow(() -> new Open311Errors.KeyRefused("api_key is not valid for this city"));
        RateLimits.Verdict v = limits.reportFiling("open311:" + tenant.value() + ":" + client.name());
        if (!v.allowed()) {
            throw new Open311Errors.TooMany(v.retryAfterSeconds());
        }
        Optional<Contact> contact = contact(request);
        String name = (param(request, "first_name") + " " + param(request, "last_name")).strip();
        ServiceRequest r = reports.file(tenant, new NewReport(param(request, "service_code"),
                number(request, "lat"), number(request, "long"), param(request, "address_string"),
                param(request, "address_id"), "", param(request, "description"), NewReport.answersFrom(request.getParameterMap()),
                param(request, "media_url"), Optional.empty(), contact, Optional.of(name), "open311:" + client.name(),
                photos(request)));
        // A realtime service: the id at once, never a token beside it (GeoReport v2, POST Service Request).
        Open311Document.Element created = new Open311Document.Builder()
                .value("service_request_id", String.valueOf(r.id()))
                .value("service_notice", "Expected by " + datetime.format(r.expectedAt()) + ". Follow it at " + reports.page(r))
                .value("account_id", null).build("request");
        return f.body(new Open311Document.ListOf("service_requests", "request", List.of(created)));
    }

    /** The reporter's e-mail or phone, if given: kept encrypted by the platform, never answered back. */
    private static Optional<Contact> contact(HttpServletRequest request) {
        String email = param(request, "email");
        String phone = param(request, "phone");
        if (!email.isEmpty()) {
            return Optional.of(parseContact("email", email));
        }
        if (!phone.isEmpty()) {
            return Optional.of(parseContact("phone", phone));
        }
        return Optional.empty();
    }

    private static Contact parseContact(String field, String value) {
        try {
            return Contact.parse(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }


    /** Photos sent as multipart parts named {@code media} (the convention Open311 clients such as CUTR's use). */
    private static List<byte[]> photos(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return List.of();
        }
        try {
            List<byte[]> photos = new ArrayList<>();
            for (Part p : request.getParts()) {
                if ("media".equals(p.getName()) && p.getSize() > 0) {
                    if (photos.size() == NewReport.MAX_PHOTOS) {
                        throw new InvalidInputException("media", "at most " + NewReport.MAX_PHOTOS + " photos");
                    }
                    photos.add(p.getInputStream().readAllBytes());
                }
            }
            return photos;
        } catch (IOException | ServletException e) {
            throw new InvalidInputException("media", "the multipart body could not be read: " + e.getMessage());
        }
    }

    // ---- GET Service Requests, GET Service Request, GET request id from a token

    @GetMapping("/open311/v2/requests.{format}")
    ResponseEntity<?> requests(@PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        TenantId tenant = tenant(request);
        List<Long> ids = list(request, "service_request_id").stream().map(Open311Controller::id).toList();
        ReportSearch search;
        if (!ids.isEmpty()) {
            // "This overrides all other arguments."
            search = new ReportSearch(Optional.empty(), ids, List.of(), Set.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), MAX_REQUESTS, 0);
        } else {
            Optional<Instant> start = date(request, "start_date");
            Optional<Instant> end = date(request, "end_date");
            Instant to = end.orElseGet(() -> start.map(s -> s.plus(WINDOW)).orElse(clock.instant()));
            Instant from = start.orElse(to.minus(WINDOW));
            if (from.isAfter(to)) {
                throw new InvalidInputException("start_date", "start_date is after end_date");
            }
            if (Duration.between(from, to).compareTo(WINDOW) > 0) {
                throw new InvalidInputException("end_date", "start_date to end_date may not span more than 90 days");
            }
            Set<ReportStatus> statuses = new LinkedHashSet<>();
            for (String s : list(request, "status")) {
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "open" -> statuses.addAll(List.of(ReportStatus.OPEN, ReportStatus.ACKNOWLEDGED, ReportStatus.IN_PROGRESS));
                    case "closed" -> statuses.addAll(List.of(ReportStatus.FIXED, ReportStatus.NOT_FIXED, ReportStatus.DUPLICATE,
                            ReportStatus.REFERRED));
                    default -> throw new InvalidInputException("status", "status is open or closed; got '" + s + "'");
                }
            }
            search = new ReportSearch(Optional.empty(), List.of(), list(request, "service_code"), statuses,
                    Optional.of(from), Optional.of(to), Optional.empty(), Optional.empty(), Optional.empty(), MAX_REQUESTS, 0);
        }
        return f.body(requestList(tenant, reports.search(tenant, search), locale(request)));
    }

    @GetMapping("/open311/v2/requests/{id}.{format}")
    ResponseEntity<?> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        TenantId tenant = tenant(request);
        ServiceRequest r = reports.find(tenant, id(id))
                .orElseThrow(() -> new NotFoundException("service_request_id " + id + " was not found"));
        return f.body(requestList(tenant, List.of(r), locale(request)));
    }

    @GetMapping("/open311/v2/tokens/{token}.{format}")
    ResponseEntity<?> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
        Format f = Format.of(format, request);
        TenantId tenant = tenant(request);
        UUID t;
        try {
            t = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("token " + token + " was not found");
        }
        ServiceRequest r = reports.byToken(tenant, t).orElseThrow(() -> new NotFoundException("token " + token + " was not found"));
        return f.body(new Open311Document.ListOf("service_requests", "request", List.of(new Open311Document.Builder()
                .value("service_request_id", String.valueOf(r.id())).value("token", token).build("request"))));
    }

    private Open311Document.ListOf requestList(TenantId tenant, List<ServiceRequest> list, Locale locale) {
        Map<String, ServiceDefinition> services = new HashMap<>();
        reports.services(tenant, false).forEach(s -> services.put(s.code(), s));
        Map<String, String> agencies = new HashMap<>();
        for (Department d : departments.list(tenant)) {
            agencies.put(d.code(), "vi".equals(locale.getLanguage()) ? d.nameVi() : d.nameEn());
        }
        Map<Long, UUID> photos = reports.firstPhotos(tenant, list);
        List<Open311Document.Element> requests = new ArrayList<>();
        for (ServiceRequest r : list) {
            ServiceDefinition s = services.get(r.serviceCode());
            Privacy privacy = s == null ? Privacy.APPROXIMATE : s.privacy();
            // a link the client gave is the resident's too: withheld while it awaits a moderator (a hidden photo is hidden on its own)
            String media = photos.containsKey(r.id()) ? reports.photoUrl(photos.get(r.id()))
                    : reports.awaitingModerator(r) ? "" : r.mediaUrl();
            requests.add(new Open311Document.Builder()
                    .value("service_request_id", String.valueOf(r.id()))
                    .value("status", r.status().open311())
                    .value("status_notes", r.statusNotes())
                    .value("service_name", s == null ? r.serviceCode() : s.name(locale))
                    .value("service_code", r.serviceCode())
                    .value("description", reports.publicDescription(r))
                    .value("agency_responsible", r.department().map(agencies::get).orElse(null))
                    .value("service_notice", null)
                    .value("requested_datetime", datetime.format(r.requestedAt()))
                    .value("updated_datetime", datetime.format(r.closedAt().orElse(r.updatedAt())))
                    .value("expected_datetime", datetime.format(r.expectedAt()))
                    .value("address", privacy == Privacy.APPROXIMATE ? r.ward() : r.address())
                    .value("address_id", r.addressId())
                    .value("zipcode", null)
                    .value("lat", r.lat().map(privacy::publicCoordinate).orElse(null))
                    .value("long", r.lon().map(privacy::publicCoordinate).orElse(null))
                    .value("media_url", media)
                    .build("request"));
        }
        return new Open311Document.ListOf("service_requests", "request", requests);
    }

    // ---- parameters

    private TenantId tenant(HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        String jurisdiction = param(request, "jurisdiction_id");
        if (!jurisdiction.isEmpty() && !jurisdiction.equals(tenant.value())
                && !jurisdiction.equalsIgnoreCase(request.getServerName())) {
            throw new NotFoundException("jurisdiction_id " + jurisdiction + " was not found: this endpoint serves '"
                    + tenant.value() + "' (jurisdiction_id may be left out)");
        }
        return tenant;
    }

    /** The language of names and descriptions: English if the client asks for it first, else Vietnamese. */
    private static Locale locale(HttpServletRequest request) {
        String accept = request.getHeader("Accept-Language");
        return accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.of("vi");
    }

    private static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }

    /** Comma-delimited, and possibly declared several times. */
    private static List<String> list(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static Optional<Double> number(HttpServletRequest request, String name) {
        String v = param(request, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " is a number of degrees (WGS84); got '" + v + "'");
        }
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("service_request_id " + value + " was not found");
        }
    }

    /**
     * A w3 datetime with its offset. A '+' of the offset sent unencoded arrives as a space (some clients build
     * query strings without encoding them): read it as the '+' it was.
     */
    private static Optional<Instant> date(HttpServletRequest request, String name) {
        String v = param(request, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String fixed = v.matches(".*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)? \\d{2}:\\d{2}$") ? v.replaceFirst(" (\\d{2}:\\d{2})$", "+$1") : v;
        try {
            return Optional.of(OffsetDateTime.parse(fixed).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + " is a w3 datetime with its time zone, e.g. 2026-11-01T00:00:00Z; got '" + v + "'");
        }
    }
}
