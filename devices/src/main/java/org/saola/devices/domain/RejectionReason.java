package org.saola.devices.domain;

/** Why a message from a device was refused. */
public enum RejectionReason {
    /** The payload is not JSON, or not a JSON object or array of objects. */
    MALFORMED_PAYLOAD,
    /** JSON, but outside the schema: unknown attribute, wrong type, value out of range, bad timestamp. */
    OUT_OF_SCHEMA,
    /** The device presented a wrong secret. */
    BAD_CREDENTIALS,
    /** The device published to a topic that is not its own. */
    FORBIDDEN_TOPIC,
    /** The platform could not commit the reading (overload or database trouble); the device should retry. */
    NOT_STORED,
    /** The device sent faster than {@code saola.rate-limits.readings-per-second} allows. */
    RATE_LIMITED
}
