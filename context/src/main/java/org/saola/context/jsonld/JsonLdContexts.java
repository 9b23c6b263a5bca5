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
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, String> expanded = new ConcurrentHashMap<>();
    private final Map<String, String> compacted = new ConcurrentHashMap<>();
    private volatile long cacheStarted = System.nanoTime();
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
    }

    /**
     * Keeps for good, in memory and in the store, the inline @contexts among {@code used}: those of
     * subscriptions and registrations, which are read again after a restart.
     */
    public void keep(List<URI> used) {
        for (URI uri : used) {
            if (uri.toString().startsWith(INLINE_PREFIX)) {
                tools.jackson.databind.JsonNode context = inlineContext(uri).orElseThrow();
                register(context, true);
                store.save(uri, context);
            }
        }
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

    /**
     * Registers an inline @context (a JSON object of term definitions, NGSI-LD 1.8.1 §5.5.7) and gives the
     * URI under which it is used from now on: the same content always gets the same URI. The context is
     * checked by processing it; one that is not valid JSON-LD is refused with what is wrong.
     *
     * @param pin keep it for good (a subscription uses it); otherwise it may be forgotten after the request
     */
    public URI register(tools.jackson.databind.JsonNode context, boolean pin) {
        if (context == null || !context.isObject()) {
            throw new ContextNotAvailableException("an inline @context is a JSON object of term definitions", null);
        }
        String canonical = sorted(context).toString();
        URI uri = URI.create(INLINE_PREFIX + java.util.HexFormat.of()
                .formatHex(org.saola.platform.security.Secrets.sha256(canonical)));
        if (loader.inlineContext(uri).isPresent() && !pin) {
            return uri;
        }
        JsonObject parsed;
        try (var reader = Json.createReader(new java.io.StringReader(canonical))) {
            parsed = reader.readObject();
        }
        loader.putInline(uri, parsed, pin);
        try {
            expandTerm(List.of(uri, CORE_CONTEXT), "Saola-context-check");
        } catch (RuntimeException e) {
            loader.removeInline(uri);              // so that the same context is refused again, not used
            throw new ContextNotAvailableException("the inline @context is not valid JSON-LD: " + e.getMessage(), e);
        }
        return uri;
    }

    /** The inline @context registered under a URI (in memory, or kept in the store), as JSON. */
    public java.util.Optional<tools.jackson.databind.JsonNode> inlineContext(URI uri) {
        java.util.Optional<tools.jackson.databind.JsonNode> held = loader.inlineContext(uri)
                .map(v -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(v.toString()));
        if (held.isPresent() || !uri.toString().startsWith(INLINE_PREFIX)) {
            return held;
        }
        java.util.Optional<tools.jackson.databind.JsonNode> stored = store.find(uri);
        stored.ifPresent(c -> register(c, true));
        return stored;
    }

    /** Inline @contexts among {@code contexts} are in memory before the JSON-LD processing needs them. */
    private void loadInline(List<URI> contexts) {
        for (URI uri : contexts) {
            if (uri.toString().startsWith(INLINE_PREFIX)) {
                inlineContext(uri);
            }
        }
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
        bound();
        return expanded.computeIfAbsent(key(contexts, term), k -> {
            loadInline(contexts);
            JsonObject doc = Json.createObjectBuilder()
                    .add("@context", contextArray(contexts))
                    .add("@type", term)
                    .build();
            JsonArray result = run(() -> JsonLd.expand(JsonDocument.of(doc)).loader(loader).get());
            JsonValue types = result.getJsonObject(0).get("@type");
            return ((JsonString) types.asJsonArray().get(0)).getString();
        });
    }

    /** The shortest term for an IRI under the given contexts, or the IRI itself if no term maps to it. */
    public String compactIri(List<URI> contexts, String iri) {
        bound();
        return compacted.computeIfAbsent(key(contexts, iri), k -> {
            loadInline(contexts);
            JsonObject doc = Json.createObjectBuilder().add("@type", iri).build();
            JsonObject ctx = Json.createObjectBuilder().add("@context", contextArray(contexts)).build();
            JsonObject result = run(() -> JsonLd.compact(JsonDocument.of(doc), JsonDocument.of(ctx)).loader(loader).get());
            JsonValue type = result.get("@type");
            if (type == null) {
                type = result.get("type");
            }
            return ((JsonString) type).getString();
        });
    }

    private void bound() {
        long now = System.nanoTime();
        if (expanded.size() + compacted.size() > MAX_TERMS || now - cacheStarted > REFRESH.toNanos()) {
            cacheStarted = now;
            expanded.clear();
            compacted.clear();
        }
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
