package org.saola.devices.domain;

/** Why a message from a device was refused. */
public enum RejectionReason {
    /** The payload is not JSON, or not a JSON object or array of objects, or carries too many readings. */
    MALFORMED_PAYLOAD,
    /** The message is larger than the platform accepts (64 KiB over HTTP and MQTT). */
    TOO_LARGE,
    /** A field the device's profile does not know. */
    UNKNOWN_ATTRIBUTE,
    /** A value of the wrong type, a text outside the allowed ones, an unreadable timestamp, an empty reading. */
    OUT_OF_SCHEMA,
    /** A number outside the plausible physical range of its measurement (once scaled). */
    OUT_OF_RANGE,
    /** An observation time further in the future than the clock skew tolerated. */
    FAR_FUTURE,
    /** The device presented a wrong secret. */
    BAD_CREDENTIALS,
    /** A LoRaWAN frame counter not above the last one accepted from the device: a replay or a duplicate delivery. */
    REPLAYED,
    /** A gateway sent readings for a device that is not registered behind it. */
    NOT_BEHIND_GATEWAY,
    /** The device published to a topic that is not its own. */
    FORBIDDEN_TOPIC,
    /** The platform could not commit the reading (overload or database trouble); the device should retry. */
    NOT_STORED,
    /** The device sent faster than {@code saola.rate-limits.readings-per-second} allows. */
    RATE_LIMITED
}
