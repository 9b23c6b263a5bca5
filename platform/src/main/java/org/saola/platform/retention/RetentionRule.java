package org.saola.platform.retention;

import java.time.Duration;
import java.time.Instant;

/** How one category of data is let go of once old enough; the module that owns the data implements it. */
public interface RetentionRule {

    /** The category's name in {@code saola.retention.periods} and in the log: {@code readings}, {@code sessions}, … */
    String category();

    /** What is removed, in plain words (the retention API and docs show it). */
    String description();

    /** How long it is kept unless {@code saola.retention.periods.<category>} says otherwise. */
    Duration defaultPeriod();

    /**
     * Removes (or, for contact data, unlinks) what is older than {@code cutoff}, in batches so that no transaction
     * grows large, and says how much.
     */
    long apply(Instant cutoff);
}
