package org.saola.context.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.saola.context.jsonld.ContextNotAvailableException;
import org.saola.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps every error of the NGSI-LD API, once, to the problem-details shape of NGSI-LD 1.8.1 §5.5.2. */
@RestControllerAdvice(assignableTypes = {EntitiesController.class, TemporalController.class})
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
