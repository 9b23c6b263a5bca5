package org.saola.context.jsonld;

import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches @context documents that Saola does not bundle (NGSI-LD 1.8.1 §5.5.7): over http(s) only, with a
 * timeout and a size limit, cached (a fetched context for {@code ttl}, a failure for a minute, so a broken
 * link is not hammered). Addresses of the machine's own networks (loopback, private, link-local) are refused
 * unless allowed, so that a client cannot make Saola reach into the city's internal network.
 */
public final class RemoteContexts {

    static final int MAX_BYTES = 1024 * 1024;
    private static final Duration FAILURE_TTL = Duration.ofMinutes(1);

    private record Entry(Optional<Document> document, String failure, Instant expires) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Duration ttl;
    private final boolean allowPrivate;
    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    public RemoteContexts(Duration timeout, Duration ttl, boolean allowPrivate) {
        this.timeout = timeout;
        this.ttl = ttl;
        this.allowPrivate = allowPrivate;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The document, or why it cannot be had. */
    public Document load(URI url) throws ContextNotAvailableException {
        Entry e = cache.get(url);
        if (e == null || Instant.now().isAfter(e.expires())) {
            e = fetch(url);
            cache.put(url, e);
        }
        if (e.document().isEmpty()) {
            throw new ContextNotAvailableException(e.failure(), null);
        }
        return e.document().get();
    }

    private Entry fetch(URI url) {
        try {
            String scheme = url.getScheme() == null ? "" : url.getScheme();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return failed("the @context " + url + " is not an http(s) URL");
            }
            if (!allowPrivate && internal(url.getHost())) {
                return failed("the @context " + url + " is on a private or local network, which Saola does not fetch from");
            }
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Accept", "application/ld+json, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    return failed("fetching the @context " + url + " answered HTTP " + r.statusCode());
                }
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (body.length > MAX_BYTES) {
                    return failed("the @context " + url + " is larger than " + MAX_BYTES + " bytes");
                }
                Document doc = JsonDocument.of(new ByteArrayInputStream(body));
                doc.setDocumentUrl(url);
                return new Entry(Optional.of(doc), null, Instant.now().plus(ttl));
            }
        } catch (java.net.http.HttpTimeoutException e) {
            return failed("the @context " + url + " could not be fetched: no answer within " + timeout.toSeconds() + " s");
        } catch (UnknownHostException e) {
            return failed("the @context " + url + " could not be fetched: the host " + url.getHost() + " is unknown");
        } catch (IOException e) {
            return failed("the @context " + url + " could not be fetched: " + (e.getMessage() != null ? e.getMessage()
                    : e instanceof java.net.ConnectException ? "the connection was refused or the network is unreachable"
                    : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while fetching the @context " + url);
        } catch (com.apicatalog.jsonld.JsonLdError | RuntimeException e) {
            return failed("the @context " + url + " is not a JSON document");
        }
    }

    private static boolean internal(String host) throws UnknownHostException {
        if (host == null) {
            return true;
        }
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress()) {
                return true;
            }
        }
        return false;
    }

    private static Entry failed(String why) {
        return new Entry(Optional.empty(), why, Instant.now().plus(FAILURE_TTL));
    }
}
