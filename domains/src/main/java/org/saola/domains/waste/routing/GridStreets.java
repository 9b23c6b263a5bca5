package org.saola.domains.waste.routing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A small street network the project generates, as OpenStreetMap XML: a grid of two-way residential streets over a
 * box, cut north to south by a river that only a few bridges cross. The demo city's and the tests' street graph: a
 * route between two places on either bank must go by a bridge, which a straight line times a road factor does not
 * know.
 *
 * @param spacing   degrees between two streets
 * @param river     the river's longitude (no street crosses it but at a bridge)
 * @param bridges   the latitudes of the bridges (each on the street nearest to it)
 */
public record GridStreets(double west, double south, double east, double north, double spacing, double river, List<Double> bridges) {

    /** Writes the network to {@code file} (replacing it). */
    public void write(Path file) throws IOException {
        int columns = (int) Math.floor((east - west) / spacing) + 1;
        int rows = (int) Math.floor((north - south) / spacing) + 1;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"saola GridStreets\">\n");
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    w.write(String.format(Locale.ROOT, "  <node id=\"%d\" version=\"1\" lat=\"%.6f\" lon=\"%.6f\"/>%n", node(r, c, columns),
                            south + r * spacing, west + c * spacing));
                }
            }
            long way = 1;
            // Streets west to east, each cut where it meets the river unless it is a bridge's.
            for (int r = 0; r < rows; r++) {
                double lat = south + r * spacing;
                boolean bridge = bridges.stream().anyMatch(b -> Math.abs(b - lat) <= spacing / 2);
                int start = 0;
                for (int c = 0; c < columns - 1; c++) {
                    double a = west + c * spacing;
                    double b = a + spacing;
                    if (!bridge && a < river && river < b) {
                        way = street(w, way, r, start, c, columns, true);
                        start = c + 1;
                    }
                }
                way = street(w, way, r, start, columns - 1, columns, true);
            }
            // Streets south to north, never on the river.
            for (int c = 0; c < columns; c++) {
                way = street(w, way, c, 0, rows - 1, columns, false);
            }
            w.write("</osm>\n");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long node(int row, int column, int columns) {
        return (long) row * columns + column + 1;
    }

    /** A street along a row (from column {@code from} to {@code to}) or a column (from row to row). */
    private static long street(Writer w, long id, int line, int from, int to, int columns, boolean alongRow) throws IOException {
        if (to <= from) {
            return id;
        }
        w.write("  <way id=\"" + id + "\" version=\"1\">\n");
        for (int k = from; k <= to; k++) {
            w.write("    <nd ref=\"" + (alongRow ? node(line, k, columns) : node(k, line, columns)) + "\"/>\n");
        }
        w.write("    <tag k=\"highway\" v=\"residential\"/>\n  </way>\n");
        return id + 1;
    }
}
