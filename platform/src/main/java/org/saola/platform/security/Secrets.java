package org.saola.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets (passwords, API keys) and their one-way digests. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cloned for each digest, never used itself. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private Secrets() {
    }

    /** A URL-safe random secret carrying {@code bytes * 8} bits of entropy. */
    public static String generate(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * SHA-256 of a high-entropy secret. Right for 256-bit random API keys (nothing to brute-force, and
     * lookup by digest stays an index hit); human passwords use bcrypt instead.
     */
    public static byte[] sha256(String secret) {
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of bytes (a device's secret as it came, say). */
    public static byte[] sha256(byte[] secret) {
        try {
            // A clone of one instance, never used itself: MessageDigest.getInstance looks the provider up and checks
            // the algorithm's constraints on every call, as much as the digest of a key costs (on every API call).
            return ((MessageDigest) SHA_256.clone()).digest(secret);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 of this JVM cannot be cloned", e);
        }
    }
}
