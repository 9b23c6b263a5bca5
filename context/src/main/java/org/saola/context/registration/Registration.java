package org.saola.context.registration;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.context.query.QueryEvaluator;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.TypeExpression;
import tools.jackson.databind.node.ObjectNode;

/**
 * A context source registration (NGSI-LD 1.8.1 §5.2.9) as Saola matches it: names expanded to IRIs.
 * {@code body} is the registration as the client sent it (without @context), to give back as it came;
 * {@code properties} its members as Properties, for {@code q} and {@code csf}.
 */
public record Registration(String id, ObjectNode body, List<URI> contexts, List<Information> information,
        ObjectNode properties) {

    /** One element of {@code information}: entities and attributes; an empty list covers any. */
    public record Information(List<EntityInfo> entities, Set<String> attributes) {
    }

    /** An EntityInfo: a type, optionally an id or an id pattern. */
    public record EntityInfo(String type, Optional<String> id, Optional<Pattern> idPattern) {
    }

    /** What a discovery query (§5.10.2) asks for; every name expanded. */
    public record Query(Optional<TypeExpression.T> type, List<String> ids, Optional<Pattern> idPattern,
            List<String> attrs, Optional<QueryLanguage.Q> q, Optional<QueryLanguage.Q> csf) {

        public boolean selectsAnything() {
            return type.isPresent() || !ids.isEmpty() || idPattern.isPresent() || !attrs.isEmpty() || q.isPresent()
                    || csf.isPresent();
        }
    }

    /**
     * Whether the registration is one a query asks for: one of its information elements covers the type,
     * ids, id pattern and attributes asked, and its own members satisfy {@code q} and {@code csf}.
     */
    public boolean matches(Query query) {
        if (query.q().isPresent() && !QueryEvaluator.matches(query.q().get(), properties)) {
            return false;
        }
        if (query.csf().isPresent() && !QueryEvaluator.matches(query.csf().get(), properties)) {
            return false;
        }
        return information.stream().anyMatch(i -> covers(i, query));
    }

    private static boolean covers(Information info, Query query) {
        if (!query.attrs().isEmpty() && !info.attributes().isEmpty()
                && query.attrs().stream().noneMatch(info.attributes()::contains)) {
            return false;
        }
        if (info.entities().isEmpty()) {
            return true;                                     // any entity, for the attributes named
        }
        return info.entities().stream().anyMatch(e -> covers(e, query));
    }

    private static boolean covers(EntityInfo e, Query query) {
        if (query.type().isPresent() && !TypeExpression.matches(query.type().get(), Set.of(e.type()))) {
            return false;
        }
        if (!query.ids().isEmpty()) {
            boolean any = query.ids().stream().anyMatch(id -> e.id().map(id::equals)
                    .orElseGet(() -> e.idPattern().map(p -> p.matcher(id).find()).orElse(true)));
            if (!any) {
                return false;
            }
        }
        if (query.idPattern().isPresent() && e.id().isPresent()) {
            return query.idPattern().get().matcher(e.id().get()).find();
        }
        return true;                      // an idPattern may overlap the one asked: the source is worth asking
    }
}
