package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.context.ContextProperties;
import org.saola.context.EntityIds;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.SubscriptionStore;
import org.saola.context.subscription.Subscription;
import org.saola.context.subscription.SubscriptionRegistry;
import org.saola.platform.TenantId;
import org.saola.platform.outbound.OutboundPolicy;
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

/** NGSI-LD 1.8.1 §6.10-6.11: create, list, retrieve, update and delete subscriptions. */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/subscriptions", produces = {"application/json", "application/ld+json"})
public class SubscriptionsController {

    private final SubscriptionStore store;
    private final SubscriptionRegistry registry;
    private final JsonLdContexts contexts;
    private final ContextProperties properties;

    private final OutboundPolicy outbound;
    private final java.time.InstantSource clock;

    SubscriptionsController(SubscriptionStore store, SubscriptionRegistry registry, JsonLdContexts contexts,
            ContextProperties properties, OutboundPolicy outbound, java.time.InstantSource clock) {
        this.clock = clock;
        this.outbound = outbound;
        this.store = store;
        this.registry = registry;
        this.contexts = contexts;
        this.properties = properties;
    }

    @PostMapping
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> create(@RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        TenantId tenant = CurrentCaller.tenant();
        Subscription s = registry.parser().parse(tenant, body, request.contexts());
        outbound.check(tenant, "notification.endpoint.uri", s.notification().endpoint());
        notPast(s);
        reachable(body);
        if (!s.body().has("jsonldContext") && request.registered() != null) {
            // NGSI-LD 1.8.1 §5.2.12: where an application/json notification's Link header points.
            s.body().put("jsonldContext", request.linkTarget());
        }
        if (!store.insert(tenant, s.id(), s.body(), s.contexts(), s.active(), s.expiresAt(), clock.instant())) {
            throw new NgsiLdException(NgsiLdException.ErrorType.AlreadyExists,
                    "a subscription with id " + s.id() + " exists already");
        }
        if (request.registered() != null) {
            contexts.keep(request.registered());     // its inline @context, for after a restart
        }
        registry.put(s);
        return ResponseEntity.created(URI.create("/ngsi-ld/v1/subscriptions/" + s.id())).build();
    }

    /**
     * §5.2.12 jsonldContext: the @context a receiver is pointed to must be one Saola can read itself; one it
     * cannot fetch is {@code 503 LdContextNotAvailable}, as for a request's @context.
     */
    private void reachable(JsonNode body) {
        if (body.has("jsonldContext") && body.get("jsonldContext").isString()) {
            JsonLdRequest.contextUri(body.get("jsonldContext").asString(), contexts);
        }
    }

    /** §5.2.12: expiresAt is a date-time in the future; a subscription that would be born expired is refused. */
    private void notPast(Subscription s) {
        if (s.expiresAt().map(at -> !at.isAfter(clock.instant())).orElse(false)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "expiresAt "
                    + s.expiresAt().get() + " is not in the future");
        }
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
        List<SubscriptionStore.StoredSubscription> found = page.limit() == 0 ? List.of()
                : store.list(tenant, page.limit() + 1, page.offset());
        List<ObjectNode> body = found.stream().limit(page.limit()).map(s -> render(s, request)).toList();
        if (page.limit() > 0) {
            EntitiesController.pageLinks(ok, page.offset(), page.limit(), found.size() > page.limit());
        }
        return request.respond(ok, body);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        return request.respond(ResponseEntity.ok(), render(existing(id), request));
    }

    /** §6.11.3.2: the members given replace the subscription's; the result must still be a valid subscription. */
    @PatchMapping("/{id}")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> update(@PathVariable String id, @RequestBody JsonNode fragment,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link) {
        SubscriptionStore.StoredSubscription old = existing(id);
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, fragment, contexts);
        MemberUpdate update = MemberUpdate.of(old.body(), id, fragment, link, "subscription");
        ObjectNode merged = update.merged();
        boolean newContext = update.newContext();
        if (newContext && !fragment.has("jsonldContext")) {
            merged.remove("jsonldContext");
            if (request.registered() != null) {
                merged.put("jsonldContext", request.linkTarget());
            }
        }
        Subscription s = registry.parser().read(old.tenant(), merged, newContext ? request.contexts() : old.contexts());
        outbound.check(old.tenant(), "notification.endpoint.uri", s.notification().endpoint());
        if (fragment.has("expiresAt")) {
            notPast(s);
        }
        reachable(fragment);
        if (newContext && request.registered() != null) {
            contexts.keep(request.registered());
        }
        store.update(old.tenant(), id, s.body(), s.contexts(), s.active(), s.expiresAt(), clock.instant());
        registry.put(s);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.SUBSCRIPTIONS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String id) {
        SubscriptionStore.StoredSubscription old = existing(id);
        store.delete(old.tenant(), id);
        registry.remove(old.tenant(), id);
        return ResponseEntity.noContent().build();
    }

    private SubscriptionStore.StoredSubscription existing(String id) {
        EntityIds.requireValid(id);
        return store.find(CurrentCaller.tenant(), id).orElseThrow(() -> new NgsiLdException(
                NgsiLdException.ErrorType.ResourceNotFound, "no subscription with id " + id + " in this tenant"));
    }

    /** The subscription as sent, with its status (NGSI-LD 1.8.1 §5.2.12, §5.2.15). */
    private ObjectNode render(SubscriptionStore.StoredSubscription stored, JsonLdRequest request) {
        ObjectNode out = stored.body().deepCopy();
        Optional<Subscription> inForce = registry.get(stored.tenant(), stored.id());
        boolean active = inForce.map(Subscription::active).orElse(false);
        boolean expired = inForce.flatMap(Subscription::expiresAt).map(clock.instant()::isAfter).orElse(false);
        out.put("status", expired ? "expired" : active ? "active" : "paused");
        out.put("isActive", active);
        if (!out.has("notificationTrigger") && !out.has("timeInterval")) {
            Subscription.DEFAULT_TRIGGERS.forEach(out.putArray("notificationTrigger")::add);
        }
        SubscriptionStore.Status st = stored.status();
        ObjectNode n = out.has("notification") && out.get("notification").isObject()
                ? (ObjectNode) out.get("notification") : out.putObject("notification");
        // A password in the endpoint (mqtt://user:password@host/topic) is never shown again.
        Secrets.maskEndpoint(n);
        n.put("timesSent", st.timesSent());
        n.put("timesFailed", st.timesFailed());
        st.lastNotification().ifPresent(t -> n.put("lastNotification", t.toString()));
        st.lastSuccess().ifPresent(t -> n.put("lastSuccess", t.toString()));
        st.lastFailure().ifPresent(t -> n.put("lastFailure", t.toString()));
        n.put("status", st.lastFailure().isPresent() && st.lastSuccess().map(s -> s.isBefore(st.lastFailure().get()))
                .orElse(true) ? "failed" : "ok");
        if (request.ldJson()) {
            URI user = stored.contexts().getFirst();
            out.set("@context", contexts.inlineContext(user)
                    .orElse(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(user.toString())));
        }
        return out;
    }
}
