package org.saola.context.jsonld;

/** An inline @context that is not valid JSON-LD (or too large): the client's to fix. */
public class InvalidContextException extends RuntimeException {

    public InvalidContextException(String message) {
        super(message);
    }
}
