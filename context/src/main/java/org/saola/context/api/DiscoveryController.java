package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.PublicRoute;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.saola.context.jsonld.JsonLdContexts;
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

/**
 * NGSI-LD discovery (NGSI-LD 1.8.1 §5.7.5-5.7.8): which entity types and attributes the caller's tenant
 * holds, and the @contexts Saola serves. Names are compacted against the request's @context.
 */
@RestController
@RequestMapping(path = "/ngsi-ld/v1", produces = {"application/json", "application/ld+json"})
public class DiscoveryController {

    private final EntityStore store;
    private final JsonLdContexts contexts;
    private final Federation federation;

    DiscoveryController(EntityStore store, JsonLdContexts contexts, Federation federation) {
        this.store = store;
        this.contexts = contexts;
        this.federation = federation;
    }

    /**
     * The types and attributes context sources are registered for (§5.7.5, §5.7.7 distributed): known from the
     * registrations, without asking the sources; none with {@code local=true}.
     */
    private Map<String, Set<String>> registered(Optional<Boolean> local) {
        return local.orElse(false) ? Map.of() : federation.registeredTypes(CurrentCaller.tenant());
    }

    /** §6.25: EntityTypeList, or with {@code details=true} an EntityType per type with its attribute names. */
    @GetMapping("/types")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<Object> types(@RequestParam Optional<Boolean> details, @RequestParam Optional<Boolean> local,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        List<URI> ctx = request.contexts();
        var tenant = CurrentCaller.tenant();
        if (details.orElse(false)) {
            Map<String, Set<String>> attributes = new LinkedHashMap<>();
            store.typeCounts(tenant).keySet().forEach(t -> attributes.put(t, new TreeSet<>()));
            store.attributeUses(tenant).forEach(u -> attributes.get(u.type()).add(contexts.compactIri(ctx, u.attribute())));
            registered(local).forEach((type, attrs) -> attrs.forEach(a -> attributes
                    .computeIfAbsent(type, t -> new TreeSet<>()).add(contexts.compactIri(ctx, a))));
            registered(local).keySet().forEach(type -> attributes.computeIfAbsent(type, t -> new TreeSet<>()));
            List<Map<String, Object>> out = new ArrayList<>();
            attributes.forEach((type, names) -> out.add(withContext(request, map(
                    "id", type, "type", "EntityType", "typeName", contexts.compactIri(ctx, type),
                    "attributeNames", List.copyOf(names)))));
            return request.respond(ResponseEntity.ok(), out);
        }
        Set<String> all = new TreeSet<>(store.typeCounts(tenant).keySet());
        all.addAll(registered(local).keySet());
        List<String> names = all.stream().map(t -> contexts.compactIri(ctx, t)).toList();
        return request.respond(ResponseEntity.ok(), withContext(request, map(
                "id", "urn:ngsi-ld:EntityTypeList:" + UUID.randomUUID(), "type", "EntityTypeList", "typeList", names)));
    }

    /**
     * §6.26: EntityTypeInfo: how many entities of the type, and its attributes with their kinds. Distributed
     * (§5.7.11, forwarding): each context source registered for the type that offers retrieveEntityTypeInfo is
     * asked too; the entity counts are added (an entity two brokers hold counts twice: §5.7.11 allows an estimate)
     * and the attributes joined, with their kinds. 404 if neither Saola nor a source knows the type.
     */
    @GetMapping("/types/{type}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<Object> type(@PathVariable String type, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        List<URI> ctx = request.contexts();
        var tenant = CurrentCaller.tenant();
        String iri = contexts.expandTerm(ctx, type);
        Long count = store.typeCounts(tenant).get(iri);
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        store.attributeUses(tenant).stream().filter(u -> u.type().equals(iri))
                .forEach(u -> kinds.computeIfAbsent(u.attribute(), a -> new LinkedHashSet<>()).add(u.kind()));
        List<String> warnings = new ArrayList<>();
        long total = count == null ? 0 : count;
        boolean known = count != null;
        if (federation.mayForward(params, via)) {
            for (var theirs : federation.typeOrAttributeInfo(tenant, iri, type, false,
                    EntitiesController.forwardedLink(request), via, warnings)) {
                known = true;
                total += theirs.path("entityCount").asLong(0);
                for (var a : theirs.path("attributeDetails")) {
                    String attr = contexts.expandTerm(ctx, a.path("attributeName").asString(a.path("id").asString("")));
                    Set<String> k = kinds.computeIfAbsent(attr, x -> new LinkedHashSet<>());
                    a.path("attributeTypes").forEach(t -> k.add(t.asString()));
                }
            }
        }
        if (!known) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound,
                    "no entity of type " + type + " in this tenant" + (warnings.isEmpty() ? "" : " (" + warnings.size()
                            + " context source(s) could not be asked)"));
        }
        List<Map<String, Object>> details = new ArrayList<>();
        kinds.forEach((attr, k) -> details.add(map("id", attr, "type", "Attribute",
                "attributeName", contexts.compactIri(ctx, attr), "attributeTypes", List.copyOf(k))));
        return request.respond(warned(ResponseEntity.ok(), warnings), withContext(request, map("id", iri,
                "type", "EntityTypeInfo", "typeName", contexts.compactIri(ctx, iri), "entityCount", total,
                "attributeDetails", details)));
    }

    private static ResponseEntity.BodyBuilder warned(ResponseEntity.BodyBuilder ok, List<String> warnings) {
        warnings.forEach(w -> ok.header("NGSILD-Warning", w));
        return ok;
    }

    /** §6.27: AttributeList, or with {@code details=true} an Attribute per attribute. */
    @GetMapping("/attributes")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<Object> attributes(@RequestParam Optional<Boolean> details, @RequestParam Optional<Boolean> local,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        Map<String, Map<String, Object>> attributes = new java.util.TreeMap<>(attributeDetails(request));
        // Attributes only context sources are registered for: named, with the types they are registered for.
        List<URI> ctx = request.contexts();
        registered(local).forEach((type, attrs) -> attrs.forEach(a -> {
            Map<String, Object> d = attributes.computeIfAbsent(a, x -> map("id", a, "type", "Attribute",
                    "attributeName", contexts.compactIri(ctx, a), "typeNames", new ArrayList<String>()));
            @SuppressWarnings("unchecked")
            List<String> typeNames = new ArrayList<>((List<String>) d.get("typeNames"));
            String name = contexts.compactIri(ctx, type);
            if (!typeNames.contains(name)) {
                typeNames.add(name);
                java.util.Collections.sort(typeNames);
                d.put("typeNames", typeNames);
            }
        }));
        if (details.orElse(false)) {
            return request.respond(ResponseEntity.ok(),
                    attributes.values().stream().map(a -> withContext(request, a)).toList());
        }
        return request.respond(ResponseEntity.ok(), withContext(request, map(
                "id", "urn:ngsi-ld:AttributeList:" + UUID.randomUUID(), "type", "AttributeList",
                "attributeList", attributes.values().stream().map(a -> a.get("attributeName")).toList())));
    }

    /**
     * §6.28: one Attribute: how many entities have it, of which types, as which kinds. Distributed (§5.7.11,
     * forwarding): each context source registered for it that offers retrieveAttrTypeInfo is asked too; counts
     * added (an estimate where brokers share entities), kinds and type names joined.
     */
    @GetMapping("/attributes/{attribute}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<Object> attribute(@PathVariable String attribute, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        List<URI> ctx = request.contexts();
        String iri = contexts.expandTerm(ctx, attribute);
        Map<String, Object> found = attributeDetails(request).get(iri);
        List<String> warnings = new ArrayList<>();
        if (federation.mayForward(params, via)) {
            for (var theirs : federation.typeOrAttributeInfo(CurrentCaller.tenant(), iri, attribute, true,
                    EntitiesController.forwardedLink(request), via, warnings)) {
                if (found == null) {
                    found = map("id", iri, "type", "Attribute", "attributeName", contexts.compactIri(ctx, iri),
                            "attributeCount", 0L, "attributeTypes", List.of(), "typeNames", List.of());
                }
                found.put("attributeCount", ((Number) found.get("attributeCount")).longValue()
                        + theirs.path("attributeCount").asLong(0));
                found.put("attributeTypes", joined(found.get("attributeTypes"), theirs.path("attributeTypes"), n -> n));
                found.put("typeNames", joined(found.get("typeNames"), theirs.path("typeNames"),
                        n -> contexts.compactIri(ctx, contexts.expandTerm(ctx, n))));
            }
        }
        if (found == null) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound,
                    "no entity in this tenant has an attribute " + attribute);
        }
        return request.respond(warned(ResponseEntity.ok(), warnings), withContext(request, found));
    }

    /** A list of names with those of a source's array added, each once, sorted. */
    @SuppressWarnings("unchecked")
    private static List<String> joined(Object ours, tools.jackson.databind.JsonNode theirs,
            java.util.function.UnaryOperator<String> name) {
        Set<String> all = new TreeSet<>((List<String>) ours);
        theirs.forEach(n -> all.add(name.apply(n.asString())));
        return List.copyOf(all);
    }

    private Map<String, Map<String, Object>> attributeDetails(JsonLdRequest request) {
        List<URI> ctx = request.contexts();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        Map<String, Set<String>> types = new LinkedHashMap<>();
        for (EntityStore.AttributeUse u : store.attributeUses(CurrentCaller.tenant())) {
            counts.merge(u.attribute(), u.entities(), Long::sum);
            kinds.computeIfAbsent(u.attribute(), a -> new LinkedHashSet<>()).add(u.kind());
            types.computeIfAbsent(u.attribute(), a -> new TreeSet<>()).add(contexts.compactIri(ctx, u.type()));
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        counts.keySet().stream().sorted().forEach(attr -> out.put(attr, map("id", attr, "type", "Attribute",
                "attributeName", contexts.compactIri(ctx, attr), "attributeCount", counts.get(attr),
                "attributeTypes", List.copyOf(kinds.get(attr)), "typeNames", List.copyOf(types.get(attr)))));
        return out;
    }

    private static Map<String, Object> withContext(JsonLdRequest request, Map<String, Object> body) {
        if (request.ldJson()) {
            body.put("@context", request.contextMember());
        }
        return body;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
