package org.saola.opendata.domain;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Searching the catalogue the way CKAN's {@code package_search} reads its Solr parameters, for the part that
 * clients and harvesters send: {@code q} and {@code fq} as clauses ({@code word}, {@code "a phrase"},
 * {@code field:value}, {@code field:"a value"}, {@code field:[from TO to]} with {@code *} open, {@code -} to
 * exclude, {@code +} to require, {@code AND}, {@code OR} between clauses, {@code *:*} for everything), a sort
 * over {@code score}, {@code metadata_modified}, {@code metadata_created}, {@code name}, {@code id} (harvesters page by it), {@code title_string}
 * and facet counts. Free text is matched without case or Vietnamese marks (so {@code "khong khi"} finds
 * "không khí"). A syntax it does not know is the caller's error ({@link SearchQueryException}), never ignored.
 */
public final class CatalogueSearch {

    /** Fields a clause may name, and facets may count. */
    public static final List<String> FACETABLE = List.of("organization", "tags", "groups", "res_format", "license_id");

    private static final List<String> FIELDS = List.of("organization", "owner_org", "tags", "groups", "res_format", "license_id",
            "name", "id", "title", "notes", "frequency");

    /** A query CKAN's Solr would not take (CKAN answers it with a "Search Query Error"). */
    public static final class SearchQueryException extends RuntimeException {
        public SearchQueryException(String message) {
            super(message);
        }
    }

    /** One page of what matched, how many matched, and facet counts (value to count, most first). */
    public record Hits(long count, List<Dataset> results, Map<String, Map<String, Long>> facets) {
    }

    private record Clause(boolean negated, Predicate<Dataset> test, String freeText) {
    }

    private CatalogueSearch() {
    }

    public static Hits search(List<Dataset> all, String q, List<String> fq, String sort, int rows, int start,
            List<String> facetFields, int facetLimit, int facetMinCount, Instant now) {
        List<String> texts = new ArrayList<>();
        Predicate<Dataset> match = parse(q == null || q.isBlank() ? "*:*" : q, texts, now);
        for (String f : fq) {
            if (f != null && !f.isBlank()) {
                match = match.and(parse(f, new ArrayList<>(), now));
            }
        }
        Comparator<Dataset> order = order(sort == null || sort.isBlank() ? "score desc, metadata_modified desc" : sort, texts);
        List<Dataset> matched = all.stream().filter(match).sorted(order).toList();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String field : facetFields) {
            if (!FACETABLE.contains(field)) {
                throw new SearchQueryException("cannot facet on '" + field + "'; facets are " + FACETABLE);
            }
            Map<String, Long> counts = new TreeMap<>();
            matched.forEach(d -> values(d, field).forEach(v -> counts.merge(v, 1L, Long::sum)));
            Map<String, Long> top = new LinkedHashMap<>();
            counts.entrySet().stream().filter(e -> e.getValue() >= facetMinCount)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(facetLimit < 0 ? Long.MAX_VALUE : facetLimit).forEach(e -> top.put(e.getKey(), e.getValue()));
            facets.put(field, top);
        }
        List<Dataset> page = matched.stream().skip(start).limit(rows).toList();
        return new Hits(matched.size(), page, facets);
    }

    /** The values a dataset has in a field that clauses and facets name. */
    static List<String> values(Dataset d, String field) {
        return switch (field) {
            case "organization", "owner_org" -> d.department().map(List::of).orElse(List.of());
            case "tags" -> d.keywords();
            case "groups" -> List.of(d.theme().toLowerCase(Locale.ROOT));
            case "res_format" -> d.resources().stream().map(Dataset.Resource::format).toList();
            case "license_id" -> List.of(d.licence().id());
            case "name" -> List.of(d.name());
            case "id" -> List.of(d.id().toString());
            case "title" -> List.of(d.titleVi(), d.titleEn());
            case "notes" -> List.of(d.notesVi(), d.notesEn());
            case "frequency" -> List.of(d.frequency());
            default -> throw new SearchQueryException("unknown field '" + field + "'");
        };
    }

    private static Predicate<Dataset> parse(String query, List<String> texts, Instant now) {
        List<String> tokens = tokens(query);
        // Clauses joined by OR form a group; groups are all required (CKAN's q.op is AND).
        List<List<Clause>> groups = new ArrayList<>();
        List<Clause> group = new ArrayList<>();
        boolean or = false;
        for (String t : tokens) {
            if (t.equals("AND")) {
                continue;
            }
            if (t.equals("OR")) {
                if (group.isEmpty()) {
                    throw new SearchQueryException("OR with nothing before it");
                }
                or = true;
                continue;
            }
            if (t.equals("NOT") || t.equals("&&") || t.equals("||") || t.startsWith("(") || t.endsWith(")")
                    || t.contains(":(")) {
                throw new SearchQueryException("'" + t + "': NOT, && , || and parentheses are not supported; use -field:value, AND, OR");
            }
            Clause c = clause(t, now);
            if (c.freeText() != null) {
                texts.add(c.freeText());
            }
            if (!or && !group.isEmpty()) {
                groups.add(group);
                group = new ArrayList<>();
            }
            group.add(c);
            or = false;
        }
        if (or) {
            throw new SearchQueryException("OR with nothing after it");
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        List<List<Clause>> all = groups;
        return d -> all.stream().allMatch(g -> g.stream().anyMatch(c -> c.negated() != c.test().test(d)));
    }

    static List<String> tokens(String query) {
        List<String> tokens = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        boolean quoted = false;
        int brackets = 0;
        for (char ch : query.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '[' || ch == '{')) {
                brackets++;
            } else if (!quoted && (ch == ']' || ch == '}')) {
                brackets--;
            }
            if (Character.isWhitespace(ch) && !quoted && brackets == 0) {
                if (!t.isEmpty()) {
                    tokens.add(t.toString());
                    t.setLength(0);
                }
            } else {
                t.append(ch);
            }
        }
        if (quoted || brackets != 0) {
            throw new SearchQueryException("unbalanced quotes or brackets in '" + query + "'");
        }
        if (!t.isEmpty()) {
            tokens.add(t.toString());
        }
        return tokens;
    }

    private static Clause clause(String token, Instant now) {
        boolean negated = token.startsWith("-");
        String t = token.startsWith("-") || token.startsWith("+") ? token.substring(1) : token;
        if (t.equals("*:*") || t.equals("*")) {
            return new Clause(negated, d -> true, null);
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || t.startsWith("\"")) {
            String text = fold(unquote(t));
            return new Clause(negated, d -> freeText(d).contains(text), text);
        }
        String field = t.substring(0, colon);
        String value = t.substring(colon + 1);
        if (field.equals("metadata_modified") || field.equals("metadata_created")) {
            Function<Dataset, Instant> at = field.equals("metadata_modified") ? Dataset::modified : Dataset::created;
            Predicate<Instant> range = range(value, now);
            return new Clause(negated, d -> range.test(at.apply(d)), null);
        }
        if (field.equals("text")) {
            String text = fold(unquote(value));
            return new Clause(negated, d -> freeText(d).contains(text), text);
        }
        String wanted = unquote(value);
        if (!FIELDS.contains(field)) {
            throw new SearchQueryException("unknown field '" + field + "'; fields are " + FIELDS
                    + ", metadata_modified, metadata_created and text");
        }
        boolean wildcard = wanted.equals("*");
        return new Clause(negated, d -> values(d, field).stream().anyMatch(v -> wildcard || v.equalsIgnoreCase(wanted)), null);
    }

    private static Predicate<Instant> range(String value, Instant now) {
        if (!(value.startsWith("[") || value.startsWith("{")) || !(value.endsWith("]") || value.endsWith("}"))) {
            Instant exact = instant(unquote(value), false, now);
            return i -> i.equals(exact);
        }
        boolean fromInclusive = value.startsWith("[");
        boolean toInclusive = value.endsWith("]");
        String[] parts = value.substring(1, value.length() - 1).strip().split("\\s+TO\\s+");
        if (parts.length != 2) {
            throw new SearchQueryException("a range is [from TO to]; got " + value);
        }
        Instant from = parts[0].equals("*") ? null : instant(parts[0], false, now);
        Instant to = parts[1].equals("*") ? null : instant(parts[1], true, now);
        return i -> (from == null || (fromInclusive ? !i.isBefore(from) : i.isAfter(from)))
                && (to == null || (toInclusive ? !i.isAfter(to) : i.isBefore(to)));
    }

    /** An ISO instant as Solr writes it ({@code 2024-01-01T00:00:00Z}, fractions allowed), a date, or NOW. */
    private static Instant instant(String s, boolean end, Instant now) {
        String v = unquote(s);
        if (v.equals("NOW")) {
            return now;
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v.endsWith("Z") ? v : v + "Z");
        } catch (DateTimeParseException e) {
            throw new SearchQueryException("'" + v + "' is not a date and time such as 2024-01-01T00:00:00Z");
        }
    }

    private static Comparator<Dataset> order(String sort, List<String> texts) {
        Comparator<Dataset> order = null;
        for (String part : sort.split(",")) {
            String[] p = part.strip().split("\\s+");
            if (p.length != 2 || !(p[1].equalsIgnoreCase("asc") || p[1].equalsIgnoreCase("desc"))) {
                throw new SearchQueryException("sort is 'field asc|desc', comma-separated; got '" + sort + "'");
            }
            Comparator<Dataset> c = switch (p[0]) {
                case "score" -> Comparator.comparingLong(d -> score(d, texts));
                case "metadata_modified" -> Comparator.comparing(Dataset::modified);
                case "metadata_created" -> Comparator.comparing(Dataset::created);
                case "name" -> Comparator.comparing(Dataset::name);
                case "id" -> Comparator.comparing((Dataset d) -> d.id().toString());
                case "title_string" -> Comparator.comparing((Dataset d) -> d.titleEn().toLowerCase(Locale.ROOT));
                default -> throw new SearchQueryException("cannot sort on '" + p[0] + "'");
            };
            if (p[1].equalsIgnoreCase("desc")) {
                c = c.reversed();
            }
            order = order == null ? c : order.thenComparing(c);
        }
        return order.thenComparing(Dataset::name);
    }

    private static long score(Dataset d, List<String> texts) {
        String title = fold(d.titleVi() + " " + d.titleEn() + " " + d.name());
        String all = freeText(d);
        return texts.stream().mapToLong(t -> (title.contains(t) ? 2 : 0) + (all.contains(t) ? 1 : 0)).sum();
    }

    private static String freeText(Dataset d) {
        return fold(String.join(" ", d.name(), d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(), String.join(" ", d.keywords()),
                d.department().orElse(""), d.theme()));
    }

    /** Lower case without Vietnamese marks: "Chất lượng không khí" and "chat luong khong khi" match. */
    public static String fold(String s) {
        String n = Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return n.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
