package org.saola.platform.webpush;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The application server's identity towards push services (VAPID, RFC 8292): one P-256 key pair for the
 * installation, whose public key browsers are given when they subscribe, and a short-lived ES256 JWT per push
 * service origin, naming who to contact about the messages.
 */
public final class Vapid {

    /** How long a token lasts; RFC 8292 §2 allows at most 24 hours. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final KeyPair keys;
    private final String subject;
    private final String publicKey;

    /** {@code subject}: a {@code mailto:} or {@code https:} URI push services may use to reach the city. */
    public Vapid(KeyPair keys, String subject) {
        checkSubject(subject);
        this.keys = keys;
        this.subject = subject;
        this.publicKey = P256.base64Url(P256.encode((ECPublicKey) keys.getPublic()));
    }

    /** RFC 8292 §2.1: a {@code mailto:} or {@code https:} URI. */
    public static void checkSubject(String subject) {
        if (subject == null || !(subject.startsWith("mailto:") && subject.length() > 7 || subject.startsWith("https://") && subject.length() > 8)) {
            throw new IllegalArgumentException("saola.web-push.subject is a mailto: or https: URI; got '" + subject + "'");
        }
    }

    /** The public key, base64url of the uncompressed point: the {@code applicationServerKey} browsers subscribe with. */
    public String publicKey() {
        return publicKey;
    }

    /** {@code Authorization: vapid t=<JWT>, k=<public key>} for a push to this endpoint. */
    public String authorization(URI endpoint, Instant now) {
        // the push service's origin: scheme and host in lower case, the port only when not the scheme's default
        String scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = endpoint.getPort();
        boolean usual = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        String audience = scheme + "://" + endpoint.getHost().toLowerCase(java.util.Locale.ROOT) + (usual ? "" : ":" + port);
        String header = b64("{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
        String claims = b64("{\"aud\":\"" + json(audience) + "\",\"exp\":" + now.plus(TOKEN_LIFETIME).getEpochSecond()
                + ",\"sub\":\"" + json(subject) + "\"}");
        String signingInput = header + "." + claims;
        try {
            // JWS ES256 is the raw r || s (RFC 7518 §3.4), which is the JDK's P1363 format
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(keys.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return "vapid t=" + signingInput + "." + P256.base64Url(s.sign()) + ", k=" + publicKey;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 is in every JVM", e);
        }
    }

    private static String b64(String s) {
        return P256.base64Url(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
