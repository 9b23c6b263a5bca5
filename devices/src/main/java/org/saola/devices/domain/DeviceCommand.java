package org.saola.devices.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A command sent to an actuator and what became of it: {@code PENDING} (recorded), {@code SENT} (taken by the
 * broker for the device's commands topic, QoS 1), {@code OK} or {@code ERROR} (the device's answer, with its
 * {@code info}), {@code EXPIRED} (no answer in time).
 */
public record DeviceCommand(UUID id, String deviceId, String command, Optional<Double> value, Status status, String info,
        String issuedBy, Instant issuedAt, Instant expiresAt, Optional<Instant> sentAt, Optional<Instant> answeredAt) {

    public enum Status { PENDING, SENT, OK, ERROR, EXPIRED }
}
