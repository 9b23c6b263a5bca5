package org.saola.context.query;

import java.util.List;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * A scope query (NGSI-LD 1.8.1 §4.19, {@code scopeQ}): scope paths joined by {@code ,} or {@code |} (or) and
 * {@code ;} (and), with parentheses. In a path, {@code +} stands for exactly one level and a trailing
 * {@code #} for the path itself and any path below it; {@code /#} selects every entity that has a scope.
 * An entity matches a path if one of its scopes does.
 */
public final class ScopeQuery {

    public sealed interface S {
        /** Whether an entity with these scopes matches. */
        boolean matches(List<String> scopes);
    }

    /**
     * One path; {@code exact} if it has no wildcard. {@code regex} is written so that Java and PostgreSQL
     * read it alike (levels hold letters, digits and _ only).
     */
    public record Path(String path, Pattern regex, boolean exact) implements S {
        public boolean matches(List<String> scopes) {
            return scopes.stream().anyMatch(s -> regex.matcher(s).matches());
        }
    }

    public record AnyOf(List<S> terms) implements S {
        public boolean matches(List<String> scopes) {
            return terms.stream().anyMatch(t -> t.matches(scopes));
        }
    }

    public record AllOf(List<S> terms) implements S {
        public boolean matches(List<String> scopes) {
            return terms.stream().allMatch(t -> t.matches(scopes));
        }
    }

    private static final Pattern LEVEL = Pattern.compile("[\\p{L}\\p{N}_]+");
    /** A term of scopeQ: anything up to the next operator or parenthesis (checked by {@link #path}). */
    private static final Pattern TERM = Pattern.compile("[^,|;()]*");

    private ScopeQuery() {
    }

    public static S parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid("scopeQ is empty");
        }
        return AndOrParser.<S>parse(expression.strip(), "scopeQ", TERM, "a scope", t -> path(t.strip()), AnyOf::new, AllOf::new);
    }

    private static Path path(String path) {
        if (!path.startsWith("/")) {
            throw invalid("a scope in scopeQ starts with '/', e.g. /DaNang/HaiChau; got '" + path + "'");
        }
        String[] levels = path.substring(1).split("/", -1);
        StringBuilder regex = new StringBuilder();
        boolean exact = true;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#") && i == levels.length - 1) {
                regex.append(i == 0 ? "/.+" : "(/.+)?");    // '/#': any scope; '/A/#': /A and below
                exact = false;
            } else if (level.equals("+")) {
                regex.append("/[^/]+");
                exact = false;
            } else if (LEVEL.matcher(level).matches()) {
                regex.append('/').append(level);          // letters, digits and _ only: nothing to escape
            } else {
                throw invalid("'" + path + "' is not a scope path: levels of letters, digits and _, '+' for one "
                        + "level, a trailing '#' for any below");
            }
        }
        return new Path(path, Pattern.compile(regex.toString()), exact);
    }

    private static InvalidInputException invalid(String detail) {
        return new InvalidInputException("scopeQ", detail);
    }
}
