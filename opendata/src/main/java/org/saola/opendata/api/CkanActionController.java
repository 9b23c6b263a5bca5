package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.CatalogueSearch;
import org.saola.opendata.domain.DataSharing;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.TableQuery;
import org.saola.opendata.domain.Theme;
import org.saola.opendata.store.TableStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * CKAN's action API ({@code /api/3/action/{name}} and {@code /api/action/{name}}, GET or POST), for the reads
 * CKAN clients and harvesters make, answering as CKAN 2.11 does: {@code {"help", "success", "result"}}, CKAN's
 * error objects and statuses, parameters from the query string (every value a string, JSON-encoded lists) or
 * a JSON body. Anyone may call it: it reads only the published catalogue.
 */
@RestController
class CkanActionController {

    private static final Logger log = LoggerFactory.getLogger(CkanActionController.class);
    private static final String CKAN_VERSION = "2.11.5";
    private static final int ROWS_MAX = 1000;
    private static final Set<String> SEARCH_PARAMS = Set.of("q", "fq", "fq_list", "rows", "start", "sort", "facet", "facet.mincount",
            "facet.limit", "facet.field", "include_private", "include_drafts", "include_deleted", "use_default_schema", "fl", "qf",
            "bf", "boost", "tie", "defType", "mm", "wt", "df", "callback");
    private static final Set<String> DATASTORE_PARAMS = Set.of("resource_id", "id", "filters", "q", "full_text", "plain", "language",
            "distinct", "fields", "sort", "limit", "offset", "include_total", "records_format", "total_estimation_threshold", "callback");

    /** A CKAN error: its status and its error object. */
    static final class CkanError extends RuntimeException {
        final HttpStatus status;
        final Map<String, Object> error;

        CkanError(HttpStatus status, Map<String, Object> error) {
            super(String.valueOf(error));
            this.status = status;
            this.error = error;
        }

        static CkanError notFound(String message) {
            return new CkanError(HttpStatus.NOT_FOUND, obj("__type", "Not Found Error", "message", message == null ? "Not found" : "Not found: " + message));
        }

        static CkanError validation(String field, String message) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put(field, List.of(message));
            e.put("__type", "Validation Error");
            return new CkanError(HttpStatus.CONFLICT, e);
        }

        /** CKAN's answer to a private dataset the caller may not read. */
        static CkanError forbidden(String message) {
            return new CkanError(HttpStatus.FORBIDDEN, obj("__type", "Authorization Error", "message", "Access denied: " + message));
        }

        static CkanError searchQuery(String message) {
            return new CkanError(HttpStatus.BAD_REQUEST, obj("__type", "Search Query Error", "message", "Search Query is invalid: " + message));
        }
    }

    /** A request CKAN refuses before any action: a bare JSON string, status 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private final Catalogue catalogue;
    private final DataSharing sharing;
    private final Departments departments;
    private final PublicTenant tenants;
    private final JsonMapper json;

    CkanActionController(Catalogue catalogue, DataSharing sharing, Departments departments, PublicTenant tenants, JsonMapper json) {
        this.catalogue = catalogue;
        this.sharing = sharing;
        this.departments = departments;
        this.tenants = tenants;
        // CKAN writes every key, null or not: a mapper of its own, whatever the application's leaves out.
        this.json = CkanDicts.withNulls(json);
    }

    @GetMapping(value = "/api/3", produces = MediaType.APPLICATION_JSON_VALUE)
    @PublicRoute("the CKAN API's version, as CKAN answers it")
    Map<String, Integer> version3() {
        return Map.of("version", 3);
    }

    @RequestMapping(value = {"/api/3/action/{action}", "/api/action/{action}"}, method = {RequestMethod.GET, RequestMethod.POST})
    @PublicRoute("the open-data catalogue through CKAN's action API: open datasets, which anyone may read, and shared ones to the"
            + " holders of an agreement's key (checked on each call)")
    ResponseEntity<String> action(@PathVariable String action, HttpServletRequest request) {
        String base = ServletUriComponentsBuilder.fromContextPath(request).replacePath(request.getContextPath()).replaceQuery(null).toUriString();
        String help = base + "/api/3/action/help_show?name=" + action;
        try {
            Map<String, Object> params = params(request);
            TenantId tenant = tenants.of(request);
            Optional<DataSharing.Access> access = SharedAccess.key(request).flatMap(k -> sharing.presented(tenant, k));
            Object result = switch (action) {
                case "status_show" -> statusShow(base);
                case "package_list" -> packageList(tenant, params);
                case "package_search" -> packageSearch(tenant, params, base, access);
                case "package_show" -> packageShow(tenant, params, base, access);
                case "current_package_list_with_resources" -> currentPackages(tenant, params, base);
                case "organization_list" -> organizationList(tenant, params);
                case "organization_show" -> organizationShow(tenant, params, base);
                case "group_list" -> groupList(tenant, params);
                case "group_show" -> groupShow(tenant, params, base);
                case "tag_list" -> tagList(tenant, params);
                case "resource_show" -> resourceShow(tenant, params, base, access);
                case "datastore_search" -> datastoreSearch(tenant, params, request, access);
                case "datastore_info" -> datastoreInfo(tenant, params, access);
                default -> throw new BadRequest("Bad request - Action name not known: " + action);
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("help", help);
            body.put("success", true);
            body.put("result", result);
            return answer(HttpStatus.OK, body);
        } catch (BadRequest e) {
            return answer(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (CkanError e) {
            return error(help, e.status, e.error);
        } catch (NotFoundException e) {
            return error(help, HttpStatus.NOT_FOUND, obj("__type", "Not Found Error", "message", "Not found: " + e.getMessage()));
        } catch (InvalidInputException e) {
            return error(help, HttpStatus.CONFLICT, CkanError.validation(e.field(), e.getMessage()).error);
        } catch (CatalogueSearch.SearchQueryException e) {
            return error(help, HttpStatus.BAD_REQUEST, CkanError.searchQuery(e.getMessage()).error);
        } catch (RuntimeException e) {
            java.util.Optional<String> cancelled = org.saola.platform.QueryCancelled.in(e);
            if (cancelled.isPresent()) {
                // As CKAN's DataStore answers a statement cancelled by its timeout: 409, a validation error of the query.
                log.warn("CKAN action {}: its query was stopped by the database: {}", action, cancelled.get());
                return error(help, HttpStatus.CONFLICT, obj("__type", "Validation Error", "query",
                        List.of("Query took too long")));
            }
            log.error("CKAN action {} failed", action, e);
            return error(help, HttpStatus.INTERNAL_SERVER_ERROR, obj("__type", "Internal Server Error", "message", "Internal Server Error"));
        }
    }

    private ResponseEntity<String> error(String help, HttpStatus status, Map<String, Object> error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("help", help);
        body.put("error", error);
        body.put("success", false);
        return answer(status, body);
    }

    private ResponseEntity<String> answer(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(new MediaType("application", "json", StandardCharsets.UTF_8))
                .body(json.writeValueAsString(body));
    }

    // ---- parameters, as CKAN's _get_request_data reads them

    private Map<String, Object> params(HttpServletRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        String query = request.getQueryString();
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || (query != null && !query.isEmpty())) {
            Map<String, String[]> form = request.getParameterMap();
            if (form.size() == 1 && (query == null || query.isEmpty())) {
                var only = form.entrySet().iterator().next();
                if (only.getValue().length == 1 && (only.getValue()[0].isEmpty() || only.getValue()[0].equals("1"))) {
                    return object(only.getKey());          // the old curl -d '{"id": "x"}'
                }
            }
            form.forEach((k, v) -> params.put(k, v.length == 1 ? v[0] : Arrays.asList(v)));
            return params;
        }
        try {
            byte[] body = request.getInputStream().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? params : object(text);
        } catch (IOException e) {
            throw new BadRequest("Bad request - JSON Error: could not read the request body");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String text) {
        Object parsed;
        try {
            parsed = json.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new BadRequest("Bad request - JSON Error: Error decoding JSON data. Error: " + e.getOriginalMessage()
                    + " JSON data extracted from the request: " + abbreviate(text));
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new BadRequest("Bad request - JSON Error: Request data JSON decoded to " + abbreviate(text)
                    + " but it needs to be a dictionary.");
        }
        return (Map<String, Object>) m;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String string(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.getLast());
        }
        return String.valueOf(v);
    }

    private static String required(Map<String, Object> p, String key, String reportAs) {
        String v = string(p, key);
        if (v == null || v.isEmpty()) {
            throw CkanError.validation(reportAs, "Missing value");
        }
        return v;
    }

    /** A natural number (CKAN's natural_number_validator): "Invalid integer" or "Must be a natural number". */
    private static Integer natural(Map<String, Object> p, String key, Integer fallback) {
        Object v = p.get(key);
        if (v == null || (v instanceof String s && s.isEmpty())) {
            return fallback;
        }
        long n;
        try {
            n = v instanceof Number x && x.doubleValue() == Math.rint(x.doubleValue()) ? x.longValue() : Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw CkanError.validation(key, "Invalid integer");
        }
        if (n < 0) {
            throw CkanError.validation(key, "Must be a natural number");
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** CKAN's asbool: true/yes/on/y/t/1 and false/no/off/n/f/0. */
    private static Boolean bool(Map<String, Object> p, String key, Boolean fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(v).strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y", "t", "1" -> true;
            case "false", "no", "off", "n", "f", "0", "" -> false;
            default -> throw CkanError.validation(key, "Not a boolean: " + v);
        };
    }

    /** A list of strings: a JSON list, a JSON-encoded list in a string, or a repeated key. */
    private List<String> stringList(Map<String, Object> p, String key, boolean commaSeparated) {
        Object v = p.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.startsWith("[")) {
                try {
                    v = json.readValue(t, List.class);
                } catch (JacksonException e) {
                    throw CkanError.validation(key, "Could not parse as valid JSON");
                }
            } else if (commaSeparated) {
                return t.isEmpty() ? List.of() : Arrays.stream(t.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            } else {
                throw CkanError.validation(key, "Could not parse as valid JSON");
            }
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String) && !(o instanceof Number)) {
                    throw CkanError.validation(key, "Not a list of strings");
                }
                out.add(String.valueOf(o));
            }
            return out;
        }
        throw CkanError.validation(key, "Not a list");
    }

    // ---- actions

    private Map<String, Object> statusShow(String base) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("site_title", "Saola");
        s.put("site_description", "Dữ liệu mở của thành phố / The city's open data");
        s.put("site_url", base);
        s.put("error_emails_to", null);
        s.put("locale_default", "vi");
        s.put("extensions", List.of("datastore", "dcat"));
        s.put("ckan_version", CKAN_VERSION);
        return s;
    }

    private List<String> packageList(TenantId tenant, Map<String, Object> p) {
        Integer limit = natural(p, "limit", null);
        int offset = natural(p, "offset", 0);
        return catalogue.datasets(tenant).stream().map(Dataset::name).sorted().skip(offset)
                .limit(limit == null ? Long.MAX_VALUE : limit).toList();
    }

    /**
     * A dataset that is not open, as the caller may read it: through an agreement in force that shares it, only its
     * fields; otherwise CKAN's answer to a private dataset (403). Each use and each refused attempt with a key is
     * recorded for the data owner.
     */
    private Dataset shared(Optional<DataSharing.Access> access, Dataset d, String action) {
        if (access.isEmpty()) {
            throw CkanError.forbidden("'" + d.name() + "' is shared only under data-sharing agreements; send the agreement's key"
                    + " (Authorization or X-CKAN-API-Key)");
        }
        Optional<String> refusal = access.get().refusal(sharing.now());
        if (refusal.isPresent()) {
            sharing.used(access.get(), action, d.name(), 0, false, refusal.get());
            throw CkanError.forbidden(refusal.get());
        }
        return access.get().view(d).orElseThrow(() -> {
            sharing.used(access.get(), action, d.name(), 0, false, "not shared by this agreement");
            return CkanError.forbidden("the agreement of this key does not share '" + d.name() + "'");
        });
    }

    /** A dataset the caller may read, open or shared through their agreement. */
    private Dataset readable(TenantId tenant, String nameOrId, Optional<DataSharing.Access> access, String action) {
        Optional<Dataset> open = catalogue.find(tenant, nameOrId);
        if (open.isPresent()) {
            return open.get();
        }
        return shared(access, catalogue.findAny(tenant, nameOrId).orElseThrow(() -> CkanError.notFound(null)), action);
    }

    /** A distribution the caller may read: of an open dataset, or of a shared one as their agreement shares it. */
    private Optional<Dataset.Resource> readableResource(TenantId tenant, String id, Optional<DataSharing.Access> access, String action) {
        Optional<Dataset.Resource> any = catalogue.anyResource(tenant, id);
        if (any.isEmpty() || any.get().dataset().open()) {
            return any;
        }
        return shared(access, any.get().dataset(), action).resource(any.get().id());
    }

    private void used(Optional<DataSharing.Access> access, Dataset d, String action, long rows) {
        if (!d.open()) {
            sharing.used(access.orElseThrow(), action, d.name(), rows, true, null);
        }
    }

    private Map<String, Object> packageSearch(TenantId tenant, Map<String, Object> p, String base, Optional<DataSharing.Access> access) {
        List<String> junk = p.keySet().stream().filter(k -> !SEARCH_PARAMS.contains(k) && !k.startsWith("ext_")).sorted().toList();
        if (!junk.isEmpty()) {
            throw CkanError.searchQuery("\"Invalid search parameters: " + junk.stream().map(k -> "'" + k + "'")
                    .collect(Collectors.joining(", ", "[", "]")) + "\"");
        }
        int rows = Math.min(natural(p, "rows", 10), ROWS_MAX);
        int start = natural(p, "start", 0);
        String sort = string(p, "sort");
        if (sort == null || sort.isBlank() || sort.equals("rank")) {
            sort = "score desc, metadata_modified desc";
        }
        List<String> fq = new ArrayList<>();
        Optional.ofNullable(string(p, "fq")).ifPresent(fq::add);
        fq.addAll(stringList(p, "fq_list", false));
        boolean facet = bool(p, "facet", true);
        List<String> facetFields = facet ? stringList(p, "facet.field", false) : List.of();
        Integer facetLimitRaw;
        try {
            facetLimitRaw = p.get("facet.limit") == null ? 50 : Integer.parseInt(String.valueOf(p.get("facet.limit")).strip());
        } catch (NumberFormatException e) {
            throw CkanError.validation("facet.limit", "Invalid integer");
        }
        int facetMin = natural(p, "facet.mincount", 1);
        String q = string(p, "q");
        if (q != null && (q.equals("\"\"") || q.equals("''"))) {
            q = null;
        }
        // As CKAN: private datasets the caller may read are searched only when asked for (include_private=true).
        List<Dataset> searched = catalogue.datasets(tenant);
        Optional<String> refusal = access.flatMap(a -> a.refusal(sharing.now()));
        if (bool(p, "include_private", false) && refusal.isPresent()) {
            sharing.used(access.get(), "package_search", "*", 0, false, refusal.get());     // searched the open ones only
        } else if (bool(p, "include_private", false) && access.isPresent()) {
            searched = new ArrayList<>(searched);
            for (Dataset d : catalogue.everything(tenant)) {
                if (!d.open()) {
                    access.get().view(d).ifPresent(searched::add);
                }
            }
        }
        CatalogueSearch.Hits hits;
        try {
            hits = CatalogueSearch.search(searched, q, fq, sort, rows, start, facetFields, facetLimitRaw, facetMin,
                    catalogue.now());
        } catch (CatalogueSearch.SearchQueryException e) {
            if (e.getMessage().startsWith("cannot sort") || e.getMessage().startsWith("sort is")) {
                throw CkanError.searchQuery("'Invalid \"sort\" parameter'");
            }
            throw e;
        }
        Map<String, Department> byCode = departments(tenant);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("count", hits.count());
        r.put("facets", hits.facets());
        r.put("results", hits.results().stream().map(d -> CkanDicts.packageDict(tenant, d, d.department().map(byCode::get), base)).toList());
        hits.results().forEach(d -> used(access, d, "package_search", 0));
        r.put("sort", sort);
        Map<String, Object> searchFacets = new LinkedHashMap<>();
        hits.facets().forEach((field, counts) -> {
            List<Map<String, Object>> items = new ArrayList<>();
            counts.forEach((name, count) -> items.add(obj("name", name, "display_name", displayName(field, name, byCode), "count", count)));
            items.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("display_name")).reversed());
            searchFacets.put(field, obj("title", field, "items", items));
        });
        r.put("search_facets", searchFacets);
        return r;
    }

    private static String displayName(String field, String name, Map<String, Department> byCode) {
        return switch (field) {
            case "organization" -> Optional.ofNullable(byCode.get(name)).map(Department::nameVi).orElse(name);
            case "groups" -> Theme.of(name).map(Theme::nameVi).orElse(name);
            case "license_id" -> Arrays.stream(org.saola.opendata.domain.Licence.values()).filter(l -> l.id().equals(name))
                    .map(org.saola.opendata.domain.Licence::title).findFirst().orElse(name);
            default -> name;
        };
    }

    private Map<String, Department> departments(TenantId tenant) {
        Map<String, Department> m = new LinkedHashMap<>();
        departments.list(tenant).forEach(d -> m.put(d.code(), d));
        return m;
    }

    private Map<String, Object> packageShow(TenantId tenant, Map<String, Object> p, String base, Optional<DataSharing.Access> access) {
        String id = string(p, "id");
        if (id == null || id.isEmpty()) {
            id = string(p, "name_or_id");
        }
        if (id == null || id.isEmpty()) {
            throw CkanError.validation("name_or_id", "Missing value");
        }
        Dataset d = readable(tenant, id, access, "package_show");
        used(access, d, "package_show", 0);
        return CkanDicts.packageDict(tenant, d, d.department().flatMap(c -> departments.find(tenant, c)), base);
    }

    private List<Map<String, Object>> currentPackages(TenantId tenant, Map<String, Object> p, String base) {
        int limit = Math.min(natural(p, "limit", 10), ROWS_MAX);
        int offset = natural(p, "offset", 0);
        Object page = p.get("page");
        if (page != null) {
            int n = natural(p, "page", 1);
            if (n < 1) {
                throw CkanError.validation("page", "Must be a positive integer");
            }
            offset = (n - 1) * limit;
        }
        Map<String, Department> byCode = departments(tenant);
        return CatalogueSearch.search(catalogue.datasets(tenant), null, List.of(), "metadata_modified desc", limit, offset, List.of(), 0, 1,
                catalogue.now())
                .results().stream().map(d -> CkanDicts.packageDict(tenant, d, d.department().map(byCode::get), base)).toList();
    }

    private List<?> organizationList(TenantId tenant, Map<String, Object> p) {
        boolean all = bool(p, "all_fields", false);
        Map<String, Long> counts = catalogue.datasets(tenant).stream().filter(d -> d.department().isPresent())
                .collect(Collectors.groupingBy(d -> d.department().get(), Collectors.counting()));
        List<Department> orgs = new ArrayList<>(departments.list(tenant).stream().filter(d -> counts.containsKey(d.code())).toList());
        List<String> only = stringList(p, "organizations", true);
        if (!only.isEmpty()) {
            orgs.removeIf(d -> !only.contains(d.code()));
        }
        String q = string(p, "q");
        if (q != null && !q.isBlank()) {
            String f = CatalogueSearch.fold(q);
            orgs.removeIf(d -> !CatalogueSearch.fold(d.code() + " " + d.nameVi() + " " + d.nameEn()).contains(f));
        }
        orgs.sort(groupSort(string(p, "sort"), Department::code, Department::nameVi, d -> counts.get(d.code())));
        int limit = Math.min(natural(p, "limit", all ? 25 : 1000), all ? 25 : 1000);
        int offset = natural(p, "offset", 0);
        return orgs.stream().skip(offset).limit(limit)
                .map(d -> all ? (Object) CkanDicts.organization(tenant, d, counts.get(d.code())) : d.code()).toList();
    }

    private static <T> Comparator<T> groupSort(String sort, java.util.function.Function<T, String> name,
            java.util.function.Function<T, String> title, java.util.function.Function<T, Long> count) {
        String s = sort == null || sort.isBlank() ? "title" : sort.strip();
        String[] parts = s.split("\\s+");
        if (parts.length > 2) {
            throw CkanError.validation("message", "Cannot sort by field `" + s + "`");
        }
        String field = parts[0];
        boolean packages = field.equals("package_count") || field.equals("packages");
        String dir = parts.length == 2 ? parts[1] : packages ? "desc" : "asc";
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw new CkanError(HttpStatus.CONFLICT, obj("message", "Invalid sort direction `" + dir + "`", "__type", "Validation Error"));
        }
        Comparator<T> c = switch (field) {
            case "name" -> Comparator.comparing(name);
            case "title" -> Comparator.comparing(title);
            case "package_count", "packages" -> Comparator.comparing(count);
            default -> throw new CkanError(HttpStatus.CONFLICT, obj("message", "Cannot sort by field `" + field + "`", "__type", "Validation Error"));
        };
        return dir.equals("desc") ? c.reversed() : c;
    }

    private Map<String, Object> organizationShow(TenantId tenant, Map<String, Object> p, String base) {
        String id = required(p, "id", "id");
        Department dep = departments.list(tenant).stream()
                .filter(d -> d.code().equals(id) || CkanDicts.organizationId(tenant, d.code()).toString().equals(id))
                .findFirst().orElseThrow(() -> CkanError.notFound(null));
        List<Dataset> own = catalogue.datasets(tenant).stream().filter(d -> d.department().equals(Optional.of(dep.code()))).toList();
        Map<String, Object> o = CkanDicts.organization(tenant, dep, (long) own.size());
        finishGroup(o, tenant, own, bool(p, "include_datasets", false), base, Map.of(dep.code(), dep));
        return o;
    }

    private List<?> groupList(TenantId tenant, Map<String, Object> p) {
        boolean all = bool(p, "all_fields", false);
        Map<Theme, Long> counts = new java.util.EnumMap<>(Theme.class);
        catalogue.datasets(tenant).forEach(d -> Theme.of(d.theme()).ifPresent(t -> counts.merge(t, 1L, Long::sum)));
        List<Theme> themes = new ArrayList<>(counts.keySet());
        List<String> only = stringList(p, "groups", true);
        if (!only.isEmpty()) {
            themes.removeIf(t -> !only.contains(t.group()));
        }
        themes.sort(groupSort(string(p, "sort"), Theme::group, Theme::nameVi, counts::get));
        int limit = Math.min(natural(p, "limit", all ? 25 : 1000), all ? 25 : 1000);
        int offset = natural(p, "offset", 0);
        return themes.stream().skip(offset).limit(limit).map(t -> all ? (Object) CkanDicts.group(tenant, t, counts.get(t)) : t.group()).toList();
    }

    private Map<String, Object> groupShow(TenantId tenant, Map<String, Object> p, String base) {
        String id = required(p, "id", "id");
        List<Dataset> all = catalogue.datasets(tenant);
        Theme theme = Arrays.stream(Theme.values())
                .filter(t -> t.group().equals(id) || CkanDicts.groupId(tenant, t).toString().equals(id))
                .filter(t -> all.stream().anyMatch(d -> d.theme().equals(t.name())))
                .findFirst().orElseThrow(() -> CkanError.notFound(null));
        List<Dataset> own = all.stream().filter(d -> d.theme().equals(theme.name())).toList();
        Map<String, Object> g = CkanDicts.group(tenant, theme, (long) own.size());
        finishGroup(g, tenant, own, bool(p, "include_datasets", false), base, departments(tenant));
        return g;
    }

    private void finishGroup(Map<String, Object> g, TenantId tenant, List<Dataset> own, boolean include, String base,
            Map<String, Department> byCode) {
        g.put("extras", List.of());
        g.put("groups", List.of());
        g.put("tags", List.of());
        g.put("users", List.of());
        if (include) {
            g.put("packages", own.stream().sorted(Comparator.comparing(Dataset::modified).reversed()).limit(10)
                    .map(d -> CkanDicts.packageDict(tenant, d, d.department().map(byCode::get), base)).toList());
        }
    }

    private List<?> tagList(TenantId tenant, Map<String, Object> p) {
        String vocabulary = string(p, "vocabulary_id");
        String query = Optional.ofNullable(string(p, "query")).orElse(string(p, "q"));
        if (vocabulary != null && !vocabulary.isEmpty()) {
            if (query == null || query.isEmpty()) {
                throw CkanError.notFound("could not find vocabulary '" + vocabulary + "'");
            }
            return List.of();
        }
        Set<String> tags = new TreeSet<>();
        catalogue.datasets(tenant).forEach(d -> tags.addAll(d.keywords()));
        String f = query == null ? null : query.toLowerCase(java.util.Locale.ROOT);
        List<String> names = tags.stream().filter(t -> f == null || t.toLowerCase(java.util.Locale.ROOT).contains(f)).toList();
        if (bool(p, "all_fields", false)) {
            return names.stream().map(t -> obj("id", CkanDicts.tagId(tenant, t).toString(), "name", t, "vocabulary_id", null, "display_name", t)).toList();
        }
        return names;
    }

    private Map<String, Object> resourceShow(TenantId tenant, Map<String, Object> p, String base, Optional<DataSharing.Access> access) {
        String id = required(p, "id", "id");
        Dataset.Resource r = readableResource(tenant, id, access, "resource_show").orElseThrow(() -> CkanError.notFound(null));
        used(access, r.dataset(), "resource_show", 0);
        return CkanDicts.resource(r, base);
    }

    private Dataset.Resource datastoreResource(TenantId tenant, Map<String, Object> p, Optional<DataSharing.Access> access, String action) {
        String id = string(p, "resource_id");
        if (id == null || id.isEmpty()) {
            id = string(p, "id");
        }
        if (id == null || id.isEmpty()) {
            throw CkanError.validation("resource_id", "Missing value");
        }
        String rid = id;
        Dataset.Resource r = readableResource(tenant, id, access, action).filter(Dataset.Resource::datastoreActive)
                .orElseThrow(() -> CkanError.notFound("Resource \"" + rid + "\" was not found."));
        return r;
    }

    private Map<String, Object> datastoreSearch(TenantId tenant, Map<String, Object> p, HttpServletRequest request,
            Optional<DataSharing.Access> access) {
        List<String> junk = p.keySet().stream().filter(k -> !DATASTORE_PARAMS.contains(k)).sorted().toList();
        if (!junk.isEmpty()) {
            throw CkanError.validation("__junk", "The input field " + junk.stream().map(k -> "'" + k + "'")
                    .collect(Collectors.joining(", ", "[", "]")) + " was not expected.");
        }
        Dataset.Resource resource = datastoreResource(tenant, p, access, "datastore_search");
        Dataset d = resource.dataset();
        if (d.open()) {
            return datastoreSearch(tenant, p, request, access, resource, d);
        }
        try {
            return datastoreSearch(tenant, p, request, access, resource, d);
        } catch (CkanError e) {
            sharing.used(access.orElseThrow(), "datastore_search", d.name(), 0, false, String.valueOf(e.error));
            throw e;
        } catch (InvalidInputException e) {
            sharing.used(access.orElseThrow(), "datastore_search", d.name(), 0, false, e.getMessage());
            throw e;
        }
    }

    private Map<String, Object> datastoreSearch(TenantId tenant, Map<String, Object> p, HttpServletRequest request,
            Optional<DataSharing.Access> access, Dataset.Resource resource, Dataset d) {
        // Accepted by CKAN, not (yet) by Saola: refused by name rather than silently ignored.
        if (bool(p, "distinct", false)) {
            throw CkanError.validation("distinct", "distinct is not supported");
        }
        if (p.get("full_text") != null) {
            throw CkanError.validation("full_text", "full_text is not supported; use q");
        }
        if (!bool(p, "plain", true)) {
            throw CkanError.validation("plain", "only plain full-text queries are supported (plain=true)");
        }
        Object filters = jsonObject(p, "filters");
        Object q = p.get("q");
        if (q instanceof String s && s.strip().startsWith("{")) {
            q = jsonObject(p, "q");
        }
        if (q instanceof String s && !s.isBlank() && !d.open() && !access.orElseThrow().sharesAllText(catalogue.anyDataset(tenant, d.name()))) {
            // The row's full-text index covers the fields the agreement does not share: matches would reveal them.
            throw CkanError.validation("q", "this agreement does not share every text field, so q searches fields by name:"
                    + " q={\"field\": \"text\"}");
        }
        String format = Optional.ofNullable(string(p, "records_format")).orElse("objects");
        if (!List.of("objects", "lists", "csv", "tsv").contains(format)) {
            throw CkanError.validation("records_format", "Value must be one of ['objects', 'lists', 'csv', 'tsv']");
        }
        Integer limit = natural(p, "limit", null);
        Integer offset = natural(p, "offset", null);
        boolean includeTotal = bool(p, "include_total", true);
        @SuppressWarnings("unchecked")
        TableQuery query = TableQuery.of(d.columns(), stringList(p, "fields", true), (Map<String, ?>) filters, q,
                stringList(p, "sort", true), limit, offset == null ? null : offset.longValue(), includeTotal);
        TableStore.Page page = catalogue.search(d, query);
        used(access, d, "datastore_search", page.records().size());

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("include_total", includeTotal);
        r.put("limit", query.limit());
        r.put("records_format", format);
        r.put("resource_id", resource.id().toString());
        r.put("total_estimation_threshold", null);
        if (q != null) {
            r.put("q", q);
        }
        if (filters != null) {
            r.put("filters", filters);
        }
        if (offset != null) {
            r.put("offset", offset);
        }
        if (p.get("sort") != null) {
            r.put("sort", p.get("sort"));
        }
        Map<String, DataColumn> byId = new LinkedHashMap<>();
        d.columns().forEach(c -> byId.put(c.id(), c));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String f : query.fields()) {
            DataColumn c = byId.get(f);
            if (c == null) {
                fields.add(obj("id", "_id", "type", "int"));
            } else {
                fields.add(obj("id", c.id(), "type", c.type().ckan(), "info", obj("label", c.labelVi(), "notes", c.labelEn(), "type_override", "")));
            }
        }
        r.put("fields", fields);
        r.put("records", switch (format) {
            case "lists" -> page.records().stream().map(m -> new ArrayList<>(m.values())).toList();
            case "csv", "tsv" -> delimited(page.records(), format.equals("csv") ? ',' : '\t');
            default -> page.records();
        });
        r.put("_links", links(request, query));
        if (includeTotal) {
            r.put("total", page.total());
            r.put("total_was_estimated", page.estimated());
        }
        return r;
    }

    private static String delimited(List<Map<String, Object>> records, char sep) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> m : records) {
            out.append(m.values().stream().map(v -> CsvField.of(v, sep)).collect(Collectors.joining(String.valueOf(sep)))).append('\n');
        }
        return out.toString();
    }

    /** CKAN's {@code _links}: the request's path and query, from the start and for the next page. */
    private static Map<String, String> links(HttpServletRequest request, TableQuery q) {
        String path = request.getRequestURI();
        Map<String, String> query = new LinkedHashMap<>();
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(k, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        query.remove("offset");
        String start = path + encode(query);
        query.put("offset", Long.toString(q.offset() + q.limit()));
        Map<String, String> l = new LinkedHashMap<>();
        l.put("start", start);
        l.put("next", path + encode(query));
        if (q.offset() - q.limit() > 0) {
            query.put("offset", Long.toString(q.offset() - q.limit()));
            l.put("prev", path + encode(query));
        }
        return l;
    }

    private static String encode(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Object jsonObject(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof String s) {
            try {
                v = json.readValue(s, Object.class);
            } catch (JacksonException e) {
                throw CkanError.validation(key, "Could not parse as valid JSON");
            }
        }
        if (v != null && !(v instanceof Map<?, ?>)) {
            throw CkanError.validation(key, "Not a JSON object");
        }
        return v;
    }

    private Map<String, Object> datastoreInfo(TenantId tenant, Map<String, Object> p, Optional<DataSharing.Access> access) {
        Dataset.Resource resource = datastoreResource(tenant, p, access, "datastore_info");
        Dataset d = resource.dataset();
        TableStore.Info info = catalogue.info(d);
        used(access, d, "datastore_info", 0);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", resource.id().toString());
        meta.put("count", d.rows());
        meta.put("table_type", "BASE TABLE");
        meta.put("size", info.size());
        meta.put("db_size", info.databaseSize());
        meta.put("idx_size", info.indexSize());
        meta.put("aliases", List.of());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (DataColumn c : d.columns()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", c.id());
            f.put("type", c.type().ckan());
            f.put("info", obj("label", c.labelVi(), "notes", c.labelEn(), "type_override", ""));
            f.put("schema", obj("native_type", info.nativeTypes().getOrDefault(c.id(), c.type().ckan()), "notnull", false,
                    "index_name", null, "is_index", false, "uniquekey", false));
            fields.add(f);
        }
        return obj("meta", meta, "fields", fields);
    }

    /** A map in the order given, values may be null (Map.of takes no null). */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
