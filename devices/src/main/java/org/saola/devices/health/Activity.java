package org.saola.devices.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a device has been doing, as the health watch needs it: when its last good reading arrived, how far its
 * clock was off then, how many identical readings in a row it has sent, its battery, and when it last sent a
 * value out of range or from the future. Every field is empty until the device has done that thing once.
 *
 * @param clockSkew   observation time minus arrival time of the newest reading of its latest message
 * @param fingerprint a hash of the latest reading's values (not its time), to count identical readings
 * @param repeats     how many readings in a row had that fingerprint
 */
public record Activity(Optional<Instant> lastReceivedAt, Optional<Instant> lastObservedAt, Duration clockSkew,
        long fingerprint, int repeats, Optional<Double> battery, Optional<Instant> lastOutOfRangeAt,
        Optional<Instant> lastFarFutureAt) {

    public static final Activity NONE = new Activity(Optional.empty(), Optional.empty(), Duration.ZERO, 0, 0,
            Optional.empty(), Optional.empty(), Optional.empty());
}
