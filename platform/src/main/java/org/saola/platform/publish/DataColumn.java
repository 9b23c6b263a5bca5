package org.saola.platform.publish;

import java.util.regex.Pattern;

/** A column of a published dataset: its id (a field name in CKAN's datastore), its type, and labels. */
public record DataColumn(String id, Type type, String labelVi, String labelEn) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The column types of CKAN's datastore that Saola publishes. */
    public enum Type {
        TEXT("text"), INT("int8"), NUMERIC("numeric"), TIMESTAMP("timestamp"), DATE("date"), BOOL("bool");

        private final String ckan;

        Type(String ckan) {
            this.ckan = ckan;
        }

        /** Its name in CKAN's datastore ({@code fields[].type}, PostgreSQL's type name). */
        public String ckan() {
            return ckan;
        }
    }

    public DataColumn {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a column id is lower-case letters, digits and '_'; got " + id);
        }
    }

    public static DataColumn of(String id, Type type, String labelVi, String labelEn) {
        return new DataColumn(id, type, labelVi, labelEn);
    }
}
