package org.saola.opendata.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GeoJSON FeatureCollection (RFC 7946) as CSV: one row per feature, a column per property (in the order they
 * first appear; an object or array property as its JSON), then {@code latitude} and {@code longitude} (a point's
 * own; for a line or an area, the mean of its positions: a point to place it on a map) and {@code geometry} (the
 * feature's geometry as GeoJSON, so nothing is lost) unless every feature is a point. Read twice as a stream (the
 * columns first, then the rows), a feature at a time, so a large collection needs little memory.
 */
final class GeoJsonTable {

    /** Reads one feature at a time from the collection's array: what follows a feature is the next one, not an error. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Set<String> RESERVED = Set.of("latitude", "longitude", "geometry");

    private GeoJsonTable() {
    }

    /** The largest collection read (one feature is read whole before it is written). */
    static final long MAX_FILE = 100L << 20;

    static void toCsv(Path file, Writer out) throws IOException {
        if (java.nio.file.Files.size(file) > MAX_FILE) {
            throw UploadFormat.bad("a GeoJSON file is at most " + (MAX_FILE >> 20) + " MB; publish a larger one as CSV");
        }
        Set<String> properties = new LinkedHashSet<>();
        boolean[] onlyPoints = {true};
        long features = each(file, f -> {
            JsonNode p = f.get("properties");
            if (p != null && p.isObject()) {
                p.propertyNames().forEach(properties::add);
                if (properties.size() > CsvTable.MAX_COLUMNS - 3) {
                    throw UploadFormat.bad("a table has at most " + CsvTable.MAX_COLUMNS + " columns; the features have more than "
                            + (CsvTable.MAX_COLUMNS - 3) + " properties");
                }
            }
            JsonNode g = f.get("geometry");
            if (g != null && !g.isNull() && !"Point".equals(g.path("type").asString(""))) {
                onlyPoints[0] = false;
            }
        });
        if (features == 0) {
            throw UploadFormat.bad("the FeatureCollection has no feature: there is nothing to publish");
        }
        List<String> names = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (String p : properties) {
            names.add(p);
            header.add(RESERVED.contains(p.toLowerCase(java.util.Locale.ROOT)) ? "property " + p : p);
        }
        header.add("latitude");
        header.add("longitude");
        if (!onlyPoints[0]) {
            header.add("geometry");
        }
        UploadFormat.record(out, header);
        each(file, f -> {
            List<String> row = new ArrayList<>(header.size());
            JsonNode p = f.path("properties");
            for (String name : names) {
                JsonNode v = p.get(name);
                row.add(v == null || v.isNull() ? "" : v.isValueNode() ? v.asString() : v.toString());
            }
            JsonNode g = f.get("geometry");
            double[] at = g == null || g.isNull() ? null : place(g);
            row.add(at == null ? "" : Double.toString(at[1]));
            row.add(at == null ? "" : Double.toString(at[0]));
            if (!onlyPoints[0]) {
                row.add(g == null || g.isNull() ? "" : g.toString());
            }
            try {
                UploadFormat.record(out, row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Each feature of the collection to {@code sink}; how many there were. */
    private static long each(Path file, Consumer<JsonNode> sink) throws IOException {
        long n = 0;
        boolean collection = false;
        boolean sawFeatures = false;
        try (JsonParser p = JSON.createParser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw UploadFormat.bad("a GeoJSON file is one object, a FeatureCollection");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("type")) {
                    collection = value == JsonToken.VALUE_STRING && p.getString().equals("FeatureCollection");
                } else if (field.equals("features") && value == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            throw UploadFormat.bad("feature " + (n + 1) + " is not an object");
                        }
                        JsonNode f = JSON.readTree(p);
                        if (!"Feature".equals(f.path("type").asString(""))) {
                            throw UploadFormat.bad("feature " + (n + 1) + " is not of type Feature");
                        }
                        n++;
                        sink.accept(f);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw UploadFormat.bad("the file is not valid JSON: " + e.getOriginalMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!collection || !sawFeatures) {
            throw UploadFormat.bad("the file is not a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\" with \"features\")");
        }
        return n;
    }

    /** A point's longitude and latitude, or the mean of a line's or an area's positions; null when it has none. */
    static double[] place(JsonNode geometry) {
        double[] sum = new double[3];
        positions(geometry.path("type").asString("").equals("GeometryCollection") ? geometry.path("geometries") : geometry.path("coordinates"),
                sum);
        if (sum[2] == 0) {
            return null;
        }
        double lon = sum[0] / sum[2];
        double lat = sum[1] / sum[2];
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw UploadFormat.bad("a geometry has a position outside longitude -180..180, latitude -90..90");
        }
        return new double[] {lon, lat};
    }

    private static void positions(JsonNode node, double[] sum) {
        if (node.isArray() && node.size() >= 2 && node.get(0).isNumber() && node.get(1).isNumber()) {
            sum[0] += node.get(0).asDouble();
            sum[1] += node.get(1).asDouble();
            sum[2]++;
        } else if (node.isArray()) {
            node.forEach(c -> positions(c, sum));
        } else if (node.isObject()) {                     // a geometry of a GeometryCollection
            positions(node.path("type").asString("").equals("GeometryCollection") ? node.path("geometries") : node.path("coordinates"), sum);
        }
    }
}
