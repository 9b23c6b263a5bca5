package org.saola.devices;

import java.time.Instant;
import org.saola.devices.domain.RejectionReason;

/** How often a device's messages were refused for one reason, and when first and last. */
public record DeviceRejectionCount(RejectionReason reason, long count, Instant firstAt, Instant lastAt) {
}
