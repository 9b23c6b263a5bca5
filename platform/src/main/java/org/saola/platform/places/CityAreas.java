package org.saola.platform.places;

import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;

/**
 * The city's areas (its wards or districts, as the city keeps them in its context: entities of type
 * {@code District} with a polygon), for the modules that place things on a map without depending on the context
 * broker: the map residents pick a point on outlines them, and a point is named by the area that holds it.
 */
public interface CityAreas {

    /** An area: its entity id, its name and its GeoJSON geometry (as JSON text). */
    record Area(String id, String name, String geometry) {
    }

    /** The tenant's areas, at most a few thousand. */
    List<Area> areas(TenantId tenant);

    /** The name of the area whose geometry holds the point, if one does. */
    Optional<String> nameAt(TenantId tenant, double latitude, double longitude);
}
