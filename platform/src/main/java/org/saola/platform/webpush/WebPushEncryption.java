package org.saola.platform.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import org.saola.platform.residents.ContactCipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push message encrypted for one browser (RFC 8291): an ECDH between a key pair made for this message and the
 * browser's {@code p256dh} key, mixed with its {@code auth} secret, gives the key and nonce of one {@code aes128gcm}
 * record (RFC 8188) whose header carries the salt and the message's public key. Only the browser can read it; the
 * push service carries it blind.
 */
public final class WebPushEncryption {

    /** The record size written in the header; one record holds the whole message. */
    static final int RECORD_SIZE = 4096;
    /** What a push service must accept (RFC 8030 §7.2: at least 4096 bytes of payload): the plaintext limit under one record. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 16 - 1 - 86;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushEncryption() {
    }

    /** Encrypts a message for a browser with a fresh key pair and salt. */
    public static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, uaPublic, authSecret, P256.generate(), salt);
    }

    /** As {@link #encrypt(byte[], byte[], byte[])}, with the key pair and salt given (RFC 8291's example uses this). */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, KeyPair as, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes; got " + plaintext.length);
        }
        if (authSecret.length != 16) {
            throw new IllegalArgumentException("the auth secret is 16 bytes; got " + authSecret.length);
        }
        try {
            ECPublicKey ua = P256.publicKey(uaPublic);
            byte[] asPublic = P256.encode((ECPublicKey) as.getPublic());
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(as.getPrivate());
            ka.doPhase(ua, true);
            byte[] ecdhSecret = ka.generateSecret();
            // RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0x00 || ua_public || as_public, 32)
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
            byte[] ikm = expand(hmac(authSecret, ecdhSecret), keyInfo, 32);
            // RFC 8188 §2.2, 2.3: CEK and NONCE from the salt
            byte[] prk = hmac(salt, ikm);
            byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            // the last (and only) record: the plaintext, then the delimiter 0x02, no padding
            byte[] record = aes.doFinal(concat(plaintext, new byte[] {2}));
            return ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + record.length)
                    .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(record).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the message could not be encrypted for this browser: " + e.getMessage(), e);
        }
    }

    /**
     * What a browser does on receipt (RFC 8291 §3.4 from the other side): opens a one-record message with the
     * browser's private key, public key and auth secret. For tests and for receivers that are not browsers.
     */
    public static byte[] decrypt(byte[] body, java.security.interfaces.ECPrivateKey uaPrivate, byte[] uaPublic,
            byte[] authSecret) throws GeneralSecurityException {
        ByteBuffer b = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        b.get(salt);
        int rs = b.getInt();
        byte[] asPublic = new byte[b.get() & 0xff];
        b.get(asPublic);
        byte[] record = new byte[b.remaining()];
        b.get(record);
        if (record.length > rs) {
            throw new GeneralSecurityException("more than one record (" + record.length + " bytes, records of " + rs + ")");
        }
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(uaPrivate);
        ka.doPhase(P256.publicKey(asPublic), true);
        byte[] ikm = expand(hmac(authSecret, ka.generateSecret()),
                concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic), 32);
        byte[] prk = hmac(salt, ikm);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16), "AES"),
                new GCMParameterSpec(128, expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12)));
        byte[] padded = aes.doFinal(record);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;                            // padding
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("the record does not end with the last-record delimiter 0x02");
        }
        return Arrays.copyOf(padded, end);
    }

    /** HKDF-Expand (RFC 5869) for at most one block of SHA-256. */
    private static byte[] expand(byte[] prk, byte[] info, int length) {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    /** HKDF-Extract and -Expand are HMAC-SHA256, the platform's own ({@link ContactCipher#mac}). */
    private static byte[] hmac(byte[] key, byte[] data) {
        return ContactCipher.mac(new SecretKeySpec(key, "HmacSHA256"), data);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
