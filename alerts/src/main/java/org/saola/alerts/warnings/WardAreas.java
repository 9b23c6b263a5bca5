package org.saola.alerts.warnings;

import java.util.List;
import java.util.Set;
import org.saola.alerts.cap.CapMessage;
import org.saola.platform.TenantId;

/**
 * Where the city's wards are: the names of the wards whose areas a warning's drawn polygons and circles meet, so a
 * warning drawn on the map reaches those who chose those wards. The register is the city's {@code District}
 * entities in the context (a name and an area each), as the reports' and domains' ward lookups read it.
 */
@FunctionalInterface
public interface WardAreas {

    Set<String> meeting(TenantId tenant, List<List<CapMessage.Point>> polygons, List<CapMessage.Circle> circles);

    /** A city that has not said where its wards are: a drawn area names no ward. */
    WardAreas NONE = (tenant, polygons, circles) -> Set.of();
}
