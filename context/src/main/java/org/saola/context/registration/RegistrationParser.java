package org.saola.context.registration;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saola.context.EntityIds;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityInfo;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and checks a context source registration (NGSI-LD 1.8.1 §5.2.9, §5.2.10) as a client sends it;
 * every mistake is refused naming its member. Members other than the standard ones are Context Source
 * Properties (§4.21) and kept as they are.
 */
public final class RegistrationParser {

    /** NGSI-LD 1.8.1 §5.2.9 modes. */
    public static final List<String> MODES = List.of("inclusive", "exclusive", "redirect", "auxiliary");
    /** Members Saola writes, never taken from a client. */
    private static final Set<String> READ_ONLY = Set.of("@context", "status", "timesSent", "timesFailed",
            "lastSuccess", "lastFailure", "createdAt", "modifiedAt");

    private final JsonLdContexts contexts;

    public RegistrationParser(JsonLdContexts contexts) {
        this.contexts = contexts;
    }

    /** A new registration: an id is made up if the client gave none. */
    public Registration parse(JsonNode json, List<URI> ctx) {
        if (json == null || !json.isObject()) {
            throw invalid("body", "a context source registration is a JSON object");
        }
        ObjectNode body = ((ObjectNode) json).deepCopy();
        body.remove(READ_ONLY);
        if (!body.has("id")) {
            body.put("id", "urn:ngsi-ld:ContextSourceRegistration:" + UUID.randomUUID());
        }
        return read(body, ctx);
    }

    /** A stored or merged registration (without @context). */
    public Registration read(ObjectNode body, List<URI> ctx) {
        if (!body.path("id").isString()) {
            throw invalid("id", "a registration's id is a URI");
        }
        String id = EntityIds.requireValid(body.get("id").asString());
        if (!"ContextSourceRegistration".equals(body.path("type").asString(""))) {
            throw invalid("type", "a registration's type is \"ContextSourceRegistration\"");
        }
        JsonNode endpoint = body.get("endpoint");
        if (endpoint == null || !endpoint.isString() || !absoluteHttp(endpoint.asString())) {
            throw invalid("endpoint", "endpoint is the http:// or https:// URL of the context source, e.g. "
                    + "http://parking.danang.gov.vn/ngsi-ld");
        }
        JsonNode infos = body.get("information");
        if (infos == null || !infos.isArray() || infos.isEmpty()) {
            throw invalid("information", "information is a non-empty array of {entities?, propertyNames?, "
                    + "relationshipNames?}");
        }
        List<Registration.Information> information = new ArrayList<>();
        for (JsonNode info : infos) {
            information.add(information(info, ctx));
        }
        if (body.has("mode") && !MODES.contains(body.get("mode").asString(""))) {
            throw invalid("mode", "mode is one of " + MODES + "; got " + body.get("mode"));
        }
        if (body.has("operations")) {
            JsonNode ops = body.get("operations");
            if (!ops.isArray() || ops.isEmpty() || !allStrings(ops)) {
                throw invalid("operations", "operations is a non-empty array of operation names, e.g. "
                        + "[\"retrieveOps\"] or [\"retrieveEntity\", \"queryEntity\"]");
            }
        }
        for (String time : List.of("expiresAt", "expires")) {
            if (body.has(time)) {
                try {
                    Instant.parse(body.get(time).asString(""));
                } catch (DateTimeParseException e) {
                    throw invalid(time, time + " is an ISO 8601 UTC date-time such as 2026-12-31T00:00:00Z");
                }
            }
        }
        if (body.has("contextSourceInfo")) {
            JsonNode csi = body.get("contextSourceInfo");
            if (!csi.isArray()) {
                throw invalid("contextSourceInfo", "contextSourceInfo is an array of {key, value}");
            }
            for (JsonNode kv : csi) {
                if (!kv.path("key").isString() || !kv.path("value").isString()) {
                    throw invalid("contextSourceInfo", "each element of contextSourceInfo is {\"key\": …, \"value\": …}");
                }
            }
        }
        if (body.has("management") && !body.get("management").isObject()) {
            throw invalid("management", "management is an object {localOnly?, cacheDuration?, timeout?, cooldown?}");
        }
        return new Registration(id, body, List.copyOf(ctx), List.copyOf(information), properties(body, ctx),
                extent(body));
    }

    /** Where, in which scopes and over which times the source holds entities (§5.2.9), each member checked. */
    private static Registration.Extent extent(ObjectNode body) {
        Map<String, JsonNode> areas = new java.util.HashMap<>();
        for (String iri : Registration.AREAS) {
            String member = iri.substring(iri.lastIndexOf('/') + 1);
            if (body.has(member)) {
                JsonNode area = body.get(member);
                if (!org.saola.context.geo.GeoJson.looksLikeGeometry(area)) {
                    throw invalid(member, member + " is a GeoJSON geometry, e.g. {\"type\": \"Polygon\", \"coordinates\": …}");
                }
                org.saola.context.geo.GeoJson.requireValid(member, area);
                areas.put(iri, area);
            }
        }
        List<String> scopes = org.saola.context.domain.NgsiLdPayloads.scopes(body).orElse(List.of());
        return new Registration.Extent(Map.copyOf(areas), scopes, interval(body, "observationInterval"),
                interval(body, "managementInterval"));
    }

    private static java.util.Optional<Registration.Interval> interval(ObjectNode body, String member) {
        if (!body.has(member)) {
            return java.util.Optional.empty();
        }
        JsonNode i = body.get(member);
        try {
            Instant start = Instant.parse(i.path("startAt").asString(""));
            java.util.Optional<Instant> end = i.has("endAt")
                    ? java.util.Optional.of(Instant.parse(i.get("endAt").asString(""))) : java.util.Optional.empty();
            if (end.isPresent() && end.get().isBefore(start)) {
                throw invalid(member, member + " ends (endAt) before it starts (startAt)");
            }
            return java.util.Optional.of(new Registration.Interval(start, end));
        } catch (DateTimeParseException e) {
            throw invalid(member, member + " is {\"startAt\": date-time, \"endAt\"?: date-time}, e.g. "
                    + "{\"startAt\": \"2026-01-01T00:00:00Z\"}");
        }
    }

    private Registration.Information information(JsonNode info, List<URI> ctx) {
        if (!info.isObject()) {
            throw invalid("information", "each element of information is an object");
        }
        List<Registration.EntityInfo> entities = new ArrayList<>();
        if (info.has("entities")) {
            for (EntityInfo e : EntityInfo.parseAll(info.get("entities"), "information")) {
                entities.add(new Registration.EntityInfo(contexts.expandTerm(ctx, e.type()), e.id(), e.idPattern()));
            }
        }
        Set<String> attributes = new LinkedHashSet<>();
        for (String member : List.of("propertyNames", "relationshipNames")) {
            if (info.has(member)) {
                JsonNode names = info.get(member);
                if (!names.isArray() || !allStrings(names)) {
                    throw invalid("information", member + " is an array of attribute names");
                }
                names.forEach(n -> attributes.add(contexts.expandTerm(ctx, n.asString())));
            }
        }
        if (entities.isEmpty() && attributes.isEmpty()) {
            throw invalid("information", "each element of information names entities, propertyNames or "
                    + "relationshipNames");
        }
        return new Registration.Information(List.copyOf(entities), Set.copyOf(attributes));
    }

    /** The registration's members as Properties named by their IRIs, so that q and csf can test them. */
    private ObjectNode properties(ObjectNode body, List<URI> ctx) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> m : body.properties()) {
            if (m.getKey().equals("id") || m.getKey().equals("type")) {
                continue;
            }
            ObjectNode p = JsonNodeFactory.instance.objectNode().put("type", "Property");
            p.set("value", m.getValue());
            out.set(contexts.expandTerm(ctx, m.getKey()), p);
        }
        return out;
    }

    private static boolean absoluteHttp(String uri) {
        try {
            URI u = new URI(uri);
            return (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")))
                    && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isString()) {
                return false;
            }
        }
        return true;
    }

    private static InvalidInputException invalid(String member, String detail) {
        return new InvalidInputException(member, detail);
    }
}
