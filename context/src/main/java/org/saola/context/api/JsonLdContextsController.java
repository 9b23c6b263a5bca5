package org.saola.context.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.JsonLdContextStore;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The @context management API (ETSI GS CIM 009 V1.8.1 §5.13, §6.29-6.30). Saola holds three kinds of @context:
 * <ul>
 * <li>{@code Hosted}: posted by a client to be served here ({@code POST /jsonldContexts});</li>
 * <li>{@code ImplicitlyCreated}: sent inline with a subscription or registration, kept so that it is read
 * again after a restart;</li>
 * <li>{@code Cached}: the bundled core and Smart Data Models contexts, and remote ones fetched and held for a
 * while.</li>
 * </ul>
 * Hosted and implicitly created ones are served at {@code /ngsi-ld/v1/jsonldContexts/{id}}, the id being the
 * SHA-256 of their content, so the same content always has the same URL.
 */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/jsonldContexts", produces = {"application/json", "application/ld+json"})
public class JsonLdContextsController {

    private static final String HOSTED = "Hosted";
    private static final String IMPLICIT = "ImplicitlyCreated";
    private static final String CACHED = "Cached";
    /** Local ids of cached contexts: this prefix and the SHA-256 of their URL. */
    private static final String CACHED_PREFIX = "urn:saola:cached-context:";

    private final JsonLdContexts contexts;
    private final JsonLdContextStore store;

    JsonLdContextsController(JsonLdContexts contexts, JsonLdContextStore store) {
        this.contexts = contexts;
        this.store = store;
    }

    /** §6.29.3.1 Add @context (§5.13.2): hosted here from now on; 201 with where it is served. */
    @PostMapping
    @RequiresPermission(Permission.CONTEXT_WRITE)
    ResponseEntity<Void> add(@RequestBody JsonNode body) {
        if (body == null || !body.isObject() || !body.has("@context") || body.size() != 1
                || !(body.get("@context").isObject() || body.get("@context").isArray())) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "the body is a JSON-LD document holding "
                    + "only an @context, an object of term definitions or an array: {\"@context\": {\"flow\": \"https://…\"}}");
        }
        URI id = contexts.register(body.get("@context"));             // checked by processing it
        store.host(id, JsonLdContexts.canonical(body.get("@context")), CurrentCaller.tenant());
        return ResponseEntity.created(URI.create(JsonLdRequest.HOSTED + id)).build();
    }

    /**
     * §6.29.3.2 List @contexts (§5.13.3): their URLs, or with {@code details=true} what Saola knows of each
     * (URL, localId, kind, createdAt); {@code kind} (hosted, cached, implicitlyCreated) keeps one kind.
     */
    @GetMapping
    @RequiresPermission(Permission.CONTEXT_READ)
    List<Object> list(@RequestParam Optional<String> kind, @RequestParam Optional<Boolean> details) {
        Optional<String> only = kind.map(JsonLdContextsController::kind);
        List<Map<String, Object>> all = new ArrayList<>();
        if (only.isEmpty() || !only.get().equals(CACHED)) {
            for (JsonLdContextStore.Kept k : store.all(CurrentCaller.tenant())) {
                if (only.isEmpty() || only.get().equals(k.kind())) {
                    all.add(details(k));
                }
            }
        }
        if (only.isEmpty() || only.get().equals(CACHED)) {
            java.util.Set<URI> cached = new java.util.TreeSet<>(contexts.served());
            cached.addAll(contexts.cachedRemote());
            for (URI url : cached) {
                all.add(cachedDetails(url));
            }
        }
        return details.orElse(false) ? new ArrayList<>(all) : new ArrayList<>(all.stream().map(d -> d.get("URL")).toList());
    }

    /**
     * §6.30.3.1 Serve an @context (§5.13.3): a hosted or implicitly created one as a JSON-LD document; with
     * {@code details=true} what Saola knows of any kind, cached ones by the localId the list gives them. A cached
     * one's content is not served (§5.13.1: cached entries are not served on demand; §5.13.4.4: 422
     * OperationNotSupported): it is at its own URL. Open to anyone, as JSON-LD processors fetch contexts without
     * credentials.
     */
    @GetMapping(path = "/{id}", produces = {"application/ld+json", "application/json"})
    @PublicRoute("hosted @contexts are referenced from Link headers and notifications that any JSON-LD processor must be able to fetch")
    ResponseEntity<Map<String, Object>> serve(@PathVariable String id, @RequestParam Optional<Boolean> details) {
        if (id.startsWith(CACHED_PREFIX)) {
            URI url = cachedUrl(id);
            if (details.orElse(false)) {
                return ResponseEntity.ok(cachedDetails(url));
            }
            throw new NgsiLdException(NgsiLdException.ErrorType.OperationNotSupported, "the @context " + id
                    + " is a cached copy of " + url + ", which is served at that URL; only hosted and implicitly created "
                    + "@contexts are served here (NGSI-LD §5.13.4)");
        }
        URI uri = ownId(id);
        if (details.orElse(false)) {
            JsonLdContextStore.Kept kept = store.kept(uri).orElseThrow(() -> notFound(id));
            return ResponseEntity.ok(details(kept));
        }
        return contexts.inlineContext(uri)
                .map(c -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic())
                        .body(Map.<String, Object>of("@context", c)))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * §6.30.3.2 Delete @context (§5.13.4): a hosted or implicitly created one, unless a subscription or
     * registration still reads its names with it (400 BadRequestData saying so); a cached one is forgotten, and with {@code reload=true}
     * fetched again at once (503 if it cannot be). Bundled ones stay.
     */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CONTEXT_DELETE)
    ResponseEntity<Void> delete(@PathVariable String id, @RequestParam Optional<Boolean> reload) {
        if (id.startsWith(CACHED_PREFIX)) {
            URI url = cachedUrl(id);
            if (contexts.served().contains(url)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, url
                        + " is bundled with Saola (served offline); it cannot be deleted or reloaded");
            }
            contexts.forgetRemote(url, reload.orElse(false));
            return ResponseEntity.noContent().build();
        }
        URI uri = ownId(id);
        if (reload.orElse(false)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "reload applies to cached @contexts, which have a URL to fetch them from again");
        }
        TenantId tenant = CurrentCaller.tenant();
        if (!store.holds(uri, tenant)) {
            throw notFound(id);
        }
        if (store.inUse(uri, tenant)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "the @context " + id
                    + " is in use: a subscription, registration or context source subscription reads its names with it");
        }
        if (store.release(uri, tenant)) {
            contexts.forgetInline(uri);
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> details(JsonLdContextStore.Kept k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("URL", hostedUrl(k.id()));
        d.put("localId", k.id().toString());
        d.put("kind", k.kind());
        d.put("createdAt", k.createdAt().toString());
        return d;
    }

    private static String hostedUrl(URI id) {
        try {
            return ServletUriComponentsBuilder.fromCurrentContextPath().path(JsonLdRequest.HOSTED).path(id.toString())
                    .build().toUriString();
        } catch (IllegalStateException outsideARequest) {
            return JsonLdRequest.HOSTED + id;
        }
    }

    private Map<String, Object> cachedDetails(URI url) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("URL", url.toString());
        d.put("localId", cachedId(url));
        d.put("kind", CACHED);
        d.put("extraInfo", contexts.served().contains(url) ? "bundled with Saola" : "fetched from its URL");
        return d;
    }

    /** The URL of the cached @context with this localId (bundled, or fetched and held now). */
    private URI cachedUrl(String id) {
        return contexts.cachedRemote().stream().filter(u -> cachedId(u).equals(id)).findFirst()
                .or(() -> contexts.served().stream().filter(u -> cachedId(u).equals(id)).findFirst())
                .orElseThrow(() -> notFound(id));
    }

    private static String cachedId(URI url) {
        return CACHED_PREFIX + java.util.HexFormat.of().formatHex(org.saola.platform.security.Secrets.sha256(url.toString()));
    }

    private static String kind(String given) {
        return switch (given.toLowerCase(Locale.ROOT)) {
            case "hosted" -> HOSTED;
            case "cached" -> CACHED;
            case "implicitlycreated" -> IMPLICIT;
            default -> throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "kind is hosted, cached or implicitlyCreated; got '" + given + "'");
        };
    }

    private static URI ownId(String id) {
        if (!id.matches(java.util.regex.Pattern.quote(JsonLdContexts.INLINE_PREFIX) + "[0-9a-f]{64}")) {
            throw new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "Saola serves here the @contexts it "
                    + "hosts or was sent inline (ids " + JsonLdContexts.INLINE_PREFIX + "<sha-256 in hex>) and the cached ones "
                    + "(ids " + CACHED_PREFIX + "…, listed at /ngsi-ld/v1/jsonldContexts?kind=cached&details=true)");
        }
        return URI.create(id);
    }

    private static NgsiLdException notFound(String id) {
        return new NgsiLdException(NgsiLdException.ErrorType.ResourceNotFound, "no @context " + id + " is held here");
    }
}
