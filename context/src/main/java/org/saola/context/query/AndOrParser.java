package org.saola.context.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * The grammar that type expressions (NGSI-LD 1.8.1 §4.17) and scope queries (§4.19) share: terms joined by
 * {@code ,} or {@code |} (or) and {@code ;} (and, which binds tighter), grouped with parentheses. What a term
 * is, and the nodes built, belong to each language.
 */
final class AndOrParser<N> {

    private final String s;
    private final String parameter;
    private final Pattern term;
    private final String termName;
    private final Function<String, N> leaf;
    private final Function<List<N>, N> anyOf;
    private final Function<List<N>, N> allOf;
    private int at;

    private AndOrParser(String s, String parameter, Pattern term, String termName, Function<String, N> leaf,
            Function<List<N>, N> anyOf, Function<List<N>, N> allOf) {
        this.s = s;
        this.parameter = parameter;
        this.term = term;
        this.termName = termName;
        this.leaf = leaf;
        this.anyOf = anyOf;
        this.allOf = allOf;
    }

    /**
     * @param parameter the query parameter, named in errors
     * @param term what one term looks like ({@code termName} in errors); its text goes to {@code leaf}
     */
    static <N> N parse(String text, String parameter, Pattern term, String termName, Function<String, N> leaf,
            Function<List<N>, N> anyOf, Function<List<N>, N> allOf) {
        AndOrParser<N> p = new AndOrParser<>(text, parameter, term, termName, leaf, anyOf, allOf);
        N n = p.anyOf();
        if (p.at < p.s.length()) {
            throw p.invalid("unexpected '" + p.s.charAt(p.at) + "' at position " + p.at + " of " + parameter);
        }
        return n;
    }

    private N anyOf() {
        List<N> terms = new ArrayList<>(List.of(allOf()));
        while (at < s.length() && (s.charAt(at) == ',' || s.charAt(at) == '|')) {
            at++;
            terms.add(allOf());
        }
        return terms.size() == 1 ? terms.getFirst() : anyOf.apply(terms);
    }

    private N allOf() {
        List<N> terms = new ArrayList<>(List.of(factor()));
        while (at < s.length() && s.charAt(at) == ';') {
            at++;
            terms.add(factor());
        }
        return terms.size() == 1 ? terms.getFirst() : allOf.apply(terms);
    }

    private N factor() {
        if (at < s.length() && s.charAt(at) == '(') {
            at++;
            N inner = anyOf();
            if (at >= s.length() || s.charAt(at) != ')') {
                throw invalid("missing ')' in " + parameter);
            }
            at++;
            return inner;
        }
        var m = term.matcher(s).region(at, s.length());
        if (!m.lookingAt()) {
            throw invalid("expected " + termName + " at position " + at + " of " + parameter);
        }
        at = m.end();
        return leaf.apply(m.group());
    }

    private InvalidInputException invalid(String detail) {
        return new InvalidInputException(parameter, detail);
    }
}
