package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.saola.web.security.RouteRule;
import org.saola.web.security.RouteRules;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every request mapping of the running application has an explicit rule saying who may call it: Saola's
 * own routes by annotation, the framework's (error page, actuator) in {@link #FRAMEWORK_ROUTES}, which
 * the filter chains enforce. And least privilege, tried over HTTP: an ANALYST key is refused every write.
 */
class RouteRulesTest extends PlatformTest {

    /**
     * Routes Saola does not write and the route rules do not see (the actuator's); their rule lives in the
     * security configuration. Path → anonymous status. (The error page and the OpenAPI routes get their rule
     * from {@code RouteRule}.)
     */
    static final Map<String, Integer> FRAMEWORK_ROUTES = Map.of(
            "/actuator", 401,
            "/actuator/health", 200,
            "/actuator/health/**", 200,
            "/actuator/info", 401,
            "/actuator/prometheus", 401);

    @Autowired
    ApplicationContext context;
    @Autowired
    RouteRules rules;

    /** Every handler method of every request-mapping handler mapping, as (paths, methods, handler). */
    record Route(Set<String> paths, Set<RequestMethod> methods, HandlerMethod handler, String contentType) {
        boolean ours() {
            return handler.getBeanType().getName().startsWith("org.saola.");
        }
    }

    List<Route> routes() {
        List<Route> all = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                String type = e.getKey().getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                        .map(Object::toString).orElse("application/json");
                all.add(new Route(e.getKey().getPatternValues(), e.getKey().getMethodsCondition().getMethods(),
                        e.getValue(), type));
            }
        }
        return all;
    }

    @Test
    void everyRouteOfTheRunningApplicationDeclaresWhoMayCallIt() {
        List<Route> routes = routes();
        assertThat(routes).as("the inventory sees the application's routes").hasSizeGreaterThan(50);
        Set<String> undeclared = new TreeSet<>();
        for (Route r : routes) {
            if (rules.ruleOf(r.handler()) instanceof RouteRule.Undeclared u) {
                if (r.ours()) {
                    undeclared.add(r.paths() + " " + r.methods() + " " + r.handler() + ": " + u.problem());
                } else {
                    for (String p : r.paths()) {
                        if (!FRAMEWORK_ROUTES.containsKey(p)) {
                            undeclared.add(p + " " + r.handler() + ": a framework route with no rule in FRAMEWORK_ROUTES");
                        }
                    }
                }
            }
        }
        assertThat(undeclared).as("routes without an explicit rule").isEmpty();
    }

    /**
     * The request timer ({@code http.server.requests}) is tagged by route pattern, and Spring Boot stops making
     * timers for new {@code uri} values past {@code management.metrics.web.server.max-uri-tags} (100 unless set):
     * every route beyond the hundredth called would go untimed. The limit must hold every pattern of the running
     * application and the few values Spring uses for requests without one (UNKNOWN, NOT_FOUND, REDIRECTION, root).
     */
    @Test
    void theRequestTimerCanTagEveryRoute(@Autowired org.springframework.core.env.Environment env) {
        Set<String> patterns = new TreeSet<>();
        routes().forEach(r -> patterns.addAll(r.paths()));
        int limit = env.getProperty("management.metrics.web.server.max-uri-tags", Integer.class, 100);
        assertThat(patterns).as("the application's route patterns").hasSizeGreaterThan(100);
        // Twice the patterns: room for those values, and for the routes modules add later.
        assertThat(limit).as("max-uri-tags against %d route patterns", patterns.size())
                .isGreaterThanOrEqualTo(2 * patterns.size());
    }

    @Test
    void frameworkRoutesAnswerAnonymousCallersAsTheirRuleSays() {
        SaolaClient anonymous = client().anonymous();
        FRAMEWORK_ROUTES.forEach((path, status) -> {
            if (status != 0) {
                String concrete = path.replace("**", "liveness");
                assertThat(anonymous.get(concrete).status()).as(concrete).isEqualTo(status);
            }
        });
    }

    @Test
    void publicRoutesAreTheOnesThatSayWhy() {
        Set<String> publicPaths = new TreeSet<>();
        for (Route r : routes()) {
            if (r.ours() && rules.ruleOf(r.handler()) instanceof RouteRule.Public p) {
                assertThat(p.why()).as("why %s is public", r.paths()).isNotBlank();
                publicPaths.addAll(r.paths());
            }
        }
        assertThat(publicPaths).contains("/", "/login", "/ngsi-ld/v1/jsonldContexts/{id}", "/public/v1/departments");
    }

    @Test
    void anAnalystKeyIsRefusedEveryWriteWithProblemDetails() {
        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        int tried = 0;
        for (Route r : routes()) {
            if (!r.ours() || rules.ruleOf(r.handler()) instanceof RouteRule.Public
                    || rules.ruleOf(r.handler()) instanceof RouteRule.Device) {
                continue;       // devices' routes ignore API keys (TelemetryHttpTest)
            }
            if (rules.ruleOf(r.handler()) instanceof RouteRule.Needs n
                    && n.permission() == org.saola.platform.security.Permission.CONTEXT_READ) {
                continue;       // a query sent as a body (POST /entityOperations/query) reads, as analysts may
            }
            for (RequestMethod m : r.methods()) {
                if (m == RequestMethod.GET || m == RequestMethod.HEAD || m == RequestMethod.OPTIONS) {
                    continue;
                }
                for (String p : r.paths()) {
                    String path = p.replaceAll("\\{[^}]+}", "urn:ngsi-ld:Thing:x");
                    // A multipart route gets a well-formed (empty) multipart body: a broken one is refused with 400
                    // before anyone is asked who they are (RequestLimits), which is not what is tested here.
                    boolean multipart = r.contentType().startsWith("multipart/");
                    SaolaClient.Response res = analyst.send(m.name(), path, multipart ? "--x--\r\n" : "{}", "Content-Type",
                            multipart ? "multipart/form-data; boundary=x" : r.contentType());
                    // A page's form refused without a session ends on the public error page, whose per-address limit
                    // (saola.rate-limits.public-per-second) this sweep of every route can reach: wait as told.
                    for (int again = 0; res.status() == 429 && again < 3; again++) {
                        sleep(Long.parseLong(res.header("Retry-After") == null ? "1" : res.header("Retry-After")));
                        res = analyst.send(m.name(), path, multipart ? "--x--\r\n" : "{}", "Content-Type",
                                multipart ? "multipart/form-data; boundary=x" : r.contentType());
                    }
                    assertThat(res.status()).as(m + " " + path + ": " + res.body()).isEqualTo(403);
                    if (path.startsWith("/api/") || path.startsWith("/ngsi-ld/")) {
                        assertThat(res.header("Content-Type")).as(m + " " + path).startsWith("application/problem+json");
                        assertThat(res.json().path("status").asInt()).isEqualTo(403);
                    }   // a page's form: an API key is no session, and the form has no CSRF token either
                    tried++;
                }
            }
        }
        assertThat(tried).as("writes tried").isGreaterThan(25);
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(java.time.Duration.ofSeconds(Math.max(1, seconds)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
