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
        Optional<String> key = keyOf(request);
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

    private static Optional<String> keyOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).strip());
        }
        return Optional.ofNullable(request.getHeader("X-API-Key"))
                // FIWARE clients behind a PEP proxy send their token there (provisioning scripts, dashboards).
                .or(() -> Optional.ofNullable(request.getHeader("X-Auth-Token"))).map(String::strip);
    }
}
