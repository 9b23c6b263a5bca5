package org.saola.web.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which family a request's path belongs to: the one place that knows the prefixes, for the body limits,
 * the sessions and the shape of a refusal (problem details or a page).
 */
enum RouteFamily {
    /** Open to anyone, no session: {@code /public/**}, the hosted @contexts, Open311, CKAN's action API and DCAT-AP. */
    PUBLIC_API,
    /** NGSI-LD, stateless, API keys or HTTP Basic. */
    NGSI_LD,
    /** Saola's own API and the actuator, stateless, API keys or HTTP Basic. */
    API,
    /** Pages and their forms, with a session. */
    PAGES;

    static RouteFamily of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/public/") || path.startsWith("/ngsi-ld/v1/jsonldContexts/") || path.startsWith("/open311/")
                || path.equals("/api/3") || path.startsWith("/api/3/") || path.startsWith("/api/action/")
                || path.startsWith("/catalog.") || path.startsWith("/dataset/")) {
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

    /**
     * Whether the request carries photos: a resident's report (Open311 {@code POST requests}, the report form)
     * or staff's photo of one, a resident's proposal, a progress update, a process's document (a PDF). Those bodies
     * get a larger limit of their own.
     */
    static boolean carriesPhotos(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/open311/v2/requests") || path.equals("/city/reports/new")
                || PHOTO_ROUTES.matcher(path).matches();
    }

    /**
     * Staff's "after" photos of a report, a resident's proposal, a follow-up's attachment, a process's PDFs: compiled
     * once, not for every POST (String.matches compiles its pattern on each call).
     */
    private static final java.util.regex.Pattern PHOTO_ROUTES = java.util.regex.Pattern.compile(
            "/(operations|api/v1)/reports/\\d+/photos"
            + "|/city/participation/[a-z0-9-]+/proposals/new"
            + "|/operations/participation/[a-z0-9-]+/follow-up/[a-z]+/[^/]+"
            + "|/(api/v1|operations)/participation/processes/[a-z0-9-]+/documents");

    /** Whether the request carries a file staff publish as open data (a CSV of any size, streamed into its table). */
    static boolean carriesDataset(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ("PUT".equals(request.getMethod()) && (path.startsWith("/api/v1/opendata/uploads/")
                        || path.equals("/api/v1/participation/census")))      // a city's census list, streamed
                // the catalogue page's upload form: its multipart limits (spring.servlet.multipart) bound it further
                || ("POST".equals(request.getMethod()) && path.equals("/admin/opendata/uploads"));
    }

    /** Machine clients' routes: no session, and refusals as problem details. */
    boolean stateless() {
        return this != PAGES;
    }
}
