package org.saola.platform.security;

import org.saola.platform.TenantId;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, whether they signed in with a password or sent an API key. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static SaolaPrincipal principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null) {
            Object p = auth.getPrincipal();
            if (p instanceof SaolaPrincipal s) {
                return s;
            }
            if (p instanceof StaffUserDetails u) {
                return u.principal();
            }
        }
        throw new InsufficientAuthenticationException("no authenticated Saola caller");
    }

    public static TenantId tenant() {
        return principal().tenant();
    }
}
