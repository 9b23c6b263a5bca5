package org.saola.context;

/** The context cannot take more changes right now; the caller should push back on its source and retry. */
public class ContextOverloadedException extends RuntimeException {
    public ContextOverloadedException(String message) {
        super(message);
    }
}
