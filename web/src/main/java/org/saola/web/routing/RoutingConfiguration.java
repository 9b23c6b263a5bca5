package org.saola.web.routing;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Puts {@link PrefixFilteringHandlerMapping} where Spring MVC would create its own, configured as Spring's, and
 * an adapter whose argument resolvers skip the data binder where it has nothing to do ({@link BinderFreeArguments});
 * and keeps pages' links out of the resource chain.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    WebMvcRegistrations prefixFilteringHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PrefixFilteringHandlerMapping();
            }

            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return BinderFreeArguments.adapter();
            }
        };
    }

    /**
     * Links in pages are written as they are, not passed through Spring's resource chain one by one: with
     * static resources served from {@code /**}, the chain looked every link of a page (fifty report numbers on
     * the queue page) up in each static location of the jar, a quarter of the page's time, to rewrite none of
     * them (our static URLs are not versioned). The chain itself stays: it serves the web jars' version-less
     * URLs ({@code /webjars/leaflet/dist/leaflet.js}). See docs/PERFORMANCE.md (reports).
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }
}
