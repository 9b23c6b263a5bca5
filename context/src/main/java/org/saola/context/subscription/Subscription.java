package org.saola.context.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.saola.context.geo.GeoJson;
import org.saola.context.query.GeoQuery;
import org.saola.context.query.QueryEvaluator;
import org.saola.context.query.QueryLanguage;
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
        int timeIntervalSeconds) {

    /** One element of {@code entities}: a type, optionally an id or an id pattern. */
    public record Selector(String type, Optional<String> id, Optional<Pattern> idPattern) {
        public boolean matches(String entityType, String entityId) {
            return type.equals(entityType) && id.map(i -> i.equals(entityId)).orElse(true)
                    && idPattern.map(p -> p.matcher(entityId).find()).orElse(true);
        }
    }

    /** Where and how to notify. */
    public record Notification(List<String> attributes, boolean keyValues, URI endpoint, String accept,
            Map<String, String> receiverInfo, int mqttQos) {
    }

    /** A periodic subscription reports the entities' state every {@code timeIntervalSeconds}, not their changes. */
    public boolean periodic() {
        return timeIntervalSeconds > 0;
    }

    public boolean inForce(Instant now) {
        return active && !expiresAt.map(now::isAfter).orElse(false);
    }

    /** Whether a change to an entity is one this subscription reports, at the given time. */
    public boolean concerns(EntityRow entity, Set<String> changed, Instant now) {
        if (periodic() || !inForce(now)) {
            return false;
        }
        return selects(entity) && (watchedAttributes.isEmpty() || changed.stream().anyMatch(watchedAttributes::contains));
    }

    /** Whether the entity, as it is, is one this subscription selects (entities, q, geoQ). */
    public boolean selects(EntityRow entity) {
        if (!entities.isEmpty() && entities.stream().noneMatch(s -> s.matches(entity.type(), entity.id()))) {
            return false;
        }
        if (q.isPresent() && !QueryEvaluator.matches(q.get(), entity.attributes())) {
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
