package org.saola.context.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.saola.context.EntityIds;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.GeoQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.ScopeQuery;
import org.saola.context.query.TypeExpression;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;

/** Reads the entity selectors shared by the entity and temporal queries: type, id, idPattern, attrs, q. */
final class QueryParameters {

    private QueryParameters() {
    }

    static EntityQuery entityQuery(TenantId tenant, Map<String, String> params, JsonLdRequest request,
            JsonLdContexts contexts) {
        var ctx = request.contexts();
        Optional<TypeExpression.T> type = param(params, "type")
                .map(t -> TypeExpression.parse(t).mapNames(name -> contexts.expandTerm(ctx, name)));
        List<String> ids = list(params, "id");
        ids.forEach(EntityIds::requireValid);
        Optional<String> idPattern = param(params, "idPattern").map(p -> {
            try {
                Pattern.compile(p);
                return p;
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("idPattern", "idPattern '" + p + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        });
        List<String> attrs = list(params, "attrs").stream().map(a -> contexts.expandTerm(ctx, a)).toList();
        // expandValues (§4.9): string values compared to these attributes are terms, expanded like types
        // (e.g. a VocabProperty's "barn"); jsonKeys needs nothing, as keys into values are never expanded.
        java.util.Set<String> expandValues = list(params, "expandValues").stream()
                .map(a -> contexts.expandTerm(ctx, a)).collect(java.util.stream.Collectors.toSet());
        Optional<QueryLanguage.Q> q = param(params, "q")
                .map(text -> QueryLanguage.parse(text).mapNames(name -> contexts.expandTerm(ctx, name))
                        .mapValues(expandValues, value -> contexts.expandTerm(ctx, value)));
        Optional<GeoQuery> geo = Optional.empty();
        if (params.containsKey("georel") || params.containsKey("geometry") || params.containsKey("coordinates")) {
            String geoproperty = contexts.expandTerm(ctx, params.getOrDefault("geoproperty", "location"));
            geo = Optional.of(GeoQuery.parse(params.get("georel"), params.get("geometry"), params.get("coordinates"),
                    geoproperty));
        }
        Optional<ScopeQuery.S> scopeQ = param(params, "scopeQ").map(ScopeQuery::parse);
        return new EntityQuery(tenant, type, ids, idPattern, attrs, q, geo, scopeQ);
    }

    /**
     * §4.11 temporal query: {@code timerel} (before, after, between) with {@code timeAt} and {@code endTimeAt},
     * and the {@code timeproperty} it is about; empty without timerel.
     */
    static Optional<org.saola.context.registration.Registration.Window> window(Map<String, String> params) {
        String timeproperty = params.getOrDefault("timeproperty", "observedAt");
        if (java.util.Arrays.stream(org.saola.context.store.HistoryStore.TimeProperty.values())
                .noneMatch(t -> t.name().equals(timeproperty))) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "timeproperty is observedAt, createdAt, modifiedAt or deletedAt; got '" + timeproperty + "'");
        }
        Optional<String> timerel = param(params, "timerel");
        if (timerel.isEmpty()) {
            return Optional.empty();
        }
        java.time.Instant at = instant("timeAt", param(params, "timeAt").orElseThrow(() ->
                new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "timerel needs timeAt")));
        return Optional.of(switch (timerel.get()) {
            case "before" -> new org.saola.context.registration.Registration.Window(timeproperty, Optional.empty(),
                    Optional.of(at));
            case "after" -> new org.saola.context.registration.Registration.Window(timeproperty, Optional.of(at),
                    Optional.empty());
            case "between" -> new org.saola.context.registration.Registration.Window(timeproperty, Optional.of(at),
                    Optional.of(instant("endTimeAt", param(params, "endTimeAt").orElseThrow(() ->
                            new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                                    "timerel=between needs endTimeAt")))));
            default -> throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "timerel must be before, after or between; got '" + timerel.get() + "'");
        });
    }

    private static java.time.Instant instant(String name, String value) {
        try {
            return java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    name + " must be an ISO 8601 UTC date-time such as 2026-11-23T08:00:00Z; got '" + value + "'");
        }
    }

    static Optional<String> param(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v != null && v.isBlank()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, name + " is empty");
        }
        return Optional.ofNullable(v);
    }

    static List<String> list(Map<String, String> params, String name) {
        return param(params, name).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** limit and offset, checked against the maximum page size (NGSI-LD 1.8.1 §5.5.9). */
    record Page(int limit, int offset) {
    }

    static Page page(Map<String, String> params, int defaultLimit, int maxPageSize, boolean counting) {
        int limit = integer(params, "limit", defaultLimit);
        int offset = integer(params, "offset", 0);
        if (limit < 0 || offset < 0) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "limit and offset must not be negative");
        }
        if (limit > maxPageSize) {
            throw new NgsiLdException(NgsiLdException.ErrorType.TooManyResults,
                    "limit " + limit + " exceeds the maximum page size " + maxPageSize);
        }
        if (limit == 0 && !counting) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "limit=0 is only allowed together with count=true");
        }
        return new Page(limit, offset);
    }

    private static int integer(Map<String, String> params, String name, int otherwise) {
        return param(params, name).map(v -> {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                        name + " must be a whole number; got '" + v + "'");
            }
        }).orElse(otherwise);
    }
}
