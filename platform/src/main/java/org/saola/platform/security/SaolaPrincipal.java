package org.saola.platform.security;

import java.security.Principal;
import java.util.Objects;
import org.saola.platform.TenantId;

/** Who is calling, for which tenant, with which role: the same for a signed-in person and an API key. */
public record SaolaPrincipal(TenantId tenant, String name, StaffRole role) implements Principal {
    public SaolaPrincipal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String getName() {
        return name;
    }
}
