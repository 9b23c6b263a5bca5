package org.saola.devices.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.saola.devices.profile.DeviceProfile;
import tools.jackson.databind.JsonNode;

/**
 * One validated observation of a device: when it was made and each value as it is stored (scaled, checked),
 * with the target entity and measurement of the device's profile it belongs to.
 */
public record Reading(Instant observedAt, List<Value> values) {

    /** A stored value: the profile's target (by index) and measurement, and the value after scaling. */
    public record Value(int target, DeviceProfile.Measurement measurement, JsonNode value) {
    }

    public Reading {
        Objects.requireNonNull(observedAt, "observedAt");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a reading measures at least one quantity");
        }
    }
}
