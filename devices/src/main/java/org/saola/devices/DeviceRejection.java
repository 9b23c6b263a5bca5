package org.saola.devices;

import java.time.Instant;
import org.saola.devices.domain.RejectionReason;

/** A message refused from a device, kept for its operator. */
public record DeviceRejection(Instant receivedAt, RejectionReason reason, String detail, String payloadExcerpt) {
}
