package org.saola.indicators.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.saola.platform.InvalidInputException;
import org.saola.platform.measure.Measure;

/**
 * An indicator's formula: arithmetic ({@code + - * /}, parentheses, numbers) over measures named by their keys,
 * e.g. {@code 100 * reports.fixed_on_time / reports.fixed}. Parsed once (a mistake is reported with its position);
 * evaluated with the measures' values: a division by zero or a measure without a value gives no value, never a
 * made-up number.
 */
public final class Formula {

    private sealed interface Node permits Num, Ref, Op {
    }

    private record Num(double value) implements Node {
    }

    private record Ref(String key) implements Node {
    }

    private record Op(char op, Node left, Node right) implements Node {
    }

    private final String text;
    private final Node root;
    private final Set<String> measures;

    private Formula(String text, Node root, Set<String> measures) {
        this.text = text;
        this.root = root;
        this.measures = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(measures));
    }

    /** Parses {@code text}; a mistake throws {@link InvalidInputException} on {@code field} naming where it is. */
    public static Formula parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "a formula is needed, e.g. 100 * reports.fixed_on_time / reports.fixed");
        }
        if (text.length() > 500) {
            throw new InvalidInputException(field, "a formula is at most 500 characters");
        }
        Parser p = new Parser(field, text);
        Node root = p.sum();
        p.skip();
        if (p.at < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.at) + "'");
        }
        return new Formula(text.strip(), root, p.refs);
    }

    public String text() {
        return text;
    }

    /** The keys of the measures it uses, in the order they first appear. */
    public Set<String> measures() {
        return measures;
    }

    /** Its value given each measure's value (a measure missing from {@code values} has no value). */
    public OptionalDouble evaluate(Map<String, Double> values) {
        Double v = eval(root, values);
        return v == null || v.isNaN() || v.isInfinite() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static Double eval(Node n, Map<String, Double> values) {
        return switch (n) {
            case Num num -> num.value();
            case Ref ref -> values.get(ref.key());
            case Op op -> {
                Double a = eval(op.left(), values);
                Double b = eval(op.right(), values);
                if (a == null || b == null) {
                    yield null;
                }
                yield switch (op.op()) {
                    case '+' -> a + b;
                    case '-' -> a - b;
                    case '*' -> a * b;
                    default -> b == 0 ? null : a / b;
                };
            }
        };
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String field;
        private final String s;
        private final Set<String> refs = new LinkedHashSet<>();
        private int at;
        private int depth;

        Parser(String field, String s) {
            this.field = field;
            this.s = s;
        }

        InvalidInputException error(String what) {
            return new InvalidInputException(field, what + " at character " + (at + 1) + " of the formula '" + s.strip() + "'");
        }

        void skip() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        boolean take(char c) {
            skip();
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        Node sum() {
            Node left = product();
            while (true) {
                if (take('+')) {
                    left = new Op('+', left, product());
                } else if (take('-')) {
                    left = new Op('-', left, product());
                } else {
                    return left;
                }
            }
        }

        Node product() {
            Node left = factor();
            while (true) {
                if (take('*')) {
                    left = new Op('*', left, factor());
                } else if (take('/')) {
                    left = new Op('/', left, factor());
                } else {
                    return left;
                }
            }
        }

        Node factor() {
            skip();
            if (at >= s.length()) {
                throw error("a number, a measure or '(' is missing");
            }
            char c = s.charAt(at);
            if (c == '(') {
                if (++depth > 20) {
                    throw error("parentheses nest too deep");
                }
                at++;
                Node inner = sum();
                if (!take(')')) {
                    throw error("')' is missing");
                }
                depth--;
                return inner;
            }
            if (c == '-') {
                at++;
                return new Op('-', new Num(0), factor());
            }
            if (Character.isDigit(c) || c == '.') {
                int start = at;
                while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.')) {
                    at++;
                }
                try {
                    return new Num(Double.parseDouble(s.substring(start, at)));
                } catch (NumberFormatException e) {
                    at = start;
                    throw error("'" + s.substring(start, Math.min(s.length(), start + 20)) + "' is not a number");
                }
            }
            if (c >= 'a' && c <= 'z') {
                int start = at;
                while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '.')) {
                    at++;
                }
                String key = s.substring(start, at);
                if (!Measure.KEY.matcher(key).matches()) {
                    at = start;
                    throw error("'" + key + "' is not a measure's key (module.name, e.g. reports.fixed)");
                }
                refs.add(key);
                return new Ref(key);
            }
            throw error("unexpected '" + c + "'");
        }
    }

    /** Every measure key in {@code formula} that is not among {@code known}. */
    public List<String> unknown(Set<String> known) {
        List<String> out = new ArrayList<>();
        for (String m : measures) {
            if (!known.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }
}
