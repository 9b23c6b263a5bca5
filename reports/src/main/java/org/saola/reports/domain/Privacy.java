package org.saola.reports.domain;

/**
 * How exactly a category's reports are placed in public: {@code EXACT} where they were reported, or
 * {@code APPROXIMATE} for sensitive categories (a noise complaint points at a neighbour's house): snapped to
 * a grid of about 200 m, the same cell every time, so repeated views reveal nothing more.
 */
public enum Privacy {
    EXACT, APPROXIMATE;

    static final double GRID_DEGREES = 0.002;

    /** The coordinate as the public may see it. */
    public double publicCoordinate(double degrees) {
        if (this == EXACT) {
            return degrees;
        }
        return Math.round((Math.floor(degrees / GRID_DEGREES) + 0.5) * GRID_DEGREES * 1e6) / 1e6;
    }
}
