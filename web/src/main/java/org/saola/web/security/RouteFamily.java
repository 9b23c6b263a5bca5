package org.saola.web.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which family a request's path belongs to: the one place that knows the prefixes, for the body limits,
 * the sessions and the shape of a refusal (problem details or a page).
 */
enum RouteFamily {
    /** Open to anyone, no session: {@code /public/**} and the hosted @contexts. */
    PUBLIC_API,
    /** NGSI-LD, stateless, API keys or HTTP Basic. */
    NGSI_LD,
    /** Saola's own API and the actuator, stateless, API keys or HTTP Basic. */
    API,
    /** Pages and their forms, with a session. */
    PAGES;

    static RouteFamily of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/public/") || path.startsWith("/ngsi-ld/v1/jsonldContexts/")) {
            return PUBLIC_API;
        }
        if (path.startsWith("/ngsi-ld/")) {
            return NGSI_LD;
        }
        if (path.startsWith("/api/") || path.startsWith("/actuator")) {
            return API;
        }
        return PAGES;
    }

    /** Machine clients' routes: no session, and refusals as problem details. */
    boolean stateless() {
        return this != PAGES;
    }
}
