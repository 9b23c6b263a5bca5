package org.saola.context.jsonld;

import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.outbound.OutboundRefusedException;

/**
 * Fetches @context documents that Saola does not bundle (NGSI-LD 1.8.1 §5.5.7): over http(s) only, through
 * the platform's outbound policy (internal addresses refused unless the installation allow-lists them; the
 * connection goes to the address checked), with a size limit, cached in a bounded cache (a fetched context
 * for {@code ttl}, a failure for a minute, so a broken link is not hammered).
 */
public final class RemoteContexts {

    static final int MAX_BYTES = 1024 * 1024;
    private static final Duration FAILURE_TTL = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 1000;

    private record Entry(Optional<Document> document, String failure) {
    }

    private final OutboundHttp http;
    private final Duration timeout;
    private final Cache<URI, Entry> cache;

    public RemoteContexts(OutboundHttp http, Duration timeout, Duration ttl, InstantSource clock) {
        this.http = http;
        this.timeout = timeout;
        this.cache = Caffeine.newBuilder().maximumSize(MAX_CACHED)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .expireAfter(Expiry.<URI, Entry>creating((url, e) -> e.document().isPresent() ? ttl : FAILURE_TTL))
                .build();
    }

    /** The document, or why it cannot be had. */
    public Document load(URI url) throws ContextNotAvailableException {
        Entry e = cache.get(url, this::fetch);
        if (e.document().isEmpty()) {
            throw new ContextNotAvailableException(e.failure(), null);
        }
        return e.document().get();
    }

    /** The remote @contexts held now (fetched, not failed). */
    public java.util.Set<URI> cached() {
        java.util.Set<URI> out = new java.util.TreeSet<>();
        cache.asMap().forEach((url, e) -> {
            if (e.document().isPresent()) {
                out.add(url);
            }
        });
        return out;
    }

    /** Forgets a fetched @context: the next use fetches it again. */
    public void forget(URI url) {
        cache.invalidate(url);
    }

    private Entry fetch(URI url) {
        try {
            String scheme = url.getScheme() == null ? "" : url.getScheme();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return failed("the @context " + url + " is not an http(s) URL");
            }
            // Fetched for no tenant in particular (the cache is shared): only the installation's allow-list applies.
            OutboundHttp.Response r = http.get(Optional.empty(), url,
                    Map.of("Accept", "application/ld+json, application/json"));
            if (r.status() != 200) {
                return failed("fetching the @context " + url + " answered HTTP " + r.status());
            }
            if (r.truncated() || r.body().length > MAX_BYTES) {
                return failed("the @context " + url + " is larger than " + MAX_BYTES + " bytes");
            }
            Document doc = JsonDocument.of(new ByteArrayInputStream(r.body()));
            doc.setDocumentUrl(url);
            return new Entry(Optional.of(doc), null);
        } catch (OutboundRefusedException e) {
            return failed("the @context " + url + " is on a private or local network, which Saola does not fetch from");
        } catch (java.net.SocketTimeoutException e) {
            return failed("the @context " + url + " could not be fetched: no answer within " + timeout.toSeconds() + " s");
        } catch (UnknownHostException e) {
            return failed("the @context " + url + " could not be fetched: the host " + url.getHost() + " is unknown");
        } catch (IOException e) {
            return failed("the @context " + url + " could not be fetched: " + (e.getMessage() != null ? e.getMessage()
                    : e instanceof java.net.ConnectException ? "the connection was refused or the network is unreachable"
                    : e.getClass().getSimpleName()));
        } catch (com.apicatalog.jsonld.JsonLdError | RuntimeException e) {
            return failed("the @context " + url + " is not a JSON document");
        }
    }

    private static Entry failed(String why) {
        return new Entry(Optional.empty(), why);
    }
}
