package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.context.ContextProperties;
import org.saola.context.EntityIds;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.registration.Registration;
import org.saola.platform.TenantId;
import org.saola.context.store.EntityStore;
import org.saola.platform.security.CurrentCaller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.node.ObjectNode;

/** NGSI-LD 1.8.1 §6.4 and §6.5: query entities and retrieve one entity. */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/entities", produces = {"application/json", "application/ld+json", "application/geo+json"})
public class EntitiesController {

    private final EntityStore store;
    private final JsonLdContexts contexts;
    private final EntityRenderer renderer;
    private final ContextProperties properties;

    private final LinkedEntities linked;
    private final Federation federation;

    EntitiesController(EntityStore store, JsonLdContexts contexts, EntityRenderer renderer, ContextProperties properties,
            Federation federation) {
        this.federation = federation;
        this.linked = new LinkedEntities(store, renderer);
        this.store = store;
        this.contexts = contexts;
        this.renderer = renderer;
        this.properties = properties;
    }

    /** How the client wants entities shaped: representation and which members to keep. */
    private record Shape(boolean keyValues, boolean concise, boolean sysAttrs, Optional<Set<String>> keep,
            Set<String> omit, Optional<List<String>> lang, Optional<List<String>> asked) {
        ObjectNode apply(ObjectNode entity) {
            lang.ifPresent(l -> EntityRenderer.inLanguage(entity, l, keyValues));
            ObjectNode shaped = concise ? EntityRenderer.concise(entity) : entity;
            keep.ifPresent(k -> shaped.retain(k));
            omit.forEach(shaped::remove);
            return shaped;
        }
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<tools.jackson.databind.JsonNode> retrieve(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = HttpHeaders.VIA, required = false) String via) {
        boolean geo = JsonLdRequest.wantsGeoJson(accept);
        JsonLdRequest request = JsonLdRequest.of(link, geo ? null : accept, contexts);
        EntityIds.requireValid(id);
        Shape shape = shape(params);
        Optional<LinkedEntities.Join> join = LinkedEntities.of(params);
        TenantId tenant = CurrentCaller.tenant();
        Optional<StoredEntity> held = store.find(tenant, id);
        List<String> warnings = List.of();
        if (federation.mayForward(params, via)) {
            List<String> attrs = QueryParameters.list(params, "attrs").stream()
                    .map(a -> contexts.expandTerm(request.contexts(), a)).toList();
            List<Federation.Source> sources = federation.sources(tenant, new Registration.Query(Optional.empty(),
                    List.of(id), Optional.empty(), attrs, Optional.empty(), csf(params, request)), false);
            if (!sources.isEmpty()) {
                Federation.Answer answer = federation.retrieve(tenant, sources, id, params, request, forwardedLink(request), via);
                for (Federation.Sourced theirs : Federation.byMode(answer.entities())) {
                    held = Optional.of(held.map(ours -> Federation.merge(ours, theirs))
                            .orElse(theirs.entity()));
                }
                warnings = answer.warnings();
            }
        }
        StoredEntity entity = held.orElseThrow(() -> new NgsiLdException(
                NgsiLdException.ErrorType.ResourceNotFound, "no entity with id " + id + " in this tenant"));
        Optional<Set<String>> datasets = datasetIds(params);
        ObjectNode shaped = shape.apply(renderer.entity(datasets(entity, datasets), request, shape.keyValues(),
                shape.sysAttrs()));
        if (shape.asked().isPresent() && shape.asked().get().stream().noneMatch(shaped::has)) {
            // §5.7.1.4: an entity that has none of the attributes asked for (attrs, pick) is not found.
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "entity " + id + " has none of "
                    + String.join(", ", shape.asked().get()));
        }
        ResponseEntity.BodyBuilder ok = warned(ResponseEntity.ok(), warnings);
        if (join.isPresent()) {
            List<ObjectNode> joined = join(List.of(entity), List.of(shaped), shape, request, join.get());
            if (join.get().flat()) {
                return geo ? GeoJsonRepresentation.respond(request, ok, GeoJsonRepresentation.collection(joined, params))
                        : request.respond(ok, LinkedEntities.array(joined));
            }
        }
        return geo ? GeoJsonRepresentation.respond(request, ok, GeoJsonRepresentation.feature(shaped, params))
                : request.respond(ok, shaped);
    }

    /** Context sources that failed: each in a warning, the answer being what Saola and the others gave. */
    private static ResponseEntity.BodyBuilder warned(ResponseEntity.BodyBuilder ok, List<String> warnings) {
        warnings.forEach(w -> ok.header("NGSILD-Warning", w));
        return ok;
    }

    /** The @context of the request, as a Link header for the context sources it is passed on to. */
    static String forwardedLink(JsonLdRequest request) {
        return "<" + request.linkTarget() + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    }

    /** {@code csf}: which registrations' sources a request goes to, by their Context Source Properties (§4.21). */
    private Optional<QueryLanguage.Q> csf(Map<String, String> params, JsonLdRequest request) {
        return QueryParameters.param(params, "csf")
                .map(t -> QueryLanguage.parse(t).mapNames(n -> contexts.expandTerm(request.contexts(), n)));
    }

    /**
     * §4.5.23: joins the entities linked to the rendered ones, inline (into them; answers them) or flat (answers
     * them followed by the linked ones).
     */
    private List<ObjectNode> join(List<StoredEntity> entities, List<ObjectNode> rendered, Shape shape,
            JsonLdRequest request, LinkedEntities.Join join) {
        LinkedEntities.Rendering how = new LinkedEntities.Rendering(request, shape.keyValues(), shape.concise());
        if (!join.flat()) {
            linked.inline(CurrentCaller.tenant(), entities, rendered, how, join);
            return rendered;
        }
        List<ObjectNode> all = new java.util.ArrayList<>(rendered);
        all.addAll(linked.flat(CurrentCaller.tenant(), entities, how, join));
        return all;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<?> query(@RequestParam Map<String, String> params,
            @RequestParam Optional<Boolean> count,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = HttpHeaders.VIA, required = false) String via) {
        boolean geo = JsonLdRequest.wantsGeoJson(accept);
        ResponseEntity<List<ObjectNode>> answer = query(params, count, JsonLdRequest.of(link, geo ? null : accept, contexts), via);
        if (!geo) {
            return answer;
        }
        // §4.5.16: the same entities as a FeatureCollection, with the same headers (Link, paging, count).
        return ResponseEntity.status(answer.getStatusCode()).headers(h -> {
            h.putAll(answer.getHeaders());
            h.setContentType(GeoJsonRepresentation.GEO_JSON);
        }).body(GeoJsonRepresentation.collection(answer.getBody(), params));
    }

    /** A query, from the URL's parameters or from a Query's members (§5.2.23, POST /entityOperations/query). */
    ResponseEntity<List<ObjectNode>> query(Map<String, String> params, Optional<Boolean> count, JsonLdRequest request,
            String via) {
        QueryParameters.Page page = QueryParameters.page(params, 20, properties.maxPageSize(), count.orElse(false));
        int pageSize = page.limit();
        int skip = page.offset();
        if (!params.containsKey("type") && !params.containsKey("id") && !params.containsKey("idPattern")
                && !params.containsKey("attrs") && !params.containsKey("q") && !params.containsKey("georel")) {
            // NGSI-LD 1.8.1 §5.7.2: a query names what it selects.
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a query selects entities with at least one of type, id, idPattern, attrs, q or a geo-query");
        }
        EntityQuery query = QueryParameters.entityQuery(CurrentCaller.tenant(), params, request, contexts);
        Shape shape = shape(params);
        Optional<LinkedEntities.Join> join = LinkedEntities.of(params);
        TenantId tenant = CurrentCaller.tenant();
        List<Federation.Source> sources = !federation.mayForward(params, via) ? List.of()
                : federation.sources(tenant, new Registration.Query(query.type(), query.ids(),
                        query.idPattern().map(java.util.regex.Pattern::compile), query.attrs(), Optional.empty(),
                        csf(params, request), new Registration.Where(query.geo(), query.scopeQ(), Optional.empty(), false)),
                        true);
        List<StoredEntity> found;
        List<String> warnings = List.of();
        long remoteOnly = 0;
        Long counted = null;                        // the count read with the page, if it was
        if (sources.isEmpty() && count.orElse(false)) {
            // The page and its count in one snapshot (and the count first, which tells how to read the page).
            EntityStore.Counted c = store.queryCounted(query, pageSize == 0 ? 0 : pageSize + 1, skip);
            found = c.page();
            counted = c.count();
        } else if (sources.isEmpty()) {
            found = pageSize == 0 ? List.of() : store.query(query, pageSize + 1, skip);
        } else {
            // Distributed (§5.7.2): Saola's and each source's first offset + limit + 1 entities, merged by id and
            // ordered by id as Saola orders its own; the page is cut from that.
            int wanted = distributedWindow(skip, pageSize) + 1;
            java.util.TreeMap<String, StoredEntity> merged = new java.util.TreeMap<>();
            store.query(query, wanted, 0).forEach(e -> merged.put(e.id(), e));
            Federation.Answer answer = federation.query(tenant, sources, params, wanted, request, forwardedLink(request), via);
            for (Federation.Sourced sourced : Federation.byMode(answer.entities())) {
                StoredEntity theirs = sourced.entity();
                StoredEntity ours = merged.get(theirs.id());
                if (ours == null) {
                    remoteOnly++;
                }
                merged.put(theirs.id(), ours == null ? theirs : Federation.merge(ours, sourced));
            }
            warnings = answer.warnings();
            found = merged.values().stream().skip(skip).limit(pageSize + 1L).toList();
        }
        boolean hasNext = found.size() > pageSize;
        List<StoredEntity> shown = found.stream().limit(pageSize).toList();
        List<ObjectNode> body = shown.stream()
                .map(e -> shape.apply(renderer.entity(datasets(e, datasetIds(params)), request, shape.keyValues(),
                        shape.sysAttrs())))
                .toList();
        if (join.isPresent()) {
            body = join(shown, body, shape, request, join.get());
        }
        ResponseEntity.BodyBuilder ok = warned(ResponseEntity.ok(), warnings);
        if (count.orElse(false)) {
            // With sources: Saola's own count and the entities only sources hold among those read from them.
            ok.header("NGSILD-Results-Count", Long.toString(counted != null ? counted : store.count(query) + remoteOnly));
        }
        pageLinks(ok, skip, pageSize, hasNext);
        return request.respond(ok, body);
    }

    /**
     * §4.5.5, §6.3.x {@code datasetId}: the instances of multi-attributes to give, by datasetId ({@code @none}:
     * the default instance); empty if not asked.
     */
    static Optional<Set<String>> datasetIds(Map<String, String> params) {
        if (!params.containsKey("datasetId")) {
            return Optional.empty();
        }
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (String d : params.get("datasetId").split(",")) {
            String id = d.strip();
            if (!id.equals("@none")) {
                org.saola.context.EntityIds.requireValid(id);
            }
            ids.add(id);
        }
        return Optional.of(ids);
    }

    /** The entity with only the attribute instances of those datasetIds (an attribute left with none goes). */
    static StoredEntity datasets(StoredEntity e, Optional<Set<String>> datasetIds) {
        if (datasetIds.isEmpty()) {
            return e;
        }
        ObjectNode attrs = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, tools.jackson.databind.JsonNode> a : e.attributes().properties()) {
            List<ObjectNode> kept = org.saola.context.AttributeInstances.of(a.getValue()).stream()
                    .filter(i -> datasetIds.get().contains(java.util.Objects.requireNonNullElse(
                            org.saola.context.AttributeInstances.datasetId(i), "@none")))
                    .toList();
            if (!kept.isEmpty()) {
                attrs.set(a.getKey(), org.saola.context.AttributeInstances.hold(kept));
            }
        }
        return new StoredEntity(e.id(), e.types(), attrs, e.createdAt(), e.modifiedAt(), e.scopes());
    }

    /** How deep a distributed query may page: each page merges this many entities of Saola's and each source's. */
    static final int DISTRIBUTED_WINDOW = 10_000;

    /** offset + limit of a query that context sources answer too; 403 TooManyResults past the window. */
    static int distributedWindow(int offset, int limit) {
        long window = (long) offset + limit;
        if (window + 1 > DISTRIBUTED_WINDOW) {
            throw new NgsiLdException(NgsiLdException.ErrorType.TooManyResults, "a query that context sources"
                    + " answer too is paged up to offset + limit = " + (DISTRIBUTED_WINDOW - 1) + "; narrow it"
                    + " (type, q, a geo-query), or ask Saola's own entities only with local=true");
        }
        return (int) window;
    }

    /** NGSI-LD 1.8.1 §5.5.9: the links to the next and previous pages, where there are such pages. */
    static void pageLinks(ResponseEntity.BodyBuilder ok, int offset, int limit, boolean hasNext) {
        if (hasNext) {
            ok.header(HttpHeaders.LINK, pageLink(offset + limit, limit, "next"));
        }
        if (offset > 0) {
            ok.header(HttpHeaders.LINK, pageLink(Math.max(0, offset - limit), limit, "prev"));
        }
    }

    private static Shape shape(Map<String, String> params) {
        Set<String> opts = options(Optional.ofNullable(params.get("options")));
        String format = params.getOrDefault("format", "normalized");
        if (!Set.of("normalized", "keyValues", "simplified", "concise").contains(format)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "format is normalized, concise, keyValues or simplified; got '" + format + "'");
        }
        // options=simplified (§6.3.7) is keyValues by its 1.8 name.
        boolean keyValues = opts.contains("keyValues") || opts.contains("simplified") || format.equals("keyValues")
                || format.equals("simplified");
        boolean concise = !keyValues && (opts.contains("concise") || format.equals("concise"));
        List<String> attrs = QueryParameters.list(params, "attrs");
        List<String> pick = names(params, "pick");
        List<String> omitted = names(params, "omit");
        if (!attrs.isEmpty() && !pick.isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "give attrs or pick, not both");
        }
        if (!pick.isEmpty() && !omitted.isEmpty()) {
            // §4.21: pick keeps the members named, omit drops them; one projection at a time.
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "give pick or omit, not both");
        }
        Optional<Set<String>> keep = Optional.empty();
        if (!pick.isEmpty()) {
            keep = Optional.of(new LinkedHashSet<>(pick));
        } else if (!attrs.isEmpty()) {
            Set<String> k = new LinkedHashSet<>(List.of("id", "type", "scope", "@context", "createdAt", "modifiedAt"));
            k.addAll(attrs);
            keep = Optional.of(k);
        }
        if (keep.isPresent()) {
            keep.get().add("@context");
        }
        List<String> asked = !pick.isEmpty() ? pick : attrs;
        return new Shape(keyValues, concise, opts.contains("sysAttrs"), keep, Set.copyOf(omitted),
                QueryParameters.param(params, "lang").map(EntitiesController::languages),
                asked.isEmpty() ? Optional.empty() : Optional.of(asked));
    }

    /** pick and omit (§4.21): member names separated by commas, none empty. */
    private static List<String> names(Map<String, String> params, String name) {
        Optional<String> given = QueryParameters.param(params, name);
        if (given.isEmpty()) {
            return List.of();
        }
        List<String> names = Arrays.stream(given.get().split(",", -1)).map(String::strip).toList();
        if (names.stream().anyMatch(n -> n.isEmpty() || n.chars().anyMatch(c -> "<>\"'=;()|{}\\^`".indexOf(c) >= 0
                || Character.isWhitespace(c)))) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, name + " lists member names separated "
                    + "by commas, such as id,type,temperature; got '" + given.get() + "'");
        }
        return names;
    }

    /** §4.15 {@code lang}, read once for every route that takes it. */
    static List<String> languages(String lang) {
        return org.saola.context.query.LanguageRanges.parse(lang, "lang");
    }

    private static String pageLink(int offset, int limit, String rel) {
        String url = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("offset", offset).replaceQueryParam("limit", limit)
                .build().toUriString();
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    static Set<String> options(Optional<String> options) {
        Set<String> opts = options.map(o -> Arrays.stream(o.split(",")).map(String::strip).collect(Collectors.toSet()))
                .orElse(Set.of());
        for (String o : opts) {
            if (!Set.of("keyValues", "simplified", "normalized", "concise", "sysAttrs", "temporalValues", "aggregatedValues")
                    .contains(o)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "unknown option '" + o + "'; "
                        + "supported: keyValues, simplified, normalized, concise, sysAttrs, temporalValues, aggregatedValues");
            }
        }
        return opts;
    }
}
