package org.saola.devices.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.saola.devices.Device;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.health.DeviceHealth;
import org.saola.devices.health.HealthProblem;
import org.saola.devices.health.HealthRules;
import org.saola.devices.health.HealthWatch;
import org.saola.devices.store.HealthStore;
import org.saola.platform.TenantId;
import org.saola.platform.operations.OperationsView;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.web.shell.CityTime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The devices' part of the operations centre: devices working out of those watched and readings in the last hour,
 * the devices on the map by health, and their open maintenance work items to attend to.
 */
@Controller
class DevicesOperations implements OperationsView {

    static final Map<HealthRules.Status, String> COLOURS = new EnumMap<>(Map.of(HealthRules.Status.OK, "#1a7f37",
            HealthRules.Status.UNHEALTHY, "#b3261e", HealthRules.Status.WAITING, "#6b7280",
            HealthRules.Status.NOT_WATCHED, "#9ca3af"));
    private static final Map<HealthProblem, String[]> PROBLEMS = new EnumMap<>(Map.of(
            HealthProblem.SILENT, new String[] {"im lặng", "silent"},
            HealthProblem.STUCK, new String[] {"kẹt một giá trị", "stuck on one value"},
            HealthProblem.OUT_OF_RANGE, new String[] {"giá trị ngoài khoảng", "values out of range"},
            HealthProblem.LOW_BATTERY, new String[] {"pin yếu", "low battery"},
            HealthProblem.CLOCK_SKEW, new String[] {"lệch giờ", "clock off"}));

    private final DeviceRegistry devices;
    private final HealthWatch health;
    private final HealthStore store;
    private final InstantSource clock;

    DevicesOperations(DeviceRegistry devices, HealthWatch health, HealthStore store, InstantSource clock) {
        this.devices = devices;
        this.health = health;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Tile> tiles(SaolaPrincipal caller) {
        TenantId tenant = caller.tenant();
        Map<String, DeviceHealth> byId = health.health(tenant);
        long watched = 0;
        long ok = 0;
        long unhealthy = 0;
        for (Device d : devices.list(tenant)) {
            HealthRules.Status s = byId.getOrDefault(d.id(), DeviceHealth.UNCHECKED).status();
            watched += s == HealthRules.Status.NOT_WATCHED ? 0 : 1;
            ok += s == HealthRules.Status.OK ? 1 : 0;
            unhealthy += s == HealthRules.Status.UNHEALTHY ? 1 : 0;
        }
        // The hours counted so far: the last full hour and the current one (hour buckets).
        Instant since = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        long readings = store.readingsSince(tenant, since);
        long minutes = Math.max(1, Duration.between(since, clock.instant()).toMinutes());
        return List.of(
                new Tile("devices", "Thiết bị hoạt động tốt", "Devices working", ok + " / " + watched,
                        unhealthy + " cần xem", unhealthy + " need attention", "/operations/devices",
                        unhealthy > 0 ? Status.ATTENTION : Status.OK),
                new Tile("readings", "Số đo mỗi phút", "Readings per minute", Long.toString(Math.round((double) readings / minutes)),
                        readings + " số đo từ đầu giờ trước", readings + " readings since the last full hour began",
                        "/operations/map", Status.OK));
    }

    @Override
    public List<Layer> layers(SaolaPrincipal caller) {
        return List.of(new Layer("devices", "Thiết bị theo tình trạng", "Devices by health", "/operations/devices/map", true));
    }

    @Override
    public List<Entry> attention(SaolaPrincipal caller, int limit) {
        return health.workItems(caller.tenant(), true, limit).stream()
                .map(w -> new Entry(w.openedAt(), "MINOR",
                        "Thiết bị " + w.deviceId() + ": " + String.join(", ", w.problems().stream().map(p -> PROBLEMS.get(p)[0]).toList()),
                        "Device " + w.deviceId() + ": " + String.join(", ", w.problems().stream().map(p -> PROBLEMS.get(p)[1]).toList()),
                        "/operations/devices/" + w.deviceId()))
                .toList();
    }

    /** The tenant's devices where they are, coloured by health, as GeoJSON. */
    @GetMapping("/operations/devices/map")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ResponseEntity<JsonNode> map() {
        TenantId tenant = CurrentCaller.tenant();
        boolean vi = CityTime.vietnamese();
        Map<String, DeviceHealth> byId = health.health(tenant);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode fc = f.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (Device d : devices.list(tenant)) {
            DeviceHealth h = byId.getOrDefault(d.id(), DeviceHealth.UNCHECKED);
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.putObject("geometry").put("type", "Point").putArray("coordinates").add(d.longitude()).add(d.latitude());
            String problems = String.join(", ", h.problems().stream().map(p -> PROBLEMS.get(p)[vi ? 0 : 1]).toList());
            feature.putObject("properties").put("name", d.name()).put("colour", COLOURS.get(h.status()))
                    .put("status", h.status().name().toLowerCase(java.util.Locale.ROOT) + (problems.isEmpty() ? "" : ": " + problems))
                    .put("href", "/operations/devices/" + d.id());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json")).body(fc);
    }
}
