package org.saola.context.api;

import org.springframework.http.HttpStatus;

/** An error with one of the types NGSI-LD 1.8.1 §5.5.2 defines, and a detail saying what to fix. */
public class NgsiLdException extends RuntimeException {

    public enum ErrorType {
        InvalidRequest(HttpStatus.BAD_REQUEST),
        BadRequestData(HttpStatus.BAD_REQUEST),
        ResourceNotFound(HttpStatus.NOT_FOUND),
        AlreadyExists(HttpStatus.CONFLICT),
        NonexistentTenant(HttpStatus.NOT_FOUND),
        TooManyResults(HttpStatus.FORBIDDEN),
        /** HTTP 406: the Accept header allows neither JSON nor JSON-LD (RFC 9110 §15.5.7). */
        NotAcceptable(HttpStatus.NOT_ACCEPTABLE),
        OperationNotSupported(HttpStatus.valueOf(422)),
        LdContextNotAvailable(HttpStatus.SERVICE_UNAVAILABLE),
        InternalError(HttpStatus.INTERNAL_SERVER_ERROR);

        final HttpStatus status;

        ErrorType(HttpStatus status) {
            this.status = status;
        }
    }

    private final ErrorType type;

    public NgsiLdException(ErrorType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ErrorType type() {
        return type;
    }
}
