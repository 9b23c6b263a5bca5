package org.saola.alerts.web;

import org.saola.alerts.packs.VnAqi;
import org.saola.context.StoredEntity;
import org.saola.platform.TenantId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.alerts.domain.Alert;
import org.saola.alerts.domain.AlertService;
import org.saola.alerts.domain.Severity;
import org.saola.alerts.warnings.Warning;
import org.saola.alerts.warnings.WarningService;
import org.saola.context.ContextService;
import org.saola.platform.operations.OperationsView;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The alerts' part of the operations centre: open alerts by severity and public warnings in effect, the open alerts
 * on the map (at their entity's location), the newest open alerts to attend to; the alerts' stream of server-sent
 * events tells the page when to fetch again.
 */
@Controller
class AlertsOperations implements OperationsView {

    static final Map<Severity, String> COLOURS = Map.of(Severity.EXTREME, "#7a0019", Severity.SEVERE, "#b3261e",
            Severity.MODERATE, "#8a4b00", Severity.MINOR, "#1f5fa8");
    private static final Map<Severity, String[]> WORDS = Map.of(Severity.EXTREME, new String[] {"đặc biệt", "extreme"},
            Severity.SEVERE, new String[] {"nghiêm trọng", "severe"}, Severity.MODERATE, new String[] {"vừa", "moderate"},
            Severity.MINOR, new String[] {"nhẹ", "minor"});

    private final AlertService alerts;
    private final WarningService warnings;
    private final ContextService context;
    private final org.saola.alerts.packs.RulePacks packs;

    AlertsOperations(AlertService alerts, WarningService warnings, ContextService context,
            org.saola.alerts.packs.RulePacks packs) {
        this.alerts = alerts;
        this.warnings = warnings;
        this.context = context;
        this.packs = packs;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<Tile> tiles(SaolaPrincipal caller) {
        Map<Severity, Long> open = alerts.openBySeverity(caller);
        long total = open.values().stream().mapToLong(Long::longValue).sum();
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Severity s : new Severity[] {Severity.EXTREME, Severity.SEVERE, Severity.MODERATE, Severity.MINOR}) {
            long n = open.getOrDefault(s, 0L);
            if (n > 0) {
                vi.add(n + " " + WORDS.get(s)[0]);
                en.add(n + " " + WORDS.get(s)[1]);
            }
        }
        Status status = open.getOrDefault(Severity.EXTREME, 0L) + open.getOrDefault(Severity.SEVERE, 0L) > 0 ? Status.ALERT
                : total > 0 ? Status.ATTENTION : Status.OK;
        List<Warning> current = warnings.current(caller.tenant());
        return List.of(
                new Tile("alerts", "Cảnh báo đang mở", "Open alerts", Long.toString(total),
                        vi.isEmpty() ? "không có" : String.join(" · ", vi), en.isEmpty() ? "none" : String.join(" · ", en),
                        "/operations/alerts", status),
                new Tile("warnings", "Cảnh báo công khai", "Public warnings in effect", Integer.toString(current.size()),
                        current.isEmpty() ? "không có" : current.get(0).headline().vi(),
                        current.isEmpty() ? "none" : current.get(0).headline().en(), "/operations/warnings",
                        current.isEmpty() ? Status.OK : Status.ATTENTION));
    }

    @Override
    public List<Layer> layers(SaolaPrincipal caller) {
        Layer open = new Layer("alerts", "Cảnh báo đang mở", "Open alerts", "/operations/alerts/map", true);
        if (!packs.enabled(caller.tenant()).contains("vn-aqi")) {
            return List.of(open);
        }
        return List.of(open, new Layer("air-quality", "Chất lượng không khí (VN_AQI)", "Air quality (VN_AQI)",
                "/operations/air-quality/map", true));
    }

    @Override
    public List<Entry> attention(SaolaPrincipal caller, int limit) {
        return alerts.list(caller, "open", null, limit, 0).stream()
                .map(a -> new Entry(a.raisedAt(), a.severity().name(), a.messageVi(), a.messageEn(),
                        "/operations/alerts#alert-" + a.id()))
                .toList();
    }

    @Override
    public Optional<String> stream() {
        return Optional.of("/operations/alerts/stream");
    }

    /**
     * The air-quality stations by their last hourly VN_AQI (written by the {@code vn-aqi} pack), in the decision's
     * colours, as GeoJSON; a station without an index yet is grey.
     */
    @GetMapping("/operations/air-quality/map")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ResponseEntity<JsonNode> airQuality() {
        TenantId tenant = CurrentCaller.tenant();
        boolean vi = org.saola.web.shell.CityTime.vietnamese();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode fc = f.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        String location = context.expand("location");
        String index = context.expand("airQualityIndex");
        String name = context.expand("name");
        for (int offset = 0; offset < 10_000; offset += 1000) {
            List<StoredEntity> page = context.entitiesOfType(tenant, "AirQualityObserved", 1000, offset);
            for (StoredEntity e : page) {
                JsonNode geometry = e.attributes().has(location)
                        ? org.saola.context.AttributeInstances.primary(e.attributes().get(location)).get("value") : null;
                if (geometry == null || !geometry.isObject()) {
                    continue;
                }
                JsonNode aqi = e.attributes().has(index)
                        ? org.saola.context.AttributeInstances.primary(e.attributes().get(index)).get("value") : null;
                ObjectNode feature = features.addObject().put("type", "Feature");
                feature.set("geometry", geometry);
                ObjectNode properties = feature.putObject("properties");
                properties.put("name", e.attributes().path(name).path("value").asString(e.id()));
                if (aqi != null && aqi.isNumber()) {
                    VnAqi.Level level = VnAqi.Level.of(aqi.asInt());
                    properties.put("colour", level.colour).put("status", "VN_AQI " + aqi.asInt() + " · "
                            + (vi ? level.nameVi : level.nameEn));
                } else {
                    properties.put("colour", "#9e9e9e").put("status", vi ? "chưa có chỉ số VN_AQI" : "no VN_AQI yet");
                }
            }
            if (page.size() < 1000) {
                break;
            }
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json")).body(fc);
    }

    /** The open alerts the caller may see, at their entity's location, as GeoJSON (those without one are left out). */
    @GetMapping("/operations/alerts/map")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    ResponseEntity<JsonNode> map() {
        SaolaPrincipal caller = CurrentCaller.principal();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode fc = f.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        Map<String, JsonNode> locations = new LinkedHashMap<>();
        String locationIri = context.expand("location");
        for (Alert a : alerts.list(caller, "open", null, 500, 0)) {
            JsonNode geometry = locations.computeIfAbsent(a.entityId(), id -> context.entity(caller.tenant(), id)
                    .map(e -> e.attributes().get(locationIri))
                    .map(l -> org.saola.context.AttributeInstances.primary(l).get("value")).orElse(null));
            if (geometry == null || !geometry.isObject()) {
                continue;
            }
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.set("geometry", geometry);
            feature.putObject("properties").put("name", org.saola.web.shell.CityTime.vietnamese() ? a.messageVi() : a.messageEn())
                    .put("colour", COLOURS.get(a.severity())).put("status", a.severity().name() + " · " + a.status().name())
                    .put("href", "/operations/alerts#alert-" + a.id());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json")).body(fc);
    }
}
