package org.saola.devices.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.saola.devices.Stewardship;
import org.saola.devices.api.DevicesController.Owner;
import org.saola.devices.api.DevicesController.RegisterEntry;
import org.saola.devices.register.ListedSensor;
import org.saola.devices.register.SensorRegister;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saola API for sensors that send nothing to Saola but belong in the public register (CCTV cameras above all):
 * list one, replace its entry, take it off.
 */
@RestController
@RequestMapping("/api/v1/listed-sensors")
class ListedSensorsController {

    /** A listed sensor, as sent and as shown to staff. */
    record ListedSensorBody(String id, String name, String kind, String measures, Double latitude, Double longitude,
            Owner owner, String purpose, String personalData, String legalBasis, String retention, String installedOn,
            String status) {

        static ListedSensorBody of(ListedSensor s) {
            RegisterEntry e = RegisterEntry.of(s.stewardship());
            return new ListedSensorBody(s.id(), s.name(), s.kind().code(), s.measures(), s.latitude(), s.longitude(),
                    e.owner(), e.purpose(), e.personalData(), e.legalBasis(), e.retention(), e.installedOn(), e.status());
        }

        ListedSensor sensor(String id) {
            Stewardship s = new RegisterEntry(owner, purpose, personalData, legalBasis, retention, installedOn, status)
                    .stewardship();
            if (kind == null) {
                throw new InvalidInputException("kind", "say what kind of sensor it is (kind)");
            }
            return new ListedSensor(id, name, ListedSensor.Kind.of(kind), measures, required(latitude, "latitude"),
                    required(longitude, "longitude"), s);
        }

        private static double required(Double v, String field) {
            if (v == null) {
                throw new InvalidInputException(field, field + " is required");
            }
            return v;
        }
    }

    private final SensorRegister register;
    private final AuditLog audit;

    ListedSensorsController(SensorRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @PostMapping
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<ListedSensorBody> add(@RequestBody ListedSensorBody body) {
        TenantId tenant = CurrentCaller.tenant();
        ListedSensor sensor = body.sensor(body.id());
        register.add(tenant, sensor);
        audit.record(tenant, "SENSOR_LISTED", sensor.id(), "", Map.of("kind", sensor.kind().code()));
        return ResponseEntity.created(URI.create("/api/v1/listed-sensors/" + sensor.id()))
                .body(ListedSensorBody.of(sensor));
    }

    @GetMapping
    @RequiresPermission(Permission.DEVICES_READ)
    List<ListedSensorBody> list() {
        return register.listed(CurrentCaller.tenant()).stream().map(ListedSensorBody::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_READ)
    ListedSensorBody get(@PathVariable String id) {
        return ListedSensorBody.of(register.listed(CurrentCaller.tenant(), id)
                .orElseThrow(() -> new NotFoundException("no listed sensor '" + id + "' in this tenant")));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ListedSensorBody replace(@PathVariable String id, @RequestBody ListedSensorBody body) {
        TenantId tenant = CurrentCaller.tenant();
        ListedSensor sensor = body.sensor(id);
        register.replace(tenant, sensor);
        audit.record(tenant, "SENSOR_LISTING_UPDATED", id, "", Map.of());
        return ListedSensorBody.of(sensor);
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id) {
        TenantId tenant = CurrentCaller.tenant();
        register.remove(tenant, id);
        audit.record(tenant, "SENSOR_UNLISTED", id, "", Map.of());
    }
}
