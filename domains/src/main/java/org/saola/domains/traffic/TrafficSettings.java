package org.saola.domains.traffic;

import org.saola.platform.InvalidInputException;

/**
 * How a city watches its traffic: how many days give each segment its free-flow speed and usual levels, and when
 * an hour is abnormal (points above its usual, and a level of at least so much). Checked before it is kept.
 */
public record TrafficSettings(Integer lookbackDays, Double abnormalPoints, Double abnormalLevel) {

    public static TrafficSettings defaults() {
        return new TrafficSettings(28, Congestion.ABNORMAL_POINTS, Congestion.ABNORMAL_LEVEL);
    }

    public TrafficSettings validated() {
        int days = lookbackDays == null ? 28 : lookbackDays;
        if (days < 1 || days > 90) {
            throw new InvalidInputException("lookbackDays", "from 1 to 90 days");
        }
        double points = abnormalPoints == null ? Congestion.ABNORMAL_POINTS : abnormalPoints;
        if (Double.isNaN(points) || points <= 0 || points > 1000) {
            throw new InvalidInputException("abnormalPoints", "points of congestion level above the usual, more than 0, at most 1000");
        }
        double level = abnormalLevel == null ? Congestion.ABNORMAL_LEVEL : abnormalLevel;
        if (Double.isNaN(level) || level < 0 || level > 1000) {
            throw new InvalidInputException("abnormalLevel", "a congestion level in %, 0 to 1000");
        }
        return new TrafficSettings(days, points, level);
    }
}
