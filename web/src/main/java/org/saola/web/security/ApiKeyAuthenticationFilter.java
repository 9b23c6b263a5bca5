package org.saola.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machine clients by API key, sent as {@code Authorization: Bearer <key>} (what NGSI-LD
 * clients send), {@code X-API-Key}, or {@code X-Auth-Token} (what FIWARE clients send behind a PEP proxy).
 * A wrong key is answered 401 at once, never treated as anonymous.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> key = ApiKeys.presented(request::getHeader);
        if (key.isPresent()) {
            Optional<SaolaPrincipal> principal = apiKeys.authenticate(key.get());
            if (principal.isEmpty()) {
                ProblemAuthenticationEntryPoint.write(response, 401, "Unauthorized",
                        "the API key is unknown or revoked");
                return;
            }
            var auth = new UsernamePasswordAuthenticationToken(principal.get(), null,
                    principal.get().authorities());
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
