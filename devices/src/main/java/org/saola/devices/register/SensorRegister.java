package org.saola.devices.register;

import org.saola.devices.health.DeviceHealth;
import org.saola.devices.health.HealthWatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.saola.devices.Device;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.Stewardship;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.TenantId;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.springframework.stereotype.Service;
import java.time.InstantSource;
import org.saola.devices.store.ListedSensorStore;
import org.saola.platform.ConflictException;
import org.saola.platform.NotFoundException;

/**
 * The public sensor register: for every sensor of a city what it measures, where, who owns it, why, whether it
 * collects personal data and how long its data are kept. Built field by field into {@link PublicSensor}, a
 * record that has no place for a credential, a topic, an entity id or any internal note, so nothing but these
 * can reach the public.
 */
@Service
public class SensorRegister {

    /** One sensor as the public sees it. {@code personalData} and {@code legalBasis} are empty when none. */
    public record PublicSensor(String id, String name, Kind kind, boolean connected, double latitude, double longitude,
            Owner owner, String purpose, boolean collectsPersonalData, String personalData, String legalBasis,
            String retention, String installedOn, String status, Health health) {
    }

    /**
     * How the sensor is doing: {@code ok}, {@code unhealthy} (with the problems), {@code waiting} (has not
     * reported yet), {@code not-watched} (planned or under maintenance), or {@code not-connected} (sends nothing
     * to Saola); {@code availability} is the share of expected readings received in the last 24 hours, or null.
     */
    public record Health(String status, List<String> problems, Double availability) {
        static final Health NOT_CONNECTED = new Health("not-connected", List.of(), null);

        static Health of(DeviceHealth h) {
            return new Health(h.statusKey(), h.problemKeys(), h.availability().map(a -> Math.round(a * 1000) / 1000.0).orElse(null));
        }
    }

    /** What kind of sensor: its profile's id and names, and the quantities it measures. */
    public record Kind(String id, String nameVi, String nameEn, List<String> measures) {
    }

    /** Who owns it: a department of the city (with its public contact) or a named organisation. */
    public record Owner(String type, String code, String nameVi, String nameEn, String contact) {
    }

    /** What a reader filters on; empty means "any". */
    public record Filter(Optional<String> kind, Optional<String> owner, Optional<String> text,
            Optional<Boolean> personalData) {
        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private final DeviceRegistry devices;
    private final DeviceProfiles profiles;
    private final Departments departments;
    private final ListedSensorStore listed;
    private final InstantSource clock;
    private final HealthWatch health;

    public SensorRegister(DeviceRegistry devices, DeviceProfiles profiles, Departments departments,
            ListedSensorStore listed, InstantSource clock, HealthWatch health) {
        this.health = health;
        this.devices = devices;
        this.profiles = profiles;
        this.departments = departments;
        this.listed = listed;
        this.clock = clock;
    }

    /** Lists a sensor that sends nothing to Saola; its id must be new among the tenant's listed sensors and devices. */
    public void add(TenantId tenant, ListedSensor sensor) {
        checkOwner(tenant, sensor.stewardship());
        if (devices.find(tenant, sensor.id()).isPresent() || !listed.insert(tenant, sensor, clock.instant())) {
            throw new ConflictException("a sensor or device with id '" + sensor.id() + "' exists already in this tenant");
        }
    }

    public void replace(TenantId tenant, ListedSensor sensor) {
        checkOwner(tenant, sensor.stewardship());
        if (!listed.update(tenant, sensor)) {
            throw new NotFoundException("no listed sensor '" + sensor.id() + "' in this tenant");
        }
    }

    public void remove(TenantId tenant, String id) {
        if (!listed.delete(tenant, id)) {
            throw new NotFoundException("no listed sensor '" + id + "' in this tenant");
        }
    }

    public Optional<ListedSensor> listed(TenantId tenant, String id) {
        return listed.find(tenant, id);
    }

    public List<ListedSensor> listed(TenantId tenant) {
        return listed.list(tenant);
    }

    private void checkOwner(TenantId tenant, Stewardship s) {
        s.requireKnownDepartment(tenant, departments);
    }

    public List<PublicSensor> list(TenantId tenant, Filter filter) {
        Map<String, Department> byCode = new HashMap<>();
        departments.list(tenant).forEach(d -> byCode.put(d.code(), d));
        Map<String, Optional<DeviceProfile>> kinds = new HashMap<>();
        String text = filter.text().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).orElse(null);
        List<PublicSensor> candidates = new ArrayList<>();
        Map<String, DeviceHealth> healthById = health.health(tenant);
        for (Device d : devices.list(tenant)) {
            Optional<DeviceProfile> profile = kinds.computeIfAbsent(d.profile(), id -> profiles.find(tenant, id));
            Kind kind = profile.map(p -> new Kind(p.id(), p.name("vi"), p.name("en"), p.targets().stream()
                            .flatMap(t -> t.measurements().stream()).map(DeviceProfile.Measurement::attribute).distinct().toList()))
                    .orElse(new Kind(d.profile(), d.profile(), d.profile(), List.of()));
            candidates.add(entry(d.id(), d.name(), kind, Health.of(healthById.getOrDefault(d.id(), DeviceHealth.UNCHECKED)),
                    d.latitude(), d.longitude(), d.stewardship(), byCode));
        }
        for (ListedSensor l : listed.list(tenant)) {
            Kind kind = new Kind(l.kind().code(), l.kind().nameVi(), l.kind().nameEn(), List.of(l.measures()));
            candidates.add(entry(l.id(), l.name(), kind, Health.NOT_CONNECTED, l.latitude(), l.longitude(), l.stewardship(), byCode));
        }
        List<PublicSensor> out = new ArrayList<>();
        for (PublicSensor p : candidates) {
            if (p.status().equals(Stewardship.Status.RETIRED.name())
                    || filter.kind().filter(k -> !k.equals(p.kind().id())).isPresent()
                    || filter.owner().filter(o -> !o.equals(p.owner().code())).isPresent()
                    || filter.personalData().filter(x -> x != p.collectsPersonalData()).isPresent()
                    || text != null && !(p.name() + " " + p.purpose() + " " + p.kind().nameVi() + " " + p.kind().nameEn()
                            + " " + p.owner().nameVi() + " " + p.owner().nameEn()).toLowerCase(Locale.ROOT).contains(text)) {
                continue;
            }
            out.add(p);
        }
        out.sort(Comparator.comparing(PublicSensor::name));
        return out;
    }

    private static PublicSensor entry(String id, String name, Kind kind, Health health, double latitude,
            double longitude, Stewardship s, Map<String, Department> departments) {
        Owner owner = s.department().map(code -> Optional.ofNullable(departments.get(code))
                        .map(dep -> new Owner("department", code, dep.nameVi(), dep.nameEn(),
                                dep.contactEmail().or(dep::contactPhone).orElse("")))
                        .orElse(new Owner("department", code, code, code, "")))
                .orElseGet(() -> new Owner("organisation", s.organisation().orElseThrow(), s.organisation().get(),
                        s.organisation().get(), ""));
        return new PublicSensor(id, name, kind, health != Health.NOT_CONNECTED, latitude, longitude, owner, s.purpose(),
                s.collectsPersonalData(), s.personalData(), s.legalBasis(), s.retention().toString(),
                s.installedOn().map(Object::toString).orElse(""), s.status().name(), health);
    }
}
