package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A device's health as the watch last assessed it, with the facts behind it.
 *
 * @param since        when the device entered this status (empty before the first check)
 * @param availability readings received in the last 24 hours over those its profile expects, 0–1 (empty before
 *                     the first check, or while it is not watched)
 */
public record DeviceHealth(HealthRules.Status status, Set<HealthProblem> problems, Optional<Instant> since,
        Optional<Instant> lastReceivedAt, Optional<Double> battery, Duration clockSkew, Optional<Double> availability,
        Optional<Instant> checkedAt) {

    public static final DeviceHealth UNCHECKED = new DeviceHealth(HealthRules.Status.WAITING, Set.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty());

    public DeviceHealth {
        problems = Set.copyOf(problems);
    }

    /** The status as pages, the register and message keys spell it: {@code ok}, {@code not-watched}, … */
    public String statusKey() {
        return key(status);
    }

    /** The problems, in a stable order, spelt like {@link #statusKey}: {@code silent}, {@code low-battery}, … */
    public List<String> problemKeys() {
        return problems.stream().sorted().map(DeviceHealth::key).toList();
    }

    public static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
