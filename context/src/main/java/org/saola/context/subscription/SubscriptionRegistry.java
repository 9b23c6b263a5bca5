package org.saola.context.subscription;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.ChangeHook;
import org.saola.context.store.EntityRow;
import org.saola.context.store.SubscriptionStore;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subscriptions in force, kept in memory so that each committed change is matched against them without
 * a query, and the notifications due recorded in the change's own transaction (the outbox).
 *
 * <p>Several nodes may share one database: a subscription created, changed or deleted through one is read by
 * the others from the subscriptions' log ({@link SubscriptionStore#changedSince}) at the start of each group
 * commit, in that group's transaction, so a change committed after a subscription's creation is matched against
 * it on every node; and by the dispatcher before it sends, so no node drops a notification of a subscription it
 * has not read yet.
 */
@Component
public class SubscriptionRegistry implements ChangeHook {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistry.class);

    private final SubscriptionStore store;
    private final SubscriptionParser parser;
    private volatile Map<TenantId, Map<String, Subscription>> byTenant = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    /** The version of the subscriptions' log this node has read up to. */
    private volatile long seen;
    private volatile Runnable wakeUp = () -> { };

    public SubscriptionRegistry(SubscriptionStore store, JsonLdContexts contexts) {
        this.store = store;
        this.parser = new SubscriptionParser(contexts);
    }


    public SubscriptionParser parser() {
        return parser;
    }

    /** Called when notifications are due, so that the dispatcher need not wait for its next look. */
    public void onDue(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    public void put(Subscription s) {
        load();
        byTenant.computeIfAbsent(s.tenant(), t -> new ConcurrentHashMap<>()).put(s.id(), s);
    }

    public void remove(TenantId tenant, String id) {
        load();
        Map<String, Subscription> subs = byTenant.get(tenant);
        if (subs != null) {
            subs.remove(id);
        }
    }

    /** Periodic subscriptions in force, of every tenant. */
    public java.util.List<Subscription> periodic(Instant now) {
        load();
        return byTenant.values().stream().flatMap(m -> m.values().stream())
                .filter(s -> s.periodic() && s.inForce(now)).toList();
    }

    public Optional<Subscription> get(TenantId tenant, String id) {
        load();
        return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(id));
    }

    /** The subscription, read again from the log first if this node does not hold it (another may have made it). */
    public Optional<Subscription> find(TenantId tenant, String id) {
        Optional<Subscription> held = get(tenant, id);
        if (held.isPresent()) {
            return held;
        }
        catchUp(store, store.version());
        return get(tenant, id);
    }

    /** Reads what other nodes wrote since this node last looked. */
    public void refresh() {
        load();
        catchUp(store, store.version());
    }

    /** What a group commit read at its start: the subscriptions' version then, and this node's. */
    private record Start(long[] locked, long seen) {
    }

    @Override
    public void groupStarts(org.saola.context.store.Pipeline pipeline) {
        load();
        long held = seen;
        pipeline.attachment(Start.class, () -> new Start(SubscriptionStore.lockedVersion(pipeline), held));
    }

    @Override
    public void groupStarted(Connection connection, org.saola.context.store.Pipeline pipeline, boolean changesTold)
            throws SQLException {
        Start start = pipeline.attachment(Start.class, () -> {
            throw new IllegalStateException("groupStarts was not told");
        });
        long version = start.locked()[0];
        // The changes were matched against what this node held when the group started, or later.
        if (version > start.seen()) {
            catchUp(store.on(connection), version);
            if (changesTold) {
                throw new Again("subscriptions written since this node read them: " + version + " > " + start.seen());
            }
        }
    }

    private synchronized void catchUp(SubscriptionStore store, long version) {
        if (version <= seen) {
            return;
        }
        java.util.List<SubscriptionStore.Written> written = store.changedSince(seen);
        if (written.isEmpty() || written.getFirst().version() != seen + 1) {
            log.info("Reading every subscription again: the log no longer reaches back to version {}", seen);
            loadAll(store);
            return;
        }
        Set<java.util.List<String>> done = new java.util.HashSet<>();
        for (SubscriptionStore.Written w : written.reversed()) {
            if (!done.add(java.util.List.of(w.tenant().value(), w.id()))) {
                continue;
            }
            Optional<SubscriptionStore.StoredSubscription> stored = store.find(w.tenant(), w.id());
            Optional<Subscription> read = stored.flatMap(this::read);
            if (read.isPresent()) {
                byTenant.computeIfAbsent(w.tenant(), t -> new ConcurrentHashMap<>()).put(w.id(), read.get());
            } else {
                // Deleted, or unreadable (logged): not in force here. A tenant this node holds nothing of yet has
                // no map to remove it from.
                Map<String, Subscription> held = byTenant.get(w.tenant());
                if (held != null) {
                    held.remove(w.id());
                }
            }
        }
        seen = written.getLast().version();
    }

    private Optional<Subscription> read(SubscriptionStore.StoredSubscription stored) {
        try {
            return Optional.of(parser.read(stored.tenant(), stored.body(), stored.contexts()));
        } catch (RuntimeException e) {
            log.warn("Subscription {} of tenant {} could not be read and is not in force: {}", stored.id(),
                    stored.tenant(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void changed(Connection connection, org.saola.context.store.Pipeline pipeline, ChangeHook.Change change,
            Instant now) {
        load();
        Map<String, Subscription> subs = byTenant.get(change.tenant());
        if (subs == null || subs.isEmpty()) {
            return;
        }
        ObjectNode plain = null;
        boolean due = false;
        for (Subscription s : subs.values()) {
            Optional<Set<String>> nulled = s.concerns(change, now);
            if (nulled.isEmpty()) {
                continue;
            }
            ObjectNode snapshot;
            if (nulled.get().isEmpty() && !s.notification().showChanges()) {
                if (plain == null) {
                    plain = snapshot(change, Set.of(), false, now);
                }
                snapshot = plain;
            } else {
                snapshot = snapshot(change, nulled.get(), s.notification().showChanges(), now);
            }
            store.enqueue(pipeline, change.tenant(), s.id(), snapshot, now);
            due = true;
        }
        if (due) {
            wakeUp.run();
        }
    }

    /**
     * The entity as a notification will show it: its state after the change; after a deletion only its id,
     * type and {@code deletedAt}. {@code deletedAttrs} maps the attributes to show as deleted to their kind, and
     * {@code deletedInstances} the multi-attributes some instances of which were deleted to those instances nulled;
     * with {@code showChanges}, {@code previous} holds the attributes the change wrote or deleted as they were.
     */
    private static ObjectNode snapshot(ChangeHook.Change change, Set<String> nulled, boolean showChanges, Instant now) {
        EntityRow e = change.entity();
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("id", e.id());
        var types = s.putArray("type");
        e.types().forEach(types::add);
        var scopes = s.putArray("scope");
        e.scopes().forEach(scopes::add);
        s.set("attrs", change.deleted() ? JsonNodeFactory.instance.objectNode() : e.attributes());
        s.put("createdAt", e.createdAt().toString());
        s.put("modifiedAt", (change.deleted() ? now : e.modifiedAt()).toString());
        if (change.deleted()) {
            s.put("deletedAt", now.toString());
        }
        if (showChanges && change.before() != null) {
            ObjectNode previous = s.putObject("previous");
            for (String attribute : change.before().attributes().propertyNames()) {
                if (change.written().contains(attribute) || nulled.contains(attribute)) {
                    previous.set(attribute, change.before().attributes().get(attribute));
                }
            }
        }
        if (!nulled.isEmpty()) {
            ObjectNode deleted = s.putObject("deletedAttrs");
            var instances = change.deletedInstances();
            for (String attribute : nulled) {
                if (instances.containsKey(attribute)) {
                    // Some instances of a multi-attribute: each shown nulled with its datasetId (§5.8.6).
                    var gone = s.has("deletedInstances") ? (ObjectNode) s.get("deletedInstances")
                            : s.putObject("deletedInstances");
                    var list = gone.putArray(attribute);
                    for (ObjectNode instance : instances.get(attribute)) {
                        ObjectNode nulledInstance = org.saola.context.AttributeInstances
                                .nullInstance(instance.path("type").asString("Property"));
                        if (instance.has("datasetId")) {
                            nulledInstance.set("datasetId", instance.get("datasetId"));
                        }
                        list.add(nulledInstance);
                    }
                    continue;
                }
                JsonNode held = org.saola.context.AttributeInstances.primary(change.before().attributes().get(attribute));
                deleted.put(attribute, held == null ? "Property" : held.path("type").asString("Property"));
            }
        }
        return s;
    }

    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (!loaded) {
                loadAll(store);
            }
        }
    }

    private synchronized void loadAll(SubscriptionStore store) {
        // The version first: what is written after it is read again from the log.
        long version = store.version();
        Map<TenantId, Map<String, Subscription>> all = new ConcurrentHashMap<>();
        for (SubscriptionStore.StoredSubscription stored : store.all()) {
            read(stored).ifPresent(s -> all.computeIfAbsent(s.tenant(), t -> new ConcurrentHashMap<>()).put(s.id(), s));
        }
        byTenant = all;
        seen = version;
        loaded = true;
    }
}
