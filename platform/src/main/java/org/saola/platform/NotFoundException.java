package org.saola.platform;

/** The thing asked for does not exist in the caller's tenant. */
public class NotFoundException extends SaolaException {
    public NotFoundException(String message) {
        super(message);
    }

    /** The same, with the key (and arguments) of the message pages show in the reader's language. */
    public NotFoundException(String message, String key, Object... args) {
        super(message, key, args);
    }
}
