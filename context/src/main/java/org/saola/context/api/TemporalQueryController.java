package org.saola.context.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * §6.24.3.1 Query temporal evolution of entities via POST (GS CIM 009 V1.8.1 §5.7.4): the body is a Query whose
 * members, with its {@code temporalQ}, are read as the parameters of {@code GET /temporal/entities} are (one
 * meaning, one code path); paging, {@code options}, {@code format} and aggregation stay in the URL.
 */
@RestController
@RequestMapping(path = "/ngsi-ld/v1/temporal/entityOperations", produces = {"application/json", "application/ld+json"})
public class TemporalQueryController {

    private final TemporalController temporal;
    private final JsonLdContexts contexts;

    TemporalQueryController(TemporalController temporal, JsonLdContexts contexts) {
        this.temporal = temporal;
        this.contexts = contexts;
    }

    @PostMapping("/query")
    @RequiresPermission(Permission.CONTEXT_READ)
    ResponseEntity<List<ObjectNode>> query(@RequestBody JsonNode body, @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.LINK, required = false) String link,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = "Via", required = false) String via) {
        JsonLdRequest request = JsonLdRequest.withBody(contentType, link, body, contexts);
        JsonLdRequest answer = request.answering(accept);
        Map<String, String> all = new LinkedHashMap<>(params);
        all.putAll(QueryBody.temporalParameters(body));
        return temporal.query(all, answer, via);
    }
}
