package org.saola.context.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.context.EntityIds;
import org.saola.context.domain.UnsupportedFeatureException;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityInfo;
import org.saola.context.query.GeoQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.ScopeQuery;
import org.saola.context.query.TypeExpression;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and checks a subscription as a client sends it; every mistake is refused naming its member. */
public final class SubscriptionParser {

    private static final Set<String> MEMBERS = Set.of("id", "type", "subscriptionName", "description", "entities",
            "watchedAttributes", "notificationTrigger", "q", "geoQ", "notification", "isActive", "expiresAt",
            "throttling", "timeInterval", "lang", "@context", "status", "jsonldContext", "scopeQ", "csf", "expires",
            "datasetId");

    private final JsonLdContexts contexts;

    public SubscriptionParser(JsonLdContexts contexts) {
        this.contexts = contexts;
    }

    /** A new subscription: an id is made up if the client gave none. */
    public Subscription parse(TenantId tenant, JsonNode json, List<URI> ctx) {
        if (!json.isObject()) {
            throw invalid("body", "a subscription is a JSON object");
        }
        ObjectNode body = ((ObjectNode) json).deepCopy();
        if (body.has("expires") && !body.has("expiresAt")) {
            body.set("expiresAt", body.remove("expires"));              // its name in NGSI-LD 1.1
        }
        body.remove(List.of("@context", "status"));
        if (!body.has("id")) {
            body.put("id", "urn:ngsi-ld:Subscription:" + UUID.randomUUID());
        }
        return read(tenant, body, ctx);
    }

    /** A stored or merged subscription body (without @context). */
    public Subscription read(TenantId tenant, ObjectNode body, List<URI> ctx) {
        for (String member : body.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                throw invalid(member, "'" + member + "' is not a member of a subscription");
            }
        }
        String id = text(body, "id");
        EntityIds.requireValid(id);
        if (!"Subscription".equals(body.path("type").asString(""))) {
            throw invalid("type", "a subscription's type is \"Subscription\"");
        }
        int timeInterval = 0;
        if (body.has("timeInterval")) {
            JsonNode t = body.get("timeInterval");
            if (!t.isNumber() || t.asDouble() < 1) {
                throw invalid("timeInterval", "timeInterval is a number of seconds, 1 or more");
            }
            if (body.has("watchedAttributes")) {
                throw invalid("timeInterval", "a subscription has timeInterval (periodic) or watchedAttributes "
                        + "(on change), not both");
            }
            if (!body.has("entities")) {
                throw invalid("entities", "a periodic subscription names its entities");
            }
            timeInterval = (int) Math.ceil(t.asDouble());
        }
        if (body.has("jsonldContext")) {
            JsonNode c = body.get("jsonldContext");
            if (!c.isString() || !c.asString().matches("https?://[^\\s\\p{Cntrl}<>]+")) {
                throw invalid("jsonldContext", "jsonldContext is the http(s) URL of the @context for notifications");
            }
        }
        if (body.has("csf")) {
            throw new UnsupportedFeatureException("csf is not supported: Saola holds its entities itself");
        }
        Optional<ScopeQuery.S> scopeQ = body.has("scopeQ") ? Optional.of(ScopeQuery.parse(text(body, "scopeQ")))
                : Optional.empty();
        List<Subscription.Selector> entities = new ArrayList<>();
        if (body.has("entities")) {
            for (EntityInfo e : EntityInfo.parseAll(body.get("entities"), "entities")) {
                TypeExpression.T type = TypeExpression.parse(e.type()).mapNames(n -> contexts.expandTerm(ctx, n));
                entities.add(new Subscription.Selector(type, e.id(), e.idPattern()));
            }
        }
        Set<String> watched = new LinkedHashSet<>(names(body, "watchedAttributes", ctx));
        if (body.has("watchedAttributes") && watched.isEmpty()) {
            throw invalid("watchedAttributes", "watchedAttributes, if given, names at least one attribute");
        }
        if (entities.isEmpty() && watched.isEmpty()) {
            throw invalid("entities", "a subscription names entities, watchedAttributes or both");
        }
        Optional<QueryLanguage.Q> q = body.has("q")
                ? Optional.of(QueryLanguage.parse(text(body, "q")).mapNames(n -> contexts.expandTerm(ctx, n)))
                : Optional.empty();
        Optional<GeoQuery> geoQ = Optional.empty();
        if (body.has("geoQ")) {
            JsonNode g = body.get("geoQ");
            if (!g.isObject()) {
                throw invalid("geoQ", "geoQ is an object {geometry, coordinates, georel, geoproperty?}");
            }
            JsonNode coords = g.path("coordinates");
            geoQ = Optional.of(GeoQuery.parse(g.path("georel").asString(null), g.path("geometry").asString(null),
                    coords.isString() ? coords.asString() : coords.isMissingNode() ? null : coords.toString(),
                    contexts.expandTerm(ctx, g.path("geoproperty").asString("location"))));
        }
        Optional<List<String>> lang = Optional.empty();
        if (body.has("lang")) {
            if (!body.get("lang").isString()) {
                throw invalid("lang", "lang is a string of language tags, such as \"vi,en;q=0.5\"");
            }
            lang = Optional.of(org.saola.context.query.LanguageRanges.parse(body.get("lang").asString(), "lang"));
        }
        Optional<Set<String>> datasetIds = Optional.empty();
        if (body.has("datasetId")) {
            // §5.2.12: the instances of each attribute to notify, by datasetId ("@none": the default instance).
            JsonNode d = body.get("datasetId");
            if (!d.isArray() || d.isEmpty()) {
                throw invalid("datasetId", "datasetId is a non-empty array of datasetIds (URIs), \"@none\" for the "
                        + "default instances");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode one : d) {
                if (!one.isString()) {
                    throw invalid("datasetId", "each datasetId is a URI or \"@none\"; got " + one);
                }
                if (!one.asString().equals("@none")) {
                    try {
                        org.saola.context.EntityIds.requireValid(one.asString());
                    } catch (org.saola.platform.InvalidInputException notAUri) {
                        throw invalid("datasetId", "each datasetId is a URI or \"@none\"; got " + one);
                    }
                }
                ids.add(one.asString());
            }
            datasetIds = Optional.of(Set.copyOf(ids));
        }
        Subscription.Notification notification = notification(body.get("notification"), ctx, lang, datasetIds);
        boolean active = !body.has("isActive") || body.get("isActive").asBoolean(true);
        if (body.has("isActive") && !body.get("isActive").isBoolean()) {
            throw invalid("isActive", "isActive is true or false");
        }
        Optional<Instant> expiresAt = Optional.empty();
        if (body.has("expiresAt")) {
            try {
                expiresAt = Optional.of(Instant.parse(text(body, "expiresAt")));
            } catch (DateTimeParseException e) {
                throw invalid("expiresAt", "expiresAt is an ISO 8601 UTC date-time such as 2026-12-31T00:00:00Z");
            }
        }
        int throttling = 0;
        if (body.has("throttling")) {
            JsonNode t = body.get("throttling");
            if (!t.isNumber() || t.asDouble() < 0) {
                throw invalid("throttling", "throttling is a number of seconds, 0 or more");
            }
            throttling = (int) Math.ceil(t.asDouble());
        }
        Set<String> triggers = new LinkedHashSet<>(Subscription.DEFAULT_TRIGGERS);
        if (body.has("notificationTrigger")) {
            JsonNode t = body.get("notificationTrigger");
            if (!t.isArray() || t.isEmpty()) {
                throw invalid("notificationTrigger", "notificationTrigger is a non-empty array of "
                        + Subscription.TRIGGERS);
            }
            triggers.clear();
            for (JsonNode trigger : t) {
                if (!Subscription.TRIGGERS.contains(trigger.asString(""))) {
                    throw invalid("notificationTrigger", "'" + trigger.asString(trigger.toString())
                            + "' is not a notification trigger; use any of " + Subscription.TRIGGERS);
                }
                triggers.add(trigger.asString());
            }
            if (timeInterval > 0) {
                throw invalid("notificationTrigger", "a periodic subscription (timeInterval) has no notificationTrigger");
            }
        }
        return new Subscription(tenant, id, body, List.copyOf(ctx), List.copyOf(entities),
                Set.copyOf(watched), q, geoQ, notification, active, expiresAt, throttling, timeInterval,
                Set.copyOf(triggers), scopeQ);
    }

    private Subscription.Notification notification(JsonNode n, List<URI> ctx, Optional<List<String>> lang,
            Optional<Set<String>> datasetIds) {
        if (n == null || !n.isObject()) {
            throw invalid("notification", "a subscription needs notification: {endpoint: {uri}, attributes?, format?}");
        }
        List<String> attributes = names((ObjectNode) n, "attributes", ctx);
        String format = n.path("format").asString("normalized");
        if (!format.equals("normalized") && !format.equals("keyValues") && !format.equals("simplified")) {
            throw invalid("notification", "notification.format is normalized or keyValues; got '" + format + "'");
        }
        JsonNode endpoint = n.get("endpoint");
        if (endpoint == null || !endpoint.path("uri").isString()) {
            throw invalid("notification", "notification.endpoint.uri is required, an http(s):// or mqtt:// URL");
        }
        URI uri;
        try {
            uri = new URI(endpoint.get("uri").asString());
        } catch (URISyntaxException e) {
            throw invalid("notification", "notification.endpoint.uri is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!Set.of("http", "https", "mqtt").contains(scheme) || uri.getHost() == null) {
            throw invalid("notification", "notification.endpoint.uri is an http://, https:// or mqtt:// URL with a host");
        }
        if (scheme.equals("mqtt") && (uri.getPath() == null || uri.getPath().length() < 2)) {
            throw invalid("notification", "an mqtt:// endpoint names its topic as the path, e.g. mqtt://broker:1883/alerts");
        }
        String accept = endpoint.path("accept").asString("application/json");
        if (!accept.equals("application/json") && !accept.equals("application/ld+json")) {
            throw invalid("notification", "notification.endpoint.accept is application/json or application/ld+json");
        }
        Map<String, String> receiverInfo = keyValues(endpoint.get("receiverInfo"), "receiverInfo");
        Map<String, String> notifierInfo = keyValues(endpoint.get("notifierInfo"), "notifierInfo");
        int qos = 0;
        if (notifierInfo.containsKey("MQTT-QoS")) {
            qos = switch (notifierInfo.get("MQTT-QoS")) {
                case "0" -> 0;
                case "1" -> 1;
                case "2" -> 2;
                default -> throw invalid("notification", "MQTT-QoS is 0, 1 or 2");
            };
        }
        if (n.has("showChanges") && !n.get("showChanges").isBoolean()) {
            throw invalid("notification", "notification.showChanges is true or false");
        }
        if (n.path("showChanges").asBoolean(false) && !format.equals("normalized")) {
            // §5.2.14.1: the simplified representation has no place for a previous value.
            throw invalid("notification", "notification.showChanges cannot be true with format " + format
                    + " (NGSI-LD §5.2.14); use the normalized format to see previous values");
        }
        if (n.has("sysAttrs") && !n.get("sysAttrs").isBoolean()) {
            throw invalid("notification", "notification.sysAttrs is true or false");
        }
        return new Subscription.Notification(attributes, !format.equals("normalized"), uri, accept, receiverInfo, qos,
                n.path("showChanges").asBoolean(false), n.path("sysAttrs").asBoolean(false), lang, datasetIds);
    }

    private static Map<String, String> keyValues(JsonNode list, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw invalid("notification", name + " is an array of {key, value}");
        }
        for (JsonNode kv : list) {
            if (!kv.path("key").isString() || !kv.path("value").isString()) {
                throw invalid("notification", name + " is an array of {key, value} strings");
            }
            out.put(kv.get("key").asString(), kv.get("value").asString());
        }
        return out;
    }

    private List<String> names(ObjectNode o, String member, List<URI> ctx) {
        if (!o.has(member)) {
            return List.of();
        }
        JsonNode list = o.get(member);
        if (!list.isArray()) {
            throw invalid(member, member + " is an array of attribute names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isString() || n.asString().isBlank()) {
                throw invalid(member, member + " is an array of attribute names");
            }
            out.add(contexts.expandTerm(ctx, n.asString()));
        }
        return out;
    }

    private static String text(ObjectNode o, String member) {
        JsonNode v = o.get(member);
        if (v == null || !v.isString()) {
            throw invalid(member, member + " is a string");
        }
        return v.asString();
    }

    private static InvalidInputException invalid(String member, String detail) {
        return new InvalidInputException(member, detail);
    }
}
