package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.saola.devices.Stewardship;
import org.saola.devices.profile.DeviceProfile;

/**
 * Whether a device is healthy, from what it has been doing, what its profile expects and the time now: plain
 * rules, no I/O, so they are tested with any clock.
 */
public final class HealthRules {

    /** What the watch makes of a device. */
    public enum Status {
        /** Active and reporting as its profile expects. */
        OK,
        /** Active and at least one {@link HealthProblem}. */
        UNHEALTHY,
        /** Active, has not reported yet, and it is too early to call it silent. */
        WAITING,
        /** Planned, in maintenance or retired: not expected to report. */
        NOT_WATCHED
    }

    /** The verdict: a status and, when unhealthy, each problem. */
    public record Assessment(Status status, Set<HealthProblem> problems) {
        public Assessment {
            problems = problems.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(problems));
        }
    }

    private final Duration clockSkewTolerance;

    /** @param clockSkewTolerance how far a device's observation times may be off the platform's clock */
    public HealthRules(Duration clockSkewTolerance) {
        this.clockSkewTolerance = clockSkewTolerance;
    }

    /**
     * @param activeSince since when the device is expected to report (registration, or installation if later)
     */
    public Assessment assess(DeviceProfile profile, Stewardship.Status status, Instant activeSince, Activity a,
            Instant now) {
        if (status != Stewardship.Status.ACTIVE || profile.targets().stream().allMatch(t -> t.measurements().isEmpty())) {
            // Out of service, or an actuator that measures nothing (a bell): no reading is expected of it.
            return new Assessment(Status.NOT_WATCHED, Set.of());
        }
        DeviceProfile.Health h = profile.health();
        Duration window = profile.reportingInterval().multipliedBy(h.silentAfter());
        Set<HealthProblem> problems = EnumSet.noneOf(HealthProblem.class);
        Instant lastHeard = a.lastReceivedAt().orElse(activeSince);
        boolean silent = now.isAfter(lastHeard.plus(window));
        if (silent) {
            problems.add(HealthProblem.SILENT);
        } else if (a.lastReceivedAt().isEmpty() && a.lastFarFutureAt().isEmpty() && a.lastOutOfRangeAt().isEmpty()) {
            return new Assessment(Status.WAITING, Set.of());
        }
        Instant recent = now.minus(window);
        if (h.stuckAfter() > 0 && a.repeats() >= h.stuckAfter() && !silent) {
            problems.add(HealthProblem.STUCK);
        }
        if (a.lastOutOfRangeAt().filter(t -> t.isAfter(recent)).isPresent()) {
            problems.add(HealthProblem.OUT_OF_RANGE);
        }
        if (a.battery().filter(b -> b < h.lowBatteryBelow()).isPresent()) {
            problems.add(HealthProblem.LOW_BATTERY);
        }
        boolean skewed = !silent && a.lastReceivedAt().isPresent() && a.clockSkew().abs().compareTo(clockSkewTolerance) > 0;
        if (skewed || a.lastFarFutureAt().filter(t -> t.isAfter(recent)).isPresent()) {
            problems.add(HealthProblem.CLOCK_SKEW);
        }
        return new Assessment(problems.isEmpty() ? Status.OK : Status.UNHEALTHY, problems);
    }
}
