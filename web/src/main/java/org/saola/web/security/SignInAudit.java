package org.saola.web.security;

import java.util.Map;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.RateLimits;
import org.saola.platform.security.StaffAccounts;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.saola.platform.security.StaffUserDetails;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Sign-ins into the audit log: each interactive sign-in (the form; HTTP Basic authenticates every request
 * and would flood it) and each failed attempt, with the account's tenant (the default tenant for a username
 * nobody has). The password tried is never recorded.
 */
@Component
class SignInAudit {

    private final AuditLog audit;
    private final StaffAccounts staff;
    private final RateLimits limits;

    SignInAudit(AuditLog audit, StaffAccounts staff, RateLimits limits) {
        this.audit = audit;
        this.staff = staff;
        this.limits = limits;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent e) {
        if (e.getAuthentication().getPrincipal() instanceof StaffUserDetails u) {
            audit.record(u.principal().tenant(), u.principal().name(), "SIGN_IN", u.principal().name(), "", Map.of());
        }
    }

    /** A password sign-in that succeeded (form or HTTP Basic): its attempts are given back to the throttle. */
    @EventListener
    void succeeded(AuthenticationSuccessEvent e) {
        if (e.getAuthentication().getPrincipal() instanceof StaffUserDetails u) {
            limits.signInSucceeded(u.principal().name(), addressOf(e.getAuthentication()));
        }
    }

    private static String addressOf(org.springframework.security.core.Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails d ? String.valueOf(d.getRemoteAddress()) : "unknown";
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent e) {
        String username = SignInThrottle.bounded(String.valueOf(e.getAuthentication().getName()));
        String address = addressOf(e.getAuthentication());
        TenantId tenant = staff.findByUsername(username).map(StaffAccounts.StaffAccount::tenant).orElse(TenantId.DEFAULT);
        audit.record(tenant, "anonymous", "SIGN_IN_FAILED", username, "",
                Map.of("why", e.getException().getClass().getSimpleName(), "address", address));
    }
}
