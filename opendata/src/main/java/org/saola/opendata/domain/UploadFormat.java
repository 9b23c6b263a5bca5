package org.saola.opendata.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.saola.platform.InvalidInputException;

/**
 * The kinds of file staff may publish as a table: CSV as it comes, an Excel workbook's first sheet ({@link XlsxTable}),
 * a GeoJSON FeatureCollection ({@link GeoJsonTable}). The last two become CSV in a temporary file first, so that one
 * reader ({@link CsvTable}) types and streams every kind the same way.
 */
public enum UploadFormat {
    CSV("text/csv", ".csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    GEOJSON("application/geo+json", ".geojson");

    private final String mediaType;
    private final String extension;

    UploadFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a body by its media type, or of a file by its name's extension. */
    public static Optional<UploadFormat> of(String mediaType, String fileName) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        for (UploadFormat f : values()) {
            if (f.mediaType.equals(type)) {
                return Optional.of(f);
            }
        }
        if (type.equals("application/csv")) {
            return Optional.of(CSV);
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        for (UploadFormat f : values()) {
            if (name.endsWith(f.extension) || (f == GEOJSON && name.endsWith(".json") && type.contains("json"))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** What the formats are, for error messages. */
    public static String accepted() {
        return "CSV (text/csv), Excel (.xlsx) or GeoJSON (application/geo+json)";
    }

    /**
     * The file as CSV text to {@link CsvTable}. CSV is read as it streams; the others are converted into a temporary
     * file, deleted when the reader is closed.
     */
    public Reader asCsv(InputStream in) {
        if (this == CSV) {
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        Path source = null;
        Path csv = null;
        try {
            source = Files.createTempFile("saola-upload", extension);
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            csv = Files.createTempFile("saola-upload", ".csv");
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                if (this == XLSX) {
                    XlsxTable.toCsv(source, out);
                } else {
                    GeoJsonTable.toCsv(source, out);
                }
            }
            Path made = csv;
            return new java.io.FilterReader(Files.newBufferedReader(made, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    Files.deleteIfExists(made);
                }
            };
        } catch (IOException e) {
            delete(csv);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(csv);
            throw e;
        } finally {
            delete(source);
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file the system cleans
            }
        }
    }

    /** One CSV record (RFC 4180: quoted when it has a comma, a quote or a line break). */
    static void record(Writer out, java.util.List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write("\r\n");
    }

    static InvalidInputException bad(String message) {
        return new InvalidInputException("file", message);
    }
}
