package org.saola.context.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads @context documents: the ones Saola bundles from the jar (so JSON-LD processing never needs the
 * internet for them), any other through {@link RemoteContexts} if remote contexts are enabled. A URL that
 * cannot be had fails with an error naming it and why.
 */
public final class ContextLoader implements DocumentLoader {

    private final Map<URI, String> resources;
    private final Map<URI, Document> parsed = new ConcurrentHashMap<>();
    /**
     * Inline @contexts, by their content-derived URI (see {@link JsonLdContexts#register}). Bounded: when full,
     * the oldest tenth goes; those of subscriptions and registrations are reloaded from the database when
     * next needed.
     */
    private final Map<URI, Document> inline = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private static final int MAX_INLINE = 1_000;
    private final java.util.Optional<RemoteContexts> remote;

    public ContextLoader(Map<URI, String> resources, java.util.Optional<RemoteContexts> remote) {
        this.resources = Map.copyOf(resources);
        this.remote = remote;
    }

    /** Keeps an inline @context (an object of term definitions, or an array) under its URI. */
    void putInline(URI uri, jakarta.json.JsonStructure context) {
        Document doc = JsonDocument.of(jakarta.json.Json.createObjectBuilder().add("@context", context).build());
        doc.setDocumentUrl(uri);
        synchronized (inline) {
            if (inline.size() >= MAX_INLINE) {
                var oldest = inline.keySet().iterator();
                for (int i = 0; i < MAX_INLINE / 10 && oldest.hasNext(); i++) {
                    oldest.next();
                    oldest.remove();
                }
            }
            inline.put(uri, doc);
        }
    }

    /** Where inline @contexts kept for subscriptions and registrations are found again once evicted. */
    private volatile java.util.function.Function<URI, java.util.Optional<jakarta.json.JsonStructure>> stored =
            uri -> java.util.Optional.empty();

    void useStored(java.util.function.Function<URI, java.util.Optional<jakarta.json.JsonStructure>> stored) {
        this.stored = stored;
    }


    /** The inline @context held under a URI (in memory, or kept in the store), if any. */
    java.util.Optional<jakarta.json.JsonValue> inlineContext(URI uri) {
        Document doc = inlineDocument(uri);
        return doc == null ? java.util.Optional.empty()
                : doc.getJsonContent().map(j -> j.asJsonObject().get("@context"));
    }

    private Document inlineDocument(URI uri) {
        Document doc = inline.get(uri);
        if (doc == null && uri.toString().startsWith(JsonLdContexts.INLINE_PREFIX)) {
            // Kept for a subscription or registration, evicted since (or before a restart): read it again.
            stored.apply(uri).ifPresent(c -> putInline(uri, c));
            doc = inline.get(uri);
        }
        return doc;
    }

    /** Whether the @context can be had: bundled, inline, or fetched (and cached) now. */
    public boolean serves(URI url) {
        if (resources.containsKey(url) || inlineDocument(url) != null) {
            return true;
        }
        try {
            return remote.isPresent() && remote.get().load(url) != null;
        } catch (ContextNotAvailableException e) {
            return false;
        }
    }

    /** Why a @context cannot be had, for the error the client sees. */
    public String whyNot(URI url) {
        if (remote.isEmpty()) {
            return "the @context " + url + " is not one Saola bundles, and fetching remote contexts is turned off";
        }
        try {
            remote.get().load(url);
            return "the @context " + url + " is available";
        } catch (ContextNotAvailableException e) {
            return e.getMessage();
        }
    }

    public java.util.Set<URI> served() {
        return resources.keySet();
    }

    /** Remote @contexts fetched and held now. */
    java.util.Set<URI> cachedRemote() {
        return remote.map(RemoteContexts::cached).orElse(java.util.Set.of());
    }

    void forgetRemote(URI url) {
        remote.ifPresent(r -> r.forget(url));
    }

    void forgetInline(URI uri) {
        inline.remove(uri);
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        Document cached = parsed.get(url);
        if (cached == null) {
            cached = inlineDocument(url);
        }
        if (cached != null) {
            return cached;
        }
        String resource = resources.get(url);
        if (resource == null) {
            if (remote.isPresent()) {
                try {
                    return remote.get().load(url);
                } catch (ContextNotAvailableException e) {
                    throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, e.getMessage());
                }
            }
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "the @context " + url + " is not one Saola bundles, and fetching remote contexts is turned off");
        }
        try (InputStream in = ContextLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled @context resource missing from the jar: " + resource);
            }
            Document doc = JsonDocument.of(in);
            doc.setDocumentUrl(url);
            parsed.put(url, doc);
            return doc;
        } catch (IOException e) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "could not read bundled " + resource);
        }
    }
}
