package org.saola.opendata.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;
import org.saola.platform.publish.DataColumn;

/**
 * A dataset of the catalogue: what it is (in both languages), who publishes it, under which licence, how often
 * it changes, its columns and how many rows it has now. Its distributions ({@link #resources()}) are the same
 * rows as CSV (also queryable: CKAN's datastore), JSON and, when rows have a place, GeoJSON. An {@link Access#OPEN}
 * dataset is in the public catalogue; a {@link Access#SHARED} one is reached only with the key of an agreement that
 * shares it ({@link DataSharing}).
 */
public record Dataset(UUID id, String name, String sourceKey, String titleVi, String titleEn, String notesVi, String notesEn,
        Optional<String> department, String theme, List<String> keywords, Licence licence, String frequency,
        List<DataColumn> columns, boolean peopleCounts, long rows, Instant created, Instant modified,
        Optional<Instant> refreshed, Access access) {

    /** Who may read a dataset: anyone, or the parties of the agreements that share it. */
    public enum Access {
        OPEN, SHARED;

        public static Access of(String value) {
            for (Access a : values()) {
                if (a.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return a;
                }
            }
            throw new InvalidInputException("access", "access is 'open' (anyone) or 'shared' (only through data-sharing agreements); got '"
                    + value + "'");
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{1,99}");

    public Dataset {
        keywords = List.copyOf(keywords);
        columns = List.copyOf(columns);
    }

    public boolean open() {
        return access == Access.OPEN;
    }

    /** The same dataset with only the columns named (in the dataset's order): what an agreement lets a party read. */
    public Dataset only(java.util.Collection<String> fields) {
        return new Dataset(id, name, sourceKey, titleVi, titleEn, notesVi, notesEn, department, theme, keywords, licence, frequency,
                columns.stream().filter(c -> fields.contains(c.id())).toList(), peopleCounts, rows, created, modified, refreshed, access);
    }

    /** Checks a CKAN dataset name: 2-100 lower-case letters, digits, '-' or '_'. */
    public static String checkName(String name) {
        if ("agreements".equals(name)) {
            throw new InvalidInputException("name", "'agreements' names the portal's page of data-sharing agreements; choose another name");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "a dataset's name is 2-100 lower-case letters, digits, '-' or '_'; got '"
                    + name + "'");
        }
        return name;
    }

    /** The default name of a module's offer: its key in lower case, other characters as '-'. */
    public static String nameOf(String sourceKey) {
        String n = sourceKey.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return n.length() > 100 ? n.substring(0, 100) : n;
    }

    /** Whether rows have a place ({@code latitude} and {@code longitude} columns): then there is a GeoJSON distribution. */
    public boolean located() {
        return columns.stream().anyMatch(c -> c.id().equals("latitude")) && columns.stream().anyMatch(c -> c.id().equals("longitude"));
    }

    /** Whether it is a document staff published (a PDF file): its one distribution is the file, with no table. */
    public boolean document() {
        return sourceKey.startsWith("document:");
    }

    /** Its distributions, in order; the CSV one is the queryable table (a document has only its file). */
    public List<Resource> resources() {
        List<Resource> r = new ArrayList<>();
        if (document()) {
            r.add(new Resource(resourceId("PDF"), this, "PDF", 0));
            return r;
        }
        r.add(new Resource(resourceId("CSV"), this, "CSV", 0));
        r.add(new Resource(resourceId("JSON"), this, "JSON", 1));
        if (located()) {
            r.add(new Resource(resourceId("GeoJSON"), this, "GeoJSON", 2));
        }
        // Entities' latest state is also NGSI-LD, for open datasets (an agreement's fields cannot be cut from entities).
        if (open() && org.saola.platform.publish.DataOffer.isEntities(sourceKey)) {
            r.add(new Resource(resourceId("NGSI-LD"), this, "NGSI-LD", 3));
        }
        return r;
    }

    public Optional<Resource> resource(UUID id) {
        return resources().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The resource that holds the rows for querying (CKAN's {@code datastore_active}). */
    public Resource table() {
        return resources().getFirst();
    }

    private UUID resourceId(String format) {
        return UUID.nameUUIDFromBytes((id + "/" + format).getBytes(StandardCharsets.UTF_8));
    }

    public String title(boolean vietnamese) {
        return vietnamese ? titleVi : titleEn;
    }

    public String notes(boolean vietnamese) {
        return vietnamese ? notesVi : notesEn;
    }

    /** One distribution of a dataset. */
    public record Resource(UUID id, Dataset dataset, String format, int position) {

        public boolean datastoreActive() {
            return position == 0 && !format.equals("PDF");
        }

        /** The file's extension in its download path. */
        public String extension() {
            return format.equals("NGSI-LD") ? "jsonld" : format.toLowerCase(java.util.Locale.ROOT);
        }

        public String mediaType() {
            return switch (format) {
                case "CSV" -> "text/csv";
                case "GeoJSON" -> "application/geo+json";
                case "PDF" -> "application/pdf";
                case "NGSI-LD" -> "application/ld+json";
                default -> "application/json";
            };
        }
    }
}
