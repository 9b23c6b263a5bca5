package org.saola.indicators.web;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The geometry of the indicators' line charts (an SVG path through values spread evenly across the width, the
 * scale from zero, or below, to a tenth above the highest value or reference line), and how the pages write numbers
 * in Vietnamese and English. The pages draw the chart and give the same figures in a table, its text alternative.
 *
 * @param path   the SVG path through the points
 * @param points each value's x and y
 * @param low    the value at the chart's bottom
 * @param high   the value at its top
 */
public record LineChart(String path, List<double[]> points, double low, double high, double left, double top, double width,
        double height) {

    /** A chart of {@code values} in the box at ({@code left}, {@code top}), also high enough for each of {@code lines}. */
    public static LineChart of(List<Double> values, List<Double> lines, double left, double top, double width, double height) {
        List<Double> all = new ArrayList<>(values);
        all.addAll(lines);
        double low = Math.min(0, all.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        double high = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (high <= low) {
            high = low + 1;
        }
        high += (high - low) * 0.1;
        LineChart frame = new LineChart("", List.of(), low, high, left, top, width, height);
        StringBuilder path = new StringBuilder();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double x = left + (values.size() == 1 ? width / 2 : width * i / (values.size() - 1));
            double y = frame.y(values.get(i));
            path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            points.add(new double[] {x, y});
        }
        return new LineChart(path.toString(), List.copyOf(points), low, high, left, top, width, height);
    }

    /** Where the value {@code v} is, down from the top of the picture. */
    public double y(double v) {
        return top + height - height * (v - low) / (high - low);
    }

    /** A number as the page's language writes it, with {@code decimals} decimals. */
    public static String number(double v, int decimals, boolean vi) {
        NumberFormat f = NumberFormat.getNumberInstance(vi ? Locale.forLanguageTag("vi") : Locale.ENGLISH);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(v);
    }

    /** As above; "–" for no value. */
    public static String number(OptionalDouble v, int decimals, boolean vi) {
        return v.isPresent() ? number(v.getAsDouble(), decimals, vi) : "–";
    }
}
