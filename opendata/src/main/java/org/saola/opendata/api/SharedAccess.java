package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The key of a data-sharing agreement, where CKAN clients send their API token: {@code X-CKAN-API-Key}, or
 * {@code Authorization} with the bare token (ckanapi sends both). {@code Authorization: Bearer} stays the
 * platform's (staff API keys) and {@code Basic} the sign-in of staff.
 */
final class SharedAccess {

    private SharedAccess() {
    }

    static Optional<String> key(HttpServletRequest request) {
        String key = request.getHeader("X-CKAN-API-Key");
        if (key == null) {
            String auth = request.getHeader("Authorization");
            if (auth != null && !auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
                key = auth;
            }
        }
        return Optional.ofNullable(key).map(String::strip).filter(k -> !k.isEmpty());
    }
}
