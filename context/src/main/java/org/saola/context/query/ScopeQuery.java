package org.saola.context.query;

import java.util.ArrayList;
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
    private final String s;
    private int at;

    private ScopeQuery(String s) {
        this.s = s;
    }

    public static S parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid("scopeQ is empty");
        }
        ScopeQuery p = new ScopeQuery(expression.strip());
        S q = p.anyOf();
        if (p.at < p.s.length()) {
            throw invalid("unexpected '" + p.s.charAt(p.at) + "' at position " + p.at + " of scopeQ");
        }
        return q;
    }

    private S anyOf() {
        List<S> terms = new ArrayList<>(List.of(allOf()));
        while (at < s.length() && (s.charAt(at) == ',' || s.charAt(at) == '|')) {
            at++;
            terms.add(allOf());
        }
        return terms.size() == 1 ? terms.getFirst() : new AnyOf(terms);
    }

    private S allOf() {
        List<S> terms = new ArrayList<>(List.of(factor()));
        while (at < s.length() && s.charAt(at) == ';') {
            at++;
            terms.add(factor());
        }
        return terms.size() == 1 ? terms.getFirst() : new AllOf(terms);
    }

    private S factor() {
        if (at < s.length() && s.charAt(at) == '(') {
            at++;
            S inner = anyOf();
            if (at >= s.length() || s.charAt(at) != ')') {
                throw invalid("missing ')' in scopeQ");
            }
            at++;
            return inner;
        }
        int start = at;
        while (at < s.length() && ",|;()".indexOf(s.charAt(at)) < 0) {
            at++;
        }
        return path(s.substring(start, at).strip());
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
