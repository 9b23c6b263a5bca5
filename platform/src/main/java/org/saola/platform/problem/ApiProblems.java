package org.saola.platform.problem;

import java.net.URI;
import java.util.UUID;
import org.saola.platform.BodyTooLargeException;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Saola's own API ({@code /api/v1}) answers every error as RFC 9457 problem details, mapped here once.
 * Protocol APIs with their own error shapes (NGSI-LD, Open311) have their own advice, ordered first. This
 * one comes before Spring Boot's generic problem-details advice, whose messages ("Failed to read request")
 * do not tell the client what to fix.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    public static final String TYPE_BASE = "https://saola.city/problems/";

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Already exists", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (BodyTooLargeException.in(e).isPresent()) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Content too large",
                    BodyTooLargeException.in(e).get().getMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Request body is not valid JSON",
                "the request body could not be read as JSON of the expected shape: "
                        + rootMessage(e));
    }

    @ExceptionHandler(TypeMismatchException.class)
    ProblemDetail typeMismatch(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                "'" + name + "' must be a " + (e.getRequiredType() == null ? "value of another kind"
                        : e.getRequiredType().getSimpleName()));
        p.setProperty("field", name);
        return p;
    }

    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipart(MultipartException e) {
        if (BodyTooLargeException.in(e).isPresent()) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Content too large",
                    BodyTooLargeException.in(e).get().getMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Request body is not valid multipart",
                "the multipart body could not be read (a multipart Content-Type needs a boundary, and parts that end)");
    }

    /** Unknown errors: the cause goes to the log under an id; the client gets the id, never the cause. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        if (org.saola.platform.ClientGone.in(e)) {
            log.debug("A client hung up before its answer was written: {}", e.toString());
            return null;                    // nobody to answer; the response is not usable
        }
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return known.getBody();         // Spring's own web exceptions know their status and say why
        }
        java.util.Optional<String> cancelled = org.saola.platform.QueryCancelled.in(e);
        if (cancelled.isPresent()) {
            log.warn("A request's query was stopped by the database: {}", cancelled.get());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "query-cancelled", "Query stopped", org.saola.platform.QueryCancelled.DETAIL);
        }
        String id = UUID.randomUUID().toString();
        log.error("Unexpected error {}", id, e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "an unexpected error occurred; quote error id " + id + " to the operators");
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        p.setTitle(title);
        return p;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    /**
     * The first line of a parser's or the database's message, whose next lines repeat the input or point into it
     * ("unreadable" for none).
     */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }
}
