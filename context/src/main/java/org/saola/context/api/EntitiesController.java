package org.saola.context.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.saola.context.ContextProperties;
import org.saola.context.EntityIds;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.QueryLanguage;
import org.saola.context.query.TypeExpression;
import org.saola.context.store.EntityStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.node.ObjectNode;

/** NGSI-LD 1.8.1 §6.4 and §6.5: query entities and retrieve one entity. */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/entities", produces = {"application/json", "application/ld+json"})
public class EntitiesController {

    private static final Set<String> GEO_PARAMETERS = Set.of("georel", "geometry", "coordinates", "geoproperty");

    private final EntityStore store;
    private final JsonLdContexts contexts;
    private final EntityRenderer renderer;
    private final ContextProperties properties;

    EntitiesController(EntityStore store, JsonLdContexts contexts, EntityRenderer renderer, ContextProperties properties) {
        this.store = store;
        this.contexts = contexts;
        this.renderer = renderer;
        this.properties = properties;
    }

    /** How the client wants entities shaped: representation and which members to keep. */
    private record Shape(boolean keyValues, boolean sysAttrs, Optional<Set<String>> keep, Set<String> omit) {
        ObjectNode apply(ObjectNode entity) {
            keep.ifPresent(k -> entity.retain(k));
            omit.forEach(entity::remove);
            return entity;
        }
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        EntityIds.requireValid(id);
        Shape shape = shape(params);
        StoredEntity entity = store.find(CurrentCaller.tenant(), id).orElseThrow(() -> new NgsiLdException(
                NgsiLdException.ErrorType.ResourceNotFound, "no entity with id " + id + " in this tenant"));
        return request.respond(ResponseEntity.ok(),
                shape.apply(renderer.entity(entity, request, shape.keyValues(), shape.sysAttrs())));
    }

    @GetMapping
    ResponseEntity<List<ObjectNode>> query(@RequestParam Map<String, String> params,
            @RequestParam Optional<Integer> limit,
            @RequestParam Optional<Integer> offset,
            @RequestParam Optional<Boolean> count,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        int pageSize = limit.orElse(20);
        int skip = offset.orElse(0);
        if (pageSize < 0 || skip < 0) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "limit and offset must not be negative");
        }
        if (pageSize > properties.maxPageSize()) {
            // NGSI-LD 1.8.1 §5.5.9: asking for more than the broker's maximum page size is TooManyResults.
            throw new NgsiLdException(NgsiLdException.ErrorType.TooManyResults,
                    "limit " + pageSize + " exceeds the maximum page size " + properties.maxPageSize());
        }
        if (pageSize == 0 && !count.orElse(false)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "limit=0 is only allowed together with count=true");
        }
        for (String geo : GEO_PARAMETERS) {
            if (params.containsKey(geo)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.OperationNotSupported,
                        "geo-queries (" + geo + ") are not supported yet");
            }
        }
        if (params.containsKey("csf")) {
            throw new NgsiLdException(NgsiLdException.ErrorType.OperationNotSupported,
                    "context source filters (csf) are not supported: Saola holds its entities itself");
        }
        EntityQuery query = query(params, request);
        Shape shape = shape(params);
        List<StoredEntity> page = pageSize == 0 ? List.of() : store.query(query, pageSize + 1, skip);
        boolean hasNext = page.size() > pageSize;
        List<ObjectNode> body = page.stream().limit(pageSize)
                .map(e -> shape.apply(renderer.entity(e, request, shape.keyValues(), shape.sysAttrs())))
                .toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (count.orElse(false)) {
            ok.header("NGSILD-Results-Count", Long.toString(store.count(query)));
        }
        // NGSI-LD 1.8.1 §5.5.9: pagination links.
        if (hasNext) {
            ok.header(HttpHeaders.LINK, pageLink(skip + pageSize, pageSize, "next"));
        }
        if (skip > 0) {
            ok.header(HttpHeaders.LINK, pageLink(Math.max(0, skip - pageSize), pageSize, "prev"));
        }
        return request.respond(ok, body);
    }

    private EntityQuery query(Map<String, String> params, JsonLdRequest request) {
        var ctx = request.contexts();
        Optional<TypeExpression.T> type = param(params, "type")
                .map(t -> TypeExpression.parse(t).mapNames(name -> contexts.expandTerm(ctx, name)));
        List<String> ids = list(params, "id");
        ids.forEach(EntityIds::requireValid);
        Optional<String> idPattern = param(params, "idPattern").map(p -> {
            try {
                Pattern.compile(p);
                return p;
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("idPattern", "idPattern '" + p + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        });
        List<String> attrs = list(params, "attrs").stream().map(a -> contexts.expandTerm(ctx, a)).toList();
        Optional<QueryLanguage.Q> q = param(params, "q")
                .map(text -> QueryLanguage.parse(text).mapNames(name -> contexts.expandTerm(ctx, name)));
        return new EntityQuery(CurrentCaller.tenant(), type, ids, idPattern, attrs, q);
    }

    private static Shape shape(Map<String, String> params) {
        Set<String> opts = options(Optional.ofNullable(params.get("options")));
        String format = params.getOrDefault("format", "normalized");
        if (!Set.of("normalized", "keyValues", "simplified").contains(format)) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    "format is normalized, keyValues or simplified; got '" + format + "'");
        }
        boolean keyValues = opts.contains("keyValues") || !format.equals("normalized");
        List<String> attrs = list(params, "attrs");
        List<String> pick = list(params, "pick");
        if (!attrs.isEmpty() && !pick.isEmpty()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, "give attrs or pick, not both");
        }
        Optional<Set<String>> keep = Optional.empty();
        if (!pick.isEmpty()) {
            keep = Optional.of(new LinkedHashSet<>(pick));
        } else if (!attrs.isEmpty()) {
            Set<String> k = new LinkedHashSet<>(List.of("id", "type", "@context", "createdAt", "modifiedAt"));
            k.addAll(attrs);
            keep = Optional.of(k);
        }
        if (keep.isPresent()) {
            keep.get().add("@context");
        }
        return new Shape(keyValues, opts.contains("sysAttrs"), keep, Set.copyOf(list(params, "omit")));
    }

    private static Optional<String> param(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v != null && v.isBlank()) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData, name + " is empty");
        }
        return Optional.ofNullable(v);
    }

    private static List<String> list(Map<String, String> params, String name) {
        return param(params, name).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private static String pageLink(int offset, int limit, String rel) {
        String url = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("offset", offset).replaceQueryParam("limit", limit)
                .build().toUriString();
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    static Set<String> options(Optional<String> options) {
        Set<String> opts = options.map(o -> Arrays.stream(o.split(",")).map(String::strip).collect(Collectors.toSet()))
                .orElse(Set.of());
        for (String o : opts) {
            if (!Set.of("keyValues", "normalized", "sysAttrs", "temporalValues").contains(o)) {
                throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                        "unknown option '" + o + "'; supported: keyValues, normalized, sysAttrs");
            }
        }
        return opts;
    }
}
