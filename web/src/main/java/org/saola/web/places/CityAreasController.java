package org.saola.web.places;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.saola.platform.places.CityAreas;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The city's areas as GeoJSON, for the maps residents pick a place on (a report, a proposal): the outlines and
 * names they find their way by, with or without street tiles (a city need not run a tile server, and the maps must
 * work offline and on slow connections).
 */
@RestController
class CityAreasController {

    private final CityAreas areas;
    private final PublicTenant tenants;
    private final JsonMapper json;

    CityAreasController(CityAreas areas, PublicTenant tenants, JsonMapper json) {
        this.areas = areas;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping(value = "/public/v1/city/areas", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    @PublicRoute("the city's wards and districts, outlined on the maps residents pick a place on")
    ResponseEntity<ObjectNode> areas(HttpServletRequest request) {
        ObjectNode collection = org.saola.web.shell.AreasGeoJson.of(areas.areas(tenants.of(request)), json);
        // Areas change seldom; an hour in a phone's cache spares a slow connection on every form.
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .contentType(MediaType.parseMediaType("application/geo+json")).body(collection);
    }
}
