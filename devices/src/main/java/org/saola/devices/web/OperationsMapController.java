package org.saola.devices.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.devices.Device;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.health.DeviceHealth;
import org.saola.devices.health.HealthRules;
import org.saola.devices.health.HealthWatch;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.WebPage;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.saola.platform.places.CityAreas;
import tools.jackson.databind.JsonNode;

/**
 * The operations map: every air-quality station coloured by its health (is it reporting as its profile expects?),
 * with its latest values and the same data as a table (for keyboards, screen readers and pages without
 * JavaScript). The table refreshes with htmx; the markers from {@code /operations/map/data}. What the air is like
 * (VN_AQI, computed by the alerts module's pack) is a layer of the operations centre, not this module's business.
 */
@Controller
@WebPage
@RequiresPermission(Permission.OPERATIONS_VIEW)
class OperationsMapController {

    static final int MAX_ENTITIES = 1000;

    /** The profile whose devices this map shows (other kinds join the operations centre, issue #19). */
    static final String AIR_QUALITY = "air-quality";

    private final DeviceRegistry devices;
    private final ContextService context;
    private final List<DeviceProfile.Measurement> quantities;
    private final HealthWatch health;
    private final CityAreas areas;
    private final tools.jackson.databind.json.JsonMapper json;

    /** A line of the legend: the status's message key and colour. */
    record Legend(String messageKey, String colour) {
    }

    static final List<HealthRules.Status> SHOWN = List.of(HealthRules.Status.OK, HealthRules.Status.UNHEALTHY,
            HealthRules.Status.WAITING, HealthRules.Status.NOT_WATCHED);

    OperationsMapController(DeviceRegistry devices, ContextService context, DeviceProfiles profiles, HealthWatch health,
            CityAreas areas, tools.jackson.databind.json.JsonMapper json) {
        this.areas = areas;
        this.json = json;
        this.devices = devices;
        this.health = health;
        this.context = context;
        this.quantities = profiles.require(TenantId.DEFAULT, AIR_QUALITY).targets().get(0).measurements();
    }

    @GetMapping("/operations/map")
    String map(Model model, @RequestHeader(value = "HX-Request", required = false) String htmx,
            HttpServletResponse response) {
        // One URL serves the page and, to htmx, the table fragment: caches must keep them apart.
        response.addHeader("Vary", "HX-Request");
        TenantId tenant = CurrentCaller.tenant();
        model.addAttribute("stations", stations(tenant));
        model.addAttribute("quantities", quantities);
        model.addAttribute("legend", SHOWN.stream().map(st -> new Legend("health.status." + DeviceHealth.key(st),
                DevicesOperations.COLOURS.get(st))).toList());
        return htmx != null ? "devices/map :: stationTable" : "devices/map";
    }

    @GetMapping("/operations/map/data")
    ResponseEntity<Map<String, Object>> data() {
        TenantId tenant = CurrentCaller.tenant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stations", stations(tenant));
        body.put("districts", org.saola.web.shell.AreasGeoJson.of(areas.areas(tenant), json));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private List<StationView> stations(TenantId tenant) {
        Map<String, StoredEntity> latest = new LinkedHashMap<>();
        for (StoredEntity e : context.entitiesOfType(tenant, "AirQualityObserved", MAX_ENTITIES, 0)) {
            latest.put(e.id(), e);
        }
        List<StationView> out = new ArrayList<>();
        Map<String, DeviceHealth> byId = health.health(tenant);
        for (Device d : devices.list(tenant)) {
            if (!d.profile().equals(AIR_QUALITY)) {
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            Optional<String> observedAt = Optional.empty();
            StoredEntity e = latest.get(d.entityId());
            if (e != null) {
                for (DeviceProfile.Measurement q : quantities) {
                    JsonNode attr = e.attributes().get(context.expand(q.attribute()));
                    if (attr != null && attr.path("value").isNumber()) {
                        values.put(q.attribute(), attr.get("value").asDouble());
                        if (q.attribute().equals("pm25") && attr.has("observedAt")) {
                            observedAt = Optional.of(attr.get("observedAt").asString());
                        }
                    }
                }
            }
            DeviceHealth h = byId.getOrDefault(d.id(), DeviceHealth.UNCHECKED);
            out.add(new StationView(d.id(), d.entityId(), d.name(), d.latitude(), d.longitude(), values, observedAt,
                    "health.status." + h.statusKey(), DevicesOperations.COLOURS.get(h.status())));
        }
        return out;
    }

}
