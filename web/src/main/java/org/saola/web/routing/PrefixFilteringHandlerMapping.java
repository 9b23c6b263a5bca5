package org.saola.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping, with its look-up narrowed by path. A request whose path has variables in it (every
 * {@code /ngsi-ld/v1/entities/{id}/attrs/{attr}}) is matched by Spring against every mapping of the application,
 * each through the full chain of conditions; with a few hundred routes that walk was the largest single cost of a
 * partial update's request path (13 % of the JVM's samples under {@code wrk} even when each mapping was first
 * tested against the path's literal start, docs/PERFORMANCE.md, session 34). Here the mappings sit in a tree by
 * the path segments of their literal start (the part of their patterns before the first {@code {}, {@code *} or
 * {@code ?}): a request asks only the mappings on its own path's branch, whose literal start its path begins with.
 * A mapping elsewhere in the tree cannot match, its literal start not being a beginning of the path.
 *
 * <p>Otherwise the look-up is Spring's, step by step: mappings of the exact path (Spring's "direct paths") first,
 * the others only when none of those match; every condition asked through Spring's own
 * {@code getMatchingMapping}; the matches ordered by Spring's comparator; Spring's {@code handleMatch} and, when
 * nothing matches, its {@code handleNoMatch} over every mapping (so 405, 406 and 415 answers stay Spring's). Where
 * the narrowing would not be exact or is not worth it, Spring's own look-up runs whole: a path with
 * {@code %}-escapes or {@code ;}-parameters (the patterns match decoded, parameter-free segments), a CORS
 * pre-flight, two matches Spring would call ambiguous. Mappings without a path-pattern condition, or with
 * case-insensitive patterns, are asked for every request. {@code HandlerLookupTest} compares the answers with a
 * plain Spring mapping for every route of the platform and near misses of each.
 */
public class PrefixFilteringHandlerMapping extends RequestMappingHandlerMapping {

    /** A mapping, the handler method Spring registered for it, and its literal start ({@code null}: none known). */
    private record Entry(RequestMappingInfo info, HandlerMethod handler, String start) {
    }

    /** The mappings whose literal start is this node's path and a last, partial segment (or nothing more). */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Entry> here = new ArrayList<>();
    }

    /** What the look-up reads: made from Spring's registry after the last registration, never changed after. */
    private record Index(Node root, Map<String, List<Entry>> direct, Set<RequestMappingInfo> all) {
    }

    /** A mapping that matched: the mapping as matched (Spring's conditions narrowed to the request) and its handler. */
    private record Match(RequestMappingInfo matched, HandlerMethod handler) {
    }

    private volatile Index index;

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        forget();
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        forget();
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        forget();
    }

    /** After a registration: the next look-up makes the index again (an index being made now waits for this). */
    private synchronized void forget() {
        index = null;
    }

    private Index index() {
        Index i = index;
        return i != null ? i : build();
    }

    private synchronized Index build() {
        if (index != null) {
            return index;
        }
        Map<RequestMappingInfo, HandlerMethod> all = getHandlerMethods();
        Node root = new Node();
        Map<String, List<Entry>> direct = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : all.entrySet()) {
            Entry entry = new Entry(e.getKey(), e.getValue(), start(e.getKey()));
            Node node = root;
            if (entry.start() != null) {
                String[] segments = entry.start().split("/", -1);
                // The segments before the last '/': whole segments of every path the start begins.
                for (int s = 0; s < segments.length - 1; s++) {
                    node = node.children.computeIfAbsent(segments[s], k -> new Node());
                }
            }
            node.here.add(entry);
            for (String path : getDirectPaths(e.getKey())) {
                direct.computeIfAbsent(path, k -> new ArrayList<>()).add(entry);
            }
        }
        index = new Index(root, direct, new LinkedHashSet<>(all.keySet()));
        return index;
    }

    /** The literal start all of a mapping's path patterns share; {@code null} when it has none to go by. */
    private String start(RequestMappingInfo mapping) {
        PathPatternsRequestCondition patterns = mapping.getPathPatternsCondition();
        if (patterns == null || getPatternParser() == null || !getPatternParser().isCaseSensitive()) {
            return null;
        }
        String start = null;
        for (PathPattern pattern : patterns.getPatterns()) {
            String literal = literalStart(pattern.getPatternString());
            start = start == null ? literal : commonStart(start, literal);
        }
        return start == null || start.isEmpty() ? null : start;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        if (lookupPath.indexOf('%') >= 0 || lookupPath.indexOf(';') >= 0 || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Index index = index();
        List<Match> matches = new ArrayList<>(2);
        List<Entry> direct = index.direct().get(lookupPath);
        if (direct != null) {
            addMatches(direct, lookupPath, request, matches);
        }
        if (matches.isEmpty()) {
            Node node = index.root();
            addMatches(node.here, lookupPath, request, matches);
            int from = 0;
            while (node != null) {
                int slash = lookupPath.indexOf('/', from);
                if (slash < 0) {
                    break;
                }
                node = node.children.get(lookupPath.substring(from, slash));
                if (node != null) {
                    addMatches(node.here, lookupPath, request, matches);
                }
                from = slash + 1;
            }
        }
        if (matches.isEmpty()) {
            return handleNoMatch(index.all(), lookupPath, request);
        }
        Match best = matches.getFirst();
        if (matches.size() > 1) {
            Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
            matches.sort((a, b) -> comparator.compare(a.matched(), b.matched()));
            best = matches.getFirst();
            if (comparator.compare(best.matched(), matches.get(1).matched()) == 0) {
                return super.lookupHandlerMethod(lookupPath, request);     // Spring's own ambiguity error
            }
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
        handleMatch(best.matched(), lookupPath, request);
        return best.handler();
    }

    private void addMatches(List<Entry> entries, String lookupPath, HttpServletRequest request, List<Match> matches) {
        for (Entry entry : entries) {
            if (entry.start() == null || lookupPath.startsWith(entry.start())) {
                RequestMappingInfo matched = getMatchingMapping(entry.info(), request);
                if (matched != null) {
                    matches.add(new Match(matched, entry.handler()));
                }
            }
        }
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
