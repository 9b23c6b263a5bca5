package org.saola.context.api;

import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.saola.context.ContextProperties;
import org.saola.context.EntityIds;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.CsourceSubscriptionStore;
import org.saola.context.subscription.Subscription;
import org.saola.platform.TenantId;
import org.saola.platform.outbound.OutboundPolicy;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
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
 * Context source subscriptions (ETSI GS CIM 009 V1.8.1 §5.11, §6.12-6.13): an application asks to be told when
 * registrations of the entities and attributes it names are created, changed or deleted ({@link CsourceNotifier}).
 * A subscription reads as an entity subscription does (entities, watchedAttributes, q on the registration's
 * members, notification, expiresAt, isActive), plus csf on its Context Source Properties; notifications go over
 * HTTP(S).
 */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/csourceSubscriptions", produces = {"application/json", "application/ld+json"})
class CsourceSubscriptionsController {

    private final CsourceSubscriptionStore store;
    private final CsourceNotifier notifier;
    private final JsonLdContexts contexts;
    private final ContextProperties properties;
    private final OutboundPolicy outbound;
    private final InstantSource clock;

    CsourceSubscriptionsController(CsourceSubscriptionStore store, CsourceNotifier notifier, JsonLdContexts contexts,
            ContextProperties properties, OutboundPolicy outbound, InstantSource clock) {
        this.store = store;
        this.notifier = notifier;
        this.contexts = contexts;
        this.properties = properties;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** §6.12.3.1: 201 with its URL; 409 if the id is taken. */
    @PostMapping
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> create(@RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        TenantId tenant = CurrentCaller.tenant();
        if (!body.isObject()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "a subscription is a JSON object");
        }
        ObjectNode given = ((ObjectNode) body).deepCopy();
        given.remove(List.of("@context", "status", "timesSent", "timesFailed", "lastNotification", "lastSuccess",
                "lastFailure"));
        if (!given.has("id")) {
            given.put("id", "urn:ngsi-ld:Subscription:" + java.util.UUID.randomUUID());
        }
        Subscription s = checked(tenant, given, request.contexts());
        if (!store.insert(tenant, s.id(), given, request.contexts(), clock.instant())) {
            throw new NgsiLdException(NgsiLdException.ErrorType.AlreadyExists,
                    "a context source subscription with id " + s.id() + " exists already");
        }
        if (request.registered() != null) {
            contexts.keep(request.registered());
        }
        return ResponseEntity.created(URI.create("/ngsi-ld/v1/csourceSubscriptions/" + s.id())).build();
    }

    @GetMapping
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<List<ObjectNode>> list(@RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        boolean count = Boolean.parseBoolean(params.getOrDefault("count", "false"));
        QueryParameters.Page page = QueryParameters.page(params, 20, properties.maxPageSize(), count);
        TenantId tenant = CurrentCaller.tenant();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (count) {
            ok.header("NGSILD-Results-Count", Long.toString(store.count(tenant)));
        }
        List<CsourceSubscriptionStore.Stored> found = page.limit() == 0 ? List.of()
                : store.list(tenant, page.limit() + 1, page.offset());
        if (page.limit() > 0) {
            EntitiesController.pageLinks(ok, page.offset(), page.limit(), found.size() > page.limit());
        }
        return request.respond(ok, found.stream().limit(page.limit()).map(this::render).toList());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return JsonLdRequest.of(link, accept, contexts).respond(ResponseEntity.ok(), render(existing(id)));
    }

    /** §6.13.3.2: the members given replace the subscription's; the result must still be valid. */
    @PatchMapping("/{id}")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> update(@PathVariable String id, @RequestBody JsonNode fragment,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        CsourceSubscriptionStore.Stored old = existing(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, fragment, contexts);
        MemberUpdate update = MemberUpdate.of(old.body(), id, fragment, link, "subscription");
        List<URI> ctx = update.newContext() ? request.contexts() : old.contexts();
        checked(old.tenant(), update.merged(), ctx);
        if (update.newContext() && request.registered() != null) {
            contexts.keep(request.registered());
        }
        store.update(old.tenant(), id, update.merged(), ctx, clock.instant());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String id) {
        CsourceSubscriptionStore.Stored old = existing(id);
        store.delete(old.tenant(), id);
        return ResponseEntity.noContent().build();
    }

    private Subscription checked(TenantId tenant, ObjectNode body, List<URI> ctx) {
        Subscription s = notifier.read(tenant, body, ctx).subscription();
        String scheme = s.notification().endpoint().getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a context source subscription notifies over http:// or https://");
        }
        if (s.timeIntervalSeconds() > 0) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "a context source subscription is notified of changes; timeInterval does not apply");
        }
        outbound.check(tenant, "notification.endpoint.uri", s.notification().endpoint());
        if (s.expiresAt().map(at -> !at.isAfter(clock.instant())).orElse(false)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "expiresAt is not in the future");
        }
        return s;
    }

    private CsourceSubscriptionStore.Stored existing(String id) {
        EntityIds.requireValid(id);
        return store.find(CurrentCaller.tenant(), id).orElseThrow(() -> new NgsiLdException(
                NgsiLdException.ErrorType.ResourceNotFound, "no context source subscription with id " + id + " in this tenant"));
    }

    /** As sent, with its status (§5.2.12, §5.2.15). */
    private ObjectNode render(CsourceSubscriptionStore.Stored stored) {
        ObjectNode out = stored.body().deepCopy();
        boolean active = out.path("isActive").asBoolean(true);
        boolean expired = out.path("expiresAt").isString()
                && java.time.Instant.parse(out.get("expiresAt").asString()).isBefore(clock.instant());
        out.put("status", expired ? "expired" : active ? "active" : "paused");
        ObjectNode n = out.has("notification") && out.get("notification").isObject()
                ? (ObjectNode) out.get("notification") : out.putObject("notification");
        Secrets.maskEndpoint(n);
        var st = stored.status();
        n.put("timesSent", st.timesSent());
        n.put("timesFailed", st.timesFailed());
        st.lastNotification().ifPresent(t -> n.put("lastNotification", t.toString()));
        st.lastSuccess().ifPresent(t -> n.put("lastSuccess", t.toString()));
        st.lastFailure().ifPresent(t -> n.put("lastFailure", t.toString()));
        return out;
    }
}
