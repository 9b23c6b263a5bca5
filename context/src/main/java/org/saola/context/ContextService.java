package org.saola.context;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.saola.context.query.EntityQuery;
import org.saola.platform.TenantId;

/**
 * What other modules may ask of {@code context}, the one writer of entity state. Domain modules use this
 * and never touch {@code context}'s tables.
 */
public interface ContextService {

    /**
     * Merges attributes into an entity (created if new) and appends them to its history. The future completes
     * only once the change is committed to PostgreSQL, so a caller may acknowledge its source then.
     */
    CompletableFuture<Void> upsert(EntityUpdate update);

    /**
     * Merges readings into an entity (created if new) in observation order, the way sensors need: an attribute
     * observed before the one the entity holds goes to history only, appended once however often it is sent;
     * the instance the entity holds, sent again, changes nothing. Completes once committed.
     */
    CompletableFuture<Void> observe(EntityUpdate update);

    Optional<StoredEntity> entity(TenantId tenant, String entityId);

    /** Entities of a type (a core-context term such as {@code AirQualityObserved}), ordered by id. */
    List<StoredEntity> entitiesOfType(TenantId tenant, String type, int limit, int offset);

    /**
     * The first entity of a type (a core-context term such as {@code District}), by id, whose {@code location} (an
     * area) contains the point: a geo-query {@code georel=intersects} with the point, as the NGSI-LD API runs it.
     */
    Optional<StoredEntity> containing(TenantId tenant, String type, double latitude, double longitude);

    /**
     * Entities of a type whose {@code location} meets a geo-query written as the NGSI-LD API takes it ({@code georel}
     * such as {@code intersects} or {@code near;maxDistance==2000}, a GeoJSON {@code geometry} type and its
     * {@code coordinates}), ordered by id, at most {@code limit}; a malformed query is an {@code InvalidInputException}.
     */
    List<StoredEntity> meeting(TenantId tenant, String type, String georel, String geometry, String coordinates, int limit);

    /** Entity types in use in a tenant (expanded IRIs), with how many entities have each. */
    java.util.Map<String, Long> typeCounts(TenantId tenant);

    /** Entities a query selects (names in the query already expanded), ordered by id. */
    List<StoredEntity> query(EntityQuery query, int limit, int offset);

    long count(EntityQuery query);

    /**
     * Gives {@code consumer} every change of the entities it watches committed from now on, in commit order,
     * through the durable change feed: a batch at a time, in a transaction that records how far it got under
     * {@code name}, so after a restart it goes on from there (each change once). It runs on its own thread;
     * writers never wait for it.
     */
    void consume(String name, FeedWatch watch, ChangeConsumer consumer);

    /**
     * Changes what the consumer {@code name} watches: changes of newly watched types are recorded from now on
     * (on every node within a few seconds).
     */
    void watch(String name, FeedWatch watch);

    /**
     * An attribute's history ({@code attribute} a term of the core @context) observed in {@code (from, to]}: the
     * newest {@code lastN} instances, oldest first.
     */
    List<AttributeInstance> history(TenantId tenant, String entityId, String attribute, java.time.Instant from,
            java.time.Instant to, int lastN);

    /** How far the consumer {@code name} has got in the change feed (zeros if it never consumed). */
    FeedPosition feedPosition(String name);

    /** Expands a term of the core @context (e.g. {@code pm25}) to the IRI under which it is stored. */
    String expand(String term);

    /** Compacts a stored IRI back to its term in the core @context. */
    String compact(String iri);
}
