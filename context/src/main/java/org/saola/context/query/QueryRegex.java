package org.saola.context.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.saola.platform.InvalidInputException;

/**
 * A regular expression of q's {@code ~=} and {@code !~=} (NGSI-LD 1.8.1 §4.9), in the subset of the syntax on which
 * Java's engine (subscriptions, evaluated as changes commit) and PostgreSQL's (queries, evaluated in SQL) agree, so
 * that one expression means the same thing in both. Anything outside the subset is refused with a 400 rather than
 * matched differently by the two.
 *
 * <p>The subset: literal characters; {@code .} (any character, line terminators included); {@code ^} and {@code $}
 * (start and end of the whole value); bracket expressions with ranges and negation; {@code \d \w \s} (ASCII digits,
 * word characters, white space) and their negations outside brackets; {@code \t \n \r \f}, {@code \}{@code uXXXX}
 * and escaped punctuation; groups {@code (…)} and {@code (?:…)}; alternation; the quantifiers {@code * + ? {n}
 * {n,} {n,m}}, greedy or lazy (which only changes what a match spans, never whether there is one); and a leading
 * {@code (?i)} for ASCII case-insensitivity. Refused: back-references, look-around, possessive quantifiers, word
 * boundaries, Unicode classes, POSIX classes, nested classes and intersections, other inline flags.
 *
 * <p>Both engines see the same thing because the values are compared byte by byte ({@code COLLATE "C"}), under
 * which PostgreSQL's classes and case folding are ASCII-only, as Java's are by default.
 */
public record QueryRegex(String source, Pattern java, String postgres) {

    private static final Map<String, QueryRegex> CACHE = new ConcurrentHashMap<>();
    private static final Pattern BOUNDS = Pattern.compile("\\{\\d{1,3}(,\\d{0,3})?}");

    /** The expression, checked and translated; {@code parameter} names the query parameter in an error. */
    public static QueryRegex of(String source, String parameter) {
        QueryRegex cached = CACHE.get(source);
        if (cached != null) {
            return cached;
        }
        QueryRegex made = translate(source, parameter);
        if (CACHE.size() > 1_000) {
            CACHE.clear();                                       // a cache, bounded: subscriptions' q run on every change
        }
        CACHE.put(source, made);
        return made;
    }

    /** Whether the expression matches somewhere in the value (as {@code ~} in SQL does). */
    public boolean find(String value) {
        return java.matcher(value).find();
    }

    private static QueryRegex translate(String source, String parameter) {
        StringBuilder j = new StringBuilder();
        StringBuilder pg = new StringBuilder();
        int at = 0;
        int flags = Pattern.DOTALL;
        if (source.startsWith("(?i)")) {
            flags |= Pattern.CASE_INSENSITIVE;                  // ASCII only, as PostgreSQL folds under COLLATE "C"
            pg.append("(?i)");
            at = 4;
        }
        boolean inClass = false;
        boolean atomBefore = false;                            // a quantifier needs something to repeat
        int n = source.length();
        while (at < n) {
            char c = source.charAt(at);
            if (c == '\\') {
                if (at + 1 >= n) {
                    throw invalid(parameter, source, "it ends with a lone backslash");
                }
                char e = source.charAt(at + 1);
                String escape;
                if ("dws".indexOf(e) >= 0 || !inClass && "DWS".indexOf(e) >= 0 || "tnrf".indexOf(e) >= 0) {
                    escape = "\\" + e;
                } else if (e == 'u') {
                    if (at + 6 > n || !source.substring(at + 2, at + 6).matches("[0-9A-Fa-f]{4}")) {
                        throw invalid(parameter, source, "\\u takes four hexadecimal digits");
                    }
                    escape = source.substring(at, at + 6);
                    at += 4;
                } else if (!Character.isLetterOrDigit(e) && e < 128) {
                    escape = "\\" + e;                          // escaped punctuation: the character itself
                } else {
                    throw invalid(parameter, source, "the escape \\" + e + " is not supported"
                            + (inClass && "DWS".indexOf(e) >= 0 ? " inside brackets" : ""));
                }
                j.append(escape);
                pg.append(escape);
                at += 2;
                atomBefore = true;
                continue;
            }
            if (inClass) {
                if (c == '[') {
                    throw invalid(parameter, source, "'[' inside brackets (nested classes, POSIX classes) is not supported;"
                            + " write \\[ for the character");
                }
                if (c == '&' && at + 1 < n && source.charAt(at + 1) == '&') {
                    throw invalid(parameter, source, "class intersections (&&) are not supported");
                }
                if (c == ']') {
                    inClass = false;
                    atomBefore = true;
                }
                j.append(c);
                pg.append(c);
                at++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    j.append(c);
                    pg.append(c);
                    at++;
                    if (at < n && source.charAt(at) == '^') {
                        j.append('^');
                        pg.append('^');
                        at++;
                    }
                    if (at < n && source.charAt(at) == ']') {
                        throw invalid(parameter, source, "a ']' first in brackets is read differently by engines; write \\]");
                    }
                    continue;
                }
                case '(' -> {
                    if (source.startsWith("(?:", at)) {
                        j.append("(?:");
                        pg.append("(?:");
                        at += 3;
                    } else if (source.startsWith("(?", at)) {
                        throw invalid(parameter, source, "'(?' other than (?: and a leading (?i) is not supported");
                    } else {
                        j.append(c);
                        pg.append(c);
                        at++;
                    }
                    atomBefore = false;
                    continue;
                }
                case '$' -> {
                    j.append("\\z");                            // Java's $ also matches before a final line break
                    pg.append('$');
                    at++;
                    atomBefore = false;
                    continue;
                }
                case '*', '+', '?', '{' -> {
                    if (!atomBefore) {
                        throw invalid(parameter, source, "'" + c + "' at position " + at + " repeats nothing");
                    }
                    int end = at + 1;
                    if (c == '{') {
                        var bounds = BOUNDS.matcher(source).region(at, n);
                        if (!bounds.lookingAt()) {
                            throw invalid(parameter, source, "'{' at position " + at + " must start a bound such as {2},"
                                    + " {2,} or {2,5} (at most 255); write \\{ for the character");
                        }
                        end = bounds.end();
                    }
                    j.append(source, at, end);
                    pg.append(source, at, end);
                    at = end;
                    if (at < n && source.charAt(at) == '?') {
                        j.append('?');                          // lazy: the same matches as greedy
                        at++;
                    } else if (at < n && source.charAt(at) == '+') {
                        throw invalid(parameter, source, "possessive quantifiers are not supported");
                    }
                    if (at < n && "*+?{".indexOf(source.charAt(at)) >= 0) {
                        throw invalid(parameter, source, "a quantifier at position " + at + " repeats a quantifier");
                    }
                    atomBefore = false;
                    continue;
                }
                case '|', '^' -> atomBefore = false;
                case ')' -> atomBefore = true;
                case '}' , ']' -> throw invalid(parameter, source, "write \\" + c + " for a '" + c + "' standing alone");
                default -> atomBefore = true;
            }
            j.append(c);
            pg.append(c);
            at++;
        }
        if (inClass) {
            throw invalid(parameter, source, "a '[' is not closed");
        }
        try {
            Pattern compiled = Pattern.compile(j.toString(), flags);
            return new QueryRegex(source, compiled, pg.toString());
        } catch (PatternSyntaxException e) {
            throw invalid(parameter, source, e.getDescription());
        }
    }

    private static InvalidInputException invalid(String parameter, String source, String why) {
        return new InvalidInputException(parameter, "'" + source + "' is not a regular expression Saola supports: " + why);
    }
}
