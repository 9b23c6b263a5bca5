package org.saola.platform.measure;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.saola.platform.TenantId;

/** A module's measures for the city's indicators, computed over its own data. */
public interface MeasureSource {

    /** The measures this module offers. */
    List<Measure> measures();

    /**
     * The measure {@code key} for the tenant over {@code [from, to)} (a {@link Measure.Kind#STOCK} is read as things
     * stand), in total and split by each of {@code groupings} (a subset of the measure's own). An unknown key
     * throws {@code NotFoundException}.
     */
    Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings);
}
