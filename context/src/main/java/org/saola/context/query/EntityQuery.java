package org.saola.context.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.saola.platform.TenantId;

/**
 * Which entities a query selects (NGSI-LD 1.8.1 §5.7.2), with every name already expanded to its IRI:
 * a type selector, ids, an id pattern, attributes of which an entity must have at least one, q and a
 * geo-query.
 */
public record EntityQuery(TenantId tenant, Optional<TypeExpression.T> type, List<String> ids,
        Optional<String> idPattern, List<String> attrs, Optional<QueryLanguage.Q> q, Optional<GeoQuery> geo,
        Optional<ScopeQuery.S> scopeQ) {

    public EntityQuery {
        Objects.requireNonNull(tenant, "tenant");
        ids = List.copyOf(ids);
        attrs = List.copyOf(attrs);
    }

    public EntityQuery(TenantId tenant, Optional<TypeExpression.T> type, List<String> ids, Optional<String> idPattern,
            List<String> attrs, Optional<QueryLanguage.Q> q, Optional<GeoQuery> geo) {
        this(tenant, type, ids, idPattern, attrs, q, geo, Optional.empty());
    }

    public static EntityQuery ofType(TenantId tenant, String typeIri) {
        return new EntityQuery(tenant, Optional.of(new TypeExpression.Name(typeIri)), List.of(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty());
    }
}
