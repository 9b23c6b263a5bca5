package org.saola.platform;

/** The thing to create exists already. */
public class ConflictException extends SaolaException {
    public ConflictException(String message) {
        super(message);
    }
}
