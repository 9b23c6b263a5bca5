package org.saola.web.shell;

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

    @ModelAttribute("signedIn")
    boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }
}
