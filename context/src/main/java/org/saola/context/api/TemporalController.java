package org.saola.context.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.context.EntityIds;
import org.saola.context.StoredEntity;
import org.saola.context.TemporalQuery;
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
import tools.jackson.databind.node.ObjectNode;

/** NGSI-LD 1.8.1 §6.19: retrieve the history of one entity's attributes. */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/temporal/entities", produces = {"application/json", "application/ld+json"})
public class TemporalController {

    static final int DEFAULT_LAST_N = 1000;

    private final EntityStore store;
    private final JsonLdContexts contexts;
    private final EntityRenderer renderer;

    TemporalController(EntityStore store, JsonLdContexts contexts, EntityRenderer renderer) {
        this.store = store;
        this.contexts = contexts;
        this.renderer = renderer;
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> retrieve(@PathVariable String id,
            @RequestParam Optional<String> attrs,
            @RequestParam Optional<Integer> lastN,
            @RequestParam Optional<String> timerel,
            @RequestParam Optional<String> timeAt,
            @RequestParam Optional<String> endTimeAt,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JsonLdRequest request = JsonLdRequest.of(link, accept, contexts);
        EntityIds.requireValid(id);
        TenantId tenant = CurrentCaller.tenant();
        Set<String> attributes = attrs.map(a -> Arrays.stream(a.split(","))
                        .map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> contexts.expandTerm(request.contexts(), s))
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        if (timerel.isPresent()) {
            Instant at = instant("timeAt", timeAt.orElseThrow(() -> new NgsiLdException(
                    NgsiLdException.ErrorType.BadRequestData, "timerel needs timeAt")));
            switch (timerel.get()) {
                case "before" -> to = Optional.of(at);
                case "after" -> from = Optional.of(at);
                case "between" -> {
                    from = Optional.of(at);
                    to = Optional.of(instant("endTimeAt", endTimeAt.orElseThrow(() -> new NgsiLdException(
                            NgsiLdException.ErrorType.BadRequestData, "timerel=between needs endTimeAt"))));
                }
                default -> throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                        "timerel must be before, after or between; got '" + timerel.get() + "'");
            }
        }
        TemporalQuery query = new TemporalQuery(attributes, from, to, lastN.orElse(DEFAULT_LAST_N));
        StoredEntity entity = store.find(tenant, id).orElseThrow(() -> new NgsiLdException(
                NgsiLdException.ErrorType.ResourceNotFound, "no entity with id " + id + " in this tenant"));
        return request.respond(ResponseEntity.ok(), renderer.temporal(entity, store.history(tenant, id, query), request));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new NgsiLdException(NgsiLdException.ErrorType.BadRequestData,
                    name + " must be an ISO 8601 UTC date-time such as 2026-11-23T08:00:00Z; got '" + value + "'");
        }
    }
}
