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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps every error of the NGSI-LD API, once, to the problem-details shape of NGSI-LD 1.8.1 §5.5.2. */
@RestControllerAdvice(assignableTypes = {EntitiesController.class, EntityWritesController.class,
        TemporalController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NgsiLdErrors {

    private static final Logger log = LoggerFactory.getLogger(NgsiLdErrors.class);

    @ExceptionHandler(NgsiLdException.class)
    ResponseEntity<Map<String, Object>> ngsiLd(NgsiLdException e) {
        return of(e.type(), e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return of(NgsiLdException.ErrorType.BadRequestData, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return of(NgsiLdException.ErrorType.ResourceNotFound, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e) {
        return of(NgsiLdException.ErrorType.AlreadyExists, e.getMessage());
    }

    @ExceptionHandler(UnsupportedFeatureException.class)
    ResponseEntity<Map<String, Object>> unsupported(UnsupportedFeatureException e) {
        return of(NgsiLdException.ErrorType.OperationNotSupported, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return of(NgsiLdException.ErrorType.InvalidRequest, "the request body is not valid JSON"
                + (e.getMostSpecificCause() != e ? ": " + firstLine(e.getMostSpecificCause().getMessage()) : ""));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        ResponseEntity<Map<String, Object>> r = of(NgsiLdException.ErrorType.InvalidRequest, "Content-Type "
                + e.getContentType() + " is not accepted; send application/json or application/ld+json");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_JSON)
                .body(r.getBody());
    }

    @ExceptionHandler(ContextOverloadedException.class)
    ResponseEntity<Map<String, Object>> overloaded(ContextOverloadedException e) {
        ResponseEntity<Map<String, Object>> r = of(NgsiLdException.ErrorType.InternalError, e.getMessage());
        r.getBody().put("status", 503);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON).body(r.getBody());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }

    @ExceptionHandler(ContextNotAvailableException.class)
    ResponseEntity<Map<String, Object>> context(ContextNotAvailableException e) {
        return of(NgsiLdException.ErrorType.LdContextNotAvailable, e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        String detail = e instanceof MethodArgumentTypeMismatchException m
                ? "query parameter '" + m.getName() + "' has an invalid value '" + m.getValue() + "'"
                : e.getMessage();
        return of(NgsiLdException.ErrorType.BadRequestData, detail);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
        String id = UUID.randomUUID().toString();
        log.error("Unexpected NGSI-LD error {}", id, e);
        return of(NgsiLdException.ErrorType.InternalError,
                "an unexpected error occurred; quote error id " + id + " to the operators");
    }

    static ResponseEntity<Map<String, Object>> of(NgsiLdException.ErrorType type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://uri.etsi.org/ngsi-ld/errors/" + type.name());
        body.put("title", type.name());
        body.put("status", type.status.value());
        body.put("detail", detail);
        return ResponseEntity.status(type.status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
