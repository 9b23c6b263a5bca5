package org.saola.devices.health;

/** What can be wrong with a device that is supposed to be reporting. */
public enum HealthProblem {
    /** No reading for {@code silentAfter} × the profile's reporting interval (or never, since it went active). */
    SILENT,
    /** The same reading {@code stuckAfter} times in a row: a frozen sensor still talking. */
    STUCK,
    /** A value outside its plausible range within the last {@code silentAfter} intervals. */
    OUT_OF_RANGE,
    /** The battery level it reports is below the profile's {@code lowBatteryBelow}. */
    LOW_BATTERY,
    /** Its observation times are off the platform's clock by more than the tolerance, or were refused as future. */
    CLOCK_SKEW
}
