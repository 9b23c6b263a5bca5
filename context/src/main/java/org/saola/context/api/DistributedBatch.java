package org.saola.context.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.context.domain.NgsiLdPayloads;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Batch operations with registered context sources (ETSI GS CIM 009 V1.8.1 §5.6.7-5.6.10). For each registration,
 * the entities it is registered for, each with the attributes it covers: an exclusive or redirect source gets those
 * attributes and Saola does not write them; an inclusive one gets what no exclusive or redirect source took. A
 * source offering the batch operation ({@code createBatch}, {@code upsertBatch}, {@code updateBatch},
 * {@code mergeBatch}, {@code deleteBatch}: named in its registration, no group holds them) gets one batch request;
 * one offering only the one-entity operation ({@code createEntity}, {@code updateAttrs}, {@code mergeEntity},
 * {@code deleteEntity}, by name or group) gets one request per entity (an upsert: a create, then a replacement or,
 * with {@code options=update}, an append where the entity exists there).
 */
final class DistributedBatch {

    /** The batch operations, with the one-entity operation each falls back to. */
    enum Kind {
        CREATE("create", "createBatch", "createEntity"),
        UPSERT("upsert", "upsertBatch", "createEntity"),
        UPDATE("update", "updateBatch", "updateAttrs"),
        MERGE("merge", "mergeBatch", "mergeEntity"),
        DELETE("delete", "deleteBatch", "deleteEntity");

        final String path;
        final String batch;
        final String single;

        Kind(String path, String batch, String single) {
            this.path = path;
            this.batch = batch;
            this.single = single;
        }
    }

    /** One entity of the batch as sent ({@code body}: null for a deletion), its id, types and attributes (IRIs). */
    record Part(String id, JsonNode body, List<String> types, Set<String> attributes, List<java.net.URI> contexts) {
    }

    /**
     * What the sources did: per entity, the attributes exclusive and redirect sources hold (Saola leaves them out);
     * the entities some source took; and one BatchEntityError per entity a source did not take.
     */
    record Result(Map<String, Set<String>> taken, Set<String> tookAny, List<Map<String, Object>> errors) {

        static final Result NONE = new Result(Map.of(), Set.of(), List.of());

        Set<String> takenOf(String id) {
            return taken.getOrDefault(id, Set.of());
        }
    }

    private final Federation federation;
    private final NgsiLdPayloads payloads;
    private final JsonMapper json;

    DistributedBatch(Federation federation, NgsiLdPayloads payloads, JsonMapper json) {
        this.federation = federation;
        this.payloads = payloads;
        this.json = json;
    }

    /** A forward of one registration: the source, and each entity's part for it. */
    private record ForSource(Federation.Forward forward, Map<String, ObjectNode> parts) {
    }

    /**
     * Sends the batch's parts on to the sources registered for them. {@code parts} are made only if the batch may
     * go to sources at all (most tenants register none). {@code options}: the batch request's own
     * ({@code replace}/{@code update} for an upsert, {@code noOverwrite} for an update), or null.
     */
    Result forward(TenantId tenant, Kind kind, java.util.function.Supplier<List<Part>> parts, String options,
            String link, String contentType, Map<String, String> params, String via) {
        if (!federation.mayForward(params, via) || !federation.anyRegistration(tenant)) {
            return Result.NONE;
        }
        Map<String, Set<String>> taken = new LinkedHashMap<>();
        Map<String, ForSource> bySource = new LinkedHashMap<>();
        for (Part p : parts.get()) {
            List<Federation.Forward> forwards = federation.writes(tenant, p.id(), p.types(), p.attributes(),
                    Set.of(kind.batch, kind.single));
            Set<String> held = new LinkedHashSet<>();
            for (Federation.Forward f : forwards) {
                if (f.instead()) {
                    held.addAll(f.attributes().isEmpty() ? p.attributes() : f.attributes());
                }
            }
            if (!held.isEmpty()) {
                taken.put(p.id(), held);
            }
            for (Federation.Forward f : forwards) {
                Set<String> theirs = new LinkedHashSet<>(f.attributes().isEmpty() ? p.attributes() : f.attributes());
                if (!f.instead()) {
                    theirs.removeAll(held);
                    if (theirs.isEmpty() && !p.attributes().isEmpty()) {
                        continue;
                    }
                }
                bySource.computeIfAbsent(f.source().registration(), r -> new ForSource(f, new LinkedHashMap<>()))
                        .parts().put(p.id(), part(p, theirs));
            }
        }
        Set<String> tookAny = new LinkedHashSet<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ForSource s : bySource.values()) {
            Map<String, String> failed = s.forward().offered().contains(kind.batch)
                    ? batch(tenant, kind, s, options, link, contentType, via)
                    : oneByOne(tenant, kind, s, options, link, contentType, via);
            for (String id : s.parts().keySet()) {
                if (!failed.containsKey(id)) {
                    tookAny.add(id);
                } else if (failed.get(id) != null) {
                    errors.add(error(id, s.forward().source().registration(), failed.get(id)));
                }
            }
        }
        return new Result(taken, tookAny, errors);
    }

    /** What every part of an entity carries, whatever its attributes. */
    private static final Set<String> ENTITY_MEMBERS = Set.of("id", "type", "scope", "@context");

    /** An entity's part for one source: its id, type and scope with the attributes given to it. */
    private ObjectNode part(Part p, Set<String> theirs) {
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        if (p.body() == null) {
            return part.put("id", p.id());
        }
        for (var m : p.body().properties()) {
            if (ENTITY_MEMBERS.contains(m.getKey())
                    || theirs.contains(payloads.name(m.getKey(), p.contexts()))) {
                part.set(m.getKey(), m.getValue());
            }
        }
        return part;
    }

    /** One batch request; the ids the source did not take, with why (null: a deletion of one it does not hold). */
    private Map<String, String> batch(TenantId tenant, Kind kind, ForSource s, String options, String link,
            String contentType, String via) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        s.parts().forEach((id, part) -> body.add(kind == Kind.DELETE ? JsonNodeFactory.instance.stringNode(id) : part));
        String path = "/ngsi-ld/v1/entityOperations/" + kind.path + (options == null ? "" : "?options=" + encode(options));
        Federation.Sent sent = federation.exchange(tenant, s.forward(), "POST", path, json.writeValueAsBytes(body),
                contentType, link, via);
        Map<String, String> failed = new LinkedHashMap<>();
        if (sent.error().isPresent()) {
            s.parts().keySet().forEach(id -> failed.put(id, sent.error().get()));
        } else if (sent.status() == 207) {
            // §5.2.16: the source's BatchOperationResult names the entities it did not take.
            try {
                for (JsonNode e : json.readTree(sent.body()).path("errors")) {
                    if (kind == Kind.DELETE && e.path("error").path("status").asInt() == 404) {
                        failed.put(e.path("entityId").asString(""), null);      // not held there
                        continue;
                    }
                    failed.put(e.path("entityId").asString(""), "the context source of registration "
                            + s.forward().source().registration() + " refused it: "
                            + e.path("error").path("detail").asString(e.path("error").path("title").asString("")));
                }
            } catch (RuntimeException unreadable) {
                s.parts().keySet().forEach(id -> failed.put(id, "the context source of registration "
                        + s.forward().source().registration() + " answered 207 without a BatchOperationResult"));
            }
        }
        return failed;
    }

    /**
     * One request per entity, with the one-entity operation (§5.6.7-5.6.10's fallback); the ids the source did not
     * take, with why (null: a deletion of an entity it does not hold).
     */
    private Map<String, String> oneByOne(TenantId tenant, Kind kind, ForSource s, String options, String link,
            String contentType, String via) {
        Map<String, String> failed = new LinkedHashMap<>();
        s.parts().forEach((id, part) -> {
            String entity = "/ngsi-ld/v1/entities/" + encode(id);
            byte[] body = json.writeValueAsBytes(part);
            Federation.Sent sent = switch (kind) {
                case CREATE -> federation.exchange(tenant, s.forward(), "POST", "/ngsi-ld/v1/entities", body, contentType,
                        link, via);
                case UPSERT -> {
                    Federation.Sent created = federation.exchange(tenant, s.forward(), "POST", "/ngsi-ld/v1/entities", body,
                            contentType, link, via);
                    if (created.status() != 409) {
                        yield created;
                    }
                    // It exists there: replaced (the default), or the attributes merged in with options=update.
                    yield "update".equals(options)
                            ? federation.exchange(tenant, s.forward(), "POST", entity + "/attrs", withoutIdAndType(part),
                                    contentType, link, via)
                            : federation.exchange(tenant, s.forward(), "PUT", entity, body, contentType, link, via);
                }
                case UPDATE -> "noOverwrite".equals(options)
                        ? federation.exchange(tenant, s.forward(), "POST", entity + "/attrs?options=noOverwrite",
                                withoutIdAndType(part), contentType, link, via)
                        : federation.exchange(tenant, s.forward(), "PATCH", entity + "/attrs", withoutIdAndType(part),
                                contentType, link, via);
                case MERGE -> federation.exchange(tenant, s.forward(), "PATCH", entity, body, contentType, link, via);
                case DELETE -> federation.exchange(tenant, s.forward(), "DELETE", entity, null, null, link, via);
            };
            if (kind == Kind.DELETE && sent.status() == 404) {
                failed.put(id, null);          // a deletion of an entity the source does not hold: not its part
            } else {
                sent.error().ifPresent(why -> failed.put(id, why));
            }
        });
        return failed;
    }

    private byte[] withoutIdAndType(ObjectNode part) {
        ObjectNode attributes = part.deepCopy();
        attributes.remove(List.of("id", "type"));
        return json.writeValueAsBytes(attributes);
    }

    /**
     * A BatchEntityError (§5.2.17) for an entity (or part of one) a source did not take, naming its registration
     * where known.
     */
    static Map<String, Object> error(String id, String registration, String why) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://uri.etsi.org/ngsi-ld/errors/Conflict");
        problem.put("title", "Conflict");
        problem.put("status", 409);
        problem.put("detail", why);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("entityId", id);
        if (registration != null) {
            error.put("registrationId", registration);
        }
        error.put("error", problem);
        return error;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
