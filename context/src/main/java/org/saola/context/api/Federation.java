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
    /** Query parameters that shape or page Saola's own answer and are not passed on. */
    private static final Set<String> OWN_PARAMETERS = Set.of("limit", "offset", "count", "local", "join", "joinLevel",
            "containedBy", "options", "format", "pick", "omit", "lang", "csf");

    /** A context source a request goes to. */
    record Source(String registration, URI endpoint, String mode, Map<String, String> headers) {

        boolean inclusive() {
            return mode.equals("inclusive") || mode.equals("auxiliary");
        }
    }

    /** What the sources gave, and what went wrong with any of them. */
    record Answer(List<StoredEntity> entities, List<String> warnings, boolean complete) {
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

    /** Whether a request with these Via and local values may be sent on to context sources. */
    boolean mayForward(Map<String, String> params, String via) {
        return !"true".equals(params.get("local")) && (via == null || !via.contains(self));
    }

    /** The sources registered for what a retrieval or query asks (its registration query), offering the operation. */
    List<Source> sources(TenantId tenant, Registration.Query asked, boolean query) {
        Instant now = clock.instant();
        List<Source> out = new ArrayList<>();
        for (RegistrationStore.StoredRegistration stored : registrations.all(tenant)) {
            if (out.size() == MAX_SOURCES) {
                log.warn("More than {} context sources of tenant {} match one request; the others are not asked",
                        MAX_SOURCES, tenant);
                break;
            }
            ObjectNode body = stored.body();
            JsonNode expires = body.has("expiresAt") ? body.get("expiresAt") : body.get("expires");
            if (expires != null && Instant.parse(expires.asString()).isBefore(now)) {
                continue;
            }
            Registration r;
            try {
                r = parser.read(body, stored.contexts());
            } catch (RuntimeException e) {
                continue;
            }
            Set<String> offered = new java.util.HashSet<>();
            body.path("operations").forEach(o -> offered.add(o.asString()));
            if (offered.isEmpty()) {
                offered.add("federationOps");
            }
            if (offered.stream().noneMatch(query ? QUERY::contains : RETRIEVE::contains) || !r.matches(asked)) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            body.path("contextSourceInfo").forEach(kv -> headers.put(kv.path("key").asString(), kv.path("value").asString()));
            if (body.path("tenant").isString()) {
                headers.put("NGSILD-Tenant", body.get("tenant").asString());
            }
            String endpoint = body.get("endpoint").asString().replaceAll("/+$", "");
            out.add(new Source(stored.id(), URI.create(endpoint), body.path("mode").asString("inclusive"), headers));
        }
        return out;
    }

    /**
     * Sources asked for one request, at most: each is called in turn, within the outbound policy's timeout and
     * response size, so this bounds what one request can cost.
     */
    static final int MAX_SOURCES = 20;

    /** §5.7.1 distributed: the entity as each source holds it (absent from those that do not). */
    Answer retrieve(TenantId tenant, List<Source> sources, String id, Map<String, String> params, JsonLdRequest request,
            String link, String via) {
        List<StoredEntity> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Source s : sources) {
            URI uri = URI.create(s.endpoint() + "/ngsi-ld/v1/entities/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + query(params, Optional.empty()));
            // A source answers for the entity asked for, not for another it might send instead.
            fetch(tenant, s, uri, link, via, request, warnings, true)
                    .ifPresent(got -> got.stream().filter(e -> e.id().equals(id)).forEach(found::add));
        }
        return new Answer(found, warnings, true);
    }

    /** §5.7.2 distributed: the entities each source holds that the query selects, at most {@code max} from each. */
    Answer query(TenantId tenant, List<Source> sources, Map<String, String> params, int max, JsonLdRequest request,
            String link, String via) {
        List<StoredEntity> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean complete = true;
        for (Source s : sources) {
            URI uri = URI.create(s.endpoint() + "/ngsi-ld/v1/entities" + query(params, Optional.of(max)));
            Optional<List<StoredEntity>> got = fetch(tenant, s, uri, link, via, request, warnings, false);
            if (got.isPresent()) {
                found.addAll(got.get());
                complete &= got.get().size() < max;
            }
        }
        return new Answer(found, warnings, complete);
    }

    private Optional<List<StoredEntity>> fetch(TenantId tenant, Source s, URI uri, String link, String via,
            JsonLdRequest request, List<String> warnings, boolean single) {
        Map<String, String> headers = new LinkedHashMap<>(s.headers());
        headers.put("Accept", "application/json");
        headers.put("Via", (via == null || via.isBlank() ? "" : via + ", ") + "1.1 " + self);
        if (link != null && !link.isBlank()) {
            headers.put("Link", link);
        }
        try {
            OutboundHttp.Response r = http.get(Optional.of(tenant), uri, headers);
            if (single && r.status() == 404) {
                return Optional.of(List.of());
            }
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("it answered HTTP " + r.status());
            }
            if (r.truncated()) {
                throw new IllegalStateException("its answer is larger than Saola reads (saola.outbound.max-response)");
            }
            JsonNode body = json.readTree(r.body());
            List<StoredEntity> out = new ArrayList<>();
            Instant now = clock.instant();
            for (JsonNode e : single ? List.of(body) : body) {
                NgsiLdPayloads.ParsedEntity p = payloads.entity(e, request.contexts());
                out.add(new StoredEntity(p.id(), p.types(), p.attributes(), now, now, p.scopes()));
            }
            return Optional.of(out);
        } catch (Exception e) {
            String why = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .replaceAll("://[^/@\\s]*@", "://****@");
            log.info("Context source {} of registration {} failed: {}", OutboundHttp.redacted(s.endpoint()),
                    s.registration(), why);
            String agent = s.endpoint().getHost() + (s.endpoint().getPort() < 0 ? "" : ":" + s.endpoint().getPort());
            warnings.add("199 " + agent + " \"context source of registration " + s.registration()
                    + " failed: " + why.replace('"', '\'') + "\"");
            return Optional.empty();
        }
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
     * §4.3.6.3: one entity from what Saola and the sources hold. Types and attributes are joined; of two instances
     * of one attribute (same datasetId), the more recently observed wins; without observation times, Saola's own for
     * an inclusive source and the source's for an exclusive or redirect one (it holds that data, not Saola).
     */
    static StoredEntity merge(StoredEntity held, StoredEntity from, boolean inclusive) {
        ObjectNode attrs = held.attributes().deepCopy();
        for (Map.Entry<String, JsonNode> a : from.attributes().properties()) {
            List<ObjectNode> instances = new ArrayList<>(AttributeInstances.of(attrs.get(a.getKey())));
            for (ObjectNode theirs : AttributeInstances.of(a.getValue())) {
                String dataset = AttributeInstances.datasetId(theirs);
                ObjectNode ours = AttributeInstances.find(attrs.get(a.getKey()), dataset);
                if (ours == null) {
                    instances.add(theirs);
                } else if (newer(theirs, ours).orElse(!inclusive)) {
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
