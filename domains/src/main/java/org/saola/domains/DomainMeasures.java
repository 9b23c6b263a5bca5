package org.saola.domains;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.devices.Device;
import org.saola.devices.DeviceRegistry;
import org.saola.domains.environment.EnvironmentWatch;
import org.saola.domains.lighting.LightingWatch;
import org.saola.domains.waste.store.WasteStore;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;
import tools.jackson.databind.JsonNode;

/**
 * The city services measured for the city's indicators: waste containers registered and those reporting their
 * fill level (observed in the 24 hours before), the kilometres of the collection rounds planned within the period,
 * street lights registered and those a controller manages (fed by a {@code street-light} device, which takes
 * commands), and the days with poor or worse air (a station's daily VN_AQI), by ward.
 */
public class DomainMeasures implements MeasureSource {

    static final Duration REPORTING_WITHIN = Duration.ofHours(24);
    private static final int PAGE = 500;

    private final ContextService context;
    private final WasteStore waste;
    private final DeviceRegistry devices;
    private final EnvironmentWatch environment;
    private final ZoneId zone;

    public DomainMeasures(ContextService context, WasteStore waste, DeviceRegistry devices, EnvironmentWatch environment, ZoneId zone) {
        this.context = context;
        this.waste = waste;
        this.devices = devices;
        this.environment = environment;
        this.zone = zone;
    }

    @Override
    public List<Measure> measures() {
        return List.of(
                new Measure("waste.containers", "Thùng rác đã đăng ký", "Waste containers registered", "containers", Measure.Kind.STOCK, false,
                        List.of()),
                new Measure("waste.containers_reporting", "Thùng rác báo mức đầy trong 24 giờ", "Waste containers reporting in 24 hours",
                        "containers", Measure.Kind.STOCK, false, List.of()),
                new Measure("waste.planned_km", "Quãng đường thu gom theo kế hoạch", "Collection rounds planned", "km", Measure.Kind.FLOW, false,
                        List.of()),
                new Measure("lighting.street_lights", "Đèn đường đã đăng ký", "Street lights registered", "lights", Measure.Kind.STOCK, false,
                        List.of()),
                new Measure("lighting.street_lights_managed", "Đèn đường có bộ điều khiển", "Street lights with a controller", "lights",
                        Measure.Kind.STOCK, false, List.of()),
                new Measure("air.poor_days", "Ngày không khí kém trở lên", "Days of poor or worse air", "days", Measure.Kind.FLOW, false,
                        List.of("ward")));
    }

    @Override
    public Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings) {
        return switch (key) {
            case "waste.containers" -> Measured.of(context.typeCounts(tenant).getOrDefault(context.expand("WasteContainer"), 0L));
            case "waste.containers_reporting" -> {
                String level = context.expand("fillingLevel");
                Instant since = to.minus(REPORTING_WITHIN);
                long n = 0;
                for (int offset = 0;; offset += PAGE) {
                    List<StoredEntity> page = context.entitiesOfType(tenant, "WasteContainer", PAGE, offset);
                    for (StoredEntity e : page) {
                        JsonNode at = e.attributes().path(level).path("observedAt");
                        if (at.isString() && !Instant.parse(at.asString()).isBefore(since)) {
                            n++;
                        }
                    }
                    if (page.size() < PAGE) {
                        break;
                    }
                }
                yield Measured.of(n);
            }
            case "waste.planned_km" -> Measured.of(waste.plannedMetres(tenant, from, to) / 1000.0);
            case "lighting.street_lights" -> Measured.of(context.typeCounts(tenant).getOrDefault(context.expand(LightingWatch.TYPE), 0L));
            case "lighting.street_lights_managed" -> {
                Set<String> lights = new HashSet<>();
                for (Device d : devices.list(tenant)) {
                    if (d.profile().equals(LightingWatch.PROFILE)) {
                        lights.add(d.entityId());
                    }
                }
                yield Measured.of(lights.size());
            }
            case "air.poor_days" -> {
                Map<String, Set<LocalDate>> days = environment.poorDays(tenant, from, to, zone);
                Map<String, Measured.Value> byWard = new LinkedHashMap<>();
                days.forEach((ward, d) -> {
                    if (!ward.isEmpty()) {
                        byWard.put(ward, Measured.Value.of(d.size()));
                    }
                });
                yield Measured.of(Measured.Value.of(days.get("").size()), groupings.contains("ward") ? Map.of("ward", byWard) : Map.of());
            }
            default -> throw new NotFoundException("no measure '" + key + "'");
        };
    }
}
