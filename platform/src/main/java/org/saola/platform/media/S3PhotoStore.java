package org.saola.platform.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * Photos as objects in an S3-compatible store (MinIO, Ceph, Garage, a cloud's), chosen by configuration
 * ({@code saola.media.s3.*}): {@code {bucket}/{area}/{tenant}/{id}.jpg} and {@code -thumb.jpg}, addressed by path
 * and signed with Signature Version 4. A PUT the store answered 200 is stored durably (what S3's API promises),
 * so a report acknowledged keeps its photos as with the files. Saola stays the only way to them: the bucket
 * need not (and should not) be public, and pages serve the photos under the reports' visibility rules.
 */
public class S3PhotoStore implements PhotoStore {

    /** Where the store is and how Saola signs in to it. */
    public record Settings(String endpoint, String bucket, String region, String accessKey, String secretKey) {
        public Settings {
            // a default port is left out, as the HTTP client leaves it out of the Host header it sends (and signs)
            endpoint = endpoint.strip().replaceAll("/+$", "").replaceFirst("(?i)^(https://[^/:]+):443$", "$1")
                    .replaceFirst("(?i)^(http://[^/:]+):80$", "$1");
            if (!endpoint.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("saola.media.s3.endpoint is the store's http(s) address without a path, like "
                        + "https://s3.example.vn; got '" + endpoint + "'");
            }
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("saola.media.s3.bucket is a bucket name (3-63 lower-case letters, digits, dots, "
                        + "hyphens); got '" + bucket + "'");
            }
            if (accessKey.isBlank() || secretKey.isBlank()) {
                throw new IllegalArgumentException("saola.media.s3.access-key and secret-key are required with an endpoint");
            }
            if (!region.matches("[a-z0-9-]{2,40}")) {
                throw new IllegalArgumentException("saola.media.s3.region is the store's region, like us-east-1; got '" + region + "'");
            }
        }

        /** Never the secret (a record would print it). */
        @Override
        public String toString() {
            return "S3 store " + endpoint + "/" + bucket + " (" + region + ", key " + accessKey + ")";
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final String area;
    private final AwsSignature signature;
    private final InstantSource clock;
    private final HttpClient http;

    /** The photos of one area of Saola ("reports", "participation"): a prefix of their own in the bucket. */
    public S3PhotoStore(Settings settings, String area, InstantSource clock) {
        this.settings = settings;
        this.area = area;
        this.signature = new AwsSignature(settings.accessKey(), settings.secretKey(), settings.region());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void put(TenantId tenant, UUID photo, Photos.Processed processed) {
        send("PUT", key(tenant, photo, false), processed.jpeg());
        send("PUT", key(tenant, photo, true), processed.thumbnail());
    }

    @Override
    public Optional<byte[]> get(TenantId tenant, UUID photo, boolean thumbnail) {
        HttpResponse<byte[]> r = send("GET", key(tenant, photo, thumbnail), null);
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(r.body());
    }

    @Override
    public void delete(TenantId tenant, UUID photo) {
        send("DELETE", key(tenant, photo, false), null);
        send("DELETE", key(tenant, photo, true), null);
    }

    /** The object's path in the store (tenants' and photos' ids are URL-safe as they are). */
    String key(TenantId tenant, UUID photo, boolean thumbnail) {
        return "/" + settings.bucket() + "/" + area + "/" + tenant.value() + "/" + photo + (thumbnail ? "-thumb.jpg" : ".jpg");
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        String hash = AwsSignature.sha256Hex(payload);
        java.time.Instant now = clock.instant();
        URI uri = URI.create(settings.endpoint() + path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.put("x-amz-content-sha256", hash);
        headers.put("x-amz-date", AwsSignature.STAMP.format(now));
        if (body != null) {
            headers.put("content-type", "image/jpeg");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", signature.authorization(method, path, headers, hash, now))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {           // the client sends Host itself, as signed
                request.header(name, value);
            }
        });
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean fine = r.statusCode() == 200 || method.equals("GET") && r.statusCode() == 404
                    || method.equals("DELETE") && (r.statusCode() == 204 || r.statusCode() == 404);
            if (!fine) {
                // never the keys; the store's own words name what it refused (a wrong key, a missing bucket)
                // Only the error's code and message: S3's answer to a wrong signature repeats the key id and what was signed.
                String said = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher code = java.util.regex.Pattern.compile("<Code>([^<]{0,100})</Code>").matcher(said);
                java.util.regex.Matcher message = java.util.regex.Pattern.compile("<Message>([^<]{0,200})</Message>").matcher(said);
                throw new UncheckedIOException(new IOException("the photo store answered " + method + " " + path + " with HTTP "
                        + r.statusCode() + (code.find() ? " " + code.group(1) : "") + (message.find() ? ": " + message.group(1) : "")));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("the photo store at " + settings.endpoint() + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the photo store", e);
        }
    }
}
