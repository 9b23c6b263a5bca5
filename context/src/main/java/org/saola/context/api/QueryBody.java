package org.saola.context.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A Query (GS CIM 009 V1.8.1 §5.2.23), the body of {@code POST /entityOperations/query}, read as the URL
 * parameters of the same query by {@code GET /entities}, so both have one meaning.
 */
final class QueryBody {

    private static final Set<String> MEMBERS = Set.of("type", "entities", "attrs", "q", "geoQ", "csf", "scopeQ", "lang",
            "@context");

    private QueryBody() {
    }

    static Map<String, String> parameters(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw bad("the body is a Query object, such as {\"type\": \"Query\", \"entities\": [{\"type\": \"Streetlight\"}]}");
        }
        for (String member : body.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                throw bad("a Query has no member '" + member + "'; its members are " + new java.util.TreeSet<>(MEMBERS));
            }
        }
        if (body.has("type") && !"Query".equals(body.get("type").asString(""))) {
            throw bad("a Query's type is \"Query\"; got " + body.get("type"));
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (body.has("entities")) {
            JsonNode entities = body.get("entities");
            if (!entities.isArray() || entities.isEmpty()) {
                throw bad("entities is a non-empty array of {\"type\": …, \"id\": … or \"idPattern\": …}");
            }
            Set<String> types = new LinkedHashSet<>();
            List<String> ids = new ArrayList<>();
            Set<String> patterns = new LinkedHashSet<>();
            for (JsonNode e : entities) {
                if (!e.isObject() || !e.path("type").isString()) {
                    throw bad("each of entities names a type (and optionally an id or idPattern); got " + e);
                }
                types.add(e.get("type").asString());
                if (e.has("id")) {
                    ids.add(text(e, "id", "entities[].id"));
                }
                if (e.has("idPattern")) {
                    patterns.add(text(e, "idPattern", "entities[].idPattern"));
                }
            }
            if (patterns.size() > 1) {
                throw bad("Saola queries one idPattern at a time; combine them in one regular expression");
            }
            // The selectors are alternatives (§5.2.26 EntitySelector): they are answered as one query of types,
            // ids and pattern, which means the same only when they differ in one of those alone.
            int withId = 0;
            int withPattern = 0;
            for (JsonNode e : entities) {
                withId += e.has("id") ? 1 : 0;
                withPattern += e.has("idPattern") ? 1 : 0;
            }
            boolean narrowed = withId + withPattern > 0;
            if (narrowed && (types.size() > 1 || withId > 0 && withPattern > 0
                    || withId + withPattern < entities.size())) {
                throw new NgsiLdException(NgsiLdException.ErrorType.OperationNotSupported, "Saola answers entity"
                        + " selectors that differ only in type, or that share one type and each name an id (or each"
                        + " the same idPattern); send one query per selector for other combinations");
            }
            params.put("type", String.join(",", types));
            if (!ids.isEmpty()) {
                params.put("id", String.join(",", ids));
            }
            patterns.forEach(p -> params.put("idPattern", p));
        }
        if (body.has("attrs")) {
            JsonNode attrs = body.get("attrs");
            if (!attrs.isArray() || attrs.isEmpty()) {
                throw bad("attrs is a non-empty array of attribute names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode a : attrs) {
                if (!a.isString() || a.asString().isBlank()) {
                    throw bad("each of attrs is an attribute name; got " + a);
                }
                names.add(a.asString());
            }
            params.put("attrs", String.join(",", names));
        }
        for (String member : List.of("q", "csf", "scopeQ", "lang")) {
            if (body.has(member)) {
                params.put(member, text(body, member, member));
            }
        }
        if (body.has("geoQ")) {
            JsonNode geo = body.get("geoQ");
            if (!geo.isObject() || !geo.has("georel") || !geo.has("geometry") || !geo.has("coordinates")) {
                throw bad("geoQ is {\"georel\": …, \"geometry\": …, \"coordinates\": …} with an optional geoproperty");
            }
            params.put("georel", text(geo, "georel", "geoQ.georel"));
            params.put("geometry", text(geo, "geometry", "geoQ.geometry"));
            JsonNode coordinates = geo.get("coordinates");
            params.put("coordinates", coordinates.isString() ? coordinates.asString() : coordinates.toString());
            if (geo.has("geoproperty")) {
                params.put("geoproperty", text(geo, "geoproperty", "geoQ.geoproperty"));
            }
        }
        return params;
    }

    /**
     * A Query for the temporal API (§5.7.4): its members as {@link #parameters} reads them, and its
     * {@code temporalQ} (§5.2.21: timerel, timeAt, endTimeAt, timeproperty, lastN) as their parameters.
     */
    static Map<String, String> temporalParameters(JsonNode body) {
        if (body == null || !body.isObject()) {
            return parameters(body);
        }
        tools.jackson.databind.node.ObjectNode query = ((tools.jackson.databind.node.ObjectNode) body).deepCopy();
        JsonNode temporal = query.remove("temporalQ");
        Map<String, String> params = parameters(query);
        if (temporal != null) {
            if (!temporal.isObject()) {
                throw bad("temporalQ is {\"timerel\": …, \"timeAt\": …, \"endTimeAt\"?, \"timeproperty\"?, \"lastN\"?}");
            }
            for (String member : temporal.propertyNames()) {
                switch (member) {
                    case "timerel", "timeAt", "endTimeAt", "timeproperty" ->
                            params.put(member, text(temporal, member, "temporalQ." + member));
                    case "lastN" -> {
                        if (!temporal.get("lastN").isIntegralNumber()) {
                            throw bad("temporalQ.lastN is a whole number; got " + temporal.get("lastN"));
                        }
                        params.put("lastN", temporal.get("lastN").asString());
                    }
                    default -> throw bad("a temporalQ has no member '" + member + "'; its members are timerel, timeAt, "
                            + "endTimeAt, timeproperty and lastN");
                }
            }
        }
        return params;
    }

    private static String text(JsonNode node, String member, String name) {
        JsonNode v = node.get(member);
        if (!v.isString() || v.asString().isBlank()) {
            throw bad(name + " is a non-empty string; got " + v);
        }
        return v.asString();
    }

    private static NgsiLdException bad(String detail) {
        return new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, detail);
    }
}
