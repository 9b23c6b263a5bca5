package org.saola.context.api;

import io.micrometer.core.instrument.MeterRegistry;
import org.saola.context.ContextProperties;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.RateLimits;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs {@link LeanWrites} as a valve of Tomcat's context, ahead of the servlet filter chain; with {@code
 * saola.context.lean-writes=false}, not at all.
 */
@Configuration(proxyBeanMethods = false)
class LeanWritesConfiguration {

    @Bean
    LeanWrites leanWrites(ApiKeys keys, RateLimits limits, ContextEngine engine, JsonLdContexts contexts,
            SchemaValidation validation, JsonMapper json, Federation federation, Environment environment,
            MeterRegistry meters) {
        return new LeanWrites(keys, limits, engine, contexts, validation, json, federation, ngsiLdMaxBody(environment),
                meters);
    }

    /**
     * The NGSI-LD routes' body limit as configured, which the web module's {@code RequestLimits} applies on the full
     * path (the lean path leaves larger bodies to it); if unset, the lean path's own limit.
     */
    static long ngsiLdMaxBody(Environment environment) {
        return Binder.get(environment).bind("saola.http.max-body.ngsi-ld", DataSize.class)
                .map(DataSize::toBytes).orElse((long) LeanWrites.MAX_BODY);
    }

    @Bean
    TomcatContextCustomizer leanWritesValve(LeanWrites valve, ContextProperties properties) {
        return context -> {
            if (properties.leanWrites()) {
                context.getPipeline().addValve(valve);
            }
        };
    }
}
