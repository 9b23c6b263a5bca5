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

    /** The city's tile server, if it has one: every map draws its streets under the areas and markers. */
    record MapTiles(String url, String attribution) {
    }

    private final MapTiles tiles;

    ShellModel(@org.springframework.beans.factory.annotation.Value("${saola.maps.tile-url:}") String tileUrl,
            @org.springframework.beans.factory.annotation.Value("${saola.maps.tile-attribution:}") String attribution) {
        String url = tileUrl.strip();
        if (!url.isEmpty() && (!url.matches("(?i)https?://.+") || !url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}"))) {
            throw new IllegalStateException("saola.maps.tile-url must be an http(s) address with {z}, {x} and {y} in it, like "
                    + "https://tiles.example.vn/{z}/{x}/{y}.png; got '" + url + "'");
        }
        this.tiles = url.isEmpty() ? null : new MapTiles(url, attribution.strip());
    }

    /** The tile server's address and attribution, or null: the maps then outline the city's areas and work offline. */
    @ModelAttribute("mapTiles")
    MapTiles mapTiles() {
        return tiles;
    }

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
