package org.saola.platform.residents;

import java.security.Principal;
import java.util.UUID;
import org.saola.platform.TenantId;

/** A resident signed in with a one-time code. Never a member of staff: it passes no permission check. */
public record ResidentPrincipal(TenantId tenant, UUID residentId) implements Principal, java.io.Serializable {

    @Override
    public String getName() {
        return "resident:" + residentId;
    }
}
