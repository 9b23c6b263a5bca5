package org.saola.context.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.context.ContextProperties;
import org.saola.context.EntityIds;
import org.saola.context.StoredEntity;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.EntityStore;
import org.saola.platform.TenantId;
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

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id,
            @RequestParam Optional<String> options,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        EntityIds.requireValid(id);
        Set<String> opts = options(options);
        StoredEntity entity = store.find(CurrentCaller.tenant(), id).orElseThrow(() -> new NgsiLdException(
                NgsiLdException.ErrorType.ResourceNotFound, "no entity with id " + id + " in this tenant"));
        return request.respond(ResponseEntity.ok(),
                renderer.entity(entity, request, opts.contains("keyValues"), opts.contains("sysAttrs")));
    }

    @GetMapping
    ResponseEntity<List<ObjectNode>> query(@RequestParam Optional<String> type,
            @RequestParam Optional<Integer> limit,
            @RequestParam Optional<Integer> offset,
            @RequestParam Optional<Boolean> count,
            @RequestParam Optional<String> options,
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
        TenantId tenant = CurrentCaller.tenant();
        Optional<String> typeIri = type.map(t -> {
            if (t.contains(",") || t.contains("|") || t.contains(";") || t.contains("(")) {
                throw new NgsiLdException(NgsiLdException.ErrorType.OperationNotSupported,
                        "type expressions with , | ; ( ) are not supported yet; query one type at a time");
            }
            return contexts.expandTerm(request.contexts(), t.strip());
        });
        Set<String> opts = options(options);
        List<StoredEntity> page = pageSize == 0 ? List.of() : store.findByType(tenant, typeIri, pageSize + 1, skip);
        boolean hasNext = page.size() > pageSize;
        List<ObjectNode> body = page.stream().limit(pageSize)
                .map(e -> renderer.entity(e, request, opts.contains("keyValues"), opts.contains("sysAttrs")))
                .toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (count.orElse(false)) {
            ok.header("NGSILD-Results-Count", Long.toString(store.count(tenant, typeIri)));
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
