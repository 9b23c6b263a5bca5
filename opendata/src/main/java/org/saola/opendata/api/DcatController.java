package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.saola.opendata.OpenDataConfiguration;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.Dataset;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The catalogue in DCAT-AP 3.0, at the paths ckanext-dcat serves, so that European and national portals harvest
 * it: {@code /catalog.ttl}, {@code .jsonld}, {@code .rdf} (or {@code .xml}), 100 datasets a page ({@code page},
 * from 1) with Hydra paging, newest change first, {@code modified_since} (an ISO date or time) to take only
 * what changed; and each dataset at {@code /dataset/{name}.ttl} (and the other formats).
 */
@RestController
class DcatController {

    static final int PER_PAGE = 100;

    private final Catalogue catalogue;
    private final Departments departments;
    private final PublicTenant tenants;
    private final OpenDataConfiguration.Publisher publisher;

    DcatController(Catalogue catalogue, Departments departments, PublicTenant tenants, OpenDataConfiguration.Properties properties) {
        this.catalogue = catalogue;
        this.departments = departments;
        this.tenants = tenants;
        this.publisher = properties.publisher();
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).toUriString();
    }

    @GetMapping("/catalog.{format}")
    @PublicRoute("the open-data catalogue in DCAT-AP, for harvesters: only published datasets")
    ResponseEntity<byte[]> catalogue(@PathVariable String format, @RequestParam Optional<String> page,
            @RequestParam(name = "modified_since") Optional<String> modifiedSince, HttpServletRequest request) {
        Lang lang = lang(format);
        TenantId tenant = tenants.of(request);
        int p;
        try {
            p = Integer.parseInt(page.orElse("1"));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("page", "page is a number from 1; got '" + page.orElse("") + "'");
        }
        if (p < 1) {
            throw new InvalidInputException("page", "page is a number from 1; got " + p);
        }
        Optional<Instant> since = modifiedSince.filter(s -> !s.isBlank()).map(DcatController::instant);
        List<Dataset> all = catalogue.datasets(tenant);
        List<Dataset> chosen = all.stream().filter(d -> since.map(s -> !d.modified().isBefore(s)).orElse(true))
                .sorted(Comparator.comparing(Dataset::modified).reversed().thenComparing(Dataset::name)).toList();
        List<Dataset> onPage = chosen.stream().skip((long) (p - 1) * PER_PAGE).limit(PER_PAGE).toList();
        String base = base(request);
        DcatModel model = new DcatModel(base, publisher);
        Instant issued = all.stream().map(Dataset::created).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant modified = all.stream().map(Dataset::modified).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        model.catalogue(onPage, departments(tenant), issued, modified);
        if (!chosen.isEmpty()) {
            String self = base + "/catalog." + format;
            String sinceParam = modifiedSince.filter(s -> !s.isBlank()).map(s -> "modified_since=" + java.net.URLEncoder.encode(s,
                    java.nio.charset.StandardCharsets.UTF_8) + "&").orElse("");
            model.paging(self + "?" + sinceParam + "page=" + p, chosen.size(), PER_PAGE, p, n -> self + "?" + sinceParam + "page=" + n);
        }
        return answer(model.model(), lang, format);
    }

    @GetMapping("/dataset/{file}")
    @PublicRoute("a published dataset in DCAT-AP: open data, which anyone may read")
    ResponseEntity<byte[]> dataset(@PathVariable String file, HttpServletRequest request) {
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw new NotFoundException("a dataset's description is <name>.ttl, .jsonld, .rdf or .xml; got '" + file + "'");
        }
        String format = file.substring(dot + 1);
        Lang lang = lang(format);
        TenantId tenant = tenants.of(request);
        Dataset d = catalogue.dataset(tenant, file.substring(0, dot));
        DcatModel model = new DcatModel(base(request), publisher);
        model.dataset(d, d.department().flatMap(c -> departments.find(tenant, c)));
        return answer(model.model(), lang, format);
    }

    private Map<String, Department> departments(TenantId tenant) {
        Map<String, Department> m = new LinkedHashMap<>();
        departments.list(tenant).forEach(d -> m.put(d.code(), d));
        return m;
    }

    private static Lang lang(String format) {
        return switch (format) {
            case "ttl" -> Lang.TURTLE;
            case "jsonld" -> Lang.JSONLD;
            case "rdf", "xml" -> Lang.RDFXML;
            default -> throw new NotFoundException("DCAT-AP is served as .ttl, .jsonld, .rdf or .xml; not ." + format);
        };
    }

    private static ResponseEntity<byte[]> answer(Model model, Lang lang, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (lang == Lang.RDFXML) {
            RDFDataMgr.write(out, model, RDFFormat.RDFXML_PLAIN);
        } else if (lang == Lang.JSONLD) {
            RDFDataMgr.write(out, model, RDFFormat.JSONLD11);
        } else {
            RDFDataMgr.write(out, model, RDFFormat.TURTLE_PRETTY);
        }
        MediaType type = switch (format) {
            case "ttl" -> new MediaType("text", "turtle", java.nio.charset.StandardCharsets.UTF_8);
            case "jsonld" -> new MediaType("application", "ld+json", java.nio.charset.StandardCharsets.UTF_8);
            default -> new MediaType("application", "rdf+xml", java.nio.charset.StandardCharsets.UTF_8);
        };
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic())
                .body(out.toByteArray());
    }

    /** An ISO date ({@code 2024-07-24}) or date and time, as ckanext-dcat takes {@code modified_since}. */
    private static Instant instant(String s) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(s).toInstant()
                    : java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("modified_since", "modified_since is an ISO date or date and time, e.g. 2024-07-24; got '" + s + "'");
        }
    }
}
