package org.saola.web.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The pages' session cookie. Sessions themselves are in PostgreSQL (Spring Session JDBC). The cookie lasts
 * as long as the browser, except where a sign-in marks the request as one that should last (a resident's:
 * {@link #LASTING}), where it lasts as long as the session may stay idle (30 days).
 */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

    /** A request attribute: when set, the session cookie written with this response outlives the browser. */
    public static final String LASTING = SessionConfiguration.class.getName() + ".LASTING";
    public static final String COOKIE = "SAOLA_SESSION";

    /** How long a lasting cookie lives: the resident session's idle lifetime. */
    public static final java.time.Duration LASTING_FOR = java.time.Duration.ofDays(30);

    /**
     * The machine APIs are stateless (API keys, HTTP Basic): Spring Session's filter, which wraps every request
     * and response to find and save a session, is skipped for them. Measured: it cost about 35 µs of CPU per
     * partial update (12 %), see docs/PERFORMANCE.md.
     */
    @Bean
    static BeanPostProcessor sessionsForPagesOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof Filter sessions) || !name.equals("springSessionRepositoryFilter")) {
                    return bean;
                }
                return new Filter() {
                    @Override
                    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                            throws IOException, ServletException {
                        if (request instanceof HttpServletRequest http && RouteFamily.of(http).stateless()) {
                            chain.doFilter(request, response);
                        } else {
                            sessions.doFilter(request, response, chain);
                        }
                    }
                };
            }
        };
    }

    /** Sessions are written back only when they changed: see {@link ThrottledSessions}. */
    @Bean
    static BeanPostProcessor sessionsWrittenWhenChanged() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JdbcIndexedSessionRepository sessions ? ThrottledSessions.over(sessions) : bean;
            }
        };
    }

    @Bean
    CookieSerializer cookieSerializer() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer() {
            @Override
            public void writeCookieValue(CookieValue value) {
                if (value.getRequest().getAttribute(LASTING) != null && !value.getCookieValue().isEmpty()) {
                    value.setCookieMaxAge((int) LASTING_FOR.toSeconds());
                }
                super.writeCookieValue(value);
            }
        };
        cookie.setCookieName(COOKIE);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        return cookie;
    }
}
