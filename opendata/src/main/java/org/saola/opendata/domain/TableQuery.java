package org.saola.opendata.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.saola.platform.InvalidInputException;
import org.saola.platform.publish.DataColumn;

/**
 * A query of a dataset's table as CKAN's {@code datastore_search} takes it, checked against the table's columns:
 * equality {@code filters} (a value or a list of values per field), full-text {@code q} (over the whole row, or
 * per field), the {@code fields} to return, {@code sort}, {@code limit} (100 by default, 32 000 at most),
 * {@code offset}, and whether to count the total. Values are typed by their column, so a bad one is the
 * caller's error, never the database's.
 */
public record TableQuery(List<String> fields, Map<String, List<Object>> filters, String q, Map<String, String> fieldQ,
        List<String> sort, int limit, long offset, boolean includeTotal) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 32_000;

    /** Checks every part against {@code columns}; {@code _id} is a field as in CKAN. */
    public static TableQuery of(List<DataColumn> columns, List<String> fields, Map<String, ?> filters, Object q,
            List<String> sort, Integer limit, Long offset, Boolean includeTotal) {
        Map<String, DataColumn.Type> types = new java.util.LinkedHashMap<>();
        types.put("_id", DataColumn.Type.INT);
        columns.forEach(c -> types.put(c.id(), c.type()));
        List<String> chosen = fields == null || fields.isEmpty() ? List.copyOf(types.keySet()) : fields;
        for (String f : chosen) {
            known("fields", f, types);
        }
        Map<String, List<Object>> typedFilters = new java.util.LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((f, v) -> {
                DataColumn.Type t = known("filters", f, types);
                List<?> values = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
                if (values.isEmpty()) {
                    throw new InvalidInputException("filters", "filter '" + f + "' has no value");
                }
                List<Object> typed = new ArrayList<>();
                values.forEach(x -> typed.add(typed(f, x, t)));
                typedFilters.put(f, typed);
            });
        }
        String text = null;
        Map<String, String> perField = new java.util.LinkedHashMap<>();
        if (q instanceof String s && !s.isBlank()) {
            text = s;
        } else if (q instanceof Map<?, ?> m) {
            m.forEach((f, v) -> {
                known("q", String.valueOf(f), types);
                perField.put(String.valueOf(f), String.valueOf(v));
            });
        } else if (q != null && !(q instanceof String)) {
            throw new InvalidInputException("q", "q is a text or an object of field to text");
        }
        List<String> order = new ArrayList<>();
        for (String s : sort == null ? List.<String>of() : sort) {
            String[] parts = s.strip().split("\\s+");
            if (parts.length > 2 || (parts.length == 2 && !parts[1].equalsIgnoreCase("asc") && !parts[1].equalsIgnoreCase("desc"))) {
                throw new InvalidInputException("sort", "sort is 'field [asc|desc]', comma-separated; got '" + s + "'");
            }
            String f = parts[0].replace("\"", "");
            known("sort", f, types);
            order.add("\"" + f + "\"" + (parts.length == 2 ? " " + parts[1].toUpperCase(java.util.Locale.ROOT) : ""));
        }
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 0) {
            throw new InvalidInputException("limit", "Must be a natural number");
        }
        l = Math.min(l, MAX_LIMIT);                     // as CKAN: more than the most is the most, not an error
        long o = offset == null ? 0 : offset;
        if (o < 0) {
            throw new InvalidInputException("offset", "Must be a natural number");
        }
        return new TableQuery(List.copyOf(chosen), typedFilters, text, perField, order, l, o, includeTotal == null || includeTotal);
    }

    private static DataColumn.Type known(String param, String field, Map<String, DataColumn.Type> types) {
        DataColumn.Type t = types.get(field);
        if (t == null) {
            throw new InvalidInputException(param, "invalid value \"" + field + "\": the fields are " + types.keySet());
        }
        return t;
    }

    private static Object typed(String field, Object v, DataColumn.Type t) {
        if (v == null) {
            throw new InvalidInputException("filters", "filter '" + field + "' is null");
        }
        String s = String.valueOf(v);
        try {
            return switch (t) {
                case TEXT -> s;
                case INT -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : Long.parseLong(s);
                case NUMERIC -> new BigDecimal(s);
                case TIMESTAMP -> LocalDateTime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s);
                case DATE -> LocalDate.parse(s);
                case BOOL -> switch (s.toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidInputException("filters", "filter '" + field + "': '" + s + "' is not a " + t.ckan());
        }
    }

    /** The WHERE clause (or empty), adding its parameters. */
    public String where(List<Object> params) {
        List<String> clauses = new ArrayList<>();
        filters.forEach((f, values) -> {
            clauses.add("\"" + f + "\"" + (values.size() == 1 ? " = ?" : " IN (" + values.stream().map(x -> "?")
                    .collect(Collectors.joining(", ")) + ")"));
            params.addAll(values);
        });
        if (q != null) {
            clauses.add("_full_text @@ plainto_tsquery('simple'::regconfig, ?)");
            params.add(q);
        }
        fieldQ.forEach((f, text) -> {
            clauses.add("to_tsvector('simple'::regconfig, coalesce(\"" + f + "\"::text, '')) @@ plainto_tsquery('simple'::regconfig, ?)");
            params.add(text);
        });
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** ORDER BY: the sort asked for, then {@code _id} so that pages never overlap. */
    public String orderBy() {
        List<String> o = new ArrayList<>(sort);
        o.add("_id");
        return String.join(", ", o);
    }
}
