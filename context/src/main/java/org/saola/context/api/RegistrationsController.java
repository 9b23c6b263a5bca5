package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.saola.context.EntityIds;
import org.saola.context.ContextProperties;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.registration.Registration;
import org.saola.context.registration.RegistrationParser;
import org.saola.context.store.RegistrationStore;
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
 * NGSI-LD 1.8.1 §6.8-6.9 context source registrations and their discovery (§5.9, §5.10): a city records
 * which other systems (a parking operator, the water utility) hold which entities and attributes, and
 * clients discover them by type, id, attributes, {@code q} on the registrations' members and {@code csf} on
 * their Context Source Properties. Saola does not forward queries to registered sources (no federation).
 */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/csourceRegistrations", produces = {"application/json", "application/ld+json"})
class RegistrationsController {

    private final RegistrationStore store;
    private final RegistrationParser parser;
    private final JsonLdContexts contexts;
    private final EntityRenderer renderer;
    private final ContextProperties properties;

    private final java.time.InstantSource clock;
    private final CsourceNotifier notifier;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    RegistrationsController(RegistrationStore store, JsonLdContexts contexts, EntityRenderer renderer,
            ContextProperties properties, java.time.InstantSource clock, CsourceNotifier notifier,
            org.springframework.transaction.support.TransactionTemplate transactions) {
        this.notifier = notifier;
        this.transactions = transactions;
        this.clock = clock;
        this.store = store;
        this.parser = new RegistrationParser(contexts);
        this.contexts = contexts;
        this.renderer = renderer;
        this.properties = properties;
    }

    /** §6.8.3.1: 201 with its URL; 409 AlreadyExists if the id is taken. */
    @PostMapping
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> create(@RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        Registration r = parser.parse(body, request.contexts());
        TenantId tenant = CurrentCaller.tenant();
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            if (!store.insert(tenant, r.id(), r.body(), r.contexts(), now)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.AlreadyExists,
                        "a context source registration with id " + r.id() + " exists already");
            }
            // §5.11.6: the context source subscriptions it concerns are told, in the same transaction.
            notifier.registrationChanged(tenant, Optional.empty(), Optional.of(r), shown(r.body()), now);
        });
        keepInline(request);
        return ResponseEntity.created(URI.create("/ngsi-ld/v1/csourceRegistrations/" + r.id())).build();
    }

    /**
     * §6.8.3.2 Query Context Source Registrations: those covering the {@code type}, {@code id},
     * {@code idPattern} and {@code attrs} asked, whose members satisfy {@code q} and whose Context Source
     * Properties satisfy {@code csf}. At least one of these is required (§5.10.2).
     */
    @GetMapping
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<List<ObjectNode>> query(@RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        // The selectors of an entity query, read the same way (§5.10.2), and csf in the same language as q.
        EntityQuery selectors = QueryParameters.entityQuery(CurrentCaller.tenant(), params, request, contexts);
        Optional<QueryLanguage.Q> csf = QueryParameters.param(params, "csf")
                .map(t -> QueryLanguage.parse(t).mapNames(n -> contexts.expandTerm(request.contexts(), n)));
        // §5.10.2: a geo-query is matched against the registration's location (or the observationSpace or
        // operationSpace it names), scopeQ against its scope, a temporal query against its intervals.
        Registration.Query query = new Registration.Query(selectors.type(), selectors.ids(),
                selectors.idPattern().map(Pattern::compile), selectors.attrs(), selectors.q(), csf,
                new Registration.Where(selectors.geo(), selectors.scopeQ(), QueryParameters.window(params), true));
        if (!query.selectsAnything()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "a context source discovery names "
                    + "what it looks for: type, id, idPattern, attrs, q, csf, a geo-query, scopeQ or a temporal query "
                    + "(NGSI-LD §5.10.2)");
        }
        boolean count = Boolean.parseBoolean(params.getOrDefault("count", "false"));
        QueryParameters.Page page = QueryParameters.page(params, 20, properties.maxPageSize(), count);
        TenantId tenant = CurrentCaller.tenant();
        Instant now = clock.instant();
        List<RegistrationStore.StoredRegistration> matching = store.all(tenant).stream()
                .filter(s -> !expired(s, now) && read(s).matches(query)).toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (count) {
            ok.header("NGSILD-Results-Count", Integer.toString(matching.size()));
        }
        boolean sysAttrs = sysAttrs(params);
        List<ObjectNode> body = matching.stream().skip(page.offset()).limit(page.limit())
                .map(s -> render(s, request, sysAttrs)).toList();
        if (page.limit() > 0) {
            EntitiesController.pageLinks(ok, page.offset(), page.limit(), matching.size() > page.offset() + page.limit());
        }
        return request.respond(ok, body);
    }

    /** §6.9.3.1. */
    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        return request.respond(ResponseEntity.ok(), render(existing(id), request, sysAttrs(params)));
    }

    /** {@code options=sysAttrs}: the system times are shown only when asked for (§4.8, as for entities). */
    private static boolean sysAttrs(Map<String, String> params) {
        return EntitiesController.options(QueryParameters.param(params, "options")).contains("sysAttrs");
    }

    /** §6.9.3.2: the members given replace the registration's; the result must still be a valid registration. */
    @PatchMapping("/{id}")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> update(@PathVariable String id, @RequestBody JsonNode fragment,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        RegistrationStore.StoredRegistration old = existing(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, fragment, contexts);
        MemberUpdate update = MemberUpdate.of(old.body(), id, fragment, link, "registration");
        Registration r = parser.read(update.merged(), update.newContext() ? request.contexts() : old.contexts());
        if (update.newContext()) {
            keepInline(request);
        }
        Instant now = clock.instant();
        Registration before = read(old);
        transactions.executeWithoutResult(tx -> {
            store.update(old.tenant(), id, r.body(), r.contexts(), now);
            notifier.registrationChanged(old.tenant(), Optional.of(before), Optional.of(r), shown(r.body()), now);
        });
        return ResponseEntity.noContent().build();
    }

    /** §6.9.3.3. */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String id) {
        RegistrationStore.StoredRegistration old = existing(id);
        Registration before = read(old);
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            if (!store.delete(old.tenant(), id)) {
                throw notFound(id);
            }
            notifier.registrationChanged(old.tenant(), Optional.of(before), Optional.empty(), shown(old.body()), now);
        });
        return ResponseEntity.noContent().build();
    }

    /** A registration as a notification shows it: as sent, credentials hidden. */
    private static ObjectNode shown(ObjectNode body) {
        return redacted(body.deepCopy());
    }

    /** A registration past its expiresAt is no longer discovered (it stays readable by id until deleted). */
    private static boolean expired(RegistrationStore.StoredRegistration s, Instant now) {
        JsonNode expires = s.body().has("expiresAt") ? s.body().get("expiresAt") : s.body().get("expires");
        return expires != null && Instant.parse(expires.asString()).isBefore(now);
    }

    private Registration read(RegistrationStore.StoredRegistration s) {
        return parser.read(s.body(), s.contexts());
    }

    private RegistrationStore.StoredRegistration existing(String id) {
        EntityIds.requireValid(id);
        return store.find(CurrentCaller.tenant(), id).orElseThrow(() -> notFound(id));
    }

    private static NgsiLdException notFound(String id) {
        return new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound,
                "no context source registration with id " + id + " in this tenant");
    }

    /** A registration's inline @context outlives the request, like a subscription's. */
    private void keepInline(JsonLdRequest request) {
        if (request.registered() != null) {
            contexts.keep(request.registered());
        }
    }

    /**
     * Credentials Saola sends to the source (an API key, a token) are never shown back, as with endpoints'
     * passwords in subscriptions.
     */
    private static ObjectNode redacted(ObjectNode out) {
        for (JsonNode kv : out.path("contextSourceInfo")) {
            if (kv instanceof ObjectNode o && Secrets.secretName(o.path("key").asString(""))) {
                o.put("value", Secrets.MASK);
            }
        }
        if (out.path("endpoint").isString()) {
            out.put("endpoint", Secrets.maskUri(out.get("endpoint").asString()));
        }
        return out;
    }

    /** The registration as sent, with its system times (§5.2.9) if asked for. */
    private ObjectNode render(RegistrationStore.StoredRegistration s, JsonLdRequest request, boolean sysAttrs) {
        ObjectNode out = redacted(s.body().deepCopy());
        compactNames(out, s.contexts(), request.contexts());
        if (sysAttrs) {
            out.put("createdAt", s.createdAt().toString());
            out.put("modifiedAt", s.modifiedAt().toString());
        }
        if (request.ldJson()) {
            out.set("@context", request.contextMember());
        }
        return out;
    }

    /**
     * §5.10.1: the names a registration was written with (entity types, propertyNames, relationshipNames), read
     * with its own @context, are given back compacted with the reader's: a term the reader's @context does not
     * define becomes the full IRI.
     */
    private void compactNames(ObjectNode out, List<URI> written, List<URI> reader) {
        for (JsonNode info : out.path("information")) {
            for (JsonNode e : info.path("entities")) {
                if (e instanceof ObjectNode o && o.path("type").isString()) {
                    o.put("type", contexts.compactIri(reader, contexts.expandTerm(written, o.get("type").asString())));
                }
            }
            for (String member : List.of("propertyNames", "relationshipNames")) {
                if (info.path(member) instanceof tools.jackson.databind.node.ArrayNode names) {
                    for (int i = 0; i < names.size(); i++) {
                        if (names.get(i).isString()) {
                            names.set(i, contexts.compactIri(reader, contexts.expandTerm(written, names.get(i).asString())));
                        }
                    }
                }
            }
        }
    }
}
