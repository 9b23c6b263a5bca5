package org.saola.devices.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The health watch.
 *
 * @param checkEvery         how often every device is assessed (on one node at a time)
 * @param flushEvery         how often each node writes what its devices did to the database
 * @param clockSkewTolerance how far a device's observation times may be off the platform's clock
 * @param availabilityWindow the period availability is measured over
 */
@ConfigurationProperties("saola.devices.health")
public record HealthProperties(
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("10s") Duration flushEvery,
        @DefaultValue("2m") Duration clockSkewTolerance,
        @DefaultValue("24h") Duration availabilityWindow) {

    public HealthProperties {
        if (availabilityWindow.compareTo(Duration.ofHours(1)) < 0 || availabilityWindow.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("saola.devices.health.availability-window must be between 1h and 7d");
        }
    }
}
