package org.saola.context.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query parameter the NGSI-LD API does not define, or that Saola does not serve, is {@code 400 InvalidRequest}
 * (GS CIM 009 V1.8.1: a parameter an operation does not define makes the request invalid) rather than
 * ignored: a misspelt {@code lastN} or an unsupported {@code entityMap}
 * would otherwise silently give another answer than the one asked for.
 */
@Configuration(proxyBeanMethods = false)
public class NgsiLdParameters implements HandlerInterceptor, WebMvcConfigurer {

    /** Every query parameter some operation of Saola's NGSI-LD API reads. */
    static final Set<String> KNOWN = Set.of(
            // selecting entities
            "type", "id", "idPattern", "attrs", "q", "csf", "scopeQ", "georel", "geometry", "coordinates",
            "geoproperty", "local", "datasetId",
            // shaping and paging the answer
            "options", "format", "pick", "omit", "lang", "geometryProperty", "expandValues", "limit", "offset",
            "count", "join", "joinLevel", "containedBy",
            // history
            "timerel", "timeAt", "endTimeAt", "timeproperty", "lastN", "aggrMethods", "aggrPeriodDuration",
            // writes and management
            "deleteAll", "details", "kind", "reload");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/ngsi-ld/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getQueryString() == null) {
            return true;
        }
        for (String name : request.getParameterMap().keySet()) {
            if (!KNOWN.contains(name)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.InvalidRequest, "unknown query parameter '" + name
                        + "'; the NGSI-LD API of Saola takes " + String.join(", ", new TreeSet<>(KNOWN))
                        + " (each operation some of them)");
            }
        }
        return true;
    }
}
