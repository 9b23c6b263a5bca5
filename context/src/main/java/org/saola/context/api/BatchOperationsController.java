package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.saola.context.EntityIds;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.EntityMutations;
import org.saola.context.domain.NgsiLdPayloads;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.Mutation;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * NGSI-LD batch operations (NGSI-LD 1.8.1 §6.14-6.17). Each entity succeeds or fails on its own: a bad one
 * is reported in {@code errors} with its problem details and never spoils the good ones, which are
 * committed together (they are submitted at once, so the writers commit them in few transactions).
 */
@RestController
@RequestMapping("/ngsi-ld/v1/entityOperations")
public class BatchOperationsController {

    /** Entities in one batch at most. */
    static final int MAX_BATCH = 1000;

    private final ContextEngine engine;
    private final NgsiLdPayloads payloads;
    private final JsonLdContexts contexts;
    private final SchemaValidation validation;

    private final EntitiesController entities;
    private final DistributedBatch distributed;
    private final org.saola.context.store.EntityStore store;

    BatchOperationsController(ContextEngine engine, JsonLdContexts contexts, SchemaValidation validation,
            EntitiesController entities, Federation federation, tools.jackson.databind.json.JsonMapper json,
            org.saola.context.store.EntityStore store) {
        this.entities = entities;
        this.store = store;
        this.distributed = new DistributedBatch(federation, new NgsiLdPayloads(contexts), json);
        this.engine = engine;
        this.contexts = contexts;
        this.validation = validation;
        this.payloads = new NgsiLdPayloads(contexts);
    }

    /** One entity's submitted write, or why it could not even be submitted. */
    private record Item(String entityId, CompletableFuture<Object> write, List<java.net.URI> contexts) {

        Item(String entityId, CompletableFuture<Object> write) {
            this(entityId, write, List.of(JsonLdContexts.CORE_CONTEXT));
        }
    }

    /** §6.14 Batch Create: 201 with the ids if all were created, else 207. */
    @PostMapping("/create")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Object> create(@RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.VIA, required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        TenantId tenant = CurrentCaller.tenant();
        Outcome o = run(entities(body, contentType, link, DistributedBatch.Kind.CREATE, null, params, via, e -> {
            validation.check(tenant, e.types(), e.attributes(), false);
            return EntityMutations.create(e.id(), e.types(), e.scopes(), e.attributes());
        }));
        return o.errors.isEmpty() ? ResponseEntity.status(201).body(o.success) : o.multiStatus();
    }

    /**
     * §6.15 Batch Upsert: new entities are created; existing ones replaced ({@code options=replace}, the
     * default) or have the attributes merged in ({@code options=update}). 201 with the ids of the created ones,
     * 204 if all existed, 207 if any failed.
     */
    @PostMapping("/upsert")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Object> upsert(@RequestBody JsonNode body, @RequestParam Optional<String> options,
            @RequestParam Map<String, String> params, @RequestHeader(value = HttpHeaders.VIA, required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        String mode = options.orElse("replace");
        if (!mode.equals("replace") && !mode.equals("update")) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "options for upsert is 'replace' (the default) or 'update'; got '" + mode + "'");
        }
        boolean replace = mode.equals("replace");
        TenantId tenant = CurrentCaller.tenant();
        Outcome o = run(entities(body, contentType, link, DistributedBatch.Kind.UPSERT, mode, params, via, e -> {
            validation.check(tenant, e.types(), e.attributes(), !replace);
            return EntityMutations.upsert(e.id(), e.types(), e.scopes(), e.attributes(), replace);
        }));
        if (!o.errors.isEmpty()) {
            return o.multiStatus();
        }
        List<String> created = o.createdIds();
        return created.isEmpty() ? ResponseEntity.noContent().build() : ResponseEntity.status(201).body(created);
    }

    /** §6.16 Batch Update: appends attributes to existing entities ({@code options=noOverwrite} keeps existing ones). */
    @PostMapping("/update")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Object> update(@RequestBody JsonNode body, @RequestParam Optional<String> options,
            @RequestParam Map<String, String> params, @RequestHeader(value = HttpHeaders.VIA, required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        boolean noOverwrite = options.map(o -> List.of(o.split(",")).contains("noOverwrite")).orElse(false);
        TenantId tenant = CurrentCaller.tenant();
        Outcome o = run(entities(body, contentType, link, DistributedBatch.Kind.UPDATE, noOverwrite ? "noOverwrite" : null,
                params, via, e -> EntityMutations.append(e.id(),
                new NgsiLdPayloads.ParsedFragment(e.types(), e.scopes().isEmpty() ? Optional.empty() : Optional.of(e.scopes()),
                        e.attributes()), noOverwrite,
                (typeIri, attributes) -> validation.check(tenant, typeIri, attributes, true))));
        return o.errors.isEmpty() ? ResponseEntity.noContent().build() : o.multiStatus();
    }

    /**
     * §6.31 Batch Entity Merge (§5.6.20): each entity fragment is merge-patched into the existing entity of its id,
     * as {@code PATCH /entities/{id}} does; 204, or 207 naming the entities that were not merged and why.
     */
    @PostMapping("/merge")
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Object> merge(@RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.VIA, required = false) String via,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        TenantId tenant = CurrentCaller.tenant();
        Outcome o = run(entities(body, contentType, link, DistributedBatch.Kind.MERGE, null, params, via,
                e -> EntityMutations.mergePatch(e.id(),
                new NgsiLdPayloads.ParsedFragment(e.types(), e.scopes().isEmpty() ? Optional.empty() : Optional.of(e.scopes()),
                        e.attributes()),
                (typeIri, attributes) -> validation.check(tenant, typeIri, attributes, true))));
        return o.errors.isEmpty() ? ResponseEntity.noContent().build() : o.multiStatus();
    }

    /**
     * §6.23.3.1 Query Entity via POST (§5.7.2): the body is a Query (§5.2.23) whose members are read as the
     * parameters of {@code GET /entities} are: {@code entities} (each a type, and optionally an id or idPattern),
     * {@code attrs}, {@code q}, {@code geoQ}, {@code scopeQ}, {@code lang}; {@code limit}, {@code offset},
     * {@code count}, {@code options} and {@code format} stay in the URL. Answers as that query does.
     */
    @PostMapping("/query")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<java.util.List<ObjectNode>> query(@RequestBody JsonNode body,
            @RequestParam java.util.Map<String, String> params, @RequestParam Optional<Boolean> count,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = HttpHeaders.VIA, required = false) String via) {
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        JsonLdRequest answer = request.answering(accept);
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(params);
        all.putAll(QueryBody.parameters(body));
        return entities.query(all, count, answer, via);
    }

    /** §6.17 Batch Delete: the body is an array of entity ids. */
    @PostMapping("/delete")
    @RequiresPermission(Permission.CONTEXT_DELETE)
    ResponseEntity<Object> delete(@RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.VIA, required = false) String via,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        TenantId tenant = CurrentCaller.tenant();
        List<String> valid = new ArrayList<>();
        Map<String, RuntimeException> invalid = new LinkedHashMap<>();
        for (JsonNode id : array(body)) {
            String entityId = id.isString() ? id.asString() : id.toString();
            try {
                if (!id.isString()) {
                    throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                            "a batch delete lists entity ids (strings); got " + id);
                }
                valid.add(EntityIds.requireValid(entityId));
            } catch (RuntimeException e) {
                invalid.put(entityId, e);
            }
        }
        // §5.6.10: each id also goes to the sources registered for it (by the types Saola knows it by).
        DistributedBatch.Result sent = distributed.forward(tenant, DistributedBatch.Kind.DELETE, () -> valid.stream()
                .map(id -> new DistributedBatch.Part(id, null, store.find(tenant, id)
                        .map(org.saola.context.StoredEntity::types).orElse(List.of()), java.util.Set.of(), List.of()))
                .toList(), null, link, null, params, via);
        List<Item> items = new ArrayList<>();
        invalid.forEach((id, e) -> items.add(new Item(id, CompletableFuture.failedFuture(e))));
        valid.forEach(id -> items.add(new Item(id, engine.apply(tenant, id, EntityMutations.delete(id)))));
        Outcome o = run(items, sent);
        return o.errors.isEmpty() ? ResponseEntity.noContent().build() : o.multiStatus();
    }

    /** The entities of a batch, parsed, and first sent on to their context sources. */
    private Submitted entities(JsonNode body, String contentType, String link, DistributedBatch.Kind kind,
            String options, Map<String, String> params, String via, Function<NgsiLdPayloads.ParsedEntity, Mutation> mutation) {
        TenantId tenant = CurrentCaller.tenant();
        record Parsed(String id, JsonNode raw, List<java.net.URI> contexts, NgsiLdPayloads.ParsedEntity entity,
                RuntimeException error) {
        }
        List<Parsed> parsed = new ArrayList<>();
        for (JsonNode entity : array(body)) {
            String id = entity.path("id").isString() ? entity.get("id").asString() : null;
            try {
                JsonLdRequest request = JsonLdRequest.withBody(contentType, link, entity, contexts);
                NgsiLdPayloads.ParsedEntity e = payloads.entity(entity, request.contexts());
                parsed.add(new Parsed(e.id(), entity, request.contexts(), e, null));
            } catch (RuntimeException e) {
                parsed.add(new Parsed(id, entity, null, null, e));
            }
        }
        DistributedBatch.Result sent = distributed.forward(tenant, kind, () -> parsed.stream()
                .filter(p -> p.error() == null).map(p -> new DistributedBatch.Part(p.id(), p.raw(), p.entity().types(),
                        new java.util.LinkedHashSet<>(p.entity().attributes().propertyNames()), p.contexts()))
                .toList(), options, link, contentType, params, via);
        List<Item> items = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.error() != null) {
                items.add(new Item(p.id(), CompletableFuture.failedFuture(p.error())));
                continue;
            }
            try {
                NgsiLdPayloads.ParsedEntity e = p.entity();
                var attributes = e.attributes().deepCopy();
                attributes.remove(sent.takenOf(e.id()));          // held by exclusive or redirect sources
                NgsiLdPayloads.ParsedEntity here = new NgsiLdPayloads.ParsedEntity(e.id(), e.types(), e.scopes(), attributes);
                items.add(new Item(e.id(), engine.apply(tenant, e.id(), mutation.apply(here)), p.contexts()));
            } catch (RuntimeException e) {
                items.add(new Item(p.id(), CompletableFuture.failedFuture(e)));
            }
        }
        return new Submitted(items, sent);
    }

    /** A batch's local writes, submitted, and what its context sources did. */
    private record Submitted(List<Item> items, DistributedBatch.Result sources) {
    }

    private static JsonNode array(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a batch operation's body is a JSON array");
        }
        if (body.isEmpty() || body.size() > MAX_BATCH) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a batch holds 1 to " + MAX_BATCH + " entities; this one has " + body.size());
        }
        return body;
    }

    /** §5.2.16 BatchOperationResult. */
    private static final class Outcome {
        final List<String> success = new ArrayList<>();
        final List<Map<String, Object>> errors = new ArrayList<>();
        final List<Object> results = new ArrayList<>();

        List<String> createdIds() {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < success.size(); i++) {
                if (results.get(i) instanceof EntityMutations.Upserted u && u.created()) {
                    created.add(success.get(i));
                }
            }
            return created;
        }

        ResponseEntity<Object> multiStatus() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", success);
            body.put("errors", errors);
            return ResponseEntity.status(207).contentType(MediaType.APPLICATION_JSON).body(body);
        }
    }

    private Outcome run(Submitted submitted) {
        return run(submitted.items(), submitted.sources());
    }

    /**
     * Waits for each entity's write; with what the context sources did: an entity a source took is a success even
     * if Saola does not hold it (404 here), and each part a source did not take is an error naming its registration.
     */
    private Outcome run(List<Item> items, DistributedBatch.Result sources) {
        Outcome o = new Outcome();
        for (Item item : items) {
            try {
                Object result = EntityWritesController.await(item.write());
                if (result instanceof org.saola.context.domain.UpdateResult u && !u.complete()) {
                    // Attributes left as they were (options=noOverwrite, or an update of what the entity lacks):
                    // the entity is not a success; its error names them (§5.6.9 with §5.2.18 UpdateResult).
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("entityId", item.entityId());
                    Map<String, Object> problem = new LinkedHashMap<>();
                    problem.put("type", "https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
                    problem.put("title", "BadRequestData");
                    problem.put("status", 400);
                    problem.put("detail", "not updated: " + String.join("; ", u.notUpdated().stream()
                            .map(n -> contexts.compactIri(item.contexts(), n.attributeName()) + " (" + n.reason() + ")")
                            .toList()));
                    problem.put("notUpdated", u.notUpdated().stream().map(n -> Map.of("attributeName",
                            contexts.compactIri(item.contexts(), n.attributeName()), "reason", n.reason())).toList());
                    problem.put("updated", u.updated().stream().map(a -> contexts.compactIri(item.contexts(), a)).toList());
                    error.put("error", problem);
                    o.errors.add(error);
                    continue;
                }
                o.success.add(item.entityId());
                o.results.add(result);
            } catch (RuntimeException e) {
                if (sources.tookAny().contains(item.entityId())) {
                    // A source took its part: a success, partial if Saola refused its own.
                    o.success.add(item.entityId());
                    o.results.add(null);
                    if (e instanceof org.saola.platform.NotFoundException) {
                        continue;                       // held by the sources only
                    }
                }
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("entityId", item.entityId());
                error.put("error", NgsiLdErrors.problem(e));
                o.errors.add(error);
            }
        }
        o.errors.addAll(sources.errors());
        return o;
    }
}
