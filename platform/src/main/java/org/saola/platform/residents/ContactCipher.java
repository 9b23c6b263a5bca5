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
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    public String decrypt(byte[] stored) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(128, stored, 0, 12));
            return new String(c.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a resident's contact could not be decrypted (wrong saola.residents.contact-key?)", e);
        }
    }

    /** The same input always gives the same lookup key; without the configured key it cannot be reversed or guessed. */
    public byte[] lookup(String value) {
        return mac(lookup, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] derive(byte[] key, String purpose) {
        return mac(new SecretKeySpec(key, "HmacSHA256"), purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is in every JVM", e);
        }
    }
}
