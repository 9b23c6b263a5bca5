package org.saola.context.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.QueryLanguage;
import org.saola.context.registration.Registration;
import org.saola.context.store.CsourceSubscriptionStore;
import org.saola.context.subscription.Subscription;
import org.saola.context.subscription.SubscriptionParser;
import org.saola.platform.TenantId;
import org.saola.platform.outbound.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications of context source subscriptions (ETSI GS CIM 009 V1.8.1 §5.11.6): when a registration is created,
 * changed or deleted, each subscription it concerns (its entities, watchedAttributes, q on the registration's
 * members, csf on its Context Source Properties) is told why, {@code newlyMatching}, {@code updated} or
 * {@code noLongerMatching}, with the registration. The notification is recorded in the transaction of the
 * change (an outbox), then sent over HTTP at least once, retried with a growing pause as entity notifications are.
 */
@Component
public class CsourceNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CsourceNotifier.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final CsourceSubscriptionStore store;
    private final SubscriptionParser parser;
    private final JsonLdContexts contexts;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final InstantSource clock;
    private volatile Thread worker;
    private volatile boolean running;

    CsourceNotifier(CsourceSubscriptionStore store, JsonLdContexts contexts, OutboundHttp http, JsonMapper json,
            InstantSource clock) {
        this.store = store;
        this.parser = new SubscriptionParser(contexts);
        this.contexts = contexts;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** A stored context source subscription read for matching (csf apart, which applies to registrations). */
    record Read(Subscription subscription, Optional<QueryLanguage.Q> csf) {
    }

    Read read(TenantId tenant, ObjectNode body, List<URI> ctx) {
        ObjectNode entitiesPart = body.deepCopy();
        Optional<QueryLanguage.Q> csf = Optional.empty();
        if (entitiesPart.has("csf")) {
            String text = entitiesPart.remove("csf").asString("");
            csf = Optional.of(QueryLanguage.parse(text).mapNames(n -> contexts.expandTerm(ctx, n)));
        }
        return new Read(parser.read(tenant, entitiesPart, ctx), csf);
    }

    /** Whether a registration is one a subscription watches. */
    static boolean concerns(Read read, Registration r) {
        Subscription s = read.subscription();
        List<String> attrs = List.copyOf(s.watchedAttributes());
        if (s.entities().isEmpty()) {
            return r.matches(new Registration.Query(Optional.empty(), List.of(), Optional.empty(), attrs, s.q(), read.csf()));
        }
        return s.entities().stream().anyMatch(e -> r.matches(new Registration.Query(Optional.of(e.type()),
                e.id().map(List::of).orElse(List.of()), e.idPattern(), attrs, s.q(), read.csf())));
    }

    /**
     * Records the notifications a registration change causes; called in the change's transaction. {@code before}
     * is the registration as it was (empty if created), {@code after} as it is (empty if deleted); {@code shown} is
     * the registration as notified.
     */
    void registrationChanged(TenantId tenant, Optional<Registration> before, Optional<Registration> after,
            ObjectNode shown, Instant now) {
        boolean any = false;
        for (CsourceSubscriptionStore.Stored stored : store.all(tenant)) {
            Read read;
            try {
                read = read(tenant, stored.body(), stored.contexts());
            } catch (RuntimeException e) {
                continue;
            }
            Subscription s = read.subscription();
            if (!s.active() || s.expiresAt().map(now::isAfter).orElse(false)) {
                continue;
            }
            boolean was = before.map(r -> concerns(read, r)).orElse(false);
            boolean is = after.map(r -> concerns(read, r)).orElse(false);
            String reason = was && is ? "updated" : is ? "newlyMatching" : was ? "noLongerMatching" : null;
            if (reason == null) {
                continue;
            }
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("id", "urn:ngsi-ld:Notification:" + UUID.randomUUID());
            n.put("type", "Notification");
            n.put("subscriptionId", s.id());
            n.put("notifiedAt", now.toString());
            n.put("triggerReason", reason);
            n.putArray("data").add(shown);
            store.enqueue(tenant, s.id(), n, now);
            any = true;
        }
        if (any && worker != null) {
            LockSupport.unpark(worker);
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("ngsi-ld-csource-notifier").daemon(true).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (sendDue() == 0) {
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
            } catch (RuntimeException e) {
                log.warn("Context source notifications failed; trying again shortly: {}", e.toString());
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    /** Sends what is due; answers how many it took. */
    int sendDue() {
        List<CsourceSubscriptionStore.Due> due = store.claim(100, LEASE, clock.instant());
        for (CsourceSubscriptionStore.Due d : due) {
            Optional<CsourceSubscriptionStore.Stored> stored = store.find(d.tenant(), d.subscriptionId());
            Optional<Subscription> s = stored.flatMap(st -> {
                try {
                    return Optional.of(read(st.tenant(), st.body(), st.contexts()).subscription());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            });
            Instant now = clock.instant();
            if (s.isEmpty() || !s.get().active() || s.get().expiresAt().map(now::isAfter).orElse(false)) {
                store.discard(d);
                continue;
            }
            Subscription sub = s.get();
            try {
                Map<String, String> headers = new LinkedHashMap<>(sub.notification().receiverInfo());
                ObjectNode body = d.body();
                if (sub.notification().accept().equals("application/ld+json")) {
                    body.put("@context", JsonLdRequest.linkTarget(sub.contexts().getFirst()));
                } else {
                    headers.put("Link", "<" + JsonLdRequest.linkTarget(sub.contexts().getFirst())
                            + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
                }
                OutboundHttp.Response r = http.post(Optional.of(d.tenant()), sub.notification().endpoint(), headers,
                        json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), sub.notification().accept());
                if (r.status() / 100 != 2) {
                    throw new IllegalStateException("the endpoint answered HTTP " + r.status());
                }
                store.delivered(d, clock.instant());
            } catch (Exception e) {
                Duration retryIn = Duration.ofSeconds(1L << Math.min(d.attempts(), 9));
                retryIn = retryIn.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryIn;
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                store.failed(d, error.length() > 500 ? error.substring(0, 500) : error, clock.instant(), retryIn);
            }
        }
        return due.size();
    }
}
