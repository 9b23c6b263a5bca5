package org.saola.context.query;

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

    /** Any of these type names (an entity's types, say). */
    public static T anyOf(java.util.Collection<String> names) {
        return new AnyOf(names.stream().map(n -> (T) new Name(n)).toList());
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

    private TypeExpression() {
    }

    public static T parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("type", "type is empty");
        }
        return AndOrParser.<T>parse(expression.replace(" ", ""), "type", NAME, "a type name", Name::new, AnyOf::new, AllOf::new);
    }
}
