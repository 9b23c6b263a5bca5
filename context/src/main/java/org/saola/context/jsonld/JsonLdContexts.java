package org.saola.context.jsonld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Expands terms to IRIs and compacts IRIs to terms against an @context, with titanium-json-ld doing the
 * JSON-LD processing (JSON-LD 1.1 §4.1, §6.1). Results are cached per (context, term): a city uses few
 * terms, and a cache hit keeps the JSON-LD algorithms off the hot path of every request.
 */
public final class JsonLdContexts {

    /** NGSI-LD 1.8.1 §5.5.7: the core @context, which every NGSI-LD document implies. */
    public static final URI CORE_CONTEXT = URI.create("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");

    /** URIs Saola gives inline @context objects: the SHA-256 of their canonical JSON. */
    public static final String INLINE_PREFIX = "urn:saola:jsonld-context:";
    /**
     * Terms cached at most; a client sending ever new attribute names empties the cache rather than growing
     * it. The cache is also emptied every {@link #REFRESH}, so that terms of a remote @context follow it when
     * it changes at its URL (remote contexts are cached as long).
     */
    private static final int MAX_TERMS = 100_000;
    private static final java.time.Duration REFRESH = java.time.Duration.ofHours(1);

    private final ContextLoader loader;
    private final com.github.benmanes.caffeine.cache.Cache<String, String> expanded = terms();
    private final com.github.benmanes.caffeine.cache.Cache<String, String> compacted = terms();
    private volatile InlineStore store = InlineStore.NONE;

    /** Where inline @contexts that must outlive their request are kept (the database). */
    public interface InlineStore {
        InlineStore NONE = new InlineStore() {
            public java.util.Optional<tools.jackson.databind.JsonNode> find(URI id) {
                return java.util.Optional.empty();
            }

            public void save(URI id, tools.jackson.databind.JsonNode context) {
                throw new IllegalStateException("no store for inline @contexts");
            }
        };

        java.util.Optional<tools.jackson.databind.JsonNode> find(URI id);

        void save(URI id, tools.jackson.databind.JsonNode context);
    }

    public void useStore(InlineStore store) {
        this.store = store;
        loader.useStored(uri -> store.find(uri).map(c -> parse(c.toString())));
    }

    /**
     * Keeps for good, in the store, an inline @context a subscription or registration was created with, so
     * that it is read again after a restart. {@code context} is the body's @context as registered.
     */
    public void keep(tools.jackson.databind.JsonNode context) {
        URI uri = uriOf(context);
        store.save(uri, sorted(context));
    }

    public JsonLdContexts(ContextLoader loader) {
        this.loader = loader;
    }

    /** The contexts bundled in the jar only (offline). */
    public static JsonLdContexts bundled() {
        return new JsonLdContexts(new ContextLoader(BUNDLED, java.util.Optional.empty()));
    }

    /** The bundled contexts, and others fetched through {@code remote}. */
    public static JsonLdContexts withRemote(RemoteContexts remote) {
        return new JsonLdContexts(new ContextLoader(BUNDLED, java.util.Optional.of(remote)));
    }

    private static final Map<URI, String> BUNDLED = bundledResources();

    /** The core @context, and the Smart Data Models subjects' @contexts under their published URLs. */
    private static Map<URI, String> bundledResources() {
        Map<URI, String> resources = new java.util.LinkedHashMap<>();
        resources.put(CORE_CONTEXT, "/jsonld/ngsi-ld-core-context-v1.8.jsonld");
        // The unversioned URL, which many clients name, resolves to the same (current) core context.
        resources.put(URI.create("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"),
                "/jsonld/ngsi-ld-core-context-v1.8.jsonld");
        try (var in = JsonLdContexts.class.getResourceAsStream("/sdm/smart-data-models.json")) {
            tools.jackson.databind.JsonNode index = tools.jackson.databind.json.JsonMapper.builder().build().readTree(in);
            for (tools.jackson.databind.JsonNode c : index.get("contexts")) {
                for (tools.jackson.databind.JsonNode url : c.get("urls")) {
                    resources.put(URI.create(url.asString()), c.get("resource").asString());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("bundled Smart Data Models index missing", e);
        }
        return Map.copyOf(resources);
    }

    /** Whether the @context can be had (bundled, or fetched now). */
    public boolean serves(URI context) {
        return loader.serves(context);
    }

    /** Why a @context cannot be had. */
    public String whyNot(URI context) {
        return loader.whyNot(context);
    }

    /** The @contexts Saola bundles (served without fetching). */
    public java.util.Set<URI> served() {
        return loader.served();
    }

    /** Remote @contexts fetched and cached now (kind Cached, beside the bundled ones). */
    public java.util.Set<URI> cachedRemote() {
        return loader.cachedRemote();
    }

    /** Forgets a cached remote @context (§5.13.4): fetched again when next used, or now with {@code reload}. */
    public void forgetRemote(URI url, boolean reload) {
        loader.forgetRemote(url);
        if (reload && !loader.serves(url)) {
            throw new ContextNotAvailableException(loader.whyNot(url), null);
        }
        expanded.invalidateAll();
        compacted.invalidateAll();
    }

    /** Forgets an inline or hosted @context held in memory (after it was deleted from the store). */
    public void forgetInline(URI uri) {
        loader.forgetInline(uri);
        expanded.invalidateAll();
        compacted.invalidateAll();
    }

    /** The canonical form in which an inline or hosted @context is kept (as {@link #keep} keeps it). */
    public static tools.jackson.databind.JsonNode canonical(tools.jackson.databind.JsonNode context) {
        return sorted(context);
    }

    /** Inline @contexts larger than this are refused: they are kept in memory and, for subscriptions, stored. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;

    /**
     * Registers an inline @context (a JSON object of term definitions, or an array mixing such objects and
     * URLs; NGSI-LD 1.8.1 §5.5.7) and gives the URI under which it is used from now on: the same content
     * always gets the same URI. The context is checked by processing it: one that is not valid JSON-LD is
     * refused with what is wrong; one naming a URL that cannot be fetched now fails as that URL does.
     */
    public URI register(tools.jackson.databind.JsonNode context) {
        if (context == null || !(context.isObject() || context.isArray())) {
            throw new InvalidContextException("an inline @context is a JSON object of term definitions");
        }
        String canonical = sorted(context).toString();
        if (canonical.length() > MAX_INLINE_BYTES) {
            throw new InvalidContextException("an inline @context is at most " + MAX_INLINE_BYTES / 1024
                    + " KiB; publish a larger one at a URL");
        }
        URI uri = uriOf(context);
        if (loader.inlineContext(uri).isPresent()) {
            return uri;
        }
        jakarta.json.JsonStructure parsed = parse(canonical);
        // Checked by processing it in place (not through the loader, which would hide what is wrong).
        var check = Json.createArrayBuilder();
        if (parsed instanceof JsonArray elements) {
            elements.forEach(check::add);
        } else {
            check.add(parsed);
        }
        check.add(CORE_CONTEXT.toString());
        JsonObject probe = Json.createObjectBuilder().add("@context", check).add("@type", "Saola-context-check").build();
        try {
            JsonLd.expand(JsonDocument.of(probe)).loader(loader).get();
        } catch (JsonLdError e) {
            if (e.getCode() == com.apicatalog.jsonld.JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED) {
                // A URL it names could not be had: that, not the context, failed.
                throw new ContextNotAvailableException(e.getMessage(), e);
            }
            throw new InvalidContextException("the inline @context is not valid JSON-LD: " + e.getCode().name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + e.getMessage() + ")");
        }
        loader.putInline(uri, parsed);
        return uri;
    }

    /** The URI Saola gives an inline @context: the SHA-256 of its canonical JSON. */
    private static URI uriOf(tools.jackson.databind.JsonNode context) {
        return URI.create(INLINE_PREFIX + java.util.HexFormat.of()
                .formatHex(org.saola.platform.security.Secrets.sha256(sorted(context).toString())));
    }

    private static jakarta.json.JsonStructure parse(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.read();
        }
    }

    /** The inline @context registered under a URI (in memory, or kept in the store), as JSON. */
    public java.util.Optional<tools.jackson.databind.JsonNode> inlineContext(URI uri) {
        return loader.inlineContext(uri)
                .map(v -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(v.toString()));
    }

    private static tools.jackson.databind.JsonNode sorted(tools.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            var out = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            new java.util.TreeMap<>(node.properties().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            var out = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    /** The IRI of an attribute name or entity type under the given contexts (the core context last). */
    public String expandTerm(List<URI> contexts, String term) {
        return compute(contexts, term, true);
    }

    /** The shortest term for an IRI under the given contexts, or the IRI itself if no term maps to it. */
    public String compactIri(List<URI> contexts, String iri) {
        return compute(contexts, iri, false);
    }

    /**
     * A cached expansion or compaction. The JSON-LD processing runs outside the cache's map (it may load
     * contexts, and must never write to the map it is computing for).
     */
    private String compute(List<URI> contexts, String term, boolean expand) {
        com.github.benmanes.caffeine.cache.Cache<String, String> cache = expand ? expanded : compacted;
        String key = key(contexts, term);
        String known = cache.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String result = expand ? expandNow(contexts, term) : compactNow(contexts, term);
        cache.put(key, result);
        return result;
    }

    private static com.github.benmanes.caffeine.cache.Cache<String, String> terms() {
        return com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(MAX_TERMS / 2)
                .expireAfterWrite(REFRESH).build();
    }

    private String expandNow(List<URI> contexts, String term) {
        JsonObject doc = Json.createObjectBuilder()
                .add("@context", contextArray(contexts))
                .add("@type", term)
                .build();
        JsonArray result = run(() -> JsonLd.expand(JsonDocument.of(doc)).loader(loader).get());
        JsonValue types = result.isEmpty() ? null : result.getJsonObject(0).get("@type");
        if (types == null || types.asJsonArray().isEmpty()) {
            // A keyword-like term (@something) or one its context maps to null expands to nothing.
            throw new org.saola.platform.InvalidInputException(term, "'" + term
                    + "' is not a valid NGSI-LD name: it expands to no IRI under the @context given");
        }
        return ((JsonString) types.asJsonArray().get(0)).getString();
    }

    private String compactNow(List<URI> contexts, String iri) {
        JsonObject doc = Json.createObjectBuilder().add("@type", iri).build();
        JsonObject ctx = Json.createObjectBuilder().add("@context", contextArray(contexts)).build();
        JsonObject result = run(() -> JsonLd.compact(JsonDocument.of(doc), JsonDocument.of(ctx)).loader(loader).get());
        JsonValue type = result.get("@type");
        if (type == null) {
            type = result.get("type");
        }
        return ((JsonString) type).getString();
    }

    private static JsonArray contextArray(List<URI> contexts) {
        var array = Json.createArrayBuilder();
        for (URI c : contexts) {
            if (!c.equals(CORE_CONTEXT)) {
                array.add(c.toString());
            }
        }
        // NGSI-LD 1.8.1 §5.5.7: the core context comes last so that user terms cannot override it.
        array.add(CORE_CONTEXT.toString());
        return array.build();
    }

    private static String key(List<URI> contexts, String term) {
        return contexts + "\u0000" + term;
    }

    private interface JsonLdCall<T> {
        T call() throws JsonLdError;
    }

    private static <T> T run(JsonLdCall<T> call) {
        try {
            return call.call();
        } catch (JsonLdError e) {
            throw new ContextNotAvailableException(e.getMessage(), e);
        }
    }
}
