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

    /** The resident signed in with a one-time code, if that is who is calling (a resident is never staff). */
    public static java.util.Optional<org.saola.platform.residents.ResidentPrincipal> resident() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof org.saola.platform.residents.ResidentPrincipal r
                ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    public static TenantId tenant() {
        return principal().tenant();
    }
}
