package org.saola.context.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The {@code NGSILD-Tenant} header (NGSI-LD 1.8.1 §6.3.14) names a Saola tenant. A caller's credentials
 * belong to one tenant: without the header it acts on that tenant; naming another is answered as a tenant
 * that does not exist, so no data crosses tenants and no caller learns which other tenants exist.
 */
@Configuration(proxyBeanMethods = false)
public class NgsiLdTenantInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String HEADER = "NGSILD-Tenant";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The inline @contexts Saola serves are open to anyone and belong to no tenant.
        registry.addInterceptor(this).addPathPatterns("/ngsi-ld/**").excludePathPatterns("/ngsi-ld/v1/jsonldContexts/*");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String named = request.getHeader(HEADER);
        if (named == null) {
            return true;
        }
        TenantId tenant;
        try {
            tenant = TenantId.of(named.strip());
        } catch (InvalidInputException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, HEADER + ": " + e.getMessage());
        }
        if (!tenant.equals(CurrentCaller.tenant())) {
            throw new NgsiLdException(NgsiLdException.ErrorType.NonexistentTenant, "there is no tenant '" + tenant
                    + "' your credentials give access to; leave out " + HEADER + " to use your own ("
                    + CurrentCaller.tenant() + ")");
        }
        response.setHeader(HEADER, tenant.value());
        return true;
    }
}
