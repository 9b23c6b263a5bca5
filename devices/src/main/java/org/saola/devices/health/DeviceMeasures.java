package org.saola.devices.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.devices.Device;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;
import org.springframework.stereotype.Component;

/**
 * Devices measured for the city's indicators, as things stand: the air-quality stations in service (devices whose
 * profile feeds {@code AirQualityObserved}), and the sensors' availability (the mean, over the devices the health
 * watch follows, of readings received in the last 24 hours over those expected, in %).
 */
@Component
class DeviceMeasures implements MeasureSource {

    private final DeviceRegistry registry;
    private final DeviceProfiles profiles;
    private final HealthWatch health;

    DeviceMeasures(DeviceRegistry registry, DeviceProfiles profiles, HealthWatch health) {
        this.registry = registry;
        this.profiles = profiles;
        this.health = health;
    }

    @Override
    public List<Measure> measures() {
        return List.of(
                new Measure("devices.air_quality_stations", "Trạm quan trắc không khí", "Air-quality stations", "stations", Measure.Kind.STOCK,
                        false, List.of()),
                new Measure("devices.availability", "Độ sẵn sàng của thiết bị", "Device availability", "%", Measure.Kind.STOCK, false, List.of()));
    }

    @Override
    public Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings) {
        List<Device> devices = registry.list(tenant);
        return switch (key) {
            case "devices.air_quality_stations" -> Measured.of(devices.stream().filter(d -> profiles.find(tenant, d.profile())
                    .map(p -> p.targets().stream().map(DeviceProfile.Target::entityType).anyMatch("AirQualityObserved"::equals))
                    .orElse(false)).count());
            case "devices.availability" -> {
                Map<String, DeviceHealth> h = health.health(tenant);
                var mean = devices.stream().map(d -> h.get(d.id())).filter(x -> x != null && x.availability().isPresent())
                        .mapToDouble(x -> Math.min(1.0, x.availability().get())).average();
                yield mean.isPresent() ? Measured.of(100 * mean.getAsDouble()) : Measured.none();
            }
            default -> throw new NotFoundException("no measure '" + key + "'");
        };
    }
}
