package org.saola.context.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * The NGSI-LD query language (NGSI-LD 1.8.1 §4.9), parsed into a tree: terms joined by {@code ;} (and) and
 * {@code |} (or), with parentheses. A term is an attribute path alone (the attribute exists) or compared with
 * {@code == != > >= < <=} to a value, a list {@code a,b,c} (any of) or a range {@code a..b}, or matched with
 * {@code ~=} / {@code !~=} against a regular expression. Paths: {@code attr}, {@code attr.subAttr},
 * {@code attr.observedAt}, {@code attr[key.key2]} into a compound value.
 */
public final class QueryLanguage {

    /** A parsed q expression. */
    public sealed interface Q {
        /** The same expression with every attribute name mapped (e.g. expanded to its IRI). */
        Q mapNames(UnaryOperator<String> names);

        /**
         * The same expression with the string values compared to the given attributes (as the expression
         * names them now) mapped, e.g. vocabulary terms expanded to their IRIs ({@code expandValues}).
         */
        Q mapValues(java.util.Set<String> attributes, UnaryOperator<String> values);
    }

    public record And(List<Q> terms) implements Q {
        public Q mapNames(UnaryOperator<String> names) {
            return new And(terms.stream().map(t -> t.mapNames(names)).toList());
        }

        public Q mapValues(java.util.Set<String> attributes, UnaryOperator<String> values) {
            return new And(terms.stream().map(t -> t.mapValues(attributes, values)).toList());
        }
    }

    public record Or(List<Q> terms) implements Q {
        public Q mapNames(UnaryOperator<String> names) {
            return new Or(terms.stream().map(t -> t.mapNames(names)).toList());
        }

        public Q mapValues(java.util.Set<String> attributes, UnaryOperator<String> values) {
            return new Or(terms.stream().map(t -> t.mapValues(attributes, values)).toList());
        }
    }

    /**
     * One comparison. {@code op} is null for "the attribute exists". {@code values} holds one value, or
     * several for a list (== any of, != none of), or two for a range ({@code range}).
     */
    public record Term(Path path, String op, List<Object> values, boolean range) implements Q {
        public Q mapNames(UnaryOperator<String> names) {
            return new Term(path.mapNames(names), op, values, range);
        }

        public Q mapValues(java.util.Set<String> attributes, UnaryOperator<String> map) {
            if (!attributes.contains(path.attribute()) || path.subAttribute() != null) {
                return this;
            }
            return new Term(path, op, values.stream().map(v -> v instanceof String s ? (Object) map.apply(s) : v).toList(),
                    range);
        }
    }

    /**
     * An attribute, optionally a sub-attribute or member of it ({@code observedAt}, {@code unitCode}, ...),
     * and optionally keys into its compound value.
     */
    public record Path(String attribute, String subAttribute, List<String> valueKeys) {
        public static final java.util.Set<String> MEMBERS = java.util.Set.of("observedAt", "createdAt", "modifiedAt",
                "unitCode", "datasetId");

        public boolean member() {
            return subAttribute != null && MEMBERS.contains(subAttribute);
        }

        Path mapNames(UnaryOperator<String> names) {
            return new Path(names.apply(attribute), subAttribute == null || member() ? subAttribute
                    : names.apply(subAttribute), valueKeys);
        }
    }

    /** A date-time written unquoted in q, e.g. {@code observedAt>2026-11-23T08:00:00Z}. */
    public record DateTime(Instant instant) {
    }

    private static final List<String> OPERATORS = List.of("==", "!=", ">=", "<=", "!~=", "~=", ">", "<");
    private static final Pattern URI_VALUE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s\"]+");
    private static final Pattern NAME = Pattern.compile("[^\\s<>\"'=;()|!~,\\[\\].]+");

    private final String q;
    private int at;

    private QueryLanguage(String q) {
        this.q = q;
    }

    public static Q parse(String q) {
        if (q == null || q.isBlank()) {
            throw invalid("q is empty");
        }
        QueryLanguage p = new QueryLanguage(q.strip());
        Q result = p.expression();
        if (p.at < p.q.length()) {
            throw invalid("unexpected '" + p.q.charAt(p.at) + "' at position " + p.at + " of q");
        }
        return result;
    }

    private Q expression() {
        List<Q> ors = new ArrayList<>();
        ors.add(conjunction());
        while (peek('|')) {
            at++;
            ors.add(conjunction());
        }
        return ors.size() == 1 ? ors.getFirst() : new Or(ors);
    }

    private Q conjunction() {
        List<Q> ands = new ArrayList<>();
        ands.add(factor());
        while (peek(';')) {
            at++;
            ands.add(factor());
        }
        return ands.size() == 1 ? ands.getFirst() : new And(ands);
    }

    private Q factor() {
        if (peek('(')) {
            at++;
            Q inner = expression();
            if (!peek(')')) {
                throw invalid("missing ')' at position " + at + " of q");
            }
            at++;
            return inner;
        }
        return term();
    }

    private Q term() {
        Path path = path();
        String op = operator();
        if (op == null) {
            return new Term(path, null, List.of(), false);
        }
        if (op.endsWith("~=")) {
            String regex = regex();
            return new Term(path, op, List.of(regex), false);
        }
        List<Object> values = new ArrayList<>();
        values.add(value());
        boolean range = false;
        if (q.startsWith("..", at)) {
            at += 2;
            values.add(value());
            range = true;
        } else {
            while (peek(',')) {
                at++;
                values.add(value());
            }
        }
        if ((range || values.size() > 1) && !op.equals("==") && !op.equals("!=")) {
            throw invalid("lists and ranges go with == or != only; got " + op);
        }
        return new Term(path, op, values, range);
    }

    private Path path() {
        String attribute = name("an attribute name");
        String sub = null;
        if (peek('.')) {
            at++;
            sub = name("a sub-attribute name");
        }
        List<String> keys = new ArrayList<>();
        if (peek('[')) {
            at++;
            keys.add(name("a key"));
            while (peek('.')) {
                at++;
                keys.add(name("a key"));
            }
            if (!peek(']')) {
                throw invalid("missing ']' at position " + at + " of q");
            }
            at++;
        }
        return new Path(attribute, sub, List.copyOf(keys));
    }

    private String name(String what) {
        var m = NAME.matcher(q).region(at, q.length());
        if (!m.lookingAt()) {
            throw invalid("expected " + what + " at position " + at + " of q");
        }
        at = m.end();
        return m.group();
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (q.startsWith(op, at)) {
                at += op.length();
                return op;
            }
        }
        return null;
    }

    private Object value() {
        if (at >= q.length()) {
            throw invalid("q ends where a value was expected");
        }
        if (q.charAt(at) == '"') {
            StringBuilder s = new StringBuilder();
            at++;
            while (at < q.length() && q.charAt(at) != '"') {
                if (q.charAt(at) == '\\' && at + 1 < q.length()) {
                    at++;
                }
                s.append(q.charAt(at++));
            }
            if (at >= q.length()) {
                throw invalid("a string in q lacks its closing '\"'");
            }
            at++;
            return s.toString();
        }
        int start = at;
        while (at < q.length() && ";|),".indexOf(q.charAt(at)) < 0 && !q.startsWith("..", at)) {
            at++;
        }
        String token = q.substring(start, at);
        if (token.equals("true") || token.equals("false")) {
            return Boolean.valueOf(token);
        }
        try {
            return new java.math.BigDecimal(token);
        } catch (NumberFormatException notNumber) {
            try {
                return new DateTime(Instant.parse(token));
            } catch (DateTimeParseException notDate) {
                if (URI_VALUE.matcher(token).matches()) {
                    return token;                                   // an unquoted URI, e.g. a Relationship's object
                }
                throw invalid("'" + token + "' at position " + start + " of q is not a number, true, false, a "
                        + "\"quoted string\" or a date-time such as 2026-11-23T08:00:00Z");
            }
        }
    }

    private String regex() {
        int start = at;
        String regex;
        if (peek('"')) {
            // Quoted: up to the closing quote, so that ; | ) belong to the expression.
            StringBuilder b = new StringBuilder();
            at++;
            while (at < q.length() && q.charAt(at) != '"') {
                if (q.charAt(at) == '\\' && at + 1 < q.length() && q.charAt(at + 1) == '"') {
                    at++;
                }
                b.append(q.charAt(at++));
            }
            if (at >= q.length()) {
                throw invalid("a regular expression in q lacks its closing '\"'");
            }
            at++;
            regex = b.toString();
        } else {
            // Unquoted: up to ; or | or a ')' that closes a group of q, not one of the expression's own groups.
            int depth = 0;
            boolean inClass = false;
            while (at < q.length()) {
                char c = q.charAt(at);
                if (c == '\\') {
                    at += 2;
                    continue;
                }
                if (inClass) {
                    inClass = c != ']';
                } else if (c == '[') {
                    inClass = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ';' || c == '|' && depth == 0) {
                    break;
                }
                at++;
            }
            at = Math.min(at, q.length());
            regex = q.substring(start, at);
        }
        QueryRegex.of(regex, "q");                              // checked: one meaning in SQL and in Java
        return regex;
    }

    private boolean peek(char c) {
        return at < q.length() && q.charAt(at) == c;
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException("q", detail);
    }
}
