package org.saola.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping with one shortcut: a request whose path has variables in it (every
 * {@code /ngsi-ld/v1/entities/{id}/attrs/{attr}}) is matched by Spring against every mapping of the application,
 * each through the full chain of conditions (method, parameters, headers, media types, patterns). With the
 * administration, residents' and documentation routes that list grew from about 50 to about 90, and that walk
 * became the largest single cost the platform added to a partial update (a JFR profile under {@code wrk},
 * {@code docs/PERFORMANCE.md}). Here each mapping remembers the literal start its path patterns share (up to the
 * first {@code {}, {@code *} or {@code ?}); a mapping whose literal start the request path does not begin with
 * cannot match and is skipped before any condition runs.
 *
 * <p>The answer is always Spring's own: mappings that could match still go through every condition and Spring's
 * ordering, the 405/406/415 answers come from Spring's look at all mappings, and where the shortcut would not be
 * exact it stands aside — a path with {@code %}-escapes or {@code ;}-parameters (the patterns match the decoded,
 * parameter-free segments), case-insensitive patterns, mappings registered without a path-pattern condition.
 */
public class PrefixFilteringHandlerMapping extends RequestMappingHandlerMapping {

    private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

    /**
     * Each mapping's literal start, by identity: the mapping Spring asks about is the very one registered, and
     * {@link RequestMappingInfo#equals} (every condition compared) cost more than the shortcut saves once the
     * routes numbered in the hundreds (docs/PERFORMANCE.md, reports). Copied on each registration (at start),
     * never changed after it is published, so reads need no lock.
     */
    private volatile Map<RequestMappingInfo, String> literalStarts = new IdentityHashMap<>();

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        PathPatternsRequestCondition patterns = mapping.getPathPatternsCondition();
        if (patterns != null && getPatternParser() != null && getPatternParser().isCaseSensitive()) {
            String start = null;
            for (PathPattern pattern : patterns.getPatterns()) {
                String literal = literalStart(pattern.getPatternString());
                start = start == null ? literal : commonStart(start, literal);
            }
            if (start != null && !start.isEmpty()) {
                synchronized (this) {
                    Map<RequestMappingInfo, String> more = new IdentityHashMap<>(literalStarts);
                    more.put(mapping, start);
                    literalStarts = more;
                }
            }
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        if (lookupPath.indexOf('%') >= 0 || lookupPath.indexOf(';') >= 0) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        LOOKUP_PATH.set(lookupPath);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            LOOKUP_PATH.remove();
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = LOOKUP_PATH.get();
        if (path != null) {
            String start = literalStarts.get(info);
            if (start != null && !path.startsWith(start)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    /** The part of a path pattern before its first variable or wildcard: {@code /a/b/} of {@code /a/b/{id}}. */
    static String literalStart(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                // "/x/**" and "/x/{*rest}" match "/x" too: their start is "/x", not "/x/"
                boolean rest = pattern.startsWith("**", i) || pattern.startsWith("{*", i);
                return pattern.substring(0, rest && i > 0 && pattern.charAt(i - 1) == '/' ? i - 1 : i);
            }
        }
        return pattern;
    }

    static String commonStart(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }
}
