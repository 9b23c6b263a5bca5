package org.saola.web.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Installs {@link RequestLimits} ahead of every other filter but the forwarded-headers one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.Properties.class)
class HttpLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(RequestLimits.Properties properties) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
