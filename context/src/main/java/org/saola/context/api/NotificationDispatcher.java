package org.saola.context.api;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.net.URI;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.outbound.OutboundPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.saola.context.StoredEntity;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.TypeExpression;
import org.saola.context.store.EntityStore;
import org.saola.context.store.SubscriptionStore;
import org.saola.context.subscription.Subscription;
import org.saola.context.subscription.SubscriptionRegistry;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the notifications due (NGSI-LD 1.8.1 §5.8.2) over HTTP or MQTT, at least once: it takes due rows
 * from the outbox on a lease, sends each subscription's as one Notification, deletes them once the
 * subscriber acknowledged (HTTP 2xx, MQTT publish done), and otherwise tries again with a growing pause
 * (1 s, 2 s, 4 s ... 5 min). Throttled subscriptions wait their turn; paused or expired ones drop theirs.
 * Periodic subscriptions ({@code timeInterval}) are sent the current state of their entities when due.
 */
@Component
public class NotificationDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 500;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final SubscriptionStore store;
    private final EntityStore entities;
    private final SubscriptionRegistry registry;
    /**
     * When each periodic subscription is next due (tenant + id), as far as this node knows: before then it does
     * not ask the database; the node that claims it there sends it.
     */
    private final Map<String, Instant> periodicDue = new ConcurrentHashMap<>();
    private final EntityRenderer renderer;
    private final JsonMapper json;
    private final InstantSource clock;
    private final OutboundHttp http;
    private final OutboundPolicy policy;
    private final Map<String, Mqtt5BlockingClient> mqtt = new ConcurrentHashMap<>();
    private volatile Thread worker;
    private volatile boolean running;

    NotificationDispatcher(SubscriptionStore store, EntityStore entities, SubscriptionRegistry registry,
            EntityRenderer renderer, JsonMapper json, OutboundHttp http, OutboundPolicy policy, InstantSource clock) {
        this.clock = clock;
        this.http = http;
        this.policy = policy;
        this.store = store;
        this.entities = entities;
        this.registry = registry;
        this.renderer = renderer;
        this.json = json;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("ngsi-ld-notifier").daemon(true).start(this::run);
        registry.onDue(() -> LockSupport.unpark(worker));
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
        mqtt.values().forEach(c -> {
            try {
                c.disconnect();
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (dispatchOnce() == 0) {
                    LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                }
            } catch (RuntimeException e) {
                log.warn("Notification dispatch failed; trying again shortly: {}", e.toString());
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    /** One round: claims what is due and settles it. Answers how many notifications it took. */
    int dispatchOnce() {
        Instant now = clock.instant();
        registry.refresh();         // what other nodes did to subscriptions: a new endpoint, a pause, a deletion
        List<SubscriptionStore.Due> due = store.claim(BATCH, LEASE, now);
        Map<String, List<SubscriptionStore.Due>> bySubscription = new LinkedHashMap<>();
        for (SubscriptionStore.Due d : due) {
            bySubscription.computeIfAbsent(d.tenant().value() + "\u0000" + d.subscriptionId(), k -> new ArrayList<>()).add(d);
        }
        bySubscription.values().forEach(group -> settleInOrder(group, now));
        List<Subscription> periodic = registry.periodic(now);
        // Forget the schedule of periodic subscriptions deleted, paused or expired since.
        periodicDue.keySet().retainAll(periodic.stream().map(s -> s.tenant().value() + "\u0000" + s.id()).toList());
        for (Subscription s : periodic) {
            periodic(s, now);
        }
        return due.size();
    }

    /**
     * A periodic subscription, when due, is sent the current state of the entities it selects (at most 1 000), by
     * the one node that claims it in the database.
     */
    private void periodic(Subscription s, Instant now) {
        String key = s.tenant().value() + "\u0000" + s.id();
        Instant due = periodicDue.getOrDefault(key, now);
        if (now.isBefore(due)) {
            return;
        }
        Instant next = now.plusSeconds(s.timeIntervalSeconds());
        periodicDue.put(key, next);
        if (!store.claimPeriodic(s.tenant(), s.id(), now, next)) {
            return;                 // another node sends this one; this node looks again in an interval
        }
        List<TypeExpression.T> types = s.entities().stream().map(Subscription.Selector::type).distinct().toList();
        EntityQuery query = new EntityQuery(s.tenant(), Optional.of(new TypeExpression.AnyOf(types)), List.of(),
                Optional.empty(), List.of(), s.q(), s.geoQ(), s.scopeQ());
        List<StoredEntity> selected = entities.query(query, 1000, 0).stream()
                .filter(e -> s.entities().stream().anyMatch(sel -> sel.matches(e.types(), e.id())))
                .toList();
        try {
            send(s, notification(s, selected, null, now));
            store.delivered(s.tenant(), s.id(), List.of(), clock.instant());
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.failed(s.tenant(), s.id(), List.of(), error, clock.instant(), Duration.ZERO);
        }
    }

    /** A change due to a subscription, with its entity snapshot read once. */
    private record Pending(SubscriptionStore.Due due, ObjectNode snapshot) {
    }

    /**
     * A subscription's due changes, as notifications that each name an entity once: the k-th change of an
     * entity goes in the k-th notification, which is sent only once the one before is delivered (if that one
     * must wait, the rest waits as long). A throttled subscription sends them all together.
     */
    private void settleInOrder(List<SubscriptionStore.Due> group, Instant now) {
        Optional<Subscription> s = registry.find(group.getFirst().tenant(), group.getFirst().subscriptionId());
        boolean together = s.isEmpty() || s.get().throttlingSeconds() > 0;
        List<List<Pending>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (SubscriptionStore.Due d : group) {
            ObjectNode snapshot = (ObjectNode) json.readTree(d.entity());
            int round = together ? 0 : seen.merge(snapshot.path("id").asString(""), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(new Pending(d, snapshot));
        }
        for (int i = 0; i < rounds.size(); i++) {
            Optional<Instant> heldUntil = settle(s, rounds.get(i), now);
            if (heldUntil.isPresent()) {
                List<Long> rest = rounds.subList(i + 1, rounds.size()).stream().flatMap(List::stream)
                        .map(p -> p.due().id()).toList();
                if (!rest.isEmpty()) {
                    store.postpone(rest, heldUntil.get());
                }
                return;
            }
        }
    }

    /** Sends one notification of these changes; answers until when what follows must wait, if it must. */
    private Optional<Instant> settle(Optional<Subscription> found, List<Pending> group, Instant now) {
        TenantId tenant = group.getFirst().due().tenant();
        String id = group.getFirst().due().subscriptionId();
        List<Long> ids = group.stream().map(p -> p.due().id()).toList();
        if (found.isEmpty() || !found.get().active() || found.get().expiresAt().map(now::isAfter).orElse(false)) {
            store.discard(ids);
            return Optional.empty();
        }
        Subscription s = found.get();
        if (s.throttlingSeconds() > 0) {
            Optional<Instant> last = store.find(tenant, id).flatMap(st -> st.status().lastNotification());
            if (last.isPresent() && last.get().plusSeconds(s.throttlingSeconds()).isAfter(now)) {
                store.postpone(ids, last.get().plusSeconds(s.throttlingSeconds()));
                return Optional.of(last.get().plusSeconds(s.throttlingSeconds()));
            }
        }
        List<ObjectNode> changed = group.stream().map(Pending::snapshot).toList();
        ObjectNode notification = changeNotification(s, changed, now);
        try {
            send(s, notification);
            store.delivered(tenant, id, ids, clock.instant());
            return Optional.empty();
        } catch (Exception e) {
            int attempts = group.stream().mapToInt(p -> p.due().attempts()).max().orElse(0);
            Duration retryIn = Duration.ofSeconds(1L << Math.min(attempts, 9));
            retryIn = retryIn.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryIn;
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.info("Notification to {} for subscription {} failed ({}); retrying in {}",
                    s.notification().endpoint().getHost(), id, error, retryIn);
            Instant at = clock.instant();
            store.failed(tenant, id, ids, error.length() > 500 ? error.substring(0, 500) : error, at, retryIn);
            return Optional.of(at.plus(retryIn));
        }
    }

    private ObjectNode changeNotification(Subscription s, List<ObjectNode> snapshots, Instant now) {
        List<StoredEntity> data = new ArrayList<>();
        for (ObjectNode snapshot : snapshots) {
            data.add(new StoredEntity(snapshot.get("id").asString(), strings(snapshot.get("type")),
                    (ObjectNode) snapshot.get("attrs"), Instant.parse(snapshot.get("createdAt").asString()),
                    Instant.parse(snapshot.get("modifiedAt").asString()), strings(snapshot.get("scope"))));
        }
        return notification(s, data, snapshots, now);
    }

    /** A snapshot's type or scope: a string, an array of strings (or, for scopes, absent). */
    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            for (JsonNode n : node.isArray() ? node : List.of(node)) {
                out.add(n.asString());
            }
        }
        return out;
    }

    /**
     * The notification of the given entities; {@code snapshots}, where given, say which were deleted
     * ({@code deletedAt}) and which attributes to show as deleted, with the NGSI-LD Null (§4.5.0).
     */
    private ObjectNode notification(Subscription s, List<StoredEntity> data, List<ObjectNode> snapshots, Instant now) {
        JsonLdRequest request = new JsonLdRequest(s.contexts(), false);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", "urn:ngsi-ld:Notification:" + UUID.randomUUID());
        n.put("type", "Notification");
        n.put("subscriptionId", s.id());
        n.put("notifiedAt", now.toString());
        ArrayNode out = n.putArray("data");
        Set<String> keep = null;
        if (!s.notification().attributes().isEmpty()) {
            keep = new java.util.HashSet<>(List.of("id", "type", "deletedAt"));
            for (String iri : s.notification().attributes()) {
                keep.add(renderer.compact(s.contexts(), iri));
            }
        }
        for (int i = 0; i < data.size(); i++) {
            ObjectNode rendered = renderer.entity(EntitiesController.datasets(data.get(i), s.notification().datasetIds()),
                    request, s.notification().keyValues(), s.notification().sysAttrs());
            JsonNode snapshot = snapshots == null ? null : snapshots.get(i);
            if (snapshot != null && snapshot.has("deletedAttrs")) {
                for (var d : snapshot.get("deletedAttrs").properties()) {
                    JsonNode nulled = EntityRenderer.nullAttribute(d.getValue().asString(), s.notification().keyValues());
                    if (nulled instanceof ObjectNode o && snapshot.has("modifiedAt")) {
                        // §4.5.0 / §5.2.14: a deleted attribute says when it was deleted.
                        o.put("deletedAt", snapshot.get("modifiedAt").asString());
                    }
                    rendered.set(renderer.compact(s.contexts(), d.getKey()), nulled);
                }
            }
            if (snapshot != null && snapshot.has("deletedInstances")) {
                for (var d : snapshot.get("deletedInstances").properties()) {
                    // §5.8.6: the deleted instances, each nulled with its datasetId (keyValues: the bare null).
                    tools.jackson.databind.node.ArrayNode shown = JsonNodeFactory.instance.arrayNode();
                    for (JsonNode instance : d.getValue()) {
                        if (s.notification().datasetIds().isPresent() && !s.notification().datasetIds().get()
                                .contains(instance.path("datasetId").asString("@none"))) {
                            continue;                   // an instance the subscription does not select
                        }
                        if (s.notification().keyValues()) {
                            shown.add(EntityRenderer.NGSI_LD_NULL);
                            continue;
                        }
                        ObjectNode o = ((ObjectNode) instance).deepCopy();
                        if (snapshot.has("modifiedAt")) {
                            o.put("deletedAt", snapshot.get("modifiedAt").asString());
                        }
                        shown.add(o);
                    }
                    if (!shown.isEmpty()) {
                        rendered.set(renderer.compact(s.contexts(), d.getKey()), shown.size() == 1 ? shown.get(0) : shown);
                    }
                }
            }
            if (snapshot != null && snapshot.has("previous") && !s.notification().keyValues()) {
                for (var p : snapshot.get("previous").properties()) {
                    JsonNode shown = rendered.get(renderer.compact(s.contexts(), p.getKey()));
                    if (shown != null) {
                        renderer.addPrevious(shown, p.getValue(), s.contexts());
                    }
                }
            }
            if (snapshot != null && snapshot.has("deletedAt")) {
                rendered.put("deletedAt", snapshot.get("deletedAt").asString());
            }
            // §5.2.12 lang: each LanguageProperty notified as a Property in the best language (§4.15).
            s.notification().lang().ifPresent(l -> EntityRenderer.inLanguage(rendered, l, s.notification().keyValues()));
            if (keep != null) {
                rendered.retain(keep);
            }
            out.add(rendered);
        }
        if (s.notification().accept().equals("application/ld+json")) {
            n.set("@context", renderer.contextMember(s.contexts().getFirst()));
        }
        return n;
    }

    private void send(Subscription s, ObjectNode notification) throws Exception {
        URI endpoint = s.notification().endpoint();
        if (endpoint.getScheme().equals("mqtt")) {
            ObjectNode message = JsonNodeFactory.instance.objectNode();
            ObjectNode metadata = message.putObject("metadata");
            metadata.put("Content-Type", s.notification().accept());
            s.notification().receiverInfo().forEach(metadata::put);
            message.set("body", notification);
            int port = endpoint.getPort() > 0 ? endpoint.getPort() : 1883;
            // The outbound policy, checked at each delivery (an allow-list may have shrunk since), and the client
            // connects to the address checked, never to a second DNS answer; a connection is one tenant's only.
            java.net.InetAddress address = policy.ownEndpoint(endpoint) ? java.net.InetAddress.getLoopbackAddress()
                    : policy.resolve(Optional.of(s.tenant()), endpoint.getHost()).getFirst();
            Mqtt5BlockingClient client = mqtt.computeIfAbsent(s.tenant().value() + "\u0000" + endpoint.getRawAuthority()
                    + "\u0000" + address.getHostAddress(), k -> {
                Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5()
                        .identifier("saola-notifier-" + UUID.randomUUID())
                        .serverAddress(new java.net.InetSocketAddress(address, port))
                        .automaticReconnectWithDefaultConfig().buildBlocking();
                String userInfo = endpoint.getUserInfo();
                if (userInfo != null && userInfo.contains(":")) {
                    int colon = userInfo.indexOf(':');
                    c.connectWith().simpleAuth().username(userInfo.substring(0, colon))
                            .password(userInfo.substring(colon + 1).getBytes(StandardCharsets.UTF_8))
                            .applySimpleAuth().send();
                } else {
                    c.connect();
                }
                return c;
            });
            client.publishWith().topic(endpoint.getPath().substring(1))
                    .qos(MqttQos.fromCode(s.notification().mqttQos()))
                    .payload(json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8)).send();
            return;
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (s.notification().accept().equals("application/json")) {
            String target = s.body().path("jsonldContext").asString(JsonLdRequest.linkTarget(s.contexts().getFirst()));
            headers.put("Link", "<" + target
                    + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
        }
        headers.putAll(s.notification().receiverInfo());
        OutboundHttp.Response response = http.post(Optional.of(s.tenant()), endpoint, headers,
                json.writeValueAsString(notification).getBytes(StandardCharsets.UTF_8), s.notification().accept());
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("the endpoint answered HTTP " + response.status());
        }
    }
}
