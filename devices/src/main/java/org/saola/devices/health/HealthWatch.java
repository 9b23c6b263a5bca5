package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.devices.Device;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.store.HealthStore;
import org.saola.platform.TenantId;
import org.saola.platform.events.DomainEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assesses every device against its profile, continuously and with the platform's clock: silent, stuck, out of
 * range, low battery, clock skew ({@link HealthRules}). A device turning unhealthy opens one work item for its
 * owner; recovering closes it with the downtime. Each node writes what its devices did every
 * {@code flush-every}; the assessment runs every {@code check-every} on one node at a time (an advisory lock).
 */
@Service
@EnableConfigurationProperties(HealthProperties.class)
public class HealthWatch {

    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);

    private final ActivityTracker tracker;
    private final HealthStore store;
    private final DeviceProfiles profiles;
    private final DomainEvents events;
    private final TransactionTemplate tx;
    private final InstantSource clock;
    private final HealthRules rules;
    private final HealthProperties properties;

    public HealthWatch(ActivityTracker tracker, HealthStore store, DeviceProfiles profiles, DomainEvents events,
            TransactionTemplate tx, Optional<InstantSource> clock, HealthProperties properties) {
        this.tracker = tracker;
        this.store = store;
        this.profiles = profiles;
        this.events = events;
        this.tx = tx;
        this.clock = clock.orElse(InstantSource.system());
        this.properties = properties;
        this.rules = new HealthRules(properties.clockSkewTolerance());
    }

    /** Writes what this node's devices did since the last flush; what fails is kept for the next one. */
    @Scheduled(fixedDelayString = "${saola.devices.health.flush-every:10s}", initialDelayString = "${saola.devices.health.flush-every:10s}")
    public void flush() {
        List<ActivityTracker.Change> changes = tracker.changes();
        try {
            tx.executeWithoutResult(s -> store.apply(changes));
        } catch (RuntimeException e) {
            log.warn("Device activity not written, kept for the next flush: {}", e.toString());
            tracker.retry(changes);
        }
    }

    @Scheduled(fixedDelayString = "${saola.devices.health.check-every:1m}", initialDelayString = "${saola.devices.health.check-every:1m}")
    void scheduledCheck() {
        check();
    }

    /** Assesses every device now; returns how many were assessed (0 if another node is at it). */
    public int check() {
        flush();
        Instant now = clock.instant();
        List<Object> published = new ArrayList<>();
        Integer assessed = tx.execute(s -> {
            if (!store.lockForCheck()) {
                return 0;
            }
            Instant windowStart = now.minus(properties.availabilityWindow());
            Map<ActivityTracker.Key, Long> received = store.readingsSince(windowStart.truncatedTo(java.time.temporal.ChronoUnit.HOURS));
            List<HealthStore.Verdict> verdicts = new ArrayList<>();
            for (HealthStore.Watched w : store.watched()) {
                Device d = w.device();
                Optional<DeviceProfile> profile = profiles.find(d.tenant(), d.profile());
                if (profile.isEmpty()) {
                    continue;
                }
                Instant activeSince = activeSince(d);
                HealthRules.Assessment a = rules.assess(profile.get(), d.stewardship().status(), activeSince, w.activity(), now);
                Optional<Double> availability = a.status() == HealthRules.Status.NOT_WATCHED ? Optional.empty()
                        : availability(profile.get(), received.getOrDefault(new ActivityTracker.Key(d.tenant(), d.id()), 0L),
                                windowStart.isAfter(activeSince) ? windowStart : activeSince, now);
                verdicts.add(new HealthStore.Verdict(d.tenant(), d.id(), a.status(), a.problems(), now, availability));
                if (a.status() == HealthRules.Status.UNHEALTHY) {
                    store.openWorkItem(d, a.problems(), now).ifPresent(id -> published.add(
                            new DeviceWorkItemOpened(d.tenant(), id, d.id(), d.stewardship().department(), a.problems(), now)));
                } else if (w.status() == HealthRules.Status.UNHEALTHY) {
                    store.closeWorkItem(d.tenant(), d.id(), now).ifPresent(item -> published.add(new DeviceWorkItemClosed(
                            d.tenant(), item.id(), d.id(), item.downtime().orElse(Duration.ZERO), now)));
                }
            }
            store.saveVerdicts(verdicts, now);
            store.pruneHours(now.minus(Duration.ofDays(8)));
            published.forEach(events::publish);
            return verdicts.size();
        });
        return assessed == null ? 0 : assessed;
    }

    /** The device's health as last assessed ({@link DeviceHealth#UNCHECKED} before its first check). */
    public DeviceHealth health(TenantId tenant, String deviceId) {
        return store.health(tenant, deviceId).orElse(DeviceHealth.UNCHECKED);
    }

    /** The health of the tenant's devices, by device id; a device not in the map is unchecked. */
    public Map<String, DeviceHealth> health(TenantId tenant) {
        return store.health(tenant);
    }

    /** The tenant's work items, newest first: the open ones, or all. */
    public List<WorkItem> workItems(TenantId tenant, boolean openOnly, int limit) {
        return store.workItems(tenant, openOnly, limit);
    }

    /** A device's work items, newest first. */
    public List<WorkItem> workItems(TenantId tenant, String deviceId, int limit) {
        return store.workItems(tenant, deviceId, limit);
    }

    /** Since when a device is expected to report: its registration, or the start of its installation day if later. */
    static Instant activeSince(Device d) {
        Instant registered = d.createdAt();
        return d.stewardship().installedOn().map(day -> day.atTime(LocalTime.MIDNIGHT).toInstant(ZoneOffset.UTC))
                .filter(i -> i.isAfter(registered)).orElse(registered);
    }

    /** Readings received over those expected between {@code from} and {@code now}, at most 1. */
    static Optional<Double> availability(DeviceProfile profile, long received, Instant from, Instant now) {
        double expected = (double) Duration.between(from, now).toMillis() / profile.reportingInterval().toMillis();
        if (expected < 1) {
            return Optional.empty();
        }
        return Optional.of(Math.min(1.0, received / Math.floor(expected)));
    }
}
