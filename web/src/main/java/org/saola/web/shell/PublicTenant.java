package org.saola.web.shell;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The tenant of a request that carries no credentials (public APIs, residents' pages). It comes from the
 * host name the request was sent to: each city publishes under its own name ({@code saola.public.hosts}
 * maps names to tenants). A name no tenant claims belongs to {@code saola.public.default-tenant}, the one
 * city of a single-city installation; a multi-city installation sets that empty, and such requests get 404.
 * Never a guess: a header a client chooses (other than Host, which the server's name decides) is not looked at.
 */
@Component
@EnableConfigurationProperties(PublicTenant.Properties.class)
public class PublicTenant {

    @ConfigurationProperties("saola.public")
    @Validated
    public record Properties(@DefaultValue Map<String, String> hosts, @DefaultValue("default") String defaultTenant) {
        public Properties {
            // Checked at start-up, naming the key, rather than at the first request.
            hosts.forEach((host, tenant) -> {
                try {
                    TenantId.of(tenant);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("saola.public.hosts." + host + ": " + e.getMessage());
                }
            });
            if (!defaultTenant.isBlank()) {
                try {
                    TenantId.of(defaultTenant);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("saola.public.default-tenant: " + e.getMessage());
                }
            }
        }
    }

    private final Map<String, TenantId> byHost;
    private final Optional<TenantId> fallback;

    PublicTenant(Properties properties) {
        this.byHost = properties.hosts().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> TenantId.of(e.getValue())));
        this.fallback = properties.defaultTenant().isBlank() ? Optional.empty()
                : Optional.of(TenantId.of(properties.defaultTenant()));
    }

    public TenantId of(HttpServletRequest request) {
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        TenantId t = byHost.get(host);
        if (t != null) {
            return t;
        }
        return fallback.orElseThrow(() -> new NotFoundException("no city publishes under the host name '" + host + "'"));
    }
}
