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
 * Serves the @context documents Saola bundles, so that JSON-LD processing never needs the internet. Any
 * other URL fails with an error naming it (fetching remote contexts with a timeout and a cache is the next
 * step of the NGSI-LD API).
 */
public final class BundledContextLoader implements DocumentLoader {

    private final Map<URI, String> resources;
    private final Map<URI, Document> parsed = new ConcurrentHashMap<>();

    public BundledContextLoader(Map<URI, String> resources) {
        this.resources = Map.copyOf(resources);
    }

    public boolean serves(URI url) {
        return resources.containsKey(url);
    }

    public java.util.Set<URI> served() {
        return resources.keySet();
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        Document cached = parsed.get(url);
        if (cached != null) {
            return cached;
        }
        String resource = resources.get(url);
        if (resource == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "the @context " + url + " is not one Saola serves (bundled: " + resources.keySet() + ")");
        }
        try (InputStream in = BundledContextLoader.class.getResourceAsStream(resource)) {
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
