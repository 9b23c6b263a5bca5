package org.saola.devices.domain;

import java.util.Objects;

/** A reading refused by the decoder: why, and a detail the device's owner can act on. */
public record RejectedReading(RejectionReason reason, String detail) {
    public RejectedReading {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
