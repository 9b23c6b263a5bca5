package org.saola.context.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.context.AttributeInstances;
import org.saola.context.StoredEntity;
import org.saola.context.domain.NgsiLdPayloads;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.registration.Registration;
import org.saola.context.registration.RegistrationParser;
import org.saola.context.store.RegistrationStore;
import org.saola.platform.TenantId;
import org.saola.platform.outbound.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Federation with registered context sources (ETSI GS CIM 009 V1.8.1 §4.3.6, §5.7): a retrieval or query is also
 * sent to each context source whose registration covers it and offers that operation, and their entities are
 * merged with Saola's own. Calls go through the platform's outbound policy, carry the registration's
 * {@code contextSourceInfo} as headers and its {@code tenant} as {@code NGSILD-Tenant}, and a {@code Via} header
 * naming this broker, so a request that comes back through a loop of registrations is answered locally only. A
 * source that fails is reported in a warning; the answer keeps what the others and Saola gave.
 */
@Component
class Federation {

    private static final Logger log = LoggerFactory.getLogger(Federation.class);
    /** Operations a registration offers when it names none (§5.2.9: federationOps). */
    private static final Set<String> RETRIEVE = Set.of("retrieveEntity", "retrieveOps", "federationOps", "redirectionOps");
    private static final Set<String> QUERY = Set.of("queryEntity", "retrieveOps", "federationOps", "redirectionOps");
    private static final Set<String> RETRIEVE_TEMPORAL = Set.of("retrieveTemporal", "federationOps");
    private static final Set<String> QUERY_TEMPORAL = Set.of("queryTemporal", "federationOps");
    private static final Set<String> TYPE_INFO = Set.of("retrieveEntityTypeInfo", "federationOps", "associationOps",
            "redirectionOps");
    private static final Set<String> ATTRIBUTE_INFO = Set.of("retrieveAttrTypeInfo", "federationOps", "associationOps",
            "redirectionOps");
    /** Query parameters that shape or page Saola's own answer and are not passed on. */
    private static final Set<String> OWN_PARAMETERS = Set.of("limit", "offset", "count", "local", "join", "joinLevel",
            "containedBy", "options", "format", "pick", "omit", "lang", "csf");

    /** A context source a request goes to. */
    record Source(String registration, URI endpoint, String mode, Map<String, String> headers, Set<String> attributes) {

        /** Whether the registration covers this attribute (IRI) of the entities it names. */
        boolean covers(String attribute) {
            return attributes.isEmpty() || attributes.contains(attribute);
        }

        boolean inclusive() {
            return mode.equals("inclusive") || mode.equals("auxiliary");
        }
    }

    /**
     * Operations by the groups a registration may name instead (§5.2.9, Table 4.20-2), for the writes Saola
     * forwards.
     */
    private static final Map<String, Set<String>> WRITE_GROUPS = Map.of(
            "updateOps", Set.of("updateEntity", "updateAttrs", "replaceEntity", "replaceAttrs"),
            "redirectionOps", Set.of("createEntity", "updateAttrs", "appendAttrs", "deleteAttrs", "deleteEntity",
                    "mergeEntity", "replaceEntity", "replaceAttrs"));

    /**
     * A write for a source: the attributes (IRIs) it is registered for among those written (empty: all of them),
     * and which of the operations asked it offers.
     */
    record Forward(Source source, Set<String> attributes, Set<String> offered) {

        /** Exclusive and redirect sources hold what they are registered for: Saola does not write it too. */
        boolean instead() {
            return !source.inclusive();
        }
    }

    /** What the sources gave, and what went wrong with any of them. */
    record Answer(List<Sourced> entities, List<String> warnings, boolean complete) {
    }

    /** An entity as a source holds it, and that source's registration mode. */
    record Sourced(StoredEntity entity, Source source) {

        String mode() {
            return source.mode();
        }
    }

    private final RegistrationStore registrations;
    private final RegistrationParser parser;
    private final OutboundHttp http;
    private final NgsiLdPayloads payloads;
    private final JsonMapper json;
    private final InstantSource clock;
    /** This broker's name in Via headers. */
    private final String self = "saola-" + UUID.randomUUID().toString().substring(0, 12);

    Federation(RegistrationStore registrations, JsonLdContexts contexts, OutboundHttp http, JsonMapper json,
            InstantSource clock) {
        this.registrations = registrations;
        this.parser = new RegistrationParser(contexts);
        this.http = http;
        this.payloads = new NgsiLdPayloads(contexts);
        this.json = json;
        this.clock = clock;
    }

    /**
     * §5.7.5-5.7.8 distributed discovery: the entity types the tenant's registrations (in force) name, each with the
     * attributes they are registered for (IRIs; an empty set: not named, so unknown here).
     */
    Map<String, Set<String>> registeredTypes(TenantId tenant) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        for (InForce f : inForce(tenant)) {
            for (Registration.Information i : f.registration().information()) {
                for (Registration.EntityInfo e : i.entities()) {
                    out.computeIfAbsent(e.type(), t -> new java.util.TreeSet<>()).addAll(i.attributes());
                }
            }
        }
        return out;
    }

    /** A registration in force, as stored (its body) and as read (names expanded). */
    private record InForce(RegistrationStore.StoredRegistration stored, Registration registration) {

        ObjectNode body() {
            return stored.body();
        }

        String mode() {
            return stored.body().path("mode").asString("inclusive");
        }

        /** Whether it offers a write operation, by name or through a group (§4.20). */
        boolean offers(String operation) {
            Set<String> offered = operations();
            return offered.contains(operation) || offered.stream()
                    .anyMatch(g -> WRITE_GROUPS.getOrDefault(g, Set.of()).contains(operation));
        }

        /** The operations it offers (§5.2.9), none named meaning federationOps. */
        Set<String> operations() {
            Set<String> offered = new java.util.HashSet<>();
            stored.body().path("operations").forEach(o -> offered.add(o.asString()));
            if (offered.isEmpty()) {
                offered.add("federationOps");
            }
            return offered;
        }
    }

    /** The tenant's registrations that have not expired and can be read (others are not in force). */
    private List<InForce> inForce(TenantId tenant) {
        Instant now = clock.instant();
        List<InForce> out = new ArrayList<>();
        for (RegistrationStore.StoredRegistration stored : registrations.recent(tenant)) {
            JsonNode expires = stored.body().has("expiresAt") ? stored.body().get("expiresAt") : stored.body().get("expires");
            if (expires != null && Instant.parse(expires.asString()).isBefore(now)) {
                continue;
            }
            try {
                out.add(new InForce(stored, parser.read(stored.body(), stored.contexts())));
            } catch (RuntimeException unreadable) {
                // not in force
            }
        }
        return out;
    }

    /** Whether the tenant has registrations at all (most have none: nothing to look up for a write then). */
    boolean anyRegistration(TenantId tenant) {
        return !registrations.recent(tenant).isEmpty();
    }

    /** Whether a request with these Via and local values may be sent on to context sources. */
    boolean mayForward(Map<String, String> params, String via) {
        return !"true".equals(params.get("local")) && (via == null || !via.contains(self));
    }

    /** The sources registered for what a retrieval or query asks (its registration query), offering the operation. */
    List<Source> sources(TenantId tenant, Registration.Query asked, boolean query) {
        return sources(tenant, asked, query ? QUERY : RETRIEVE);
    }

    /** The sources registered for what a temporal retrieval or query asks, offering that operation. */
    List<Source> temporalSources(TenantId tenant, Registration.Query asked, boolean query) {
        return sources(tenant, asked, query ? QUERY_TEMPORAL : RETRIEVE_TEMPORAL);
    }

    private List<Source> sources(TenantId tenant, Registration.Query asked, Set<String> operations) {
        List<Source> out = new ArrayList<>();
        for (InForce f : inForce(tenant)) {
            if (out.size() == MAX_SOURCES) {
                log.warn("More than {} context sources of tenant {} match one request; the others are not asked",
                        MAX_SOURCES, tenant);
                break;
            }
            if (f.operations().stream().anyMatch(operations::contains) && f.registration().matches(asked)) {
                out.add(source(f));
            }
        }
        return out;
    }

    /**
     * Sources asked for one request, at most: each is called in turn, within the outbound policy's timeout and
     * response size, so this bounds what one request can cost.
     */
    static final int MAX_SOURCES = 20;

    /**
     * §4.3.6.2 distributed writes: the sources a write of these attributes (IRIs; empty: the entity itself) of an
     * entity goes to, by its registrations' modes and operations: inclusive sources take it beside Saola,
     * exclusive and redirect ones instead of Saola for what they are registered for; auxiliary ones never take
     * writes. {@code types} are the entity's types where Saola knows them; without them the request names none,
     * and (§5.12) a registration matches by id alone.
     */
    List<Forward> writes(TenantId tenant, String id, List<String> types, Set<String> attributes, String operation) {
        return writes(tenant, id, types, attributes, Set.of(operation));
    }

    /** The same, for a source offering any of these operations (a batch operation, or its one-entity fallback). */
    List<Forward> writes(TenantId tenant, String id, List<String> types, Set<String> attributes, Set<String> operations) {
        List<Forward> out = new ArrayList<>();
        Optional<org.saola.context.query.TypeExpression.T> type = types.isEmpty() ? Optional.empty()
                : Optional.of(org.saola.context.query.TypeExpression.anyOf(types));
        for (InForce f : inForce(tenant)) {
            if (out.size() == MAX_SOURCES) {
                break;
            }
            if (f.mode().equals("auxiliary") || operations.stream().noneMatch(f::offers)) {
                continue;                               // federationOps (the default) has no writes
            }
            Registration r = f.registration();
            Set<String> covered = new java.util.LinkedHashSet<>();
            if (attributes.isEmpty()) {
                if (!r.matches(new Registration.Query(type, List.of(id), Optional.empty(), List.of(), Optional.empty(),
                        Optional.empty()))) {
                    continue;
                }
            } else {
                for (String a : attributes) {
                    if (r.matches(new Registration.Query(type, List.of(id), Optional.empty(), List.of(a), Optional.empty(),
                            Optional.empty()))) {
                        covered.add(a);
                    }
                }
                if (covered.isEmpty()) {
                    continue;
                }
            }
            out.add(new Forward(source(f), covered, operations.stream().filter(f::offers)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet())));
        }
        return out;
    }

    /** What a source answered a write: its status and body, or why it did not take it (a refusal or a failure). */
    record Sent(int status, byte[] body, Optional<String> error) {
    }

    /**
     * Sends a write on to a source: the client's method and path under the source's endpoint, the body (or none),
     * the request's @context as a Link header when the body is plain JSON; what the source answered.
     */
    Sent exchange(TenantId tenant, Forward f, String method, String path, byte[] body, String contentType,
            String link, String via) {
        Source s = f.source();
        Map<String, String> headers = new LinkedHashMap<>(s.headers());
        headers.put("Via", (via == null || via.isBlank() ? "" : via + ", ") + "1.1 " + self);
        if (link != null && !link.isBlank() && (contentType == null || !contentType.startsWith("application/ld+json"))) {
            headers.put("Link", link);
        }
        try {
            OutboundHttp.Response r = http.send(Optional.of(tenant), method, URI.create(s.endpoint() + path), headers,
                    body, contentType == null ? "application/json" : contentType);
            if (r.status() / 100 == 2) {
                return new Sent(r.status(), r.body(), Optional.empty());
            }
            String detail = "";
            try {
                detail = json.readTree(r.body()).path("detail").asString("");
            } catch (RuntimeException unreadable) {
                // not problem details
            }
            return new Sent(r.status(), r.body(), Optional.of("the context source of registration " + s.registration()
                    + " answered " + r.status() + (detail.isBlank() ? "" : ": " + detail)));
        } catch (Exception e) {
            return new Sent(0, new byte[0], Optional.of("the context source of registration " + s.registration()
                    + " failed: " + failure(s, e)));
        }
    }

    /**
     * §5.7.7 and §5.7.10 distributed (§5.7.11's forwarding alternative): what each source registered for the type
     * ({@code attribute} false) or the attribute, offering retrieveEntityTypeInfo or retrieveAttrTypeInfo, answers
     * for it (an EntityTypeInfo or an Attribute); those that do not know it are left out, those that fail are
     * warnings.
     */
    List<JsonNode> typeOrAttributeInfo(TenantId tenant, String iri, String name, boolean attribute, String link,
            String via, List<String> warnings) {
        Registration.Query asked = attribute
                ? new Registration.Query(Optional.empty(), List.of(), Optional.empty(), List.of(iri), Optional.empty(),
                        Optional.empty())
                : new Registration.Query(Optional.of(new org.saola.context.query.TypeExpression.Name(iri)), List.of(),
                        Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        List<JsonNode> out = new ArrayList<>();
        Set<String> brokers = new java.util.HashSet<>();
        for (Source s : sources(tenant, asked, attribute ? ATTRIBUTE_INFO : TYPE_INFO)) {
            if (!brokers.add(s.endpoint() + " " + s.headers().getOrDefault("NGSILD-Tenant", ""))) {
                continue;                  // several registrations of one broker: its counts are taken once
            }
            URI uri = URI.create(s.endpoint() + (attribute ? "/ngsi-ld/v1/attributes/" : "/ngsi-ld/v1/types/")
                    + URLEncoder.encode(name, StandardCharsets.UTF_8));
            fetchJson(tenant, s, uri, link, via, warnings, true).filter(JsonNode::isObject).ifPresent(out::add);
        }
        return out;
    }

    /** §5.7.1 distributed: the entity as each source holds it (absent from those that do not). */
    Answer retrieve(TenantId tenant, List<Source> sources, String id, Map<String, String> params, JsonLdRequest request,
            String link, String via) {
        List<Sourced> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Source s : sources) {
            URI uri = URI.create(s.endpoint() + "/ngsi-ld/v1/entities/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + query(params, Optional.empty()));
            // A source answers for the entity asked for, not for another it might send instead.
            fetch(tenant, s, uri, link, via, request, warnings, true)
                    .ifPresent(got -> got.stream().filter(e -> e.id().equals(id))
                            .forEach(e -> found.add(new Sourced(e, s))));
        }
        return new Answer(found, warnings, true);
    }

    /** §5.7.2 distributed: the entities each source holds that the query selects, at most {@code max} from each. */
    Answer query(TenantId tenant, List<Source> sources, Map<String, String> params, int max, JsonLdRequest request,
            String link, String via) {
        List<Sourced> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean complete = true;
        for (Source s : sources) {
            URI uri = URI.create(s.endpoint() + "/ngsi-ld/v1/entities" + query(params, Optional.of(max)));
            Optional<List<StoredEntity>> got = fetch(tenant, s, uri, link, via, request, warnings, false);
            if (got.isPresent()) {
                got.get().forEach(e -> found.add(new Sourced(e, s)));
                complete &= got.get().size() < max;
            }
        }
        return new Answer(found, warnings, complete);
    }

    private Optional<List<StoredEntity>> fetch(TenantId tenant, Source s, URI uri, String link, String via,
            JsonLdRequest request, List<String> warnings, boolean single) {
        return fetchJson(tenant, s, uri, link, via, warnings, single).flatMap(body -> {
            try {
                List<StoredEntity> out = new ArrayList<>();
                Instant now = clock.instant();
                for (JsonNode e : body.isMissingNode() ? List.<JsonNode>of() : single ? List.of(body) : body) {
                    NgsiLdPayloads.ParsedEntity p = payloads.entity(e, request.contexts());
                    out.add(new StoredEntity(p.id(), p.types(), p.attributes(), now, now, p.scopes()));
                }
                return Optional.of(out);
            } catch (RuntimeException e) {
                warnings.add(warning(s, e));
                return Optional.empty();
            }
        });
    }

    /**
     * A source's answer to a GET, as JSON (a missing node: it has no such entity); empty, with a warning, if it
     * failed.
     */
    private Optional<JsonNode> fetchJson(TenantId tenant, Source s, URI uri, String link, String via,
            List<String> warnings, boolean single) {
        Map<String, String> headers = new LinkedHashMap<>(s.headers());
        headers.put("Accept", "application/json");
        headers.put("Via", (via == null || via.isBlank() ? "" : via + ", ") + "1.1 " + self);
        if (link != null && !link.isBlank()) {
            headers.put("Link", link);
        }
        try {
            OutboundHttp.Response r = http.get(Optional.of(tenant), uri, headers);
            if (single && r.status() == 404) {
                return Optional.of(tools.jackson.databind.node.MissingNode.getInstance());
            }
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("it answered HTTP " + r.status());
            }
            if (r.truncated()) {
                throw new IllegalStateException("its answer is larger than Saola reads (saola.outbound.max-response)");
            }
            JsonNode body = json.readTree(r.body());
            if (single ? !body.isObject() : !body.isArray()) {
                throw new IllegalStateException("its answer is not " + (single ? "an entity" : "an array of entities"));
            }
            return Optional.of(body);
        } catch (Exception e) {
            warnings.add(warning(s, e));
            return Optional.empty();
        }
    }

    /** Why a call to a source failed, logged, and as it may be shown (no credentials of a URL in it). */
    private static String failure(Source s, Exception e) {
        String why = Secrets.maskUserInfoIn(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        log.info("Context source {} of registration {} failed: {}", OutboundHttp.redacted(s.endpoint()),
                s.registration(), why);
        return why;
    }

    private String warning(Source s, Exception e) {
        String why = failure(s, e);
        String agent = s.endpoint().getHost() + (s.endpoint().getPort() < 0 ? "" : ":" + s.endpoint().getPort());
        return "199 " + agent + " \"context source of registration " + s.registration() + " failed: "
                + why.replace('"', '\'') + "\"";
    }

    /**
     * §5.7.3 distributed: the temporal representation of the entity each source holds (JSON as it answers, with
     * the request's @context), absent from those that do not hold it.
     */
    List<ObjectNode> retrieveTemporal(TenantId tenant, List<Source> sources, String id, Map<String, String> params,
            String link, String via, List<String> warnings) {
        List<ObjectNode> out = new ArrayList<>();
        for (Source s : sources) {
            URI uri = URI.create(s.endpoint() + "/ngsi-ld/v1/temporal/entities/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + temporalQuery(params, Optional.empty()));
            fetchJson(tenant, s, uri, link, via, warnings, true)
                    .filter(b -> b instanceof ObjectNode o && id.equals(o.path("id").asString("")))
                    .ifPresent(b -> out.add((ObjectNode) b));
        }
        return out;
    }

    /** §5.7.4 distributed: the temporal representations of the entities each source holds that the query selects. */
    List<ObjectNode> queryTemporal(TenantId tenant, List<Source> sources, Map<String, String> params, int max,
            String link, String via, List<String> warnings) {
        List<ObjectNode> out = new ArrayList<>();
        for (Source s : sources) {
            URI uri = URI.create(s.endpoint() + "/ngsi-ld/v1/temporal/entities" + temporalQuery(params, Optional.of(max)));
            fetchJson(tenant, s, uri, link, via, warnings, false).ifPresent(b -> b.forEach(e -> {
                if (e instanceof ObjectNode o && o.path("id").isString()) {
                    out.add(o);
                }
            }));
        }
        return out;
    }

    /**
     * Two temporal representations of one entity (normalized or temporalValues, compacted alike) as one: each
     * attribute's instances from both, in time order, an instance both hold (same value at the same time) once.
     */
    static ObjectNode mergeTemporal(ObjectNode held, ObjectNode from) {
        ObjectNode out = held.deepCopy();
        for (Map.Entry<String, JsonNode> m : from.properties()) {
            String k = m.getKey();
            if (Set.of("id", "type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt").contains(k)) {
                continue;
            }
            JsonNode mine = out.get(k);
            JsonNode theirs = m.getValue();
            if (mine == null) {
                out.set(k, theirs);
            } else if (mine.isArray() || theirs.isArray()) {
                // Normalized instances (a broker may give a lone instance as an object).
                out.set(k, timeOrdered(mine.isArray() ? (tools.jackson.databind.node.ArrayNode) mine
                        : tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(mine), theirs.isArray()
                        ? theirs : tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(theirs)));
            } else if (mine instanceof ObjectNode o && theirs.isObject()) {
                for (Map.Entry<String, JsonNode> member : theirs.properties()) {   // values, objects, … pairs
                    if (o.get(member.getKey()) instanceof tools.jackson.databind.node.ArrayNode a
                            && member.getValue().isArray()) {
                        o.set(member.getKey(), timeOrdered(a, member.getValue()));
                    }
                }
            }
        }
        return out;
    }

    /** Instances (objects with a time) or [value, time] pairs from both lists, each once, in time order. */
    private static tools.jackson.databind.node.ArrayNode timeOrdered(tools.jackson.databind.node.ArrayNode a, JsonNode b) {
        java.util.LinkedHashMap<String, JsonNode> all = new java.util.LinkedHashMap<>();
        for (JsonNode n : a) {
            all.putIfAbsent(key(n), n);
        }
        for (JsonNode n : b) {
            all.putIfAbsent(key(n), n);
        }
        List<JsonNode> sorted = new ArrayList<>(all.values());
        sorted.sort(java.util.Comparator.comparing(Federation::time));         // by instant, not by text
        return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addAll(sorted);
    }

    private static Instant time(JsonNode n) {
        String text = "";
        if (n.isArray()) {
            text = n.path(1).asString("");
        } else {
            for (String t : List.of("observedAt", "modifiedAt", "deletedAt", "createdAt")) {
                if (n.path(t).isString()) {
                    text = n.get(t).asString();
                    break;
                }
            }
        }
        try {
            return org.saola.context.Timestamps.parse(text);
        } catch (RuntimeException unreadable) {
            return Instant.MIN;
        }
    }

    /** An instance's identity across brokers: its time and value (instanceIds are each broker's own). */
    private static String key(JsonNode n) {
        if (n.isArray()) {
            return n.toString();
        }
        ObjectNode copy = ((ObjectNode) n).deepCopy();
        copy.remove(List.of("instanceId", "createdAt", "modifiedAt"));
        return copy.toString();
    }

    /** As {@link #query}, with the representation asked for (format, options), in which the answers are joined. */
    private static String temporalQuery(Map<String, String> params, Optional<Integer> limit) {
        StringBuilder q = new StringBuilder(query(params, limit));
        for (String p : List.of("format", "options")) {
            if (params.containsKey(p)) {
                q.append(q.isEmpty() ? "?" : "&").append(p).append('=')
                        .append(URLEncoder.encode(params.get(p), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    /** The client's own query parameters, passed on, with the page size Saola asks of the source. */
    private static String query(Map<String, String> params, Optional<Integer> limit) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (!OWN_PARAMETERS.contains(k)) {
                q.append(q.isEmpty() ? "?" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        limit.ifPresent(l -> q.append(q.isEmpty() ? "?" : "&").append("limit=").append(l));
        return q.toString();
    }

    /**
     * §4.3.6.3: one entity from what Saola (or the sources merged so far) and each source hold, the sources taken
     * in the order of {@link #byMode}. Types and attributes are joined. Of two instances of one attribute (same
     * datasetId): from an inclusive source, the more recently observed wins (without observation times, the one
     * held); an exclusive or redirect source's wins, since it holds that data and Saola does not; an auxiliary
     * source's only fills what no other gave.
     */
    static StoredEntity merge(StoredEntity held, Sourced sourced) {
        StoredEntity from = sourced.entity();
        ObjectNode attrs = held.attributes().deepCopy();
        for (Map.Entry<String, JsonNode> a : from.attributes().properties()) {
            // Exclusive and redirect sources hold what they are registered for; of the rest they are as inclusive.
            String mode = sourced.mode().equals("auxiliary") || sourced.source().covers(a.getKey()) ? sourced.mode()
                    : "inclusive";
            List<ObjectNode> instances = new ArrayList<>(AttributeInstances.of(attrs.get(a.getKey())));
            for (ObjectNode theirs : AttributeInstances.of(a.getValue())) {
                String dataset = AttributeInstances.datasetId(theirs);
                ObjectNode ours = AttributeInstances.find(attrs.get(a.getKey()), dataset);
                boolean replace = switch (mode) {
                    case "exclusive", "redirect" -> true;
                    case "auxiliary" -> false;
                    default -> newer(theirs, ours == null ? theirs : ours).orElse(false);
                };
                if (ours == null) {
                    instances.add(theirs);
                } else if (replace) {
                    instances.set(instances.indexOf(ours), theirs);
                }
            }
            attrs.set(a.getKey(), AttributeInstances.hold(instances));
        }
        List<String> types = new ArrayList<>(held.types());
        from.types().stream().filter(t -> !types.contains(t)).forEach(types::add);
        List<String> scopes = new ArrayList<>(held.scopes());
        from.scopes().stream().filter(t -> !scopes.contains(t)).forEach(scopes::add);
        return new StoredEntity(held.id(), types, attrs, held.createdAt(), held.modifiedAt(), scopes);
    }

    /** The order sources' entities are merged in: inclusive, then exclusive and redirect, auxiliary last. */
    static List<Sourced> byMode(List<Sourced> entities) {
        return entities.stream().sorted(java.util.Comparator.comparingInt(e -> switch (e.mode()) {
            case "exclusive", "redirect" -> 1;
            case "auxiliary" -> 2;
            default -> 0;
        })).toList();
    }

    /** A registration's source: its endpoint, and its contextSourceInfo and tenant as headers. */
    private static Source source(InForce f) {
        ObjectNode body = f.body();
        Registration r = f.registration();
        String registration = f.stored().id();
        String mode = f.mode();
        Map<String, String> headers = new LinkedHashMap<>();
        body.path("contextSourceInfo").forEach(kv -> headers.put(kv.path("key").asString(), kv.path("value").asString()));
        if (body.path("tenant").isString()) {
            headers.put("NGSILD-Tenant", body.get("tenant").asString());
        }
        String endpoint = body.get("endpoint").asString().replaceAll("/+$", "");
        // The attributes it is registered for: none named in some information element means any.
        Set<String> attributes = r.information().stream().anyMatch(i -> i.attributes().isEmpty()) ? Set.of()
                : r.information().stream().flatMap(i -> i.attributes().stream()).collect(java.util.stream.Collectors.toSet());
        return new Source(registration, URI.create(endpoint), mode, headers, attributes);
    }

    /** Whether {@code a} was observed after {@code b}; empty if either has no observation time. */
    private static Optional<Boolean> newer(ObjectNode a, ObjectNode b) {
        if (!a.path("observedAt").isString() || !b.path("observedAt").isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.saola.context.Timestamps.parse(a.get("observedAt").asString())
                    .isAfter(org.saola.context.Timestamps.parse(b.get("observedAt").asString())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
