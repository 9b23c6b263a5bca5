package org.saola.context.jsonld;

/** An @context could not be loaded or processed; NGSI-LD answers 503 LdContextNotAvailable (§6.3.3). */
public class ContextNotAvailableException extends RuntimeException {
    public ContextNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
