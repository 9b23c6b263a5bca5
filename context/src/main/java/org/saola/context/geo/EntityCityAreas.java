package org.saola.context.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.platform.TenantId;
import org.saola.platform.places.CityAreas;
import tools.jackson.databind.JsonNode;

/** The city's areas as its context holds them: entities of type {@code District}, their location and name. */
public class EntityCityAreas implements CityAreas {

    /** The type of the entities that are the city's areas (Smart Data Models' administrative area). */
    public static final String TYPE = "District";
    private static final int MAX = 5_000;

    private final ContextService context;
    /**
     * Each tenant's areas for half a minute: the public map asks for them on every form a resident opens, and
     * areas change seldom (a new one shows within 30 s).
     */
    private final com.github.benmanes.caffeine.cache.Cache<TenantId, List<Area>> recent =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(30))
                    .maximumSize(1_000).build();

    public EntityCityAreas(ContextService context) {
        this.context = context;
    }

    @Override
    public List<Area> areas(TenantId tenant) {
        return recent.get(tenant, this::read);
    }

    private List<Area> read(TenantId tenant) {
        String location = context.expand("location");
        String name = context.expand("name");
        List<Area> out = new ArrayList<>();
        for (StoredEntity e : context.entitiesOfType(tenant, TYPE, MAX, 0)) {
            JsonNode geometry = e.attributes().path(location).path("value");
            if (!geometry.isMissingNode() && geometry.isObject()) {
                out.add(new Area(e.id(), e.attributes().path(name).path("value").asString(e.id()), geometry.toString()));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<String> nameAt(TenantId tenant, double latitude, double longitude) {
        return context.containing(tenant, TYPE, latitude, longitude)
                .map(d -> d.attributes().path(context.expand("name")).path("value").asString(""))
                .filter(n -> !n.isBlank());
    }
}
