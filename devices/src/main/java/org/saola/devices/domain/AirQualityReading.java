package org.saola.devices.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One validated observation of an air-quality station, with FIWARE Smart Data Model attribute names
 * (dataModel.Environment/AirQualityObserved). Only measured quantities are present.
 */
public record AirQualityReading(Instant dateObserved, Map<AirQualityQuantity, Double> values) {
    public AirQualityReading {
        Objects.requireNonNull(dateObserved, "dateObserved");
        values = Map.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a reading measures at least one quantity");
        }
        values.forEach((q, v) -> q.check(v));
    }
}
