package org.saola.context.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates a q expression on one entity's stored attributes (IRIs → normalized instances), with the same
 * meaning as the SQL the store runs for queries: a term compares a Property's value (or elements of an array
 * value), a Relationship's object or a LanguageProperty's strings; values of another JSON type never match.
 * Subscriptions use it to decide, as each change commits, whether it concerns them.
 */
public final class QueryEvaluator {

    private QueryEvaluator() {
    }

    public static boolean matches(QueryLanguage.Q q, JsonNode attributes) {
        return switch (q) {
            case QueryLanguage.And and -> and.terms().stream().allMatch(t -> matches(t, attributes));
            case QueryLanguage.Or or -> or.terms().stream().anyMatch(t -> matches(t, attributes));
            case QueryLanguage.Term term -> term(term, attributes);
        };
    }

    private static boolean term(QueryLanguage.Term t, JsonNode attributes) {
        JsonNode held = attributes.get(t.path().attribute());
        if (held == null) {
            return false;
        }
        // A multi-attribute matches when one of its instances does.
        for (JsonNode instance : org.saola.context.AttributeInstances.of(held)) {
            if (instanceMatches(t, instance)) {
                return true;
            }
        }
        return false;
    }

    private static boolean instanceMatches(QueryLanguage.Term t, JsonNode attr) {
        QueryLanguage.Path p = t.path();
        if (t.op() == null) {
            return p.subAttribute() == null || attr.has(p.subAttribute());
        }
        List<JsonNode> candidates = new ArrayList<>();
        if (p.member()) {
            QueryValues.add(candidates, attr.get(p.subAttribute()));
        } else {
            JsonNode node = p.subAttribute() == null ? attr : attr.get(p.subAttribute());
            if (node == null) {
                return false;
            }
            if (p.valueKeys().isEmpty()) {
                QueryValues.candidates(node, candidates);
            } else {
                JsonNode value = node.has("json") ? node.get("json") : node.get("value");
                for (String key : p.valueKeys()) {
                    value = value == null ? null : value.get(key);
                }
                QueryValues.add(candidates, value);
            }
        }
        String op = t.op();
        boolean negated = op.equals("!=") || op.equals("!~=");
        boolean any = candidates.stream().anyMatch(c -> positive(t, c));
        // Like the SQL path filters: a negation needs the value to exist, and holds when no element matches.
        return negated ? !candidates.isEmpty() && !any : any;
    }

    /** The comparison without its negation: == for !=, ~= for !~=. */
    private static boolean positive(QueryLanguage.Term t, JsonNode c) {
        String op = t.op();
        if (op.endsWith("~=")) {
            return c.isString() && QueryRegex.of((String) t.values().getFirst(), "q").find(c.asString());
        }
        if (t.range()) {
            return compare(c, t.values().get(0)) >= 0 && compare(c, t.values().get(1)) <= 0
                    && comparable(c, t.values().get(0)) && comparable(c, t.values().get(1));
        }
        if (op.equals("==") || op.equals("!=")) {
            return t.values().stream().anyMatch(v -> comparable(c, v) && compare(c, v) == 0);
        }
        Object v = t.values().getFirst();
        if (!comparable(c, v)) {
            return false;
        }
        int cmp = compare(c, v);
        return switch (op) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            default -> false;
        };
    }

    private static boolean comparable(JsonNode c, Object v) {
        return switch (v) {
            case BigDecimal d -> c.isNumber();
            case Boolean b -> c.isBoolean();
            case QueryLanguage.DateTime d -> c.isString() && QueryValues.instant(c.asString()) != null;
            default -> c.isString();
        };
    }

    private static int compare(JsonNode c, Object v) {
        if (!comparable(c, v)) {
            return Integer.MIN_VALUE;
        }
        return switch (v) {
            case BigDecimal d -> c.asDouble() == d.doubleValue() ? 0 : c.asDouble() < d.doubleValue() ? -1 : 1;
            case Boolean b -> Boolean.compare(c.asBoolean(), b);
            case QueryLanguage.DateTime d -> QueryValues.instant(c.asString())
                    .compareTo(d.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            default -> QueryValues.compareText(c.asString(), v.toString());
        };
    }
}
