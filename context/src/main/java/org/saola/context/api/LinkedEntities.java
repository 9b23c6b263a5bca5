package org.saola.context.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saola.context.AttributeInstances;
import org.saola.context.EntityIds;
import org.saola.context.StoredEntity;
import org.saola.context.query.EntityQuery;
import org.saola.context.store.EntityStore;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linked entity retrieval (ETSI GS CIM 009 V1.8.1 §4.5.23): with {@code join=inline} each Relationship of an
 * entity carries the entity it points to ({@code entity}; a ListRelationship {@code entityList}; in the simplified
 * representation the relationship's value becomes that entity), with {@code join=flat} the entities pointed to
 * are returned beside the entities asked for. {@code joinLevel} (1 to {@value #MAX_LEVEL}, default 1) says how many
 * relationships deep; an entity already on the way (or named in {@code containedBy}) is not followed again, so
 * cycles end.
 */
final class LinkedEntities {

    static final int MAX_LEVEL = 5;
    /** Entities read at one level of one answer, at most. */
    private static final int MAX_TARGETS = 1000;
    /**
     * Linked entities one answer may inline, at most: a tree of relationships can branch at every level, and
     * five levels of a many-to-many graph under a page of entities would otherwise be millions of renderings.
     */
    static final int MAX_INLINED = 10_000;

    /** What one answer has inlined so far, and the entities it has read (each read once). */
    private static final class Budget {
        int left = MAX_INLINED;
        final Map<String, StoredEntity> read = new java.util.HashMap<>();
        final Set<String> missing = new HashSet<>();

        void spend() {
            if (--left < 0) {
                throw new NgsiLdException(NgsiLdException.ErrorType.TooManyResults, "join=inline would put more than "
                        + MAX_INLINED + " linked entities into this answer; ask for fewer entities (limit) or a lower"
                        + " joinLevel, or use join=flat, which gives each linked entity once");
            }
        }
    }

    /** How to join: inline or flat, how deep, and the ids not to follow. */
    record Join(boolean flat, int level, Set<String> containedBy) {
    }

    /** How linked entities are rendered: as the entities asked for, without their own @context. */
    record Rendering(JsonLdRequest request, boolean keyValues, boolean concise) {
    }

    private final EntityStore store;
    private final EntityRenderer renderer;

    LinkedEntities(EntityStore store, EntityRenderer renderer) {
        this.store = store;
        this.renderer = renderer;
    }

    /** The join asked for, if any; a malformed one is {@code 400 BadRequestData}. */
    static Optional<Join> of(Map<String, String> params) {
        String join = params.get("join");
        if (join == null || join.equals("@none")) {
            if (params.containsKey("joinLevel") || params.containsKey("containedBy")) {
                throw bad("joinLevel and containedBy go with join=inline or join=flat");
            }
            return Optional.empty();
        }
        if (!join.equals("inline") && !join.equals("flat")) {
            throw bad("join is inline, flat or @none; got '" + join + "'");
        }
        int level = 1;
        if (params.containsKey("joinLevel")) {
            try {
                level = Integer.parseInt(params.get("joinLevel"));
            } catch (NumberFormatException e) {
                level = -1;
            }
            if (level < 1 || level > MAX_LEVEL) {
                throw bad("joinLevel is a whole number from 1 to " + MAX_LEVEL + "; got '" + params.get("joinLevel") + "'");
            }
        }
        Set<String> containedBy = new LinkedHashSet<>();
        if (params.containsKey("containedBy")) {
            for (String id : params.get("containedBy").split(",")) {
                EntityIds.requireValid(id.strip());
                containedBy.add(id.strip());
            }
        }
        return Optional.of(new Join(join.equals("flat"), level, containedBy));
    }

    /** join=inline: puts into each rendered entity the entities its relationships point to. */
    void inline(TenantId tenant, List<StoredEntity> entities, List<ObjectNode> rendered, Rendering how, Join join) {
        Budget budget = new Budget();
        for (int i = 0; i < entities.size(); i++) {
            Set<String> path = new HashSet<>(join.containedBy());
            path.add(entities.get(i).id());
            inline(tenant, entities.get(i), rendered.get(i), how, join.level(), path, budget);
        }
    }

    private void inline(TenantId tenant, StoredEntity entity, ObjectNode rendered, Rendering how, int levels, Set<String> path,
            Budget budget) {
        Map<String, List<String>> targets = targets(entity);
        Set<String> wanted = new LinkedHashSet<>();
        targets.values().forEach(ids -> ids.stream().filter(id -> !path.contains(id)).forEach(wanted::add));
        Map<String, StoredEntity> found = read(tenant, wanted, budget);
        for (Map.Entry<String, List<String>> t : targets.entrySet()) {
            String name = renderer.compact(how.request().contexts(), t.getKey());
            JsonNode shown = rendered.get(name);
            if (shown == null) {
                continue;                           // not asked for (attrs, pick, omit)
            }
            List<ObjectNode> linked = new ArrayList<>();
            for (String id : t.getValue()) {
                StoredEntity target = found.get(id);
                if (target == null) {
                    continue;                       // a dangling relationship, or one back along the path
                }
                budget.spend();
                ObjectNode r = render(target, how);
                if (levels > 1) {
                    Set<String> deeper = new HashSet<>(path);
                    deeper.add(id);
                    inline(tenant, target, r, how, levels - 1, deeper, budget);
                }
                linked.add(r);
            }
            if (linked.isEmpty()) {
                continue;
            }
            boolean list = isList(entity, t.getKey());
            if (how.keyValues()) {
                rendered.set(name, list ? JsonNodeFactory.instance.arrayNode().addAll(linked) : linked.getFirst());
            } else {
                for (JsonNode instance : shown.isArray() ? shown : List.of(shown)) {
                    if (instance instanceof ObjectNode o) {
                        if (list) {
                            o.set("entityList", JsonNodeFactory.instance.arrayNode().addAll(linked));
                        } else {
                            o.set("entity", linked.size() == 1 ? linked.getFirst()
                                    : JsonNodeFactory.instance.arrayNode().addAll(linked));
                        }
                    }
                }
            }
        }
    }

    /** join=flat: the entities the given ones point to, down to the join's level, each once, in the order met. */
    List<ObjectNode> flat(TenantId tenant, List<StoredEntity> entities, Rendering how, Join join) {
        Set<String> seen = new HashSet<>(join.containedBy());
        entities.forEach(e -> seen.add(e.id()));
        List<ObjectNode> out = new ArrayList<>();
        List<StoredEntity> level = entities;
        for (int l = 0; l < join.level() && !level.isEmpty(); l++) {
            Set<String> wanted = new LinkedHashSet<>();
            for (StoredEntity e : level) {
                targets(e).values().forEach(ids -> ids.stream().filter(id -> !seen.contains(id)).forEach(wanted::add));
            }
            Map<String, StoredEntity> found = read(tenant, wanted);
            List<StoredEntity> next = new ArrayList<>();
            for (String id : wanted) {
                StoredEntity e = found.get(id);
                if (e != null && seen.add(id)) {
                    out.add(render(e, how));
                    next.add(e);
                }
            }
            level = next;
        }
        return out;
    }

    private ObjectNode render(StoredEntity e, Rendering how) {
        ObjectNode r = renderer.entity(e, how.request(), how.keyValues(), false);
        r.remove("@context");
        return how.concise() ? EntityRenderer.concise(r) : r;
    }

    /** The entities of those ids that exist, each read from the database once per answer. */
    private Map<String, StoredEntity> read(TenantId tenant, Set<String> ids, Budget budget) {
        Map<String, StoredEntity> found = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String id : ids) {
            StoredEntity known = budget.read.get(id);
            if (known != null) {
                found.put(id, known);
            } else if (!budget.missing.contains(id)) {
                unknown.add(id);
            }
        }
        Map<String, StoredEntity> fresh = read(tenant, unknown);
        budget.read.putAll(fresh);
        unknown.stream().filter(id -> !fresh.containsKey(id)).forEach(budget.missing::add);
        found.putAll(fresh);
        return found;
    }

    private Map<String, StoredEntity> read(TenantId tenant, Set<String> ids) {
        Map<String, StoredEntity> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> some = ids.stream().limit(MAX_TARGETS).toList();
        EntityQuery query = new EntityQuery(tenant, Optional.empty(), some, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
        for (StoredEntity e : store.query(query, some.size(), 0)) {
            found.put(e.id(), e);
        }
        return found;
    }

    /** The entities each Relationship and ListRelationship of an entity points to (attribute IRI → ids). */
    private static Map<String, List<String>> targets(StoredEntity entity) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> a : entity.attributes().properties()) {
            List<String> ids = new ArrayList<>();
            for (ObjectNode instance : AttributeInstances.of(a.getValue())) {
                String kind = instance.path("type").asString("");
                if (kind.equals("Relationship")) {
                    JsonNode object = instance.get("object");
                    for (JsonNode o : object == null ? List.<JsonNode>of() : object.isArray() ? object : List.of(object)) {
                        if (o.isString()) {
                            ids.add(o.asString());
                        }
                    }
                } else if (kind.equals("ListRelationship")) {
                    JsonNode list = instance.get("objectList");
                    for (JsonNode o : list == null || !list.isArray() ? List.<JsonNode>of() : list) {
                        JsonNode id = o.isObject() ? o.get("object") : o;
                        if (id != null && id.isString()) {
                            ids.add(id.asString());
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                out.put(a.getKey(), ids);
            }
        }
        return out;
    }

    private static boolean isList(StoredEntity entity, String attribute) {
        ObjectNode primary = AttributeInstances.primary(entity.attributes().get(attribute));
        return primary != null && primary.path("type").asString("").equals("ListRelationship");
    }

    private static NgsiLdException bad(String detail) {
        return new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, detail);
    }

    static ArrayNode array(List<ObjectNode> nodes) {
        return JsonNodeFactory.instance.arrayNode().addAll(nodes);
    }
}
