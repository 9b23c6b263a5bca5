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
        boolean handedOver = false;
        try {
            source = Files.createTempFile("saola-upload", extension);
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            csv = Files.createTempFile("saola-upload", ".csv");
            try (Writer out = new Bounded(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
                if (this == XLSX) {
                    XlsxTable.toCsv(source, out);
                } else {
                    GeoJsonTable.toCsv(source, out);
                }
            }
            Path made = csv;
            Reader reader = new java.io.FilterReader(Files.newBufferedReader(made, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(made);
                    }
                }
            };
            handedOver = true;
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(source);
            if (!handedOver) {
                delete(csv);                             // whatever went wrong, out of memory included
            }
        }
    }

    /** The most CSV a workbook or a collection may become (what one CSV upload may be). */
    static final long MAX_CSV = 2L << 30;

    /** A writer that refuses to grow the converted file beyond {@link #MAX_CSV} characters. */
    private static final class Bounded extends java.io.FilterWriter {
        private long written;

        Bounded(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            count(1);
            super.write(c);
        }

        @Override
        public void write(char[] b, int off, int len) throws IOException {
            count(len);
            super.write(b, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            count(len);
            super.write(str, off, len);
        }

        private void count(long n) {
            written += n;
            if (written > MAX_CSV) {
                throw bad("the file becomes a table of more than " + (MAX_CSV >> 30) + " GB; publish it in parts");
            }
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
