package org.saola.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.saola.platform.security.RateLimits;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Back-off on failed sign-ins: while an account, or a client address, has used up its failures
 * ({@code saola.rate-limits.sign-in-failures}), sign-in with a password is refused with 429 and
 * {@code Retry-After}, before the password is even checked (bcrypt costs the server far more than the
 * attacker). The failures themselves are counted by {@link SignInAudit}. API keys are not passwords (256
 * random bits) and are not throttled here.
 */
class SignInThrottle extends OncePerRequestFilter {

    private final RateLimits limits;
    private final boolean basic;

    /** @param basic whether the chain authenticates HTTP Basic (the API chain) or only the login form (pages) */
    SignInThrottle(RateLimits limits, boolean basic) {
        this.limits = limits;
        this.basic = basic;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> username = username(request, basic);
        if (username.isPresent()) {
            RateLimits.Verdict v = limits.signInAttempt(username.get(), request.getRemoteAddr());
            if (!v.allowed()) {
                response.setHeader("Retry-After", Long.toString(v.retryAfterSeconds()));
                if (request.getServletPath().equals("/login")) {
                    response.sendError(429, "too many failed sign-ins");
                } else {
                    ProblemAuthenticationEntryPoint.write(response, 429, "Too Many Requests",
                            "too many failed sign-ins for this account or from this address; try again in "
                                    + v.retryAfterSeconds() + " s");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The username of a password sign-in: the login form's, or HTTP Basic's, trimmed as Spring Security trims
     * it (so that "admin " counts against "admin").
     */
    static Optional<String> username(HttpServletRequest request, boolean basic) {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            return Optional.ofNullable(request.getParameter("username")).map(SignInThrottle::bounded);
        }
        String header = basic ? request.getHeader("Authorization") : null;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(bounded(colon < 0 ? decoded : decoded.substring(0, colon)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();       // not Base64: Spring Security's Basic filter answers it
            }
        }
        return Optional.empty();
    }

    static String bounded(String username) {
        String u = username.trim();
        return u.length() > 64 ? u.substring(0, 64) : u;
    }
}
