package org.saola.platform.residents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Residents' contact data at rest: AES-256-GCM with a random nonce per value, and a keyed hash (HMAC-SHA256)
 * to find a contact without decrypting every row. Both keys derive from the one configured key, which never
 * lives in the database.
 */
public final class ContactCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec encryption;
    private final SecretKeySpec lookup;

    public ContactCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("saola.residents.contact-key must be 32 bytes (Base64); got " + key.length);
        }
        this.encryption = new SecretKeySpec(derive(key, "saola.contact.encryption"), "AES");
        this.lookup = new SecretKeySpec(derive(key, "saola.contact.lookup"), "HmacSHA256");
    }

    public byte[] encrypt(String value) {
        return seal(encryption, value.getBytes(StandardCharsets.UTF_8));
    }

    public String decrypt(byte[] stored) {
        try {
            return new String(open(encryption, stored), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a resident's contact could not be decrypted (wrong saola.residents.contact-key?)", e);
        }
    }

    /** AES-GCM with a random 12-byte nonce, which leads the result. The platform's one way to seal a value at rest. */
    public static byte[] seal(SecretKeySpec key, byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    /** What {@link #seal} sealed; fails (AEADBadTagException) under another key or if a byte changed. */
    public static byte[] open(SecretKeySpec key, byte[] sealed) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        return c.doFinal(sealed, 12, sealed.length - 12);
    }

    /** The same input always gives the same lookup key; without the configured key it cannot be reversed or guessed. */
    public byte[] lookup(String value) {
        return mac(lookup, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A key for one purpose, derived from a master key (HMAC-SHA256 of the purpose's name). */
    public static byte[] derive(byte[] key, String purpose) {
        return mac(new SecretKeySpec(key, "HmacSHA256"), purpose.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256. */
    public static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is in every JVM", e);
        }
    }
}
