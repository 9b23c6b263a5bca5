package org.saola.platform.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests without a query string, as the S3 API reference defines it
 * ("Authenticating Requests: Using the Authorization Header"): a canonical request of the method, the path, the
 * signed headers (lower case, sorted) and the payload's SHA-256; the string to sign with the request's date and
 * scope; a key derived from the secret by date, region and service. Checked against the reference's own example
 * ({@code AwsSignatureTest}). Every S3-compatible store (MinIO, Ceph, Garage, the clouds') accepts it.
 */
final class AwsSignature {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String region;

    AwsSignature(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Authorization header of a request: {@code headers} are those to sign, {@code host} and
     * {@code x-amz-date} and {@code x-amz-content-sha256} among them; {@code path} is already URI-encoded.
     */
    String authorization(String method, String path, Map<String, String> headers, String payloadSha256, Instant at) {
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.strip().replaceAll("\\s+", " ")));
        StringBuilder canonical = new StringBuilder(method).append('\n').append(path).append("\n\n");
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        String names = String.join(";", signed.keySet());
        canonical.append('\n').append(names).append('\n').append(payloadSha256);
        String date = STAMP.format(at).substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + STAMP.format(at) + "\n" + scope + "\n"
                + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, toSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ",SignedHeaders=" + names + ",Signature=" + signature;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
