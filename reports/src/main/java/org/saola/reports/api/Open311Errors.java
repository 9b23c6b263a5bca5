package org.saola.reports.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Open311's errors, as GeoReport v2 defines them: an array of {@code error} with {@code code} and
 * {@code description}, in the format asked for. HTTP 404 for what does not exist, 403 for a missing or wrong
 * {@code api_key}, 400 for everything else (the body's code may be more specific: 429 when a client files too
 * fast, with {@code Retry-After}).
 */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)    // before the problem details of every other API
class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    /** A missing or wrong api_key. */
    static final class KeyRefused extends RuntimeException {
        KeyRefused(String message) {
            super(message);
        }
    }

    /** A client filing faster than its rate. */
    static final class TooMany extends RuntimeException {
        final long retryAfterSeconds;

        TooMany(long retryAfterSeconds) {
            super("too many requests filed with this api_key: try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> notFound(NotFoundException e, HttpServletRequest request) {
        return error(request, 404, 404, e.getMessage());
    }

    @ExceptionHandler(KeyRefused.class)
    ResponseEntity<String> keyRefused(KeyRefused e, HttpServletRequest request) {
        return error(request, 403, 403, e.getMessage());
    }

    @ExceptionHandler(TooMany.class)
    ResponseEntity<String> tooMany(TooMany e, HttpServletRequest request) {
        ResponseEntity<String> r = error(request, 400, 429, e.getMessage());
        return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                .header("Retry-After", String.valueOf(e.retryAfterSeconds)).body(r.getBody());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<String> invalid(InvalidInputException e, HttpServletRequest request) {
        String message = e.getMessage();
        String field = e.field();
        return error(request, 400, 400, field == null || message.startsWith(field) ? message : field + ": " + message);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<String> conflict(ConflictException e, HttpServletRequest request) {
        return error(request, 400, 400, e.getMessage());
    }

    /** Anything else the request broke (a malformed body, a multipart part too large): a general service error. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<String> other(Exception e, HttpServletRequest request) {
        if (e instanceof org.springframework.web.multipart.MultipartException
                || e instanceof org.springframework.web.HttpMediaTypeNotSupportedException
                || e instanceof org.springframework.web.bind.ServletRequestBindingException
                || e instanceof org.springframework.beans.TypeMismatchException) {
            return error(request, 400, 400, "the request could not be read: " + e.getMessage());
        }
        if (org.saola.platform.ClientGone.in(e)) {
            log.debug("An Open311 client hung up before its answer was written: {}", e.toString());
            return null;                    // nobody to answer; the response is not usable
        }
        log.error("Open311 request {} failed", request.getRequestURI(), e);
        return error(request, 400, 400, "general service error: the request could not be completed; try again later");
    }

    private static ResponseEntity<String> error(HttpServletRequest request, int status, int code, String description) {
        return Format.of(request).body(status, new Open311Document.ListOf("errors", "error", List.of(
                new Open311Document.Builder().value("code", code).value("description", description).build("error"))));
    }
}
