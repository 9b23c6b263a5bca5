package org.saola.platform.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in member of staff as Spring Security sees them; carries the {@link SaolaPrincipal}. */
public record StaffUserDetails(SaolaPrincipal principal, String passwordHash, String displayName, boolean enabled)
        implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return principal.authorities();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return principal.name();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** Never the password hash: this object is logged by Spring Security's debug output. */
    @Override
    public String toString() {
        return "StaffUserDetails[" + principal + ", enabled=" + enabled + "]";
    }
}
