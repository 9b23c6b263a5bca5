package org.saola.context.registration;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.context.query.GeoQuery;
import org.saola.context.query.QueryEvaluator;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.ScopeQuery;
import org.saola.context.query.TypeExpression;
import tools.jackson.databind.node.ObjectNode;

/**
 * A context source registration (NGSI-LD 1.8.1 §5.2.9) as Saola matches it: names expanded to IRIs.
 * {@code body} is the registration as the client sent it (without @context), to give back as it came;
 * {@code properties} its members as Properties, for {@code q} and {@code csf}.
 */
public record Registration(String id, ObjectNode body, List<URI> contexts, List<Information> information,
        ObjectNode properties, Extent extent) {

    /** The core IRIs of a registration's GeoProperties (§5.2.9), as a geo-query's {@code geoproperty} names them. */
    public static final List<String> AREAS = List.of("https://uri.etsi.org/ngsi-ld/location",
            "https://uri.etsi.org/ngsi-ld/observationSpace", "https://uri.etsi.org/ngsi-ld/operationSpace");

    /**
     * Where, in which scopes and over which times a registration says its source holds entities (§5.2.9):
     * {@code areas} its GeoProperties by IRI ({@link #AREAS}; GeoJSON geometries), {@code scopes} its
     * {@code scope}, and its {@code observationInterval} and {@code managementInterval}.
     */
    public record Extent(java.util.Map<String, tools.jackson.databind.JsonNode> areas, List<String> scopes,
            Optional<Interval> observation, Optional<Interval> management) {

        public static final Extent NONE = new Extent(java.util.Map.of(), List.of(), Optional.empty(), Optional.empty());

        boolean timed() {
            return observation.isPresent() || management.isPresent();
        }
    }

    /** A TimeInterval (§5.2.11): from {@code startAt}, up to {@code endAt} if given (else open). */
    public record Interval(java.time.Instant start, Optional<java.time.Instant> end) {

        /** Whether it shares an instant with the window [from, to] (either open where absent). */
        boolean meets(Optional<java.time.Instant> from, Optional<java.time.Instant> to) {
            return to.map(t -> !start.isAfter(t)).orElse(true) && from.map(f -> end.map(e -> !e.isBefore(f)).orElse(true))
                    .orElse(true);
        }
    }

    /**
     * A temporal query as a registration is matched against it (§5.10.2): the window asked (from {@code timeAt}
     * for after and between, up to {@code timeAt} for before or {@code endTimeAt} for between) and its
     * {@code timeproperty}: observedAt is matched against the observationInterval, the others against the
     * managementInterval.
     */
    public record Window(String timeproperty, Optional<java.time.Instant> from, Optional<java.time.Instant> to) {
    }

    /**
     * The geo-query, scope query and temporal query a request adds to its entity selectors (§5.10.2).
     * {@code discovery}: matched as a context source discovery is, where a registration that says nothing of
     * what is asked (no such area, no scope, no interval) does not match, and one with an interval matches only
     * a temporal query; otherwise (forwarding a request) such a registration may hold anything and is asked.
     */
    public record Where(Optional<GeoQuery> geo, Optional<ScopeQuery.S> scope, Optional<Window> time, boolean discovery) {

        public static final Where ANY = new Where(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** One element of {@code information}: entities and attributes; an empty list covers any. */
    public record Information(List<EntityInfo> entities, Set<String> attributes) {
    }

    /** An EntityInfo: a type, optionally an id or an id pattern. */
    public record EntityInfo(String type, Optional<String> id, Optional<Pattern> idPattern) {
    }

    /** What a discovery query (§5.10.2) asks for; every name expanded. */
    public record Query(Optional<TypeExpression.T> type, List<String> ids, Optional<Pattern> idPattern,
            List<String> attrs, Optional<QueryLanguage.Q> q, Optional<QueryLanguage.Q> csf, Where where) {

        public Query(Optional<TypeExpression.T> type, List<String> ids, Optional<Pattern> idPattern,
                List<String> attrs, Optional<QueryLanguage.Q> q, Optional<QueryLanguage.Q> csf) {
            this(type, ids, idPattern, attrs, q, csf, Where.ANY);
        }

        public boolean selectsAnything() {
            return type.isPresent() || !ids.isEmpty() || idPattern.isPresent() || !attrs.isEmpty() || q.isPresent()
                    || csf.isPresent() || where.geo().isPresent() || where.scope().isPresent() || where.time().isPresent();
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
        return within(query.where()) && information.stream().anyMatch(i -> covers(i, query));
    }

    /** §5.10.2: the registration's areas, scope and intervals against the geo-query, scope query and time asked. */
    private boolean within(Where where) {
        if (where.geo().isPresent()) {
            tools.jackson.databind.JsonNode area = extent.areas().get(where.geo().get().geoproperty());
            if (area == null ? where.discovery() : !where.geo().get().possiblyWithin(area)) {
                return false;
            }
        }
        if (where.scope().isPresent() && (extent.scopes().isEmpty() ? where.discovery()
                : !where.scope().get().matches(extent.scopes()))) {
            return false;
        }
        if (where.time().isEmpty()) {
            return !(where.discovery() && extent.timed());      // without a temporal query: latest information
        }
        Window w = where.time().get();
        Optional<Interval> interval = w.timeproperty().equals("observedAt") ? extent.observation() : extent.management();
        return interval.map(i -> i.meets(w.from(), w.to())).orElse(!where.discovery());
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
