package org.saola.context.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.context.geo.GeoJson;
import org.saola.context.query.GeoQuery;
import org.saola.context.query.QueryEvaluator;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.ScopeQuery;
import org.saola.context.query.TypeExpression;
import org.saola.context.store.ChangeHook;
import org.saola.context.store.EntityRow;
import org.saola.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A subscription (NGSI-LD 1.8.1 §5.2.12) as Saola evaluates it: every name expanded to its IRI. {@code body}
 * is the subscription as the client sent it (without @context and status), to give back as it came.
 */
public record Subscription(TenantId tenant, String id, ObjectNode body, List<URI> contexts,
        List<Selector> entities, Set<String> watchedAttributes, Optional<QueryLanguage.Q> q, Optional<GeoQuery> geoQ,
        Notification notification, boolean active, Optional<Instant> expiresAt, int throttlingSeconds,
        int timeIntervalSeconds, Set<String> triggers, Optional<ScopeQuery.S> scopeQ) {

    /** NGSI-LD 1.8.1 §5.2.12 notificationTrigger values. */
    public static final List<String> TRIGGERS = List.of("entityCreated", "entityUpdated", "entityDeleted",
            "attributeCreated", "attributeUpdated", "attributeDeleted");
    /** The triggers of a subscription that names none. */
    public static final List<String> DEFAULT_TRIGGERS = List.of("attributeCreated", "attributeUpdated");

    /** One element of {@code entities}: a type, optionally an id or an id pattern. */
    public record Selector(TypeExpression.T type, Optional<String> id, Optional<Pattern> idPattern) {
        /** Whether an entity of these types (a type expression, §4.17, over them) and this id is selected. */
        public boolean matches(List<String> entityTypes, String entityId) {
            return TypeExpression.matches(type, entityTypes) && id.map(i -> i.equals(entityId)).orElse(true)
                    && idPattern.map(p -> p.matcher(entityId).find()).orElse(true);
        }
    }

    /**
     * Where and how to notify; {@code showChanges} adds the previous values of what changed, {@code sysAttrs} the
     * system times of the entities and attributes (§5.2.14); {@code lang}, the subscription's own member (§5.2.12),
     * the language ranges LanguageProperties are reduced to (§4.15), best first; {@code datasetIds}, also the
     * subscription's member, the instances of each attribute notified ({@code @none}: the default one).
     */
    public record Notification(List<String> attributes, boolean keyValues, URI endpoint, String accept,
            Map<String, String> receiverInfo, int mqttQos, boolean showChanges, boolean sysAttrs,
            Optional<List<String>> lang, Optional<Set<String>> datasetIds) {
    }

    /** A periodic subscription reports the entities' state every {@code timeIntervalSeconds}, not their changes. */
    public boolean periodic() {
        return timeIntervalSeconds > 0;
    }

    public boolean inForce(Instant now) {
        return active && !expiresAt.map(now::isAfter).orElse(false);
    }

    /**
     * Whether a change is one this subscription reports at the given time (its notificationTrigger, its
     * watchedAttributes, entities, q and geoQ, the latter evaluated on the entity before a deletion): empty if
     * not; otherwise the attributes to show as deleted in the notification.
     *
     * <p>Creating an entity creates its attributes, so a subscription to {@code attributeCreated} (the default)
     * hears of new entities as well as of new attributes, as clients of FIWARE brokers expect.
     */
    public Optional<Set<String>> concerns(ChangeHook.Change change, Instant now) {
        if (periodic() || !inForce(now) || !selects(change.entity())) {
            return Optional.empty();
        }
        Set<String> nulled = new LinkedHashSet<>();
        boolean notify = false;
        if (change.created()) {
            notify = triggers.contains("entityCreated")
                    || triggers.contains("attributeCreated") && !watched(change.after().attributes().propertyNames()).isEmpty();
        } else if (change.deleted()) {
            notify = triggers.contains("entityDeleted");
            if (triggers.contains("attributeDeleted")) {
                nulled.addAll(watched(change.before().attributes().propertyNames()));
                notify |= !nulled.isEmpty();
            }
        } else {
            boolean updates = triggers.contains("entityUpdated");
            notify = (updates || triggers.contains("attributeCreated")) && !watched(change.createdAttributes()).isEmpty()
                    || (updates || triggers.contains("attributeUpdated")) && !watched(change.updatedAttributes()).isEmpty();
            if (updates || triggers.contains("attributeDeleted")) {
                nulled.addAll(watched(change.deletedAttributes()));
                nulled.addAll(watched(change.deletedInstances().keySet()));   // shown as those instances nulled
                notify |= !nulled.isEmpty();
            }
            notify |= updates && watchedAttributes.isEmpty() && (!change.before().types().equals(change.after().types())
                    || !change.before().scopes().equals(change.after().scopes()));
        }
        return notify ? Optional.of(nulled) : Optional.empty();
    }

    /** The attributes among {@code attributes} this subscription watches (all when it names none). */
    private Set<String> watched(java.util.Collection<String> attributes) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : attributes) {
            if (watchedAttributes.isEmpty() || watchedAttributes.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether the entity, as it is, is one this subscription selects (entities, q, geoQ). */
    public boolean selects(EntityRow entity) {
        if (!entities.isEmpty() && entities.stream().noneMatch(s -> s.matches(entity.types(), entity.id()))) {
            return false;
        }
        if (q.isPresent() && !QueryEvaluator.matches(q.get(), entity.attributes())) {
            return false;
        }
        if (scopeQ.isPresent() && !scopeQ.get().matches(entity.scopes())) {
            return false;
        }
        if (geoQ.isPresent()) {
            JsonNode held = org.saola.context.AttributeInstances.primary(entity.attributes().get(geoQ.get().geoproperty()));
            JsonNode geometry = held == null ? tools.jackson.databind.node.MissingNode.getInstance() : held.path("value");
            try {
                return GeoJson.looksLikeGeometry(geometry) && geoQ.get().matches(geometry);
            } catch (RuntimeException notAGeometry) {
                return false;
            }
        }
        return true;
    }
}
