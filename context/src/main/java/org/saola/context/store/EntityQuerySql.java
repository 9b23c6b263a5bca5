package org.saola.context.store;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.ScopeQuery;
import org.saola.context.query.TypeExpression;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates an {@link EntityQuery} into a WHERE clause over {@code context_entity} with bound parameters.
 * Comparisons on attribute values are SQL/JSON path filters (PostgreSQL {@code jsonb_path_exists}) whose
 * values are passed as variables, never spliced into the text; a value of another JSON type than the one
 * compared simply does not match. Only attribute IRIs and regular expressions, quoted and escaped, are
 * written into the path text.
 */
final class EntityQuerySql {

    final StringBuilder where = new StringBuilder("tenant_id = ?");
    final List<Object> params = new ArrayList<>();
    private final JsonMapper json;

    EntityQuerySql(EntityQuery query, JsonMapper json) {
        this.json = json;
        params.add(query.tenant().value());
        query.type().ifPresent(t -> where.append(" AND ").append(type(t)));
        if (!query.ids().isEmpty()) {
            where.append(" AND id = ANY (?)");
            params.add(query.ids().toArray(String[]::new));
        }
        query.idPattern().ifPresent(p -> {
            where.append(" AND id ~ ?");
            params.add(p);
        });
        if (!query.attrs().isEmpty()) {
            where.append(" AND jsonb_exists_any(attrs, ?)");
            params.add(query.attrs().toArray(String[]::new));
        }
        query.q().ifPresent(q -> where.append(" AND ").append(q(q)));
        query.scopeQ().ifPresent(s -> where.append(" AND ").append(scope(s)));
    }

    /** §4.19 scopeQ: an exact path by the GIN index of scopes, wildcards as a regular expression on each scope. */
    private String scope(ScopeQuery.S s) {
        return switch (s) {
            case ScopeQuery.Path p when p.exact() -> {
                params.add(new String[] {p.path()});
                yield "scopes @> ?::text[]";
            }
            case ScopeQuery.Path p -> {
                params.add("^" + p.regex().pattern() + "$");
                yield "EXISTS (SELECT 1 FROM unnest(scopes) s WHERE s ~ ?)";
            }
            case ScopeQuery.AnyOf any -> join(any.terms().stream().map(this::scope).toList(), " OR ");
            case ScopeQuery.AllOf all -> join(all.terms().stream().map(this::scope).toList(), " AND ");
        };
    }

    private String type(TypeExpression.T t) {
        return switch (t) {
            case TypeExpression.Name n -> {
                params.add(new String[] {n.name()});
                yield "types @> ?::text[]";                 // one of the entity's types (GIN index)
            }
            case TypeExpression.AnyOf any -> join(any.terms().stream().map(this::type).toList(), " OR ");
            case TypeExpression.AllOf all -> join(all.terms().stream().map(this::type).toList(), " AND ");
        };
    }

    private String q(QueryLanguage.Q q) {
        return switch (q) {
            case QueryLanguage.And and -> join(and.terms().stream().map(this::q).toList(), " AND ");
            case QueryLanguage.Or or -> join(or.terms().stream().map(this::q).toList(), " OR ");
            case QueryLanguage.Term term -> term(term);
        };
    }

    private String term(QueryLanguage.Term t) {
        QueryLanguage.Path p = t.path();
        if (t.op() == null) {
            params.add(p.attribute());
            if (p.subAttribute() == null) {
                return "jsonb_exists(attrs, ?)";
            }
            params.add(p.subAttribute());
            return "jsonb_exists(attrs -> ?, ?)";
        }
        if (indexed(t)) {
            return valueIndex(t);
        }
        if (p.member() && t.values().getFirst() instanceof QueryLanguage.DateTime) {
            return memberTime(t);
        }
        String node = p.member() || p.subAttribute() == null ? "attrs -> ?" : "attrs -> ? -> ?";
        List<String> paths = new ArrayList<>();
        if (p.member()) {
            paths.add("$." + key(p.subAttribute()));
        } else {
            StringBuilder keys = new StringBuilder();
            p.valueKeys().forEach(k -> keys.append('.').append(key(k)));
            paths.add("$.value" + keys);
            if (!p.valueKeys().isEmpty()) {
                paths.add("$.json" + keys);                  // a path into a JsonProperty's JSON
            }
            if (p.valueKeys().isEmpty()) {
                paths.add("$.object");
                paths.add("$.languageMap.*");
                paths.add("$.vocab");                         // a VocabProperty's IRIs
                paths.add("$.valueList");                     // any element of a ListProperty
                paths.add("$.objectList.object");             // any entity of a ListRelationship
                if (t.values().getFirst() instanceof QueryLanguage.DateTime) {
                    paths.add("$.value.\"@value\"");
                }
            }
        }
        // A negation (!=, !~=) holds when the attribute has a value and no element of it matches, as in the
        // evaluation of subscriptions (QueryEvaluator): the positive test is negated outside the path filter.
        boolean negated = t.op().equals("!=") || t.op().equals("!~=");
        String filter = filter(t);
        ObjectNode vars = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < t.values().size(); i++) {
            Object v = t.values().get(i);
            switch (v) {
                case BigDecimal d -> vars.put("v" + i, d);
                case Boolean b -> vars.put("v" + i, b);
                case QueryLanguage.DateTime d -> vars.put("v" + i, d.instant().toString());
                default -> vars.put("v" + i, v.toString());
            }
        }
        StringJoiner alternatives = new StringJoiner(" OR ", "(", ")");
        StringJoiner present = new StringJoiner(" OR ", "(", ")");
        if (negated) {
            for (String path : paths) {
                nodeParams(p);
                params.add(path);
                present.add("jsonb_path_exists(" + node + ", ?::jsonpath)");
            }
        }
        for (String path : paths) {
            nodeParams(p);
            params.add(path + " ? (" + filter + ")");
            params.add(json.writeValueAsString(vars));
            alternatives.add("jsonb_path_exists(" + node + ", ?::jsonpath, ?::jsonb)");
        }
        return negated ? "(" + present + " AND NOT " + alternatives + ")" : alternatives.toString();
    }

    /** Members of an instance the value index holds as columns of its rows. */
    private static final java.util.Map<String, String> MEMBER_COLUMNS = java.util.Map.of(
            "observedAt", "v.observed_at", "unitCode", "v.unit_code", "datasetId", "v.dataset_id COLLATE \"C\"");

    /**
     * Whether the value index answers a term: a comparison of an attribute's or sub-attribute's value, or of its
     * observedAt (with a date-time), unitCode or datasetId. Keys into a compound value ({@code attr[a.b]}) and the
     * system members createdAt and modifiedAt are evaluated on the entity's JSON.
     */
    private static boolean indexed(QueryLanguage.Term t) {
        QueryLanguage.Path p = t.path();
        if (!p.valueKeys().isEmpty()) {
            return false;
        }
        if (!p.member()) {
            return true;
        }
        if (p.subAttribute().equals("observedAt")) {
            return !t.op().endsWith("~=") && t.values().stream().allMatch(v -> v instanceof QueryLanguage.DateTime);
        }
        return MEMBER_COLUMNS.containsKey(p.subAttribute());
    }

    /**
     * A term answered by the value index (context_entity_value, written by {@link EntityValues} from the candidates
     * {@link org.saola.context.query.QueryValues} defines): EXISTS a row of the entity's attribute whose column of the
     * value's kind compares. A negation holds when an instance has a value and none of its rows compares, as in
     * {@link org.saola.context.query.QueryEvaluator}.
     */
    private String valueIndex(QueryLanguage.Term t) {
        QueryLanguage.Path p = t.path();
        String member = p.member() ? p.subAttribute() : null;
        params.add(p.attribute());
        params.add(member != null || p.subAttribute() == null ? "" : p.subAttribute());
        String rows = "SELECT 1 FROM context_entity_value v WHERE v.tenant_id = context_entity.tenant_id"
                + " AND v.entity_id = context_entity.id AND v.attr = ? AND v.path = ?";
        boolean negated = t.op().equals("!=") || t.op().equals("!~=");
        String positive = positive(t, member);
        if (!negated) {
            return "EXISTS (" + rows + " AND " + positive + ")";
        }
        String present = member == null ? "v.kind <> '-'" : MEMBER_COLUMNS.get(member) + " IS NOT NULL";
        return "EXISTS (" + rows + " GROUP BY v.inst HAVING bool_or(" + present + ") AND NOT coalesce(bool_or("
                + positive + "), false))";
    }

    /** The comparison of one row, without the negation; parameters added in the order of the text. */
    private String positive(QueryLanguage.Term t, String member) {
        String op = t.op();
        if (op.endsWith("~=")) {
            params.add(org.saola.context.query.QueryRegex.of((String) t.values().getFirst(), "q").postgres());
            return (member == null ? "v.txt" : MEMBER_COLUMNS.get(member)) + " ~ ?";
        }
        if (t.range()) {
            Object low = t.values().get(0);
            Object high = t.values().get(1);
            if (kind(low) != kind(high)) {
                return "false";                                    // nothing is of both kinds
            }
            return "(" + compare(member, ">=", low) + " AND " + compare(member, "<=", high) + ")";
        }
        if (op.equals("==") || op.equals("!=")) {
            List<String> any = new ArrayList<>();
            for (Object v : t.values()) {
                any.add(compare(member, "=", v));
            }
            return join(any, " OR ");
        }
        return compare(member, op, t.values().getFirst());
    }

    private static char kind(Object v) {
        return switch (v) {
            case BigDecimal d -> 'n';
            case Boolean b -> 'b';
            case QueryLanguage.DateTime d -> 'd';
            default -> 's';
        };
    }

    /** One row's column of the value's kind compared with it: {@code =, <, <=, >, >=}. */
    private String compare(String member, String op, Object v) {
        if (member != null) {
            if (member.equals("observedAt")) {
                params.add(Timestamp.from(((QueryLanguage.DateTime) v).instant()));
                return "v.observed_at " + op + " ?";
            }
            if (kind(v) != 's') {
                return "false";                                    // unitCode and datasetId are strings
            }
            params.add(v.toString());
            return MEMBER_COLUMNS.get(member) + " " + op + " ?";
        }
        switch (v) {
            case BigDecimal d -> {
                params.add(d.doubleValue());
                return "v.num " + op + " ?";
            }
            case Boolean b -> {
                // IS NOT NULL said outright: PostgreSQL reads flag = false as NOT flag, from which it proves
                // neither the partial index's predicate nor a fair estimate.
                params.add(b);
                return "(v.flag IS NOT NULL AND v.flag " + op + " ?)";
            }
            case QueryLanguage.DateTime d -> {
                params.add(Timestamp.from(d.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
                return "v.ts " + op + " ?";
            }
            default -> {
                // The index holds strings' first 128 characters: the prefix narrows, the whole string decides.
                // (In code point order a prefix never sorts after the prefix of a greater string.)
                String s = v.toString();
                if (op.equals("=") && s.codePointCount(0, s.length()) < 128) {
                    // A string shorter than the prefix equals a value exactly when the value's prefix does; said
                    // once, PostgreSQL estimates it from the index's statistics instead of twice over.
                    params.add(s);
                    return "left(v.txt, 128) = ?";
                }
                String prefixOp = op.equals("=") ? "=" : op.startsWith(">") ? ">=" : "<=";
                params.add(s);
                params.add(s);
                return "(left(v.txt, 128) " + prefixOp + " left(?, 128) AND v.txt " + op + " ?)";
            }
        }
    }

    private void nodeParams(QueryLanguage.Path p) {
        params.add(p.attribute());
        if (!p.member() && p.subAttribute() != null) {
            params.add(p.subAttribute());
        }
    }

    /** {@code attr.observedAt>2026-...}: system-written instants, compared as timestamps. */
    private String memberTime(QueryLanguage.Term t) {
        String column = "(attrs -> ? ->> ?)::timestamptz";
        String p1 = t.path().attribute();
        String p2 = t.path().subAttribute();
        List<String> parts = new ArrayList<>();
        if (t.range()) {
            params.addAll(List.of(p1, p2, ts(t.values().get(0)), p1, p2, ts(t.values().get(1))));
            String between = "(" + column + " >= ? AND " + column + " <= ?)";
            return t.op().equals("!=") ? "NOT " + between : between;
        }
        for (Object v : t.values()) {
            params.addAll(List.of(p1, p2, ts(v)));
            parts.add(column + " " + (t.op().equals("==") ? "=" : t.op().equals("!=") ? "<>" : t.op()) + " ?");
        }
        return join(parts, t.op().equals("!=") ? " AND " : " OR ");
    }

    private static Object ts(Object v) {
        if (!(v instanceof QueryLanguage.DateTime d)) {
            throw new org.saola.platform.InvalidInputException("q", "compare date-times with date-times; got " + v);
        }
        return Timestamp.from(d.instant());
    }

    /** The path filter of a term; for a negation, of the positive test (negated by the caller). */
    private static String filter(QueryLanguage.Term t) {
        String op = t.op();
        if (op.endsWith("~=")) {
            return "@ like_regex " + quote(org.saola.context.query.QueryRegex.of((String) t.values().getFirst(), "q").postgres());
        }
        if (t.range()) {
            return "@ >= $v0 && @ <= $v1";
        }
        if (op.equals("==") || op.equals("!=")) {
            StringJoiner any = new StringJoiner(" || ");
            for (int i = 0; i < t.values().size(); i++) {
                any.add("@ == $v" + i);
            }
            return any.toString();
        }
        return "@ " + op + " $v0";
    }

    /** A JSON path member accessor for any key: {@code ."key"} with quotes and backslashes escaped. */
    private static String key(String k) {
        return quote(k);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String join(List<String> parts, String op) {
        return parts.size() == 1 ? parts.getFirst() : "(" + String.join(op, parts) + ")";
    }
}
