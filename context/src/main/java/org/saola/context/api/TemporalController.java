package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.context.ContextProperties;
import org.saola.context.EntityIds;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.EntityMutations;
import org.saola.context.domain.NgsiLdPayloads;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityQuery;
import org.saola.context.store.EntityStore;
import org.saola.context.store.HistoryStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NGSI-LD temporal API (NGSI-LD 1.8.1 §6.18-6.22): entities' attribute history, retrieved or queried in
 * a time window, in the normalized, simplified ({@code options=temporalValues}) or aggregated
 * ({@code aggrMethods}, {@code aggrPeriodDuration}) representation; instances appended; history deleted.
 */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/temporal/entities", produces = {"application/json", "application/ld+json"})
public class TemporalController {

    /**
     * The most instances of one attribute a response holds (§6.3.10): a history longer than this in the window is
     * answered 206 Partial Content, with the time range the response covers in {@code Content-Range}.
     */
    static final int PAGE = 1000;

    /**
     * The most instances a response holds over all its entities and attributes: a query of many entities gets
     * fewer of each attribute (down to {@link #FEWEST}), paged in time as a long history is. Without it, a query of
     * 1 000 entities of five attributes could hold five million instances in memory at once (a few GB of trees).
     */
    static final int RESPONSE_INSTANCES = 20_000;

    /**
     * The fewest instances of an attribute a page holds however many attributes it has: a response of more than
     * {@code RESPONSE_INSTANCES / FEWEST} attributes holds at most this many of each, ten times the attributes it
     * already renders. An attribute with more instances at one instant (as many datasets observed at once) gets
     * them all in one page, whose range ends just after that instant.
     */
    static final int FEWEST = 10;

    /** Instances of each attribute a page holds when it shows {@code series} attributes of entities in all. */
    static int perAttribute(int series, int asked) {
        return Math.min(asked, Math.max(FEWEST, RESPONSE_INSTANCES / Math.max(1, series)));
    }

    private final EntityStore store;
    private final HistoryStore history;
    private final JsonLdContexts contexts;
    private final EntityRenderer renderer;
    private final ContextProperties properties;
    private final NgsiLdPayloads payloads;

    private final ContextEngine engine;
    private final Federation federation;

    TemporalController(EntityStore store, HistoryStore history, JsonLdContexts contexts, EntityRenderer renderer,
            ContextProperties properties, ContextEngine engine, Federation federation) {
        this.engine = engine;
        this.federation = federation;
        this.store = store;
        this.history = history;
        this.contexts = contexts;
        this.renderer = renderer;
        this.properties = properties;
        this.payloads = new NgsiLdPayloads(contexts);
    }

    /** What to read of each entity's history and how to present it. */
    private record Reading(TemporalQuery query, Integer lastN, HistoryStore.TimeProperty time,
            Set<String> aggrMethods, HistoryStore.Period period, boolean temporalValues) {
    }

    /** Rendered entities, and the range of time they cover when a history was cut (§6.3.10), or null. */
    private record Rendered(List<ObjectNode> entities, String contentRange) {

        ResponseEntity.BodyBuilder status() {
            return contentRange == null ? ResponseEntity.ok()
                    : ResponseEntity.status(206).header(HttpHeaders.CONTENT_RANGE, contentRange);
        }
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = "Via", required = false) String via) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        EntityIds.requireValid(id);
        TenantId tenant = CurrentCaller.tenant();
        Reading reading = reading(params, request);
        Optional<List<String>> lang = QueryParameters.param(params, "lang").map(EntitiesController::languages);
        // A deleted entity's history stays until a temporal delete (§5.6.16) or retention: it is retrieved with
        // the time of the deletion (§4.5.7 deletedAt).
        Optional<StoredEntity> live = store.find(tenant, id);
        Optional<StoredEntity> entity = live.or(() -> history.deleted(tenant, id));
        List<String> warnings = new ArrayList<>();
        List<ObjectNode> remote = List.of();
        if (reading.aggrMethods().isEmpty() && federation.mayForward(params, via)) {
            // §5.7.3 distributed: the sources registered for the entity that serve temporal retrievals.
            List<Federation.Source> sources = federation.temporalSources(tenant, new org.saola.context.registration
                    .Registration.Query(entity.map(e -> org.saola.context.query.TypeExpression.anyOf(e.types())), List.of(id), Optional.empty(),
                    List.copyOf(reading.query().attributes()), Optional.empty(), Optional.empty()), false);
            if (!sources.isEmpty()) {
                remote = federation.retrieveTemporal(tenant, sources, id, params, EntitiesController.forwardedLink(request),
                        via, warnings);
            }
        }
        if (entity.isEmpty() && remote.isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "no entity with id " + id
                    + " in this tenant");
        }
        Rendered rendered = entity.isPresent() ? render(tenant, List.of(entity.get()), reading, request)
                : new Rendered(List.of(remote.getFirst().deepCopy()), null);
        ObjectNode out = rendered.entities().getFirst();
        if (entity.isPresent() && live.isEmpty()) {
            out.put("deletedAt", entity.get().modifiedAt().toString());
        }
        for (ObjectNode theirs : entity.isPresent() ? remote : remote.subList(1, remote.size())) {
            out = Federation.mergeTemporal(out, theirs);
        }
        if (request.ldJson()) {
            out.set("@context", request.contextMember());
        }
        ResponseEntity.BodyBuilder status = rendered.status();
        warnings.forEach(w -> status.header("NGSILD-Warning", w));
        return request.respond(status, project(out, params, lang));
    }


    /** §6.18.3.2 Query temporal evolution of entities: the entity selectors of a query, paged by entity. */
    @GetMapping
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<List<ObjectNode>> query(@RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = "Via", required = false) String via) {
        return query(params, JsonLdRequest.of(link, accept, contexts), via);
    }

    /** A temporal query of these parameters, answered with the request's @context (also for POST queries). */
    ResponseEntity<List<ObjectNode>> query(Map<String, String> params, JsonLdRequest request, String via) {
        TenantId tenant = CurrentCaller.tenant();
        boolean count = Boolean.parseBoolean(params.getOrDefault("count", "false"));
        QueryParameters.Page page = QueryParameters.page(params, 20, properties.maxPageSize(), count);
        if (!params.containsKey("type") && !params.containsKey("id") && !params.containsKey("idPattern")
                && !params.containsKey("attrs") && !params.containsKey("q")) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a temporal query selects entities with type, id, idPattern, attrs or q");
        }
        EntityQuery query = QueryParameters.entityQuery(tenant, params, request, contexts);
        Reading reading = reading(params, request);
        Optional<List<String>> lang = QueryParameters.param(params, "lang").map(EntitiesController::languages);
        List<Federation.Source> sources = !reading.aggrMethods().isEmpty() || !federation.mayForward(params, via)
                ? List.of() : federation.temporalSources(tenant, new org.saola.context.registration.Registration.Query(
                        query.type(), query.ids(), query.idPattern().map(java.util.regex.Pattern::compile), query.attrs(),
                        Optional.empty(), Optional.empty(), new org.saola.context.registration.Registration.Where(
                                query.geo(), query.scopeQ(), QueryParameters.window(params), false)), true);
        if (sources.isEmpty()) {
            EntityStore.Counted counted = count ? store.queryCounted(query, page.limit(), page.offset()) : null;
            List<StoredEntity> entities = counted != null ? counted.page()
                    : page.limit() == 0 ? List.of() : store.query(query, page.limit(), page.offset());
            Rendered rendered = entities.isEmpty() ? new Rendered(List.of(), null)
                    : render(tenant, entities, reading, request);
            ResponseEntity.BodyBuilder ok = rendered.status();
            if (counted != null) {
                ok.header("NGSILD-Results-Count", Long.toString(counted.count()));
            }
            return request.respond(ok, rendered.entities().stream().map(e -> project(e, params, lang)).toList());
        }
        // §5.7.4 distributed: Saola's and each source's first offset + limit entities, merged by id, in id order.
        int window = EntitiesController.distributedWindow(page.offset(), page.limit());
        List<StoredEntity> ours = window == 0 ? List.of() : store.query(query, window, 0);
        List<String> warnings = new ArrayList<>();
        List<ObjectNode> theirs = federation.queryTemporal(tenant, sources, params, Math.max(1, window),
                EntitiesController.forwardedLink(request), via, warnings);
        // The page's ids first, from both; only the page's own entities are rendered and read from history.
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        ours.forEach(e -> ids.add(e.id()));
        theirs.forEach(e -> ids.add(e.path("id").asString()));
        Set<String> onPage = ids.stream().skip(page.offset()).limit(page.limit())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> held = ours.stream().map(StoredEntity::id).collect(Collectors.toSet());
        List<StoredEntity> shown = ours.stream().filter(e -> onPage.contains(e.id())).toList();
        Rendered rendered = shown.isEmpty() ? new Rendered(List.of(), null) : render(tenant, shown, reading, request);
        java.util.TreeMap<String, ObjectNode> merged = new java.util.TreeMap<>();
        rendered.entities().forEach(e -> merged.put(e.path("id").asString(), e));
        for (ObjectNode t : theirs) {
            String id = t.path("id").asString();
            if (!onPage.contains(id)) {
                continue;
            }
            ObjectNode mine = merged.get(id);
            if (mine == null && request.ldJson()) {
                t.set("@context", request.contextMember());
            }
            merged.put(id, mine == null ? t : Federation.mergeTemporal(mine, t));
        }
        long remoteOnly = ids.stream().filter(id -> !held.contains(id)).count();
        ResponseEntity.BodyBuilder ok = rendered.status();
        warnings.forEach(w -> ok.header("NGSILD-Warning", w));
        if (count) {
            ok.header("NGSILD-Results-Count", Long.toString(store.count(query) + remoteOnly));
        }
        return request.respond(ok, merged.values().stream().map(e -> project(e, params, lang)).toList());
    }

    /**
     * §4.21 pick and omit on temporal representations too: the members kept, or those dropped; and §4.15
     * {@code lang}: each instance of a LanguageProperty in the best language.
     */
    private static ObjectNode project(ObjectNode entity, Map<String, String> params, Optional<List<String>> lang) {
        lang.ifPresent(l -> EntityRenderer.temporalInLanguage(entity, l));
        List<String> pick = QueryParameters.list(params, "pick");
        List<String> omit = QueryParameters.list(params, "omit");
        if (!pick.isEmpty() && !omit.isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "give pick or omit, not both");
        }
        if (!pick.isEmpty()) {
            java.util.Set<String> keep = new java.util.HashSet<>(pick);
            keep.add("@context");
            entity.retain(keep);
        }
        omit.forEach(entity::remove);
        return entity;
    }

    /**
     * §6.18.3.1 Create or update a temporal entity: attributes given as arrays of instances, each with its
     * observedAt. The newest instance of each attribute becomes the entity's latest state (created if new:
     * 201; merged if it existed: 204); every instance goes into history.
     */
    @PostMapping
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Void> createOrUpdate(@RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        TenantId tenant = CurrentCaller.tenant();
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        if (!body.isObject() || !body.path("id").isString() || !body.path("type").isString()) {
            throw new InvalidInputException("id", "a temporal entity is a JSON object with an id and a type");
        }
        String id = EntityIds.requireValid(body.get("id").asString());
        String type = payloads.name(body.get("type").asString(), request.contexts());
        Map<String, List<ObjectNode>> instances = instances(body, request);
        ObjectNode latest = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Map<String, List<ObjectNode>> older = new LinkedHashMap<>();
        instances.forEach((attr, list) -> {
            ObjectNode newest = list.stream().max(java.util.Comparator.comparing(
                    (ObjectNode i) -> Instant.parse(i.get("observedAt").asString()))).orElseThrow();
            latest.set(attr, newest);
            older.put(attr, list.stream().filter(i -> i != newest).toList());
        });
        boolean existed = store.find(tenant, id).isPresent();
        if (latest.isEmpty()) {
            if (!existed) {
                throw new InvalidInputException("body", "a new temporal entity needs at least one attribute instance");
            }
        } else {
            // As a sensor's readings are merged: the very instance held, sent again, changes nothing, and one older
            // than what is held goes to history once; so an upsert sent twice duplicates no instance.
            EntityWritesController.await(engine.apply(tenant, id,
                    org.saola.context.domain.EntityMutations.observe(id, type, latest)));
        }
        history.append(tenant, id, older);
        return existed ? ResponseEntity.noContent().build()
                : ResponseEntity.created(java.net.URI.create("/ngsi-ld/v1/temporal/entities/" + id)).build();
    }

    /** Attribute name → instances, each parsed and required to carry its observedAt. */
    private Map<String, List<ObjectNode>> instances(JsonNode body, JsonLdRequest request) {
        Map<String, List<ObjectNode>> instances = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (Set.of("@context", "id", "type", "createdAt", "modifiedAt").contains(e.getKey())) {
                continue;
            }
            List<ObjectNode> list = new ArrayList<>();
            for (JsonNode instance : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                ObjectNode parsed = payloads.singleInstance(e.getKey(), instance, request.contexts());
                if (!parsed.has("observedAt")) {
                    throw new InvalidInputException(e.getKey(), e.getKey()
                            + ": an instance added to history needs its observedAt");
                }
                list.add(parsed);
            }
            instances.put(payloads.name(e.getKey(), request.contexts()), list);
        }
        return instances;
    }

    /** §6.20.3.1 Add attributes' instances to an entity's history: each instance needs its observedAt. */
    @PostMapping("/{id}/attrs")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Void> append(@PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        TenantId tenant = CurrentCaller.tenant();
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        if (!body.isObject()) {
            throw new InvalidInputException("body", "the body maps attribute names to arrays of instances");
        }
        Map<String, List<ObjectNode>> instances = instances(body, request);
        if (store.find(tenant, id).isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "no entity with id " + id
                    + " in this tenant");
        }
        history.append(tenant, id, instances);
        return ResponseEntity.noContent().build();
    }

    /**
     * §6.22.3.1 Modify Attribute Instance (§5.6.14): the members given replace the instance's (a new
     * {@code observedAt} moves it in time); its kind cannot change. 204, or 404 if the entity's attribute has no
     * such instance.
     */
    @PatchMapping("/{id}/attrs/{attr}/{instanceId}")
    @RequiresPermission(Permission.HISTORY_DELETE)
    ResponseEntity<Void> modifyInstance(@PathVariable String id, @PathVariable String attr,
            @PathVariable String instanceId, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        TenantId tenant = CurrentCaller.tenant();
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        String iri = payloads.name(attr, request.contexts());
        long number = instanceNumber(id, attr, instanceId);
        ObjectNode held = history.instance(tenant, id, iri, number).orElseThrow(() -> noInstance(id, attr, instanceId));
        ObjectNode fragment = payloads.attributeFragment(attr, body, request.contexts());
        if (fragment.has("type") && !fragment.get("type").equals(held.get("type"))) {
            throw new InvalidInputException("type", "instance " + instanceId + " is a " + held.path("type").asString()
                    + "; it cannot become a " + fragment.get("type").asString());
        }
        if (fragment.isEmpty()) {
            throw new InvalidInputException("body", "the body names no member of the instance to modify");
        }
        ObjectNode modified = held.deepCopy();
        modified.remove("instanceId");
        modified.setAll(fragment);
        if (!history.replaceInstance(tenant, id, iri, number, modified)) {
            throw noInstance(id, attr, instanceId);
        }
        return ResponseEntity.noContent().build();
    }

    /** §6.22.3.2 Delete Attribute Instance (§5.6.15). */
    @DeleteMapping("/{id}/attrs/{attr}/{instanceId}")
    @RequiresPermission(Permission.HISTORY_DELETE)
    ResponseEntity<Void> deleteInstance(@PathVariable String id, @PathVariable String attr,
            @PathVariable String instanceId, @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        JsonLdRequest request = JsonLdRequest.of(link, null, contexts);
        String iri = payloads.name(attr, request.contexts());
        if (!history.deleteInstance(CurrentCaller.tenant(), id, iri, instanceNumber(id, attr, instanceId))) {
            throw noInstance(id, attr, instanceId);
        }
        return ResponseEntity.noContent().build();
    }

    private static long instanceNumber(String id, String attr, String instanceId) {
        EntityIds.requireValid(instanceId);
        return HistoryStore.instanceNumber(instanceId).orElseThrow(() -> noInstance(id, attr, instanceId));
    }

    private static NgsiLdException noInstance(String id, String attr, String instanceId) {
        return new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "attribute " + attr + " of entity " + id
                + " has no instance " + instanceId + " in this tenant");
    }

    /** §6.19.3.2 Delete an entity's history. */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.HISTORY_DELETE)
    ResponseEntity<Void> delete(@PathVariable String id) {
        EntityIds.requireValid(id);
        TenantId tenant = CurrentCaller.tenant();
        if (!history.exists(tenant, id) && store.find(tenant, id).isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "no history of entity " + id
                    + " in this tenant");
        }
        // §5.6.16 Delete Temporal Representation of an Entity: the entity goes with its history (Saola keeps one
        // entity, current and temporal alike), so that it is neither retrievable afterwards nor re-created on top
        // of what was deleted. Deleted through the writers, so subscriptions and the change feed hear of it.
        if (store.find(tenant, id).isPresent()) {
            try {
                EntityWritesController.await(engine.apply(tenant, id, EntityMutations.delete(id)));
            } catch (org.saola.platform.NotFoundException gone) {
                // deleted meanwhile by another request: its history goes all the same
            }
        }
        history.delete(tenant, id, null);
        return ResponseEntity.noContent().build();
    }

    /** §6.21.3.1 Delete one attribute's history. */
    @DeleteMapping("/{id}/attrs/{attr}")
    @RequiresPermission(Permission.HISTORY_DELETE)
    ResponseEntity<Void> deleteAttribute(@PathVariable String id, @PathVariable String attr,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        JsonLdRequest request = JsonLdRequest.of(link, null, contexts);
        if (history.delete(CurrentCaller.tenant(), id, payloads.name(attr, request.contexts())) == 0) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "no history of attribute " + attr
                    + " of entity " + id + " in this tenant");
        }
        return ResponseEntity.noContent().build();
    }

    private Rendered render(TenantId tenant, List<StoredEntity> entities, Reading reading, JsonLdRequest request) {
        List<String> ids = entities.stream().map(StoredEntity::id).toList();
        if (!reading.aggrMethods().isEmpty()) {
            List<HistoryStore.Aggregate> aggregates;
            try {
                aggregates = history.aggregate(tenant, ids, reading.query(), reading.aggrMethods(), reading.period(),
                        reading.time(), properties.maxAggregates());
            } catch (HistoryStore.TooManyAggregates e) {
                throw new NgsiLdException(NgsiLdException.ErrorType.TooManyResults, "this aggregation would answer more"
                        + " than " + e.max() + " periods (over its entities and attributes): ask for a longer"
                        + " aggrPeriodDuration, a shorter window, fewer attributes or fewer entities");
            }
            Map<String, List<HistoryStore.Aggregate>> byEntity = aggregates.stream()
                    .collect(Collectors.groupingBy(HistoryStore.Aggregate::entityId));
            Map<Instant, String> bounds = new java.util.HashMap<>();
            return new Rendered(entities.stream().map(e -> renderer.aggregated(e, byEntity.getOrDefault(e.id(), List.of()),
                    request, bounds)).toList(), null);
        }
        // §6.3.10: with lastN, the newest instances; else the oldest from the window's start. At most PAGE of an
        // attribute, fewer when the page shows many (RESPONSE_INSTANCES): where one has more, every attribute is cut
        // at the same time, so that the range named in Content-Range is whole for all of them and the client asks
        // for the rest from there. The attributes are counted from the entities' current ones, or those asked for.
        boolean newestFirst = reading.lastN() != null;
        Set<String> asked = reading.query().attributes();
        int series = entities.stream().mapToInt(e -> Math.max(1, asked.isEmpty() ? e.attributes().size() : asked.size()))
                .sum();
        int per = perAttribute(series, newestFirst ? Math.min(reading.lastN(), PAGE) : PAGE);
        boolean serverCut = !newestFirst || reading.lastN() > per;
        Map<String, List<HistoryStore.Timed>> groups = bySeries(history.page(tenant, ids, reading.query(),
                reading.time(), newestFirst, per));
        Instant edge = null;
        List<Instant> cutAt = new ArrayList<>();                  // going back, the times of the instances cut
        for (List<HistoryStore.Timed> g : groups.values()) {
            if (g.size() <= per) {
                continue;
            }
            if (newestFirst) {
                cutAt.add(g.removeFirst().at());                    // one older than asked for
                Instant oldest = g.getFirst().at();
                edge = serverCut && (edge == null || oldest.isAfter(edge)) ? oldest : edge;
            } else {
                g.removeLast();                                     // one newer than fits
                Instant newest = g.getLast().at();
                edge = edge == null || newest.isBefore(edge) ? newest : edge;
            }
        }
        // The page is never cut inside an instant where that would lose or repeat instances for ever; times are
        // stored to the microsecond. Going back (lastN), the client asks next for what is strictly before the end of
        // the range: where the cut fell among instances at the edge, the page leaves that instant out and its range
        // ends a microsecond after it, or, when the page holds nothing else, holds the whole instant. Going forwards,
        // the next page starts at the end of the range itself: when that is where this page starts (an attribute
        // holding more instances at that instant than a page of it), the page holds the whole instant and its range
        // ends a microsecond after it, so that the next one moves on.
        Instant end = edge;
        boolean withEdge = true;
        if (edge != null) {
            Instant at = edge;
            if (newestFirst && cutAt.contains(edge)) {
                if (groups.values().stream().anyMatch(g -> g.getLast().at().isAfter(at))) {
                    withEdge = false;
                    end = edge.plusNanos(1000);
                } else {
                    wholeInstant(tenant, ids, reading, edge, groups);
                }
            } else if (!newestFirst && groups.values().stream().noneMatch(g -> g.getFirst().at().isBefore(at))) {
                wholeInstant(tenant, ids, reading, edge, groups);
                end = edge.plusNanos(1000);
            }
        }
        List<HistoryStore.Timed> kept = new ArrayList<>();
        for (List<HistoryStore.Timed> g : groups.values()) {
            for (HistoryStore.Timed t : g) {
                if (edge == null || (newestFirst ? t.at().isAfter(edge) || (withEdge && t.at().equals(edge))
                        : !t.at().isAfter(edge))) {
                    kept.add(t);
                }
            }
        }
        // Nothing left beyond the range (a whole instant at the window's very end): the answer is whole.
        Instant rangeEnd = end;
        if (edge != null && (newestFirst ? reading.query().from().filter(from -> !from.isBefore(rangeEnd)).isPresent()
                : reading.query().to().filter(to -> !to.isAfter(rangeEnd)).isPresent())) {
            edge = null;
        }
        String range = null;
        if (edge != null) {
            Instant first = kept.stream().map(HistoryStore.Timed::at).min(Instant::compareTo).orElse(edge);
            Instant last = kept.stream().map(HistoryStore.Timed::at).max(Instant::compareTo).orElse(edge);
            Instant start = newestFirst ? reading.query().to().orElse(last) : reading.query().from().orElse(first);
            range = "date-time " + start + "-" + end + "/" + (newestFirst ? reading.lastN().toString() : "*");
        }
        Map<String, List<org.saola.context.AttributeInstance>> byEntity = kept.stream()
                .map(HistoryStore.Timed::instance)
                .collect(Collectors.groupingBy(org.saola.context.AttributeInstance::entityId));
        String timeMember = reading.time().name();
        return new Rendered(entities.stream().map(e -> {
            var instances = byEntity.getOrDefault(e.id(), List.of());
            return reading.temporalValues() ? renderer.temporalValues(e, instances, request, timeMember)
                    : renderer.temporal(e, instances, request, timeMember);
        }).toList(), range);
    }

    /**
     * Puts every instance at {@code instant} of the page's attributes into {@code groups}, in place of those the
     * page held there: at most {@link #RESPONSE_INSTANCES} in all.
     */
    private void wholeInstant(TenantId tenant, List<String> ids, Reading reading, Instant instant,
            Map<String, List<HistoryStore.Timed>> groups) {
        TemporalQuery q = reading.query();
        TemporalQuery at = new TemporalQuery(q.attributes(), Optional.of(instant), Optional.of(instant.plusNanos(1000)),
                q.lastN());
        Map<String, List<HistoryStore.Timed>> there = bySeries(history.page(tenant, ids, at, reading.time(), false,
                RESPONSE_INSTANCES));
        if (there.values().stream().mapToInt(List::size).sum() > RESPONSE_INSTANCES) {
            throw new NgsiLdException(NgsiLdException.ErrorType.TooManyResults, "the attributes asked for hold more than "
                    + RESPONSE_INSTANCES + " instances at " + instant + ", more than a response holds");
        }
        for (Map.Entry<String, List<HistoryStore.Timed>> e : there.entrySet()) {
            List<HistoryStore.Timed> g = groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            int from = 0;
            while (from < g.size() && g.get(from).at().isBefore(instant)) {
                from++;
            }
            int to = from;
            while (to < g.size() && g.get(to).at().equals(instant)) {
                to++;
            }
            g.subList(from, to).clear();
            g.addAll(from, e.getValue());
        }
    }

    /** Instances by entity and attribute, in their order. */
    private static Map<String, List<HistoryStore.Timed>> bySeries(List<HistoryStore.Timed> instances) {
        Map<String, List<HistoryStore.Timed>> out = new LinkedHashMap<>();
        for (HistoryStore.Timed t : instances) {
            out.computeIfAbsent(t.instance().entityId() + '\n' + t.instance().attribute(), k -> new ArrayList<>()).add(t);
        }
        return out;
    }

    private Reading reading(Map<String, String> params, JsonLdRequest request) {
        Set<String> attributes = QueryParameters.list(params, "attrs").stream()
                .map(s -> contexts.expandTerm(request.contexts(), s)).collect(Collectors.toSet());
        Optional<org.saola.context.registration.Registration.Window> window = QueryParameters.window(params);
        Optional<Instant> from = window.flatMap(org.saola.context.registration.Registration.Window::from);
        Optional<Instant> to = window.flatMap(org.saola.context.registration.Registration.Window::to);
        Integer lastN = QueryParameters.param(params, "lastN").map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "lastN must be a whole number");
            }
        }).orElse(null);
        TemporalQuery query = new TemporalQuery(attributes, from, to, lastN == null ? PAGE : lastN);
        // Checked by QueryParameters.window.
        HistoryStore.TimeProperty time = HistoryStore.TimeProperty.valueOf(
                params.getOrDefault("timeproperty", "observedAt"));
        Set<String> options = new java.util.HashSet<>(EntitiesController.options(QueryParameters.param(params, "options")));
        // format (1.8) names the representation as options did: temporalValues (or simplified), aggregatedValues.
        String format = params.getOrDefault("format", "normalized");
        switch (format) {
            case "normalized" -> {
            }
            case "temporalValues", "simplified" -> options.add("temporalValues");
            case "aggregatedValues" -> options.add("aggregatedValues");
            default -> throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "format is normalized, temporalValues (or simplified) or aggregatedValues; got '" + format + "'");
        }
        if (options.contains("simplified")) {
            options.add("temporalValues");
        }
        Set<String> methods = new LinkedHashSet<>(QueryParameters.list(params, "aggrMethods"));
        for (String m : methods) {
            if (!HistoryStore.AGGREGATES.containsKey(m)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "unknown aggregation method '" + m
                        + "'; supported: " + String.join(", ", HistoryStore.AGGREGATES.keySet()));
            }
        }
        if (options.contains("aggregatedValues") && methods.isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "options=aggregatedValues needs aggrMethods, e.g. aggrMethods=avg,max");
        }
        HistoryStore.Period period = QueryParameters.param(params, "aggrPeriodDuration")
                .map(TemporalController::period).orElse(null);
        if (!methods.isEmpty() && time == HistoryStore.TimeProperty.deletedAt) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "deletions have no values to aggregate: aggrMethods cannot go with timeproperty=deletedAt");
        }
        return new Reading(query, lastN, time, methods, period, options.contains("temporalValues"));
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

    /**
     * §4.5.19 aggrPeriodDuration: an ISO 8601 duration {@code P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S}; zero (PT0S, P0D)
     * means the whole window as one period (null). Years and months are calendar months, counted in UTC; they
     * cannot be combined with weeks, days or times, whose periods are fixed lengths.
     */
    private static HistoryStore.Period period(String value) {
        java.util.regex.Matcher m = DURATION.matcher(value);
        if (!m.matches() || value.equals("P") || value.endsWith("T")) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "aggrPeriodDuration '" + value
                    + "' is not an ISO 8601 duration such as PT1H, P1D, P1W or P1M");
        }
        try {
            long months = Math.addExact(Math.multiplyExact(number(m.group(1)), 12), number(m.group(2)));
            long seconds = Math.addExact(Math.addExact(Math.multiplyExact(number(m.group(3)), 7 * 86_400L),
                    Math.multiplyExact(number(m.group(4)), 86_400L)), Math.addExact(Math.addExact(
                    Math.multiplyExact(number(m.group(5)), 3600L), Math.multiplyExact(number(m.group(6)), 60L)),
                    m.group(7) == null ? 0 : (long) Math.ceil(Double.parseDouble(m.group(7)))));
            if (months > 0 && seconds > 0) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "aggrPeriodDuration '" + value
                        + "' mixes calendar months or years with a fixed length; give one or the other");
            }
            if (months > 1_200 || seconds > 100L * 366 * 86_400) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "aggrPeriodDuration '" + value
                        + "' is longer than a hundred years");
            }
            return months == 0 && seconds == 0 ? null : new HistoryStore.Period(months, seconds);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "aggrPeriodDuration '" + value
                    + "' is too long");
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

}
