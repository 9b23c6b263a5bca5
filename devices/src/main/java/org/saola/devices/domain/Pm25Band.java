package org.saola.devices.domain;

/**
 * PM2.5 (µg/m³) bands of Vietnam's air quality index VN_AQI (Decision 1459/QĐ-TCMT, 2019): the concentration
 * breakpoints of AQI 50/100/150/200/300, with the index's official colours.
 */
public enum Pm25Band {
    GOOD(25, "#00e400"),
    MODERATE(50, "#ffff00"),
    POOR(80, "#ff7e00"),
    BAD(150, "#ff0000"),
    VERY_BAD(250, "#8f3f97"),
    HAZARDOUS(Double.MAX_VALUE, "#7e0023");

    private final double upTo;
    private final String colour;

    Pm25Band(double upTo, String colour) {
        this.upTo = upTo;
        this.colour = colour;
    }

    public static Pm25Band of(double pm25) {
        for (Pm25Band b : values()) {
            if (pm25 <= b.upTo) {
                return b;
            }
        }
        return HAZARDOUS;
    }

    public String colour() {
        return colour;
    }

    /** Message key of the band's name, e.g. {@code aq.band.GOOD}. */
    public String messageKey() {
        return "aq.band." + name();
    }
}
