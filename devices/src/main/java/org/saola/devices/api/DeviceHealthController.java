package org.saola.devices.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.devices.DeviceRegistry;
import org.saola.devices.health.DeviceHealth;
import org.saola.devices.health.HealthProblem;
import org.saola.devices.health.HealthWatch;
import org.saola.devices.health.ProfileAvailability;
import org.saola.devices.health.WorkItem;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Devices' health, their maintenance work items, and availability per profile. */
@RestController
class DeviceHealthController {

    /**
     * A device's health. {@code clockSkewSeconds}: its latest observation time minus arrival time;
     * {@code availability}: readings received in the last 24 hours over those expected (0–1).
     */
    record HealthView(String status, List<HealthProblem> problems, Instant since, Instant lastReadingAt, Double battery,
            long clockSkewSeconds, Double availability, Instant checkedAt) {
        static HealthView of(DeviceHealth h) {
            return new HealthView(h.status().name(), h.problems().stream().sorted().toList(), h.since().orElse(null),
                    h.lastReceivedAt().orElse(null), h.battery().orElse(null), h.clockSkew().toSeconds(),
                    h.availability().orElse(null), h.checkedAt().orElse(null));
        }
    }

    /** A maintenance work item: for whom, why, opened and closed when, and the downtime in seconds. */
    record WorkItemView(long id, String deviceId, String department, String organisation, List<HealthProblem> problems,
            Instant openedAt, Instant closedAt, Long downtimeSeconds) {
        static WorkItemView of(WorkItem w) {
            return new WorkItemView(w.id(), w.deviceId(), w.department().orElse(null), w.organisation().orElse(null),
                    w.problems().stream().sorted().toList(), w.openedAt(), w.closedAt().orElse(null),
                    w.downtime().map(java.time.Duration::toSeconds).orElse(null));
        }
    }

    record AvailabilityView(String profile, int devices, int ok, int unhealthy, int waiting, int notWatched,
            Double availability) {
        static AvailabilityView of(ProfileAvailability p) {
            return new AvailabilityView(p.profile(), p.devices(), p.ok(), p.unhealthy(), p.waiting(), p.notWatched(),
                    p.availability().orElse(null));
        }
    }

    private final HealthWatch health;
    private final DeviceRegistry devices;

    DeviceHealthController(HealthWatch health, DeviceRegistry devices) {
        this.health = health;
        this.devices = devices;
    }

    @GetMapping("/api/v1/devices/{id}/health")
    @RequiresPermission(Permission.DEVICES_READ)
    HealthView health(@PathVariable String id) {
        return HealthView.of(health.health(existing(id), id));
    }

    @GetMapping("/api/v1/devices/{id}/work-items")
    @RequiresPermission(Permission.DEVICES_READ)
    List<WorkItemView> workItems(@PathVariable String id, @RequestParam Optional<Integer> limit) {
        return health.workItems(existing(id), id, limit(limit)).stream().map(WorkItemView::of).toList();
    }

    /** The tenant's maintenance work items, newest first: {@code state=open} (the default) or {@code all}. */
    @GetMapping("/api/v1/device-work-items")
    @RequiresPermission(Permission.DEVICES_READ)
    List<WorkItemView> workItems(@RequestParam Optional<String> state, @RequestParam Optional<Integer> limit) {
        String s = state.orElse("open");
        if (!s.equals("open") && !s.equals("all")) {
            throw new InvalidInputException("state", "state is 'open' or 'all'; got '" + s + "'");
        }
        return health.workItems(CurrentCaller.tenant(), s.equals("open"), limit(limit)).stream().map(WorkItemView::of).toList();
    }

    /** Per profile: how many devices, how many healthy, and their mean availability over the last 24 hours. */
    @GetMapping("/api/v1/device-availability")
    @RequiresPermission(Permission.DEVICES_READ)
    List<AvailabilityView> availability() {
        TenantId tenant = CurrentCaller.tenant();
        return ProfileAvailability.of(devices.list(tenant), health.health(tenant)).stream().map(AvailabilityView::of).toList();
    }

    /** The caller's tenant, once the device is known there. */
    private TenantId existing(String id) {
        TenantId tenant = CurrentCaller.tenant();
        devices.find(tenant, id).orElseThrow(() -> new NotFoundException("no device '" + id + "' in this tenant"));
        return tenant;
    }

    private static int limit(Optional<Integer> limit) {
        int n = limit.orElse(100);
        if (n < 1 || n > 1000) {
            throw new InvalidInputException("limit", "limit must be between 1 and 1000");
        }
        return n;
    }
}
