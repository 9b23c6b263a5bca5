package org.saola.context.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * An entity type selector (NGSI-LD 1.8.1 §4.17): type names joined by {@code ,} or {@code |} (or) and
 * {@code ;} (and), with parentheses, e.g. {@code (AirQualityObserved|WeatherObserved);Device}.
 */
public final class TypeExpression {

    public sealed interface T {
        T mapNames(UnaryOperator<String> names);
    }

    public record Name(String name) implements T {
        public T mapNames(UnaryOperator<String> names) {
            return new Name(names.apply(name));
        }
    }

    public record AnyOf(List<T> terms) implements T {
        public T mapNames(UnaryOperator<String> names) {
            return new AnyOf(terms.stream().map(t -> t.mapNames(names)).toList());
        }
    }

    public record AllOf(List<T> terms) implements T {
        public T mapNames(UnaryOperator<String> names) {
            return new AllOf(terms.stream().map(t -> t.mapNames(names)).toList());
        }
    }

    /** Whether something of these types (IRIs, like the expression's names) is selected by the expression. */
    public static boolean matches(T t, java.util.Collection<String> types) {
        return switch (t) {
            case Name n -> types.contains(n.name());
            case AnyOf any -> any.terms().stream().anyMatch(x -> matches(x, types));
            case AllOf all -> all.terms().stream().allMatch(x -> matches(x, types));
        };
    }

    private static final Pattern NAME = Pattern.compile("[^\\s,|;()]+");
    private final String s;
    private int at;

    private TypeExpression(String s) {
        this.s = s;
    }

    public static T parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid("type is empty");
        }
        TypeExpression p = new TypeExpression(expression.replace(" ", ""));
        T t = p.anyOf();
        if (p.at < p.s.length()) {
            throw invalid("unexpected '" + p.s.charAt(p.at) + "' at position " + p.at + " of type");
        }
        return t;
    }

    private T anyOf() {
        List<T> terms = new ArrayList<>(List.of(allOf()));
        while (at < s.length() && (s.charAt(at) == ',' || s.charAt(at) == '|')) {
            at++;
            terms.add(allOf());
        }
        return terms.size() == 1 ? terms.getFirst() : new AnyOf(terms);
    }

    private T allOf() {
        List<T> terms = new ArrayList<>(List.of(factor()));
        while (at < s.length() && s.charAt(at) == ';') {
            at++;
            terms.add(factor());
        }
        return terms.size() == 1 ? terms.getFirst() : new AllOf(terms);
    }

    private T factor() {
        if (at < s.length() && s.charAt(at) == '(') {
            at++;
            T inner = anyOf();
            if (at >= s.length() || s.charAt(at) != ')') {
                throw invalid("missing ')' in type");
            }
            at++;
            return inner;
        }
        var m = NAME.matcher(s).region(at, s.length());
        if (!m.lookingAt()) {
            throw invalid("expected a type name at position " + at + " of type");
        }
        at = m.end();
        return new Name(m.group());
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException("type", detail);
    }
}
