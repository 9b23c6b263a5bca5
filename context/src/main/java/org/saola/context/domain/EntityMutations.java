package org.saola.context.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.context.AttributeInstances;
import org.saola.context.store.Effect;
import org.saola.context.store.EntityRow;
import org.saola.context.store.Mutation;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NGSI-LD entity operations (NGSI-LD 1.8.1 §5.6) as mutations of one entity's stored state. Attributes
 * come in expanded and normalized ({@link NgsiLdPayloads}); each written attribute instance carries its
 * own {@code createdAt} (kept from the instance it replaces) and {@code modifiedAt}, and goes into history
 * without them.
 */
public final class EntityMutations {

    /** A check of attributes about to be written to an entity of a type (e.g. its Smart Data Model); throws to refuse. */
    @FunctionalInterface
    public interface Check {
        Check NONE = (typeIri, attributes) -> { };

        void accept(String typeIri, ObjectNode attributes);
    }

    static final String CREATED_AT = "createdAt";
    static final String MODIFIED_AT = "modifiedAt";

    private EntityMutations() {
    }

    /** Creates the entity if it does not exist, then adds or replaces the given attributes. */
    public static Mutation merge(String id, String type, ObjectNode attributes) {
        return merge(id, List.of(type), Optional.empty(), attributes);
    }

    /**
     * Creates the entity if it does not exist, then adds or replaces the given attributes; the types are
     * added to the entity's (§4.16: types are only ever removed by replacing the entity) and the scopes, if
     * given, replace its scopes.
     */
    public static Mutation merge(String id, List<String> types, Optional<List<String>> scopes, ObjectNode attributes) {
        return (current, now) -> {
            EntityRow base = current.orElseGet(() -> new EntityRow(id, types, JsonNodeFactory.instance.objectNode(),
                    now, now, scopes.orElse(List.of())));
            ObjectNode attrs = sharing(base.attributes());
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> a : attributes.properties()) {
                put(attrs, history, a.getKey(), a.getValue(), now);
            }
            return new Effect.Write(new EntityRow(id, union(base.types(), types), attrs, base.createdAt(), now,
                    scopes.orElse(base.scopes())), history,
                    new UpdateResult(List.copyOf(attributes.propertyNames()), List.of()));
        };
    }

    /**
     * Readings observed by a sensor, merged in observation order rather than arrival order: an attribute whose
     * {@code observedAt} is before the one the entity holds is late (a backlog sent after an outage) and goes to
     * history only, where it is appended once (a resend of it adds nothing); the very instance the entity holds,
     * sent again, changes nothing. Otherwise as {@link #merge(String, String, ObjectNode)}. Single instances
     * without a datasetId, as devices send.
     */
    public static Mutation observe(String id, String type, ObjectNode attributes) {
        return (current, now) -> {
            EntityRow base = current.orElseGet(() -> new EntityRow(id, List.of(type), JsonNodeFactory.instance.objectNode(),
                    now, now, List.of()));
            ObjectNode attrs = sharing(base.attributes());
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            ObjectNode late = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> a : attributes.properties()) {
                JsonNode held = AttributeInstances.primary(attrs.get(a.getKey()));
                Optional<Instant> heldAt = observedAt(held);
                Optional<Instant> at = observedAt(a.getValue());
                if (heldAt.isPresent() && at.isPresent()) {
                    if (at.get().isBefore(heldAt.get())) {
                        late.set(a.getKey(), a.getValue());
                        continue;
                    }
                    if (at.get().equals(heldAt.get()) && sameInstance(held, a.getValue())) {
                        continue;
                    }
                }
                put(attrs, history, a.getKey(), a.getValue(), now);
            }
            UpdateResult result = new UpdateResult(List.copyOf(attributes.propertyNames()), List.of());
            if (history.isEmpty() && late.isEmpty()) {
                return new Effect.Unchanged(result);
            }
            return new Effect.Write(new EntityRow(id, union(base.types(), List.of(type)), attrs, base.createdAt(),
                    history.isEmpty() ? base.modifiedAt() : now, base.scopes()), history, result, late);
        };
    }

    private static Optional<Instant> observedAt(JsonNode instance) {
        JsonNode at = instance == null ? null : instance.get("observedAt");
        if (at == null || !at.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.saola.context.Timestamps.parse(at.asString()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The same instance, leaving aside when it was written. */
    private static boolean sameInstance(JsonNode held, JsonNode incoming) {
        if (!held.isObject()) {
            return false;
        }
        ObjectNode a = (ObjectNode) held.deepCopy();
        a.remove(List.of(CREATED_AT, MODIFIED_AT));
        // Numbers by value: 20 read back from jsonb is an int node, 20 from a decoder may be a long one.
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                : x.equals(y) ? 0 : 1, incoming);
    }

    /** The answer of an upsert: whether the entity was new. */
    public record Upserted(boolean created) {
    }

    /**
     * §5.6.8 Batch Entity Upsert: creates the entity if it is new; otherwise replaces it ({@code replace}) or
     * merges the attributes into it.
     */
    public static Mutation upsert(String id, String type, ObjectNode attributes, boolean replace) {
        return upsert(id, List.of(type), List.of(), attributes, replace);
    }

    public static Mutation upsert(String id, List<String> types, List<String> scopes, ObjectNode attributes,
            boolean replace) {
        return (current, now) -> {
            Mutation m = current.isPresent() && replace ? replace(id, types, scopes, attributes)
                    : merge(id, types, scopes.isEmpty() ? Optional.empty() : Optional.of(scopes), attributes);
            Effect.Write w = (Effect.Write) m.apply(current, now);
            return new Effect.Write(w.row(), w.history(), new Upserted(current.isEmpty()));
        };
    }

    /** §5.6.1 Create Entity: refused if an entity with this id exists. */
    public static Mutation create(String id, String type, ObjectNode attributes) {
        return create(id, List.of(type), List.of(), attributes);
    }

    public static Mutation create(String id, List<String> types, List<String> scopes, ObjectNode attributes) {
        return Mutation.ifAbsent((current, now) -> {
            if (current.isPresent()) {
                throw new ConflictException("an entity with id " + id + " exists already");
            }
            return merge(id, types, Optional.of(scopes), attributes).apply(Optional.empty(), now);
        });
    }

    /** §5.6.10 Replace Entity: the entity keeps its id and creation time; everything else is the new one. */
    public static Mutation replace(String id, String type, ObjectNode attributes) {
        return replace(id, List.of(type), List.of(), attributes);
    }

    public static Mutation replace(String id, List<String> types, List<String> scopes, ObjectNode attributes) {
        return (current, now) -> {
            EntityRow old = existing(current, id);
            ObjectNode attrs = JsonNodeFactory.instance.objectNode();
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> a : attributes.properties()) {
                put(attrs, history, a.getKey(), a.getValue(), now);
            }
            return new Effect.Write(new EntityRow(id, types, attrs, old.createdAt(), now, scopes), history,
                    new UpdateResult(List.copyOf(attributes.propertyNames()), List.of()));
        };
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(t -> !out.contains(t)).forEach(out::add);
        return out;
    }

    /**
     * §5.6.3 Append Entity Attributes: adds attributes and replaces existing ones, unless {@code noOverwrite},
     * in which case existing ones are left and reported.
     */
    public static Mutation append(String id, ObjectNode attributes, boolean noOverwrite) {
        return append(id, attributes, noOverwrite, Check.NONE);
    }

    public static Mutation append(String id, ObjectNode attributes, boolean noOverwrite, Check check) {
        return append(id, new NgsiLdPayloads.ParsedFragment(List.of(), Optional.empty(), attributes), noOverwrite, check);
    }

    /**
     * §5.6.3 with the fragment's types, which are added, and scopes, which replace the entity's (with
     * {@code noOverwrite}: are added to them).
     */
    public static Mutation append(String id, NgsiLdPayloads.ParsedFragment fragment, boolean noOverwrite, Check check) {
        ScopeRule scopeRule = (old, scopes) -> noOverwrite ? union(old.scopes(), scopes) : scopes;
        if (!noOverwrite) {
            return writeSome(id, fragment, check, (attrs, name) -> null, scopeRule);
        }
        // noOverwrite keeps what exists instance by instance (datasetId): a new instance of an existing
        // attribute is appended; an attribute all of whose instances exist is reported as not appended.
        return (current, now) -> {
            EntityRow held = existing(current, id);
            ObjectNode fresh = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> a : fragment.attributes().properties()) {
                JsonNode had = held.attributes().get(a.getKey());
                List<ObjectNode> added = AttributeInstances.of(a.getValue()).stream()
                        .filter(i -> AttributeInstances.find(had, AttributeInstances.datasetId(i)) == null).toList();
                fresh.set(a.getKey(), added.isEmpty() ? a.getValue()
                        : added.size() == 1 ? added.getFirst() : JsonNodeFactory.instance.arrayNode().addAll(added));
            }
            return writeSome(id, new NgsiLdPayloads.ParsedFragment(fragment.types(), fragment.scopes(), fresh), check,
                    (attrs, name) -> AttributeInstances.of(fresh.get(name)).stream().allMatch(
                            i -> AttributeInstances.find(held.attributes().get(name), AttributeInstances.datasetId(i)) != null)
                            ? "the attribute exists already and options=noOverwrite was given" : null,
                    scopeRule).apply(current, now);
        };
    }

    /** §5.6.2 Update Entity Attributes: replaces attributes that exist; others are reported, not added. */
    public static Mutation update(String id, ObjectNode attributes) {
        return update(id, attributes, Check.NONE);
    }

    public static Mutation update(String id, ObjectNode attributes, Check check) {
        return update(id, new NgsiLdPayloads.ParsedFragment(List.of(), Optional.empty(), attributes), check);
    }

    /** §5.6.2 with the fragment's types, which are added, and scopes, which replace the entity's if it has any. */
    public static Mutation update(String id, NgsiLdPayloads.ParsedFragment fragment, Check check) {
        return writeSome(id, fragment, check, (attrs, name) -> attrs.has(name) ? null : "the entity has no such attribute",
                (old, scopes) -> old.scopes().isEmpty() ? null : scopes);
    }

    /**
     * §5.6.17 Merge Entity (and each entity of §5.6.20 Batch Entity Merge): JSON merge-patch of an existing
     * entity. A new attribute (or instance, by datasetId) is added; an existing one keeps what the fragment does not
     * name: its value is replaced if given (values are never merged into), {@code observedAt} and {@code unitCode}
     * if given, and its sub-attributes are merged the same way, recursively. The NGSI-LD Null deletes an
     * attribute, an instance or a sub-attribute. An attribute given with another type replaces the old one. Types
     * are added; scopes, if given, replace the entity's.
     */
    public static Mutation mergePatch(String id, NgsiLdPayloads.ParsedFragment fragment, Check check) {
        return (current, now) -> {
            EntityRow old = existing(current, id);
            ObjectNode attrs = sharing(old.attributes());
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            ObjectNode checked = JsonNodeFactory.instance.objectNode();
            List<String> updated = new ArrayList<>();
            for (Map.Entry<String, JsonNode> a : fragment.attributes().properties()) {
                List<ObjectNode> merged = new ArrayList<>();
                for (ObjectNode incoming : AttributeInstances.of(a.getValue())) {
                    ObjectNode held = AttributeInstances.find(attrs.get(a.getKey()),
                            AttributeInstances.datasetId(incoming));
                    merged.add(held == null || AttributeInstances.isNull(incoming) ? incoming : mergeInstance(held, incoming));
                }
                JsonNode value = merged.size() == 1 ? merged.getFirst()
                        : JsonNodeFactory.instance.arrayNode().addAll(merged);
                if (!merged.stream().allMatch(AttributeInstances::isNull)) {
                    checked.set(a.getKey(), value);
                }
                put(attrs, history, a.getKey(), value, now);
                updated.add(a.getKey());
            }
            check.accept(old.type(), checked);
            List<String> types = union(old.types(), fragment.types());
            List<String> scopes = fragment.scopes().orElse(old.scopes());
            if (!types.equals(old.types())) {
                updated.add("type");
            }
            if (!scopes.equals(old.scopes())) {
                updated.add(SCOPE);
            }
            UpdateResult result = new UpdateResult(updated, List.of());
            if (updated.isEmpty()) {
                return new Effect.Unchanged(result);
            }
            return new Effect.Write(new EntityRow(old.id(), types, attrs, old.createdAt(), now, scopes), history, result);
        };
    }

    /** One held instance merge-patched with an incoming one of the same datasetId. */
    private static ObjectNode mergeInstance(ObjectNode held, ObjectNode incoming) {
        if (incoming.has("type") && !incoming.get("type").equals(held.get("type"))) {
            return incoming;                                    // another kind of attribute: replaced
        }
        ObjectNode out = held.deepCopy();
        out.remove(List.of(CREATED_AT, MODIFIED_AT));
        for (Map.Entry<String, JsonNode> m : incoming.properties()) {
            String key = m.getKey();
            JsonNode value = m.getValue();
            if (NgsiLdPayloads.ATTRIBUTE_MEMBERS.contains(key)) {
                out.set(key, value);
            } else if (AttributeInstances.isNull(value)) {
                out.remove(key);                                // a sub-attribute deleted
            } else if (out.get(key) instanceof ObjectNode sub && value instanceof ObjectNode given) {
                out.set(key, mergeInstance(sub, given));
            } else {
                out.set(key, value);
            }
        }
        return out;
    }

    /** Why an attribute is left out of a write, or null to write it. */
    private interface Skip {
        String reason(ObjectNode currentAttributes, String name);
    }

    /** The scopes an entity has after a write that names some; null if it leaves them. */
    private interface ScopeRule {
        List<String> scopes(EntityRow old, List<String> given);
    }

    /** Writes the attributes an existing entity accepts, reporting the others with their reason. */
    private static Mutation writeSome(String id, NgsiLdPayloads.ParsedFragment fragment, Check check, Skip skip,
            ScopeRule scopeRule) {
        ObjectNode attributes = fragment.attributes();
        return (current, now) -> {
            EntityRow old = existing(current, id);
            check.accept(old.type(), attributes);
            ObjectNode attrs = sharing(old.attributes());
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            List<String> updated = new ArrayList<>();
            List<UpdateResult.NotUpdated> notUpdated = new ArrayList<>();
            for (Map.Entry<String, JsonNode> a : attributes.properties()) {
                String reason = skip.reason(attrs, a.getKey());
                if (reason != null) {
                    notUpdated.add(new UpdateResult.NotUpdated(a.getKey(), reason));
                    continue;
                }
                put(attrs, history, a.getKey(), a.getValue(), now);
                updated.add(a.getKey());
            }
            List<String> types = union(old.types(), fragment.types());
            if (!types.equals(old.types())) {
                updated.add("type");
            }
            List<String> scopes = old.scopes();
            if (fragment.scopes().isPresent()) {
                List<String> next = scopeRule.scopes(old, fragment.scopes().get());
                if (next == null) {
                    notUpdated.add(new UpdateResult.NotUpdated(SCOPE, "the entity has no scope to update"));
                } else {
                    scopes = next;
                    updated.add(SCOPE);
                }
            }
            UpdateResult result = new UpdateResult(updated, notUpdated);
            if (updated.isEmpty()) {
                return new Effect.Unchanged(result);
            }
            return new Effect.Write(new EntityRow(old.id(), types, attrs, old.createdAt(), now, scopes), history, result);
        };
    }

    /** How the UpdateResult names the entity's scopes. */
    public static final String SCOPE = "scope";

    /**
     * §5.6.4 Partial Attribute Update: the given members (value, observedAt, unitCode, sub-attributes) replace
     * those of the existing attribute; the others stay. The attribute's type cannot change this way.
     */
    public static Mutation updateAttribute(String id, String attribute, ObjectNode fragment) {
        return updateAttribute(id, attribute, fragment, Check.NONE);
    }

    public static Mutation updateAttribute(String id, String attribute, ObjectNode fragment, Check check) {
        return (current, now) -> {
            EntityRow old = existing(current, id);
            existingAttribute(old, attribute);
            String dataset = AttributeInstances.datasetId(fragment);
            ObjectNode instance = AttributeInstances.find(old.attributes().get(attribute), dataset);
            if (instance == null) {
                throw new NotFoundException("attribute " + attribute + " of entity " + id + " has no instance with "
                        + (dataset == null ? "no datasetId" : "datasetId " + dataset));
            }
            if (fragment.has("type") && !fragment.get("type").equals(instance.get("type"))) {
                throw new InvalidInputException("type", "attribute " + attribute + " is a "
                        + instance.get("type").asString() + "; a partial update cannot make it a "
                        + fragment.get("type").asString() + " (replace the attribute instead)");
            }
            ObjectNode merged = instance.deepCopy();
            merged.remove(List.of(CREATED_AT, MODIFIED_AT));
            merged.setAll(fragment);
            check.accept(old.type(), JsonNodeFactory.instance.objectNode().set(attribute, merged));
            ObjectNode attrs = sharing(old.attributes());
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            put(attrs, history, attribute, merged, now);
            return write(old, attrs, history, new UpdateResult(List.of(attribute), List.of()), now);
        };
    }

    /** §5.6.19 Replace Attribute. */
    public static Mutation replaceAttribute(String id, String attribute, JsonNode instance, Check check) {
        return (current, now) -> {
            EntityRow old = existing(current, id);
            existingAttribute(old, attribute);
            check.accept(old.type(), JsonNodeFactory.instance.objectNode().set(attribute, instance));
            ObjectNode attrs = sharing(old.attributes());
            ObjectNode history = JsonNodeFactory.instance.objectNode();
            put(attrs, history, attribute, instance, now);
            return write(old, attrs, history, new UpdateResult(List.of(attribute), List.of()), now);
        };
    }

    /** §5.6.5 Delete Entity Attribute: every instance, or the default one. */
    public static Mutation deleteAttribute(String id, String attribute) {
        return deleteAttribute(id, attribute, null, true);
    }

    /**
     * §5.6.5 Delete Entity Attribute: with {@code deleteAll} every instance; otherwise the one with
     * {@code datasetId} (null: the default instance).
     */
    public static Mutation deleteAttribute(String id, String attribute, String datasetId, boolean deleteAll) {
        return (current, now) -> {
            EntityRow old = existing(current, id);
            JsonNode held = existingAttribute(old, attribute);
            ObjectNode attrs = sharing(old.attributes());
            if (deleteAll) {
                attrs.remove(attribute);
            } else {
                List<ObjectNode> kept = new ArrayList<>();
                for (ObjectNode i : AttributeInstances.of(held)) {
                    if (!java.util.Objects.equals(AttributeInstances.datasetId(i), datasetId)) {
                        kept.add(i);
                    }
                }
                if (kept.size() == AttributeInstances.of(held).size()) {
                    throw new NotFoundException("attribute " + attribute + " of entity " + id + " has no instance with "
                            + (datasetId == null ? "no datasetId" : "datasetId " + datasetId));
                }
                if (kept.isEmpty()) {
                    attrs.remove(attribute);
                } else {
                    attrs.set(attribute, AttributeInstances.hold(kept));
                }
            }
            return write(old, attrs, JsonNodeFactory.instance.objectNode(),
                    new UpdateResult(List.of(attribute), List.of()), now);
        };
    }

    /** Deletes an entity's scopes (§4.18, through Delete Entity Attribute on {@code scope}). */
    public static Mutation deleteScope(String id) {
        return (current, now) -> {
            EntityRow old = existing(current, id);
            if (old.scopes().isEmpty()) {
                throw new NotFoundException("entity " + id + " has no scope");
            }
            return new Effect.Write(new EntityRow(old.id(), old.types(), old.attributes(), old.createdAt(), now,
                    List.of()), JsonNodeFactory.instance.objectNode(), new UpdateResult(List.of(SCOPE), List.of()));
        };
    }

    /** §5.6.6 Delete Entity. Its attribute history stays for the temporal API. */
    public static Mutation delete(String id) {
        return (current, now) -> {
            existing(current, id);
            return new Effect.Delete(null);
        };
    }

    /**
     * The attributes a mutation starts from: a new object holding the previous state's attribute nodes. Every
     * mutation here only sets or removes whole attributes in it ({@link #put}, {@code set}, {@code remove}; an
     * instance merged is copied first, {@link #mergeInstance}), so the attributes it leaves alone stay the very
     * nodes of the previous state, as a state's nodes are never changed in place once written (every reader copies
     * before it changes one). A deep copy cost ~10 µs a partial update, and the value index then compared each
     * untouched attribute with its copy member by member (docs/PERFORMANCE.md, session 40).
     */
    private static ObjectNode sharing(ObjectNode attributes) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.setAll(attributes);
        return copy;
    }

    private static Effect write(EntityRow old, ObjectNode attrs, ObjectNode history, UpdateResult result, Instant now) {
        if (result.updated().isEmpty()) {
            return new Effect.Unchanged(result);
        }
        return new Effect.Write(old.with(attrs, now), history, result);
    }

    /**
     * Writes an attribute's instances (one, or several with datasetIds): each replaces the instance with the
     * same datasetId and keeps that one's creation time; instances of other datasetIds stay. Each written
     * instance (without system times) goes to history, which maps attribute names to arrays of instances. An
     * instance holding the NGSI-LD Null deletes the instance of its datasetId (§4.5.0; GS CIM 009 V1.8.1 §5.6.2,
     * §5.6.3: "urn:ngsi-ld:null" as a value in an update or append deletes the attribute); none left, the attribute
     * goes.
     */
    private static void put(ObjectNode attrs, ObjectNode history, String name, JsonNode incoming, Instant now) {
        JsonNode previous = attrs.get(name);
        List<ObjectNode> result = new ArrayList<>(AttributeInstances.of(previous));
        ArrayNode written = history.has(name) ? (ArrayNode) history.get(name) : history.putArray(name);
        for (ObjectNode instance : AttributeInstances.of(incoming)) {
            if (AttributeInstances.isNull(instance)) {
                String dataset = AttributeInstances.datasetId(instance);
                result.removeIf(i -> java.util.Objects.equals(AttributeInstances.datasetId(i), dataset));
                continue;
            }
            ObjectNode stored = instance.deepCopy();
            stored.remove(List.of(CREATED_AT, MODIFIED_AT));
            written.add(stored.deepCopy());
            String dataset = AttributeInstances.datasetId(stored);
            ObjectNode before = AttributeInstances.find(previous, dataset);
            stored.put(CREATED_AT, before != null && before.has(CREATED_AT)
                    ? before.get(CREATED_AT).asString() : now.toString());
            stored.put(MODIFIED_AT, now.toString());
            result.removeIf(i -> java.util.Objects.equals(AttributeInstances.datasetId(i), dataset));
            result.add(stored);
        }
        if (written.isEmpty()) {
            history.remove(name);
        }
        if (result.isEmpty()) {
            attrs.remove(name);
        } else {
            attrs.set(name, AttributeInstances.hold(result));
        }
    }

    private static EntityRow existing(Optional<EntityRow> current, String id) {
        return current.orElseThrow(() -> new NotFoundException("no entity with id " + id + " in this tenant"));
    }

    private static JsonNode existingAttribute(EntityRow row, String attribute) {
        JsonNode held = row.attributes().get(attribute);
        if (held == null) {
            throw new NotFoundException("entity " + row.id() + " has no attribute " + attribute);
        }
        return held;
    }
}
