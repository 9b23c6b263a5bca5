package org.saola.platform;

/** The thing to create exists already. */
public class ConflictException extends SaolaException {
    public ConflictException(String message) {
        super(message);
    }

    /** A conflict residents may meet on a page: the key (and arguments) of its message in their language. */
    public ConflictException(String message, String key, Object... args) {
        super(message, key, args);
    }
}
