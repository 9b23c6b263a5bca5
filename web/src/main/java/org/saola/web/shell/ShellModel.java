package org.saola.web.shell;

import org.saola.platform.security.Permission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.platform.security.StaffUserDetails;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs to know; only for {@link WebPage} controllers and the error page (which
 * uses the same layout), not the APIs.
 */
@ControllerAdvice(annotations = WebPage.class,
        assignableTypes = org.springframework.boot.webmvc.error.ErrorController.class)
class ShellModel {

    /** Whether the administration pages are the caller's to see (the link is shown only then). */
    @ModelAttribute("canAdminister")
    boolean canAdminister() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Object p = auth == null ? null : auth.getPrincipal();
        SaolaPrincipal caller = p instanceof SaolaPrincipal s ? s : p instanceof StaffUserDetails u ? u.principal() : null;
        return caller != null && caller.has(Permission.STAFF_MANAGE);
    }

    /** Whether the caller is a member of staff (the staff pages' links are shown only then, never to residents). */
    @ModelAttribute("staff")
    boolean staff() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Object p = auth == null ? null : auth.getPrincipal();
        return p instanceof SaolaPrincipal || p instanceof StaffUserDetails;
    }

    @ModelAttribute("signedIn")
    boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }
}
