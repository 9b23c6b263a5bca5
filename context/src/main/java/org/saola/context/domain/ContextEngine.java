package org.saola.context.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.EntityStore;
import org.saola.context.query.EntityQuery;
import org.saola.context.store.Mutation;
import org.saola.context.store.GroupCommitWriter;
import org.saola.platform.TenantId;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The implementation of {@link ContextService}: expands names, normalizes attributes, hands them to the writer. */
public class ContextEngine implements ContextService {

    private static final List<java.net.URI> CORE = List.of(JsonLdContexts.CORE_CONTEXT);

    private final EntityStore store;
    private final GroupCommitWriter writer;
    private final JsonLdContexts contexts;
    private final org.saola.context.feed.ChangeFeed feed;

    private final org.saola.context.store.HistoryStore history;

    public ContextEngine(EntityStore store, GroupCommitWriter writer, JsonLdContexts contexts,
            org.saola.context.feed.ChangeFeed feed, org.saola.context.store.HistoryStore history) {
        this.feed = feed;
        this.history = history;
        this.store = store;
        this.writer = writer;
        this.contexts = contexts;
    }

    @Override
    public CompletableFuture<Void> upsert(EntityUpdate update) {
        return writer.submit(update.tenant(), update.entityId(),
                EntityMutations.merge(update.entityId(), expand(update.type()), expanded(update))).thenApply(r -> null);
    }

    /** The update's attributes by expanded name, each a normalized instance. */
    private ObjectNode expanded(EntityUpdate update) {
        ObjectNode attrs = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Attribute> e : update.attributes().entrySet()) {
            attrs.set(expand(e.getKey()), normalized(e.getValue()));
        }
        return attrs;
    }

    @Override
    public CompletableFuture<Void> observe(EntityUpdate update) {
        return writer.submit(update.tenant(), update.entityId(),
                EntityMutations.observe(update.entityId(), expand(update.type()), expanded(update))).thenApply(r -> null);
    }

    /**
     * Applies one of {@link EntityMutations} to an entity; the future completes with its result once
     * committed, or exceptionally with why it was refused.
     */
    public CompletableFuture<Object> apply(TenantId tenant, String entityId, Mutation mutation) {
        return writer.submit(tenant, entityId, mutation);
    }

    /** NGSI-LD 1.8.1 §4.5.2: the normalized representation of one attribute instance. */
    static ObjectNode normalized(Attribute attribute) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", attribute.kind().name());
        node.set(attribute.kind() == Attribute.Kind.Relationship ? "object" : "value", attribute.value());
        attribute.observedAt().ifPresent(t -> node.put("observedAt", t.toString()));
        attribute.unitCode().ifPresent(u -> node.put("unitCode", u));
        return node;
    }

    @Override
    public Optional<StoredEntity> entity(TenantId tenant, String entityId) {
        return store.find(tenant, entityId);
    }

    @Override
    public List<StoredEntity> entitiesOfType(TenantId tenant, String type, int limit, int offset) {
        return store.query(EntityQuery.ofType(tenant, expand(type)), limit, offset);
    }

    @Override
    public Optional<StoredEntity> containing(TenantId tenant, String type, double latitude, double longitude) {
        if (!Double.isFinite(latitude) || !Double.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
            return Optional.empty();
        }
        org.saola.context.query.GeoQuery at = org.saola.context.query.GeoQuery.parse("intersects", "Point",
                "[" + longitude + "," + latitude + "]", expand("location"));
        EntityQuery q = new EntityQuery(tenant, EntityQuery.ofType(tenant, expand(type)).type(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), Optional.of(at));
        return store.query(q, 1, 0).stream().findFirst();
    }

    @Override
    public List<StoredEntity> meeting(TenantId tenant, String type, String georel, String geometry, String coordinates,
            int limit) {
        org.saola.context.query.GeoQuery geo = org.saola.context.query.GeoQuery.parse(georel, geometry, coordinates,
                expand("location"));
        EntityQuery q = new EntityQuery(tenant, EntityQuery.ofType(tenant, expand(type)).type(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), Optional.of(geo));
        return store.query(q, limit, 0);
    }

    @Override
    public java.util.Map<String, Long> typeCounts(TenantId tenant) {
        return store.typeCounts(tenant);
    }

    @Override
    public List<StoredEntity> query(EntityQuery query, int limit, int offset) {
        return store.query(query, limit, offset);
    }

    @Override
    public long count(EntityQuery query) {
        return store.count(query);
    }

    @Override
    public void consume(String name, org.saola.context.FeedWatch watch, org.saola.context.ChangeConsumer consumer) {
        feed.consume(name, expand(watch), consumer);
    }

    @Override
    public void watch(String name, org.saola.context.FeedWatch watch) {
        feed.watch(name, expand(watch));
    }

    @Override
    public List<org.saola.context.AttributeInstance> history(TenantId tenant, String entityId, String attribute,
            java.time.Instant from, java.time.Instant to, int lastN) {
        // The temporal API's window is [from, to); (from, to] is wanted here: the instance observed at 'to' counts.
        return history.history(tenant, List.of(entityId), new org.saola.context.TemporalQuery(
                java.util.Set.of(expand(attribute)), java.util.Optional.of(from.plusNanos(1000)),
                java.util.Optional.of(to.plusNanos(1000)), lastN));
    }

    @Override
    public org.saola.context.FeedPosition feedPosition(String name) {
        return feed.feedPosition(name);
    }

    private org.saola.context.FeedWatch expand(org.saola.context.FeedWatch watch) {
        return watch.everything() ? watch : org.saola.context.FeedWatch.types(watch.types().stream()
                .map(this::expand).collect(java.util.stream.Collectors.toSet()));
    }

    @Override
    public String expand(String term) {
        return contexts.expandTerm(CORE, term);
    }

    @Override
    public String compact(String iri) {
        return contexts.compactIri(CORE, iri);
    }
}
