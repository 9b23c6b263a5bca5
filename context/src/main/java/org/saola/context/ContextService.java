package org.saola.context;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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

    /** Entities a query selects (names in the query already expanded), ordered by id. */
    List<StoredEntity> query(EntityQuery query, int limit, int offset);

    long count(EntityQuery query);

    /**
     * Calls {@code listener} with every entity change once it is committed, in commit order per entity. The
     * listener runs on a writer thread: it must be quick and must not block (hand work to an executor).
     */
    void onChange(Consumer<EntityChange> listener);

    /** Expands a term of the core @context (e.g. {@code pm25}) to the IRI under which it is stored. */
    String expand(String term);

    /** Compacts a stored IRI back to its term in the core @context. */
    String compact(String iri);
}
