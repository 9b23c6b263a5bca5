package org.saola.devices.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The quantities an air-quality station reports, with the Smart Data Model attribute name, the UN/CEFACT
 * unit code the model prescribes, and the physically plausible range outside which a value is refused.
 */
public enum AirQualityQuantity {
    PM25("pm25", "GQ", 0, 1000),            // µg/m³
    PM10("pm10", "GQ", 0, 2000),            // µg/m³
    NO2("no2", "GQ", 0, 2000),              // µg/m³
    O3("o3", "GQ", 0, 1000),                // µg/m³
    TEMPERATURE("temperature", "CEL", -50, 70),
    RELATIVE_HUMIDITY("relativeHumidity", "C62", 0, 1); // a ratio 0..1, as the Smart Data Model defines it

    private static final Map<String, AirQualityQuantity> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AirQualityQuantity::attribute, Function.identity()));

    private final String attribute;
    private final String unitCode;
    private final double min;
    private final double max;

    AirQualityQuantity(String attribute, String unitCode, double min, double max) {
        this.attribute = attribute;
        this.unitCode = unitCode;
        this.min = min;
        this.max = max;
    }

    public String attribute() {
        return attribute;
    }

    public String unitCode() {
        return unitCode;
    }

    public static Optional<AirQualityQuantity> byAttribute(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    void check(double value) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new IllegalArgumentException(attribute + " must be between " + fmt(min) + " and " + fmt(max)
                    + " " + unitCode + "; got " + value);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
