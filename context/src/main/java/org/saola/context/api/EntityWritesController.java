package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.saola.context.EntityIds;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.EntityMutations;
import org.saola.context.domain.NgsiLdPayloads;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.domain.UpdateResult;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.security.CurrentCaller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The NGSI-LD entity write operations (NGSI-LD 1.8.1 §6.4-6.7): create, replace and delete entities; append,
 * update, replace, partially update and delete attributes. Every write goes through the context writer, so it
 * is committed before the answer and ordered with every other change of the same entity.
 */
@RestController
@RequestMapping("/ngsi-ld/v1/entities")
public class EntityWritesController {

    static final String SCHEMA_WARNING = "Saola-Schema-Warning";

    private final ContextEngine engine;
    private final NgsiLdPayloads payloads;
    private final JsonLdContexts contexts;
    private final SchemaValidation validation;

    private final org.saola.context.store.EntityStore store;
    private final Federation federation;
    private final tools.jackson.databind.json.JsonMapper json;

    EntityWritesController(ContextEngine engine, JsonLdContexts contexts, SchemaValidation validation,
            org.saola.context.store.EntityStore store, Federation federation, tools.jackson.databind.json.JsonMapper json) {
        this.store = store;
        this.federation = federation;
        this.json = json;
        this.engine = engine;
        this.contexts = contexts;
        this.validation = validation;
        this.payloads = new NgsiLdPayloads(contexts);
    }

    /** The schema check of partial writes: refuses in reject mode; warnings of partial writes are not reported. */
    private EntityMutations.Check check() {
        var tenant = CurrentCaller.tenant();
        return (typeIri, attributes) -> validation.check(tenant, typeIri, attributes, true);
    }

    /** The URL of a created entity, as 201 and 207 name it in {@code Location}. */
    static URI location(String id) {
        return URI.create("/ngsi-ld/v1/entities/" + id);
    }

    /** The same, for an answer with a body. */
    static ResponseEntity.BodyBuilder warned(ResponseEntity.BodyBuilder response, List<String> warnings) {
        warned((ResponseEntity.HeadersBuilder<?>) response, warnings);
        return response;
    }

    /** In warn mode, what is wrong goes back in a header (the first three problems). */
    static ResponseEntity.HeadersBuilder<?> warned(ResponseEntity.HeadersBuilder<?> response, List<String> warnings) {
        if (!warnings.isEmpty()) {
            response.header(SCHEMA_WARNING, String.join("; ", warnings.subList(0, Math.min(3, warnings.size()))));
        }
        return response;
    }

    /**
     * §6.4.3.1 Create Entity: 201 with the entity's URL, 409 AlreadyExists if the id is taken. Distributed
     * (§5.6.1.4): the attributes exclusive and redirect sources are registered for go to them and are not
     * written here; inclusive sources get the rest too; the entity is created here with what remains. 207 with a
     * BatchOperationResult if a source or Saola did not take its part.
     */
    @PostMapping
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Object> create(@RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        NgsiLdPayloads.ParsedEntity e = payloads.entity(body, request.contexts());
        List<String> warnings = validation.check(CurrentCaller.tenant(), e.types(), e.attributes(), false);
        Forwarded fw = forward(CurrentCaller.tenant(), e.id(), Optional.of(e.types()), attributeNames(e), "createEntity",
                "POST", "/ngsi-ld/v1/entities", body, request, contentType, params, via, true);
        var attributes = e.attributes().deepCopy();
        attributes.remove(fw.taken());
        Optional<RuntimeException> here = local(() -> engine.apply(CurrentCaller.tenant(), e.id(),
                EntityMutations.create(e.id(), e.types(), e.scopes(), attributes)), fw);
        if (fw.failed().isEmpty() && here.isEmpty()) {
            return warned(ResponseEntity.created(location(e.id())), warnings).build();
        }
        return warned(ResponseEntity.status(207).location(location(e.id())), warnings)
                .contentType(MediaType.APPLICATION_JSON).body(batchResult(e.id(), fw, here));
    }

    /**
     * §6.5.3.4 Replace Entity; distributed as creation is (§5.6.18.4): 204, or 207 with a BatchOperationResult if
     * a source or Saola did not take its part; 404 if neither Saola nor a registration knows the entity.
     */
    @PutMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Object> replace(@PathVariable String id, @RequestBody JsonNode body,
            @RequestParam Map<String, String> params, @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        NgsiLdPayloads.ParsedEntity e = payloads.entity(id, body, request.contexts());
        List<String> warnings = validation.check(CurrentCaller.tenant(), e.types(), e.attributes(), false);
        Forwarded fw = forward(CurrentCaller.tenant(), id, Optional.of(e.types()), attributeNames(e), "replaceEntity",
                "PUT", entityPath(id), body, request, contentType, params, via, true);
        var attributes = e.attributes().deepCopy();
        attributes.remove(fw.taken());
        Optional<RuntimeException> here = local(() -> engine.apply(CurrentCaller.tenant(), id,
                EntityMutations.replace(id, e.types(), e.scopes(), attributes)), fw);
        if (fw.failed().isEmpty() && here.isEmpty()) {
            return warned(ResponseEntity.noContent(), warnings).build();
        }
        return warned(ResponseEntity.status(207), warnings).contentType(MediaType.APPLICATION_JSON)
                .body(batchResult(id, fw, here));
    }

    private static java.util.Set<String> attributeNames(NgsiLdPayloads.ParsedEntity e) {
        return new java.util.LinkedHashSet<>(e.attributes().propertyNames());
    }

    /**
     * The local part of a distributed write: its refusal, if some source took a part (a partial success), else
     * thrown as the answer. An entity Saola does not hold while a source took its part is held by the sources only:
     * not an error.
     */
    private static Optional<RuntimeException> local(java.util.function.Supplier<CompletableFuture<Object>> write,
            Forwarded fw) {
        try {
            await(write.get());
            return Optional.empty();
        } catch (org.saola.platform.NotFoundException notHere) {
            if (fw.updated().isEmpty()) {
                throw notHere;
            }
            return Optional.empty();
        } catch (RuntimeException refused) {
            if (fw.updated().isEmpty()) {
                throw refused;
            }
            return Optional.of(refused);
        }
    }

    /**
     * §5.2.16 BatchOperationResult of a distributed create or replace: the entity in {@code success} if any part
     * of it was taken, and one error per source (with its registration) or for Saola's own part that was not.
     */
    private static Map<String, Object> batchResult(String id, Forwarded fw, Optional<RuntimeException> here) {
        List<Object> errors = new java.util.ArrayList<>();
        java.util.Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        fw.failed().forEach(n -> byReason.computeIfAbsent(n.reason(), r -> new java.util.ArrayList<>()).add(n.attributeName()));
        byReason.forEach((reason, attributes) -> errors.add(DistributedBatch.error(id,
                fw.failedBy().get(reason),
                reason + " (attributes: " + String.join(", ", attributes) + ")")));
        here.ifPresent(r -> errors.add(Map.of("entityId", id, "error", NgsiLdErrors.problem(r))));
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("success", fw.updated().isEmpty() && here.isPresent() ? List.of() : List.of(id));
        result.put("errors", errors);
        return result;
    }

    /**
     * §6.5.3.5 Merge Entity (§5.6.17): the fragment is merge-patched into the entity (see
     * {@link EntityMutations#mergePatch}); {@code urn:ngsi-ld:null} deletes what it names.
     */
    @PatchMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Map<String, Object>> merge(@PathVariable String id, @RequestBody JsonNode body,
            @RequestParam Map<String, String> params, @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        if (body != null && body.has("id") && !id.equals(body.get("id").asString(""))) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "the body's id " + body.get("id") + " is not the URL's " + id);
        }
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        var fragment = nonEmpty(payloads.fragment(body, request.contexts()));
        return distributed(id, body, request, contentType, fragment, "mergeEntity", "PATCH", entityPath(id), params, via,
                f -> EntityMutations.mergePatch(id, f, check()));
    }

    /**
     * §6.4.3.3 Purge Entities: deletes every entity a query selects ({@code type}, {@code id} or
     * {@code idPattern}, narrowed by {@code q}, {@code scopeQ} and geo-queries, as {@code GET /entities} reads
     * them). Each is deleted through the writers, so subscriptions and the change feed hear of each; their history
     * stays, as after {@code DELETE /entities/{id}}. 204, also when nothing matched.
     */
    @DeleteMapping
    @RequiresPermission(Permission.CONTEXT_DELETE)
    ResponseEntity<Void> purge(@RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        if (!params.containsKey("type") && !params.containsKey("id") && !params.containsKey("idPattern")) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a purge names the entities it deletes with type, id or idPattern (and may narrow them with q, "
                            + "scopeQ or a geo-query)");
        }
        for (String p : params.keySet()) {
            if (!java.util.Set.of("type", "id", "idPattern", "q", "scopeQ", "georel", "geometry", "coordinates",
                    "geoproperty").contains(p)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "a purge takes type, id, idPattern, q, "
                        + "scopeQ and a geo-query; not " + p);
            }
        }
        var tenant = CurrentCaller.tenant();
        var query = QueryParameters.entityQuery(tenant, params, JsonLdRequest.of(link, null, contexts), contexts);
        // Page by page from the start: each page's entities are gone once deleted.
        for (int round = 0; round < 10_000; round++) {
            List<String> ids = store.query(query, 500, 0).stream().map(org.saola.context.StoredEntity::id).toList();
            if (ids.isEmpty()) {
                break;
            }
            List<CompletableFuture<Object>> deletes = ids.stream()
                    .map(id -> engine.apply(tenant, id, EntityMutations.delete(id))).toList();
            for (CompletableFuture<Object> d : deletes) {
                try {
                    await(d);
                } catch (org.saola.platform.NotFoundException gone) {
                    // deleted meanwhile by another request
                }
            }
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * §6.5.3.2 Delete Entity; also at the context sources registered for it that take deletions (§4.3.6.2), a
     * failing one reported in {@code NGSILD-Warning}.
     */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_DELETE)
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via) {
        EntityIds.requireValid(id);
        var tenant = CurrentCaller.tenant();
        Forwarded fw = forward(tenant, id, java.util.Set.of(), "deleteEntity", "DELETE", entityPath(id), null, null, null,
                params, via);
        try {
            await(engine.apply(tenant, id, EntityMutations.delete(id)));
        } catch (org.saola.platform.NotFoundException notHere) {
            if (fw.updated().isEmpty()) {
                throw notHere;
            }
        }
        ResponseEntity.HeadersBuilder<?> done = ResponseEntity.noContent();
        fw.failed().stream().map(UpdateResult.NotUpdated::reason).distinct()
                .forEach(w -> done.header("NGSILD-Warning", "199 saola \"" + w.replace('"', '\'') + "\""));
        return done.build();
    }

    /**
     * What the context sources did with a distributed write; {@code failedBy}: the registration of each source that
     * did not take its part, by the reason given.
     */
    private record Forwarded(boolean any, java.util.Set<String> taken, List<String> updated,
            List<UpdateResult.NotUpdated> failed, Map<String, String> failedBy) {
    }

    private static final Forwarded NOT_FORWARDED = new Forwarded(false, java.util.Set.of(), List.of(), List.of(),
            Map.of());
    /** The members a source gets with its part of a created or replaced entity. */
    private static final java.util.Set<String> ENTITY_MEMBERS = java.util.Set.of("id", "type", "scope");

    private static String entityPath(String id) {
        return "/ngsi-ld/v1/entities/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * §4.3.6.2: sends a write on to the sources registered for these attributes (IRIs; none: the entity) that take
     * the operation, each with the part of the body it is registered for. {@code taken}: what exclusive and
     * redirect sources hold, which Saola does not write itself.
     */
    private Forwarded forward(org.saola.platform.TenantId tenant, String id, java.util.Set<String> attributes,
            String operation, String method, String path, JsonNode body, JsonLdRequest request, String contentType,
            Map<String, String> params, String via) {
        return forward(tenant, id, Optional.empty(), attributes, operation, method, path, body, request, contentType,
                params, via, false);
    }

    /**
     * The same; {@code types} the entity's types where the request gives them (else read from the store), and
     * {@code whole} for a create or replace: each source gets the entity's id, type and scope with its part.
     * Exclusive and redirect sources take their attributes first; inclusive ones get what remains (§5.6.1.4).
     */
    private Forwarded forward(org.saola.platform.TenantId tenant, String id, Optional<List<String>> knownTypes,
            java.util.Set<String> attributes, String operation, String method, String path, JsonNode body,
            JsonLdRequest request, String contentType, Map<String, String> params, String via, boolean whole) {
        if (!federation.mayForward(params, via) || !federation.anyRegistration(tenant)) {
            return NOT_FORWARDED;
        }
        List<String> types = knownTypes.orElseGet(() -> store.find(tenant, id).map(org.saola.context.StoredEntity::types)
                .orElse(List.of()));
        List<Federation.Forward> forwards = federation.writes(tenant, id, types, attributes, operation);
        if (forwards.isEmpty()) {
            return NOT_FORWARDED;
        }
        java.util.Set<String> taken = new java.util.LinkedHashSet<>();
        for (Federation.Forward f : forwards) {
            if (f.instead()) {
                taken.addAll(f.attributes().isEmpty() ? attributes : f.attributes());
            }
        }
        java.util.Set<String> updated = new java.util.LinkedHashSet<>();
        List<UpdateResult.NotUpdated> failed = new java.util.ArrayList<>();
        Map<String, String> failedBy = new java.util.HashMap<>();
        for (Federation.Forward f : forwards) {
            java.util.Set<String> theirs = new java.util.LinkedHashSet<>(f.attributes().isEmpty() ? attributes : f.attributes());
            if (!f.instead() && whole) {
                theirs.removeAll(taken);                         // an inclusive source gets the remaining input
                if (theirs.isEmpty() && !attributes.isEmpty()) {
                    continue;
                }
            }
            byte[] payload = null;
            if (body != null && body.isObject() && path.matches(".*/attrs/[^/?]+(\\?.*)?")) {
                payload = json.writeValueAsBytes(body);          // one attribute's fragment, sent as it came
            } else if (body != null && body.isObject()) {
                tools.jackson.databind.node.ObjectNode part = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                for (var m : body.properties()) {
                    boolean entity = whole && ENTITY_MEMBERS.contains(m.getKey());
                    if (entity || m.getKey().equals("@context")
                            || theirs.contains(payloads.name(m.getKey(), request.contexts()))) {
                        part.set(m.getKey(), m.getValue());
                    }
                }
                if (whole && !part.has("id")) {
                    part.put("id", id);
                }
                payload = json.writeValueAsBytes(part);
            }
            Federation.Sent sent = federation.exchange(tenant, f, method, path, payload, contentType,
                    request == null ? null : EntitiesController.forwardedLink(request), via);
            Optional<String> error = sent.error();
            if (method.equals("DELETE") && theirs.isEmpty() && sent.status() == 404) {
                continue;                   // a deletion of an entity the source does not hold: nothing of its part
            }
            if (error.isPresent()) {
                failedBy.put(error.get(), f.source().registration());
                (theirs.isEmpty() ? java.util.Set.of(id) : theirs)
                        .forEach(a -> failed.add(new UpdateResult.NotUpdated(a, error.get())));
            } else {
                updated.addAll(theirs.isEmpty() ? java.util.Set.of(id) : theirs);
            }
        }
        return new Forwarded(true, taken, List.copyOf(updated), failed, failedBy);
    }

    /**
     * A write of attributes that context sources may be registered for: sent on to them (§4.3.6.2), the rest
     * written here, and one UpdateResult of both (207 naming what a source failed to take).
     */
    private ResponseEntity<Map<String, Object>> distributed(String id, JsonNode body, JsonLdRequest request,
            String contentType, NgsiLdPayloads.ParsedFragment fragment, String operation, String method, String path,
            Map<String, String> params, String via,
            java.util.function.Function<NgsiLdPayloads.ParsedFragment, org.saola.context.store.Mutation> local) {
        var tenant = CurrentCaller.tenant();
        java.util.Set<String> attributes = new java.util.LinkedHashSet<>(fragment.attributes().propertyNames());
        Forwarded fw = forward(tenant, id, attributes, operation, method, path, body, request, contentType, params, via);
        if (!fw.any()) {
            return updateResult(request, engine.apply(tenant, id, local.apply(fragment)));
        }
        var remaining = fragment.attributes().deepCopy();
        remaining.remove(fw.taken());
        List<String> updated = new java.util.ArrayList<>(fw.updated());
        List<UpdateResult.NotUpdated> notUpdated = new java.util.ArrayList<>(fw.failed());
        if (!remaining.isEmpty() || !fragment.types().isEmpty() || fragment.scopes().isPresent()) {
            try {
                UpdateResult here = (UpdateResult) await(engine.apply(tenant, id, local.apply(
                        new NgsiLdPayloads.ParsedFragment(fragment.types(), fragment.scopes(), remaining))));
                here.updated().stream().filter(a -> !updated.contains(a)).forEach(updated::add);
                notUpdated.addAll(here.notUpdated());
            } catch (org.saola.platform.NotFoundException notHere) {
                if (fw.updated().isEmpty()) {
                    throw notHere;
                }
                // held by the sources only: what they took is the answer
            }
        }
        return updateResult(request, CompletableFuture.completedFuture(new UpdateResult(updated, notUpdated)));
    }

    /** §6.6.3.1 Append Entity Attributes: 204, or 207 with what was not appended ({@code options=noOverwrite}). */
    @PostMapping("/{id}/attrs")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Map<String, Object>> append(@PathVariable String id, @RequestBody JsonNode body,
            @RequestParam Optional<String> options, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        boolean noOverwrite = options.map(o -> List.of(o.split(",")).contains("noOverwrite")).orElse(false);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        var fragment = nonEmpty(payloads.fragment(body, request.contexts()));
        return distributed(id, body, request, contentType, fragment, "appendAttrs", "POST", entityPath(id) + "/attrs"
                + options.map(o -> "?options=" + java.net.URLEncoder.encode(o, java.nio.charset.StandardCharsets.UTF_8))
                        .orElse(""), params, via, f -> EntityMutations.append(id, f, noOverwrite, check()));
    }

    /** §6.6.3.2 Update Entity Attributes: only attributes the entity has; 207 lists the others. */
    @PatchMapping("/{id}/attrs")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Map<String, Object>> update(@PathVariable String id, @RequestBody JsonNode body,
            @RequestParam Map<String, String> params, @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        var fragment = nonEmpty(payloads.fragment(body, request.contexts()));
        return distributed(id, body, request, contentType, fragment, "updateAttrs", "PATCH", entityPath(id) + "/attrs",
                params, via, f -> EntityMutations.update(id, f, check()));
    }

    /** §6.7.3.1 Partial Attribute Update. */
    @PatchMapping("/{id}/attrs/{attr}")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Map<String, Object>> updateAttribute(@PathVariable String id, @PathVariable String attr,
            @RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        String iri = payloads.name(attr, request.contexts());
        var fragment = payloads.attributeFragment(attr, body, request.contexts());
        return singleAttribute(id, iri, "updateAttrs", "PATCH", entityPath(id) + "/attrs/" + encode(attr), body,
                request, contentType, params, via, EntityMutations.updateAttribute(id, iri, fragment, check()));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A write of one attribute that context sources may be registered for (§4.3.6.2): sent on to them, written here
     * unless an exclusive or redirect source holds it; 204, or 207 with an UpdateResult naming the source that did
     * not take it.
     */
    private ResponseEntity<Map<String, Object>> singleAttribute(String id, String iri, String operation, String method,
            String path, JsonNode body, JsonLdRequest request, String contentType, Map<String, String> params, String via,
            org.saola.context.store.Mutation local) {
        var tenant = CurrentCaller.tenant();
        Forwarded fw = forward(tenant, id, java.util.Set.of(iri), operation, method, path, body, request, contentType,
                params, via);
        if (!fw.taken().contains(iri)) {
            try {
                await(engine.apply(tenant, id, local));
            } catch (org.saola.platform.NotFoundException notHere) {
                if (fw.updated().isEmpty()) {
                    throw notHere;
                }
            }
        }
        if (fw.failed().isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        return updateResult(request, CompletableFuture.completedFuture(new UpdateResult(
                fw.taken().contains(iri) ? fw.updated() : List.of(iri), fw.failed())));
    }

    /**
     * §6.7.3.3 Replace Attribute; distributed (§5.6.19.4): sent to the sources registered for it that take
     * replaceAttrs, written here unless an exclusive or redirect one holds it; 204, or 207 with an UpdateResult.
     */
    @PutMapping("/{id}/attrs/{attr}")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Map<String, Object>> replaceAttribute(@PathVariable String id, @PathVariable String attr,
            @RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        String iri = payloads.name(attr, request.contexts());
        var instance = payloads.attribute(attr, body, request.contexts());
        return singleAttribute(id, iri, "replaceAttrs", "PUT", entityPath(id) + "/attrs/" + encode(attr), body, request,
                contentType, params, via, EntityMutations.replaceAttribute(id, iri, instance, check()));
    }

    /**
     * §6.7.3.2 Delete Attribute: the default instance, the one of {@code datasetId}, or with
     * {@code deleteAll=true} every instance.
     */
    @DeleteMapping("/{id}/attrs/{attr}")
    @RequiresPermission(Permission.CONTEXT_DELETE)
    ResponseEntity<Map<String, Object>> deleteAttribute(@PathVariable String id, @PathVariable String attr,
            @RequestParam Optional<String> datasetId, @RequestParam Optional<Boolean> deleteAll,
            @RequestParam Map<String, String> params, @RequestHeader(value = "Via", required = false) String via,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        EntityIds.requireValid(id);
        if (attr.equals(EntityMutations.SCOPE)) {
            // §4.18: an entity's scope is deleted like an attribute.
            await(engine.apply(CurrentCaller.tenant(), id, EntityMutations.deleteScope(id)));
            return ResponseEntity.noContent().build();
        }
        JsonLdRequest request = JsonLdRequest.of(link, null, contexts);
        String iri = payloads.name(attr, request.contexts());
        datasetId.ifPresent(EntityIds::requireValid);
        StringBuilder query = new StringBuilder();
        datasetId.ifPresent(d -> query.append("?datasetId=").append(encode(d)));
        deleteAll.ifPresent(d -> query.append(query.isEmpty() ? "?" : "&").append("deleteAll=").append(d));
        return singleAttribute(id, iri, "deleteAttrs", "DELETE", entityPath(id) + "/attrs/" + encode(attr) + query,
                null, request, null, params, via, EntityMutations.deleteAttribute(id, iri, datasetId.orElse(null),
                        deleteAll.orElse(false)));
    }

    private ResponseEntity<Map<String, Object>> updateResult(JsonLdRequest request, CompletableFuture<Object> write) {
        return updateAnswer(contexts, request, (UpdateResult) await(write));
    }

    /** §6.6.3.2's answer: 204 when every attribute was written, else 207 with an UpdateResult (terms compacted). */
    static ResponseEntity<Map<String, Object>> updateAnswer(JsonLdContexts contexts, JsonLdRequest request,
            UpdateResult result) {
        if (result.complete()) {
            return ResponseEntity.noContent().build();
        }
        List<URI> ctx = request.contexts();
        return ResponseEntity.status(207).contentType(MediaType.APPLICATION_JSON).body(Map.of(
                "updated", result.updated().stream().map(a -> contexts.compactIri(ctx, a)).toList(),
                "notUpdated", result.notUpdated().stream().map(n -> Map.of(
                        "attributeName", contexts.compactIri(ctx, n.attributeName()), "reason", n.reason())).toList()));
    }

    static NgsiLdPayloads.ParsedFragment nonEmpty(NgsiLdPayloads.ParsedFragment fragment) {
        if (fragment.attributes().isEmpty() && fragment.types().isEmpty() && fragment.scopes().isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "the body names no attribute to write");
        }
        return fragment;
    }

    /** Waits for the commit; a refusal surfaces as its own exception, which {@link NgsiLdErrors} maps. */
    static Object await(CompletableFuture<Object> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
