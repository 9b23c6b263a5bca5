package org.saola.platform.webpush;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.saola.platform.InvalidInputException;

/**
 * A browser's push subscription as {@code PushSubscription.toJSON()} gives it: the push service's endpoint (a
 * capability URL: whoever knows it can message that browser) and the keys to encrypt for it. Checked as it arrives:
 * an {@code https} endpoint (plain {@code http} only for a push service on this machine), a P-256 point, a 16-byte
 * secret; {@link #accept} also that the endpoint is on one of the push services the city sends to.
 */
public record PushSubscription(URI endpoint, byte[] p256dh, byte[] auth) {

    /**
     * As {@link #parse}, and the endpoint's host is one of {@code services} or under one (a host name, such as
     * {@code fcm.googleapis.com} or {@code push.services.mozilla.com}): anonymous subscribers cannot turn the city's
     * warnings into requests to a host of their choosing.
     */
    public static PushSubscription accept(String endpoint, String p256dh, String auth, java.util.Collection<String> services) {
        PushSubscription s = parse(endpoint, p256dh, auth);
        String host = s.endpoint().getHost().toLowerCase(Locale.ROOT);
        if (services.stream().map(x -> x.strip().toLowerCase(Locale.ROOT)).noneMatch(x -> !x.isEmpty()
                && (host.equals(x) || host.endsWith("." + x)))) {
            throw new InvalidInputException("subscription.endpoint", "the endpoint is not on a push service the city sends to ("
                    + String.join(", ", services) + ")");
        }
        return s;
    }

    public static PushSubscription parse(String endpoint, String p256dh, String auth) {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > 2000) {
            throw new InvalidInputException("subscription.endpoint", "the subscription's endpoint is a URL of at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("subscription.endpoint", "the subscription's endpoint is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean local = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !(scheme.equals("https") || scheme.equals("http") && local)) {
            throw new InvalidInputException("subscription.endpoint", "the subscription's endpoint is an https URL of a push service");
        }
        byte[] key;
        byte[] secret;
        try {
            key = P256.fromBase64Url(p256dh == null ? "" : p256dh);
            P256.publicKey(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("subscription.keys.p256dh", "keys.p256dh is the browser's P-256 public key in base64url ("
                    + e.getMessage() + ")");
        }
        try {
            secret = P256.fromBase64Url(auth == null ? "" : auth);
        } catch (IllegalArgumentException e) {
            secret = new byte[0];
        }
        if (secret.length != 16) {
            throw new InvalidInputException("subscription.keys.auth", "keys.auth is the browser's 16-byte secret in base64url");
        }
        return new PushSubscription(uri, key, secret);
    }
}
