package org.saola.platform.webpush;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** The P-256 curve as Web Push writes its keys: public keys as 65-byte uncompressed points, private keys as 32 bytes. */
public final class P256 {

    private static final ECParameterSpec CURVE;

    static {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            CURVE = p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private P256() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is in every JVM", e);
        }
    }

    /** {@code 0x04 || x || y}, each coordinate 32 bytes. */
    public static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(fixed(key.getW().getAffineX()), 0, out, 1, 32);
        System.arraycopy(fixed(key.getW().getAffineY()), 0, out, 33, 32);
        return out;
    }

    /** An uncompressed point; {@link IllegalArgumentException} if it is not one on P-256. */
    public static ECPublicKey publicKey(byte[] point) {
        if (point.length != 65 || point[0] != 4) {
            throw new IllegalArgumentException("a P-256 public key is 65 bytes starting with 0x04; got " + point.length + " bytes");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        BigInteger p = ((java.security.spec.ECFieldFp) CURVE.getCurve().getField()).getP();
        // y² = x³ + ax + b (mod p): a point off the curve would leak the private key in an ECDH (invalid-curve attack)
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(CURVE.getCurve().getA().multiply(x)).add(CURVE.getCurve().getB()).mod(p);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !left.equals(right)) {
            throw new IllegalArgumentException("the public key is not a point on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the public key is not a P-256 key: " + e.getMessage());
        }
    }

    /** A private key from its 32-byte scalar. */
    public static ECPrivateKey privateKey(byte[] d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key: " + e.getMessage());
        }
    }

    /** The key pair whose private scalar is {@code d}. */
    public static KeyPair pair(byte[] d, byte[] publicPoint) {
        return new KeyPair(publicKey(publicPoint), privateKey(d));
    }

    public static byte[] scalar(ECPrivateKey key) {
        return fixed(key.getS());
    }

    private static byte[] fixed(BigInteger n) {
        byte[] raw = n.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        int copy = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Base64url with or without padding (browsers write it without); {@link IllegalArgumentException} if it is not. */
    public static byte[] fromBase64Url(String s) {
        return Base64.getUrlDecoder().decode(s.strip().replace("=", ""));
    }
}
