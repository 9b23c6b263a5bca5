package org.saola.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.saola.platform.residents.ResidentPrincipal;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.platform.security.StaffAccounts;
import org.saola.platform.security.StaffUserDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces the rule each route declares ({@link RouteRule}), before any other interceptor and before the
 * handler runs. The filter chains establish who is calling; this decides whether that caller may call this
 * route. A session's principal is re-read here ({@link StaffAccounts#current}), so a disabled account or a
 * changed role takes effect on sessions opened before the change.
 */
@Component
public class RouteRules implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RouteRules.class);
    /** One entry per handler method of the application: bounded by the code, not by traffic. */
    private final Map<Method, RouteRule> rules = new ConcurrentHashMap<>();
    private final StaffAccounts staff;
    private final RateLimits limits;

    RouteRules(StaffAccounts staff, RateLimits limits) {
        this.staff = staff;
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
    }

    public RouteRule ruleOf(HandlerMethod handler) {
        return rules.computeIfAbsent(handler.getMethod(), m -> RouteRule.of(m, handler.getBeanType()));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;                // static resources: the filter chains list them as public
        }
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
            // A streamed answer (a download) coming back to finish: its rule, and its rate limit, were applied when
            // the request came in; applying them again would count it twice and could refuse a response already sent.
            return true;
        }
        RouteRule rule = ruleOf(method);
        switch (rule) {
            case RouteRule.Public p -> {
                if (caller().isPresent()) {
                    return true;        // a signed-in caller on a page that is also public: the page's own limits
                }
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.getPrincipal() instanceof ResidentPrincipal resident) {
                    // Counted per resident, not per address: a mobile network puts thousands of phones behind one
                    // address (carrier-grade NAT), and they would share one anonymous visitor's allowance.
                    return withinLimit(request, response, method, limits.residentCall(resident.tenant().value() + "/" + resident.residentId()));
                }
                return withinLimit(request, response, method, limits.publicCall(request.getRemoteAddr()));
            }
            case RouteRule.Device d -> {
                return true;            // the handler checks the device's own credentials and its rate limit
            }
            case RouteRule.Undeclared u -> {
                log.error("Refused {} {}: the route declares no rule ({})", request.getMethod(),
                        request.getRequestURI(), u.problem());
                return deny(request, response, method, 403, "this route declares no access rule, so nobody may call it");
            }
            case RouteRule.Resident r -> {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.getPrincipal() instanceof ResidentPrincipal) {
                    return true;
                }
                if (caller().isPresent()) {
                    return deny(request, response, method, 403, "this route is for signed-in residents");
                }
                if (!machineApi(request, method)) {
                    response.sendRedirect(request.getContextPath() + "/residents/sign-in");
                    return false;
                }
                return deny(request, response, method, 401, "this route is for signed-in residents");
            }
            case RouteRule.Needs n -> {
                Optional<SaolaPrincipal> caller = caller();
                if (caller.isEmpty()) {
                    return deny(request, response, method, 401, "sign in, or send an API key, to call this route");
                }
                if (!caller.get().has(n.permission())) {
                    return deny(request, response, method, 403, "your role does not grant " + n.permission()
                            + ", which this operation needs");
                }
                return withinLimit(request, response, method,
                        limits.call(caller.get().tenant().value() + "/" + caller.get().name()));
            }
        }
    }

    /** The caller as they are now; for a session, re-read, and replaced in this request's security context. */
    private Optional<SaolaPrincipal> caller() {
        return caller(currentRequest());
    }

    private static HttpServletRequest currentRequest() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        return attributes instanceof org.springframework.web.context.request.ServletRequestAttributes s ? s.getRequest() : null;
    }

    private Optional<SaolaPrincipal> caller(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Object p = auth == null ? null : auth.getPrincipal();
        if (p instanceof SaolaPrincipal s) {
            return Optional.of(s);
        }
        if (p instanceof StaffUserDetails u) {
            Optional<SaolaPrincipal> now = staff.current(u.principal().tenant(), u.principal().name());
            HttpSession session = request == null ? null : request.getSession(false);
            if (now.isEmpty() && session != null) {
                session.invalidate();   // the account was disabled since it signed in
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            now.ifPresent(fresh -> context.setAuthentication(
                    new UsernamePasswordAuthenticationToken(fresh, null, fresh.authorities())));
            SecurityContextHolder.setContext(context);
            return now;
        }
        return Optional.empty();
    }

    private static boolean withinLimit(HttpServletRequest request, HttpServletResponse response, HandlerMethod method,
            RateLimits.Verdict verdict) throws IOException {
        if (verdict.allowed()) {
            return true;
        }
        response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        return deny(request, response, method, 429, "too many requests; try again in " + verdict.retryAfterSeconds() + " s");
    }

    private static boolean deny(HttpServletRequest request, HttpServletResponse response, HandlerMethod method,
            int status, String detail) throws IOException {
        if (machineApi(request, method)) {
            if (status == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"saola\", Basic realm=\"saola\"");
            }
            ProblemAuthenticationEntryPoint.write(response, status,
                    status == 401 ? "Unauthorized" : status == 429 ? "Too Many Requests" : "Forbidden", detail);
        } else if (status == 401) {
            response.sendRedirect(request.getContextPath() + "/login");
        } else {
            response.sendError(status, detail);
        }
        return false;
    }

    /** A machine client's route, or a handler that answers data rather than a page: refused with problem details. */
    private static boolean machineApi(HttpServletRequest request, HandlerMethod method) {
        return RouteFamily.of(request).stateless()
                || method.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                || HttpEntity.class.isAssignableFrom(method.getMethod().getReturnType());
    }
}
