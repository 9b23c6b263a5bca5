package org.saola.context.api;

import org.saola.context.ContextProperties;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.RateLimits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs {@link LeanWrites} after the request limits (body size, query encoding) and the request
 * metric's filter, before Spring Security's filter chain; with {@code saola.context.lean-writes=false}, not at all.
 */
@Configuration(proxyBeanMethods = false)
class LeanWritesConfiguration {

    @Bean
    LeanWrites leanWrites(ApiKeys keys, RateLimits limits, ContextEngine engine,
            JsonLdContexts contexts, SchemaValidation validation, JsonMapper json, Federation federation) {
        return new LeanWrites(keys, limits, engine, contexts, validation, json, federation);
    }

    @Bean
    FilterRegistrationBean<LeanWrites> leanWritesFilter(LeanWrites filter,
            ContextProperties properties) {
        FilterRegistrationBean<LeanWrites> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setEnabled(properties.leanWrites());
        return registration;
    }
}
