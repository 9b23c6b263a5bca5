package org.saola.devices.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.saola.devices.Device;
import org.saola.devices.DeviceCredentials;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.DeviceRejection;
import org.saola.devices.NewDevice;
import org.saola.devices.Stewardship;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saola API for device records: register a device of a profile, reissue its secret, see what it sent that was refused. */
@RestController
@RequestMapping("/api/v1/devices")
class DevicesController {

    /** Request body to register a device. Boxed numbers, so a missing one is reported as missing. */
    record RegisterDevice(String id, String name, String profile, Double latitude, Double longitude, Owner owner,
            String purpose, String personalData, String legalBasis, String retention, String installedOn, String status,
            String gateway) {
    }

    /** Who owns a sensor: a department's code, or a partner's or private operator's name. */
    record Owner(String department, String organisation) {
    }

    /** What the register says about a device; in a PATCH, what is left out stays as it is. */
    record RegisterEntry(Owner owner, String purpose, String personalData, String legalBasis, String retention,
            String installedOn, String status) {
        static RegisterEntry of(Stewardship s) {
            return new RegisterEntry(new Owner(s.department().orElse(null), s.organisation().orElse(null)), s.purpose(),
                    s.personalData(), s.legalBasis(), s.retention().toString(),
                    s.installedOn().map(LocalDate::toString).orElse(null), s.status().name());
        }

        /** The entry as given, checked; what is left out takes Stewardship's defaults (or is refused). */
        Stewardship stewardship() {
            Owner o = owner == null ? new Owner(null, null) : owner;
            return Stewardship.fromText(o.department(), o.organisation(), purpose, personalData, legalBasis, retention,
                    installedOn, status);
        }

        /** This entry over {@code base}: each field given replaces the base's. */
        Stewardship over(Stewardship base) {
            RegisterEntry b = of(base);
            return new RegisterEntry(owner == null ? b.owner() : owner, purpose == null ? b.purpose() : purpose,
                    personalData == null ? b.personalData() : personalData,
                    legalBasis == null ? b.legalBasis() : legalBasis, retention == null ? b.retention() : retention,
                    installedOn == null ? b.installedOn() : installedOn, status == null ? b.status() : status)
                    .stewardship();
        }
    }

    /** A device as staff see it: {@code entityIds} are the entities it feeds, the first one {@code entityId}. */
    record DeviceView(String id, String name, String profile, String entityId, List<String> entityIds,
            double latitude, double longitude, String mqttTopic, Instant createdAt, RegisterEntry register, String gateway) {
    }

    record Registered(DeviceView device, DeviceCredentials mqtt) {
    }

    private final DeviceRegistry registry;
    private final AuditLog audit;
    private final DeviceProfiles profiles;

    DevicesController(DeviceRegistry registry, AuditLog audit, DeviceProfiles profiles) {
        this.registry = registry;
        this.audit = audit;
        this.profiles = profiles;
    }

    private DeviceView view(Device d) {
        List<String> entityIds = profiles.find(d.tenant(), d.profile()).map(p -> p.entityIds(d.id()))
                .orElse(List.of(d.entityId()));
        return new DeviceView(d.id(), d.name(), d.profile(), d.entityId(), entityIds, d.latitude(), d.longitude(),
                d.topic(), d.createdAt(), RegisterEntry.of(d.stewardship()), d.gateway().orElse(null));
    }

    @PostMapping
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Registered> register(@RequestBody RegisterDevice body) {
        TenantId tenant = CurrentCaller.tenant();
        NewDevice nd = newDevice(body);
        DeviceCredentials credentials = registry.register(tenant, nd);
        Device device = registry.find(tenant, nd.id()).orElseThrow();
        audit.record(tenant, "DEVICE_REGISTERED", nd.id(), "", java.util.Map.of("profile", device.profile()));
        return ResponseEntity.created(URI.create("/api/v1/devices/" + nd.id()))
                .body(new Registered(view(device), credentials));
    }

    /** What became of one row of a bulk registration: created with its credentials (shown once), or why not. */
    record RowOutcome(int row, String id, String outcome, DeviceCredentials mqtt, String field, String detail) {
    }

    record BulkOutcome(int created, int refused, List<RowOutcome> rows) {
    }

    /** Each row creates the device's entities and registers it, in turn: a thousand rows answer within seconds. */
    static final int MAX_BULK_ROWS = 1000;
    static final List<String> BULK_COLUMNS = List.of("id", "name", "profile", "latitude", "longitude",
            "owner_department", "owner_organisation", "purpose", "personal_data", "legal_basis", "retention",
            "installed_on", "status", "gateway");

    /**
     * Registers many devices from CSV (a header row naming the columns, then one device per row); each row
     * stands alone, so a bad row is reported and the good ones are registered. Credentials are in the answer,
     * shown once, like a single registration's.
     */
    @PostMapping(path = "/bulk", consumes = {"text/csv", "text/plain"})
    @RequiresPermission(Permission.DEVICES_REGISTER)
    BulkOutcome bulk(@RequestBody String csv) {
        TenantId tenant = CurrentCaller.tenant();
        List<List<String>> rows;
        try {
            rows = Csv.parse(csv);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("csv", "the CSV is not valid: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("csv", "the CSV is empty; its first row names the columns: "
                    + String.join(",", BULK_COLUMNS));
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String h : header) {
            if (!BULK_COLUMNS.contains(h)) {
                throw new InvalidInputException("csv", "unknown column '" + h + "'; the columns are " + String.join(",", BULK_COLUMNS));
            }
        }
        for (String required : List.of("id", "name", "profile", "latitude", "longitude", "purpose")) {
            if (!header.contains(required)) {
                throw new InvalidInputException("csv", "the column '" + required + "' is missing");
            }
        }
        if (rows.size() - 1 > MAX_BULK_ROWS) {
            throw new InvalidInputException("csv", "at most " + MAX_BULK_ROWS + " devices at once; this file has " + (rows.size() - 1));
        }
        List<RowOutcome> outcomes = new java.util.ArrayList<>();
        int created = 0;
        for (int r = 1; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            java.util.Map<String, String> v = new java.util.HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = c < cells.size() ? cells.get(c).strip() : "";
                v.put(header.get(c), cell.isEmpty() ? null : cell);
            }
            int line = r + 1;
            try {
                if (cells.size() > header.size()) {
                    throw new InvalidInputException("csv", "the row has " + cells.size() + " fields; the header names "
                            + header.size());
                }
                RegisterDevice body = new RegisterDevice(v.get("id"), v.get("name"), v.get("profile"),
                        number(v.get("latitude"), "latitude"), number(v.get("longitude"), "longitude"),
                        new Owner(v.get("owner_department"), v.get("owner_organisation")), v.get("purpose"),
                        v.get("personal_data"), v.get("legal_basis"), v.get("retention"), v.get("installed_on"), v.get("status"),
                        v.get("gateway"));
                DeviceCredentials credentials = registry.register(tenant, newDevice(body));
                outcomes.add(new RowOutcome(line, body.id(), "created", credentials, null, null));
                created++;
            } catch (InvalidInputException e) {
                outcomes.add(new RowOutcome(line, v.get("id"), "refused", null, e.field(), e.getMessage()));
            } catch (org.saola.platform.SaolaException e) {
                outcomes.add(new RowOutcome(line, v.get("id"), "refused", null, "id", e.getMessage()));
            }
        }
        audit.record(tenant, "DEVICES_BULK_REGISTERED", "", "", java.util.Map.of("created", created,
                "refused", outcomes.size() - created));
        return new BulkOutcome(created, outcomes.size() - created, outcomes);
    }

    private static Double number(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be a number; got '" + text + "'");
        }
    }

    @GetMapping
    @RequiresPermission(Permission.DEVICES_READ)
    List<DeviceView> list() {
        return registry.list(CurrentCaller.tenant()).stream().map(this::view).toList();
    }

    private static NewDevice newDevice(RegisterDevice body) {
        Stewardship stewardship = new RegisterEntry(body.owner(), body.purpose(), body.personalData(),
                body.legalBasis(), body.retention(), body.installedOn(), body.status()).stewardship();
        return new NewDevice(body.id(), body.name(), body.profile(), required(body.latitude(), "latitude"),
                required(body.longitude(), "longitude"), stewardship, Optional.ofNullable(body.gateway()));
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_READ)
    DeviceView get(@PathVariable String id) {
        return view(device(id));
    }

    /** A change to a device: its register entry (what is left out stays) and its gateway ({@code ""}: none). */
    record DevicePatch(Owner owner, String purpose, String personalData, String legalBasis, String retention,
            String installedOn, String status, String gateway) {
        RegisterEntry entry() {
            return new RegisterEntry(owner, purpose, personalData, legalBasis, retention, installedOn, status);
        }

        boolean changesEntry() {
            return owner != null || purpose != null || personalData != null || legalBasis != null || retention != null
                    || installedOn != null || status != null;
        }
    }

    @PatchMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    DeviceView update(@PathVariable String id, @RequestBody DevicePatch body) {
        TenantId tenant = CurrentCaller.tenant();
        Device updated = device(id);
        if (body.changesEntry()) {
            updated = registry.updateStewardship(tenant, id, body.entry().over(updated.stewardship()));
            audit.record(tenant, "DEVICE_REGISTER_UPDATED", id, "", java.util.Map.of());
        }
        if (body.gateway() != null) {
            updated = registry.updateGateway(tenant, id, Optional.of(body.gateway().strip()).filter(g -> !g.isEmpty()));
            audit.record(tenant, "DEVICE_GATEWAY_CHANGED", id, "", java.util.Map.of("gateway", body.gateway()));
        }
        return view(updated);
    }

    @PostMapping("/{id}/credentials")
    @RequiresPermission(Permission.DEVICE_CREDENTIALS_RESET)
    DeviceCredentials resetCredentials(@PathVariable String id) {
        DeviceCredentials credentials = registry.resetCredentials(CurrentCaller.tenant(), id);
        audit.record(CurrentCaller.tenant(), "DEVICE_CREDENTIALS_RESET", id, "", java.util.Map.of());
        return credentials;
    }

    @GetMapping("/{id}/rejections")
    @RequiresPermission(Permission.DEVICES_READ)
    List<DeviceRejection> rejections(@PathVariable String id, @RequestParam Optional<Integer> limit) {
        int n = limit.orElse(50);
        if (n < 1 || n > 1000) {
            throw new InvalidInputException("limit", "limit must be between 1 and 1000");
        }
        device(id);
        return registry.rejections(CurrentCaller.tenant(), id, n);
    }

    @GetMapping("/{id}/rejection-counts")
    @RequiresPermission(Permission.DEVICES_READ)
    List<org.saola.devices.DeviceRejectionCount> rejectionCounts(@PathVariable String id) {
        device(id);
        return registry.rejectionCounts(CurrentCaller.tenant(), id);
    }

    private Device device(String id) {
        return registry.find(CurrentCaller.tenant(), id)
                .orElseThrow(() -> new NotFoundException("no device '" + id + "' in this tenant"));
    }

    private static double required(Double value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}
