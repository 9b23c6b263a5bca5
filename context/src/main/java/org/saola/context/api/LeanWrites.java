package org.saola.context.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.saola.context.EntityIds;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.EntityMutations;
import org.saola.context.domain.NgsiLdPayloads;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.domain.UpdateResult;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot NGSI-LD writes, Partial Attribute Update (§6.7.3.1, {@code PATCH /ngsi-ld/v1/entities/{id}/attrs/{attr}})
 * and Update Entity Attributes (§6.6.3.2, {@code PATCH /ngsi-ld/v1/entities/{id}/attrs}): what a sensor gateway or
 * an IoT agent sends for every reading, and Create Entity (§6.4.3.1, {@code POST /ngsi-ld/v1/entities}), what it
 * sends for each new device, answered by a valve of Tomcat's context, before the servlet filter chain is built: the
 * filters, Spring Security's chain and Spring MVC cost most of the JVM's CPU of such a request (docs/PERFORMANCE.md,
 * sessions 34 to 37, 45 and 47).
 *
 * <p>It answers only the plain case, and hands every other request to the full path unchanged, where the same
 * rules answer it as before:
 * <ul>
 * <li>the request: one of those routes, no query string, a path of plain printable characters (nothing percent-encoded,
 *     no {@code ;}, {@code \}), a JSON body of a declared length of at most 64 KiB and at most the NGSI-LD routes'
 *     limit ({@code saola.http.max-body.ngsi-ld}, which the full path's {@code RequestLimits} applies), {@code
 *     Content-Type} {@code application/json} or {@code application/ld+json}, no {@code Expect} (Tomcat's
 *     {@code 100 Continue} is sent further on), no {@code Via} (a federated write) and no {@code Origin} (CORS), every
 *     header it reads printable ASCII;</li>
 * <li>the caller: an API key ({@code Authorization: Bearer}, {@code X-API-Key}, {@code X-Auth-Token}, read as
 *     the API key filter reads them, {@link ApiKeys#presented}) that {@link ApiKeys} knows, whose role grants the
 *     permission the route declares on {@link EntityWritesController} ({@link RequiresPermission}, read from
 *     there), in its own tenant ({@code NGSILD-Tenant} absent or naming it), with no context source registered in
 *     that tenant;</li>
 * <li>the body parses as a JSON object, and the caller's rate limit ({@link RateLimits#call}, the one the route
 *     rules apply) allows the call.</li>
 * </ul>
 * A request that fails any of these goes on down Tomcat's pipeline (its body replayed if it was read, through
 * {@link Request#setRequest}), so a refusal (401, 403, 413, 429, 400, 415, ...) is always the full path's. Once it
 * passes, the write is the controller's own ({@link EntityMutations#updateAttribute}, {@link EntityMutations#update}
 * or {@link EntityMutations#create}, the schema check, the group-commit writer), answered as the controller answers
 * (204, or 207 with what was not updated; 201 with the entity's URL, and the schema's warnings in warn mode), and an
 * error is answered by {@link NgsiLdErrors}' mapping, with the headers Spring Security adds to every answer of the
 * API chain. The request is timed in the request metric as Spring's observation filter times the others ({@code
 * http.server.requests}, the same tags, the route's pattern as {@code uri}). {@code saola.context.lean-writes=false}
 * leaves the valve out, and every request takes the full path.
 */
public final class LeanWrites extends ValveBase {

    static final String PREFIX = "/ngsi-ld/v1/entities/";
    static final int MAX_BODY = 64 * 1024;

    /** The routes, as {@link EntityWritesController} maps them. */
    enum Route {
        ATTRIBUTE("PATCH", "/{id}/attrs/{attr}"),
        ATTRIBUTES("PATCH", "/{id}/attrs"),
        CREATE("POST", "");

        final String method;
        final String mapping;
        final String pattern;

        Route(String method, String mapping) {
            this.method = method;
            this.mapping = mapping;
            this.pattern = "/ngsi-ld/v1/entities" + mapping;
        }
    }

    /** What Spring Security's header writers add to each answer of the API chain (its defaults, over HTTP). */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "X-Frame-Options", "DENY");

    private final ApiKeys keys;
    private final RateLimits limits;
    private final ContextEngine engine;
    private final JsonLdContexts contexts;
    private final NgsiLdPayloads payloads;
    private final SchemaValidation validation;
    private final JsonMapper json;
    private final Federation federation;
    private final Map<Route, Permission> permissions = new java.util.EnumMap<>(Route.class);
    private final LongAdder answered = new LongAdder();
    private final long maxBody;
    private final MeterRegistry meters;
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param ngsiLdMaxBody the NGSI-LD routes' body limit ({@code saola.http.max-body.ngsi-ld}): a larger body is the
     *                      full path's, which refuses it
     */
    LeanWrites(ApiKeys keys, RateLimits limits, ContextEngine engine, JsonLdContexts contexts,
            SchemaValidation validation, JsonMapper json, Federation federation, long ngsiLdMaxBody,
            MeterRegistry meters) {
        super(true);                    // the pipeline stays async-capable (the alert stream, downloads)
        this.maxBody = Math.min(MAX_BODY, ngsiLdMaxBody);
        this.meters = meters;
        this.keys = keys;
        this.limits = limits;
        this.engine = engine;
        this.contexts = contexts;
        this.payloads = new NgsiLdPayloads(contexts);
        this.validation = validation;
        this.json = json;
        this.federation = federation;
        for (Route route : Route.values()) {
            permissions.put(route, declaredPermission(route));
        }
    }

    /** The permission the full path's route declares: one rule, read from where it is written. */
    static Permission declaredPermission(Route route) {
        for (Method m : EntityWritesController.class.getDeclaredMethods()) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(m, RequestMapping.class);
            if (mapping != null && Arrays.stream(mapping.method()).anyMatch(v -> v.name().equals(route.method))
                    && (Arrays.asList(mapping.path()).contains(route.mapping)
                            || route.mapping.isEmpty() && mapping.path().length == 0)) {
                RequiresPermission rule = m.getAnnotation(RequiresPermission.class);
                if (rule == null) {
                    throw new IllegalStateException("EntityWritesController's " + route.method + " " + route.pattern
                            + " declares no permission");
                }
                return rule.value();
            }
        }
        throw new IllegalStateException("EntityWritesController has no " + route.method + " " + route.pattern);
    }

    /** Requests this path answered itself since the start. */
    public long answered() {
        return answered.sum();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long start = System.nanoTime();
        Target target = target(request, maxBody);
        String key = target == null ? null : key(request);
        SaolaPrincipal caller = key == null ? null
                : keys.authenticate(key).filter(p -> p.has(permissions.get(target.route()))).orElse(null);
        String tenantHeader = request.getHeader(NgsiLdTenantInterceptor.HEADER);
        if (caller == null || !ownTenant(tenantHeader, caller.tenant()) || federation.anyRegistration(caller.tenant())) {
            getNext().invoke(request, response);
            return;
        }
        int length = (int) request.getContentLengthLong();
        byte[] body = request.getInputStream().readNBytes(length);
        JsonNode node = body.length == length ? parse(body) : null;
        if (node == null || !node.isObject() || !limits.call(caller.tenant().value() + "/" + caller.name()).allowed()) {
            request.setRequest(new Replayed(request.getRequest(), body));
            getNext().invoke(request, response);
            return;
        }
        answered.increment();
        SECURITY_HEADERS.forEach(response::setHeader);
        if (tenantHeader != null) {
            response.setHeader(NgsiLdTenantInterceptor.HEADER, caller.tenant().value());
        }
        var security = SecurityContextHolder.getContext();
        security.setAuthentication(new UsernamePasswordAuthenticationToken(caller, null, caller.authorities()));
        ResponseEntity<Map<String, Object>> answer;
        try {
            answer = write(caller.tenant(), target, request, node);
        } catch (RuntimeException e) {
            answer = NgsiLdErrors.answer(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
        int status = answer.getStatusCode().value();
        response.setStatus(status);
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        if (answer.getBody() != null) {
            response.getOutputStream().write(json.writeValueAsBytes(answer.getBody()));
            response.getOutputStream().flush();         // as Spring's message converter does: the same headers follow
        }
        timer(target.route(), status).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * The request timer of the route and status, as Spring's {@code ServerHttpObservationFilter} and Micrometer's
     * meter handler make it for the full path (the same name and tag keys: Prometheus takes one set per name). An
     * answered request threw nothing, so {@code error} and {@code exception} are {@code none}.
     */
    private Timer timer(Route route, int status) {
        return timers.computeIfAbsent(route.ordinal() * 1000 + status, k -> Timer.builder("http.server.requests")
                .tag("error", "none")
                .tag("exception", "none")
                .tag("method", route.method)
                .tag("outcome", outcome(status))
                .tag("status", Integer.toString(status))
                .tag("uri", route.pattern)
                .register(meters));
    }

    /** The {@code outcome} tag of a status, as Spring's convention names it (Micrometer's {@link Outcome}). */
    static String outcome(int status) {
        return Outcome.forStatus(status).name();
    }

    /** What the controller's methods do for a request with no context source involved. */
    private ResponseEntity<Map<String, Object>> write(TenantId tenant, Target target, HttpServletRequest request,
            JsonNode body) {
        if (target.route() == Route.CREATE) {
            return create(tenant, body, ld(request, body));
        }
        EntityIds.requireValid(target.id());
        JsonLdRequest ld = ld(request, body);
        EntityMutations.Check check = (typeIri, attributes) -> validation.check(tenant, typeIri, attributes, true);
        if (target.route() == Route.ATTRIBUTES) {
            var fragment = EntityWritesController.nonEmpty(payloads.fragment(body, ld.contexts()));
            return EntityWritesController.updateAnswer(contexts, ld, (UpdateResult) EntityWritesController.await(
                    engine.apply(tenant, target.id(), EntityMutations.update(target.id(), fragment, check))));
        }
        String iri = payloads.name(target.attr(), ld.contexts());
        var fragment = payloads.attributeFragment(target.attr(), body, ld.contexts());
        EntityWritesController.await(engine.apply(tenant, target.id(),
                EntityMutations.updateAttribute(target.id(), iri, fragment, check)));
        return ResponseEntity.noContent().build();
    }

    private JsonLdRequest ld(HttpServletRequest request, JsonNode body) {
        return JsonLdRequest.withBody(request.getContentType(), request.getHeader("Link"), body, contexts);
    }

    /** Create Entity, as {@link EntityWritesController#create} does it when no context source takes a part. */
    private ResponseEntity<Map<String, Object>> create(TenantId tenant, JsonNode body, JsonLdRequest ld) {
        NgsiLdPayloads.ParsedEntity e = payloads.entity(body, ld.contexts());
        List<String> warnings = validation.check(tenant, e.types(), e.attributes(), false);
        EntityWritesController.await(engine.apply(tenant, e.id(),
                EntityMutations.create(e.id(), e.types(), e.scopes(), e.attributes())));
        return EntityWritesController.warned(ResponseEntity.created(EntityWritesController.location(e.id())), warnings)
                .build();
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;        // the full path says what is wrong with it
        }
    }

    /**
     * The route and its path's variables ({@code attr} null for {@link Route#ATTRIBUTES}, both null for
     * {@link Route#CREATE}, whose entity is named in the body).
     */
    record Target(Route route, String id, String attr) {
    }

    /** The entity and attribute of a plain request to the route, or null for anything the full path must answer. */
    static Target target(HttpServletRequest request, long maxBody) {
        String method = request.getMethod();
        if (!"PATCH".equals(method) && !"POST".equals(method) || request.getQueryString() != null
                || !request.getContextPath().isEmpty()) {
            return null;
        }
        String uri = request.getRequestURI();
        Target target;
        if ("POST".equals(method)) {
            if (!uri.equals(Route.CREATE.pattern)) {
                return null;
            }
            target = new Target(Route.CREATE, null, null);
        } else {
            if (!uri.startsWith(PREFIX) || !plain(uri)) {
                return null;
            }
            String rest = uri.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            String id = slash < 0 ? "" : rest.substring(0, slash);
            String tail = slash < 0 ? "" : rest.substring(slash);
            String attr = tail.startsWith("/attrs/") ? tail.substring("/attrs/".length()) : null;
            if (id.isEmpty() || dotSegment(id) || attr == null && !tail.equals("/attrs")
                    || attr != null && (attr.isEmpty() || attr.indexOf('/') >= 0 || dotSegment(attr))) {
                return null;
            }
            target = new Target(attr == null ? Route.ATTRIBUTES : Route.ATTRIBUTE, id, attr);
        }
        long length = request.getContentLengthLong();
        String type = request.getContentType();
        if (length <= 0 || length > maxBody || type == null
                || !(type.equalsIgnoreCase("application/json") || type.equalsIgnoreCase("application/ld+json"))
                || request.getHeader("Via") != null || request.getHeader("Origin") != null
                || request.getHeader("Expect") != null
                || !printable(request.getHeader("Link")) || !printable(request.getHeader(NgsiLdTenantInterceptor.HEADER))) {
            return null;
        }
        return target;
    }

    private static boolean dotSegment(String segment) {
        return segment.equals(".") || segment.equals("..");
    }

    /** The API key ({@link ApiKeys#presented}); null if there is none, or another credential (HTTP Basic). */
    static String key(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;                // a member of staff's password: the full path
        }
        if (!printable(authorization) || !printable(request.getHeader("X-API-Key"))
                || !printable(request.getHeader("X-Auth-Token"))) {
            return null;
        }
        return ApiKeys.presented(request::getHeader).orElse(null);
    }

    private static boolean ownTenant(String header, TenantId own) {
        if (header == null) {
            return true;
        }
        try {
            return TenantId.of(header.strip()).equals(own);
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Printable ASCII and spaces (or absent): what no firewall rule refuses. */
    private static boolean printable(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A path of printable ASCII with nothing encoded, no path parameter, no backslash, no empty segment. */
    private static boolean plain(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c > 0x7e || c == '%' || c == ';' || c == '\\') {
                return false;
            }
        }
        return !uri.contains("//");
    }

    /** The request with the body this filter read, for the full path to read again. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the replayed body is read synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
