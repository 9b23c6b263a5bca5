package org.saola.context.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.saola.context.ContextOverloadedException;
import org.saola.context.domain.UnsupportedFeatureException;
import org.saola.context.jsonld.ContextNotAvailableException;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.problem.ApiProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps every error of the NGSI-LD API, once, to the problem-details shape of NGSI-LD 1.8.1 §5.5.2. Batch
 * operations use the same mapping for each entity's error ({@link #problem}).
 */
@RestControllerAdvice(assignableTypes = {EntitiesController.class, EntityWritesController.class,
        BatchOperationsController.class, DiscoveryController.class, SubscriptionsController.class,
        TemporalController.class, RegistrationsController.class, JsonLdContextsController.class,
        CsourceSubscriptionsController.class, TemporalQueryController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NgsiLdErrors {

    private static final Logger log = LoggerFactory.getLogger(NgsiLdErrors.class);

    /** The NGSI-LD problem for an exception: its type, HTTP status and a detail saying what to fix. */
    static Map<String, Object> problem(RuntimeException e) {
        return switch (e) {
            case NgsiLdException n -> body(n.type(), n.type().status.value(), n.getMessage());
            case InvalidInputException i -> body(NgsiLdException.ErrorType.BadRequestData, 400, i.getMessage());
            case NotFoundException n -> body(NgsiLdException.ErrorType.ResourceNotFound, 404, n.getMessage());
            case ConflictException c -> body(NgsiLdException.ErrorType.AlreadyExists, 409, c.getMessage());
            case UnsupportedFeatureException u -> body(NgsiLdException.ErrorType.OperationNotSupported, 422, u.getMessage());
            case ContextNotAvailableException c -> body(NgsiLdException.ErrorType.LdContextNotAvailable, 503, c.getMessage());
            case org.saola.context.jsonld.InvalidContextException i ->
                    body(NgsiLdException.ErrorType.BadRequestData, 400, i.getMessage());
            case ContextOverloadedException o -> body(NgsiLdException.ErrorType.InternalError, 503, o.getMessage());
            case org.springframework.web.multipart.MultipartException m -> body(NgsiLdException.ErrorType.InvalidRequest,
                    400, "the body is not valid multipart; NGSI-LD takes application/json or application/ld+json");
            case org.springframework.web.ErrorResponse r when r.getStatusCode().is4xxClientError() ->
                    body(NgsiLdException.ErrorType.InvalidRequest, r.getStatusCode().value(),
                            r.getBody().getDetail() == null ? "invalid request" : r.getBody().getDetail());
            default -> {
                java.util.Optional<String> cancelled = org.saola.platform.QueryCancelled.in(e);
                if (cancelled.isPresent()) {
                    log.warn("An NGSI-LD request's query was stopped by the database: {}", cancelled.get());
                    yield body(NgsiLdException.ErrorType.InternalError, 503, org.saola.platform.QueryCancelled.DETAIL);
                }
                String id = UUID.randomUUID().toString();
                log.error("Unexpected NGSI-LD error {}", id, e);
                yield body(NgsiLdException.ErrorType.InternalError, 500,
                        "an unexpected error occurred; quote error id " + id + " to the operators");
            }
        };
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> any(RuntimeException e) {
        if (org.saola.platform.ClientGone.in(e)) {
            log.debug("An NGSI-LD client hung up before its answer was written: {}", e.toString());
            return null;                    // nobody to answer; the response is not usable
        }
        return answer(e);
    }

    /** The answer to a request that failed with this exception (also {@link LeanWrites}'). */
    static ResponseEntity<Map<String, Object>> answer(RuntimeException e) {
        Map<String, Object> body = problem(e);
        ResponseEntity.BodyBuilder r = ResponseEntity.status((Integer) body.get("status"));
        if (e instanceof ContextOverloadedException) {
            r.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return r.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        String detail = e instanceof MethodArgumentTypeMismatchException m
                ? "query parameter '" + m.getName() + "' has an invalid value '" + m.getValue() + "'"
                : e.getMessage();
        return of(NgsiLdException.ErrorType.BadRequestData, detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (org.saola.platform.BodyTooLargeException.in(e).isPresent()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                    .body(body(NgsiLdException.ErrorType.InvalidRequest, 413,
                            org.saola.platform.BodyTooLargeException.in(e).get().getMessage()));
        }
        return of(NgsiLdException.ErrorType.InvalidRequest, "the request body is not valid JSON"
                + (e.getMostSpecificCause() != e ? ": " + ApiProblems.firstLine(e.getMostSpecificCause().getMessage()) : ""));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON)
                .body(body(NgsiLdException.ErrorType.InvalidRequest, 415, "Content-Type " + e.getContentType()
                        + " is not accepted; send application/json or application/ld+json"));
    }

    static ResponseEntity<Map<String, Object>> of(NgsiLdException.ErrorType type, String detail) {
        return ResponseEntity.status(type.status).contentType(MediaType.APPLICATION_JSON)
                .body(body(type, type.status.value(), detail));
    }

    private static Map<String, Object> body(NgsiLdException.ErrorType type, int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://uri.etsi.org/ngsi-ld/errors/" + type.name());
        body.put("title", type.name());
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }
}
