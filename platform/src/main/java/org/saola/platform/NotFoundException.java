package org.saola.platform;

/** The thing asked for does not exist in the caller's tenant. */
public class NotFoundException extends SaolaException {
    public NotFoundException(String message) {
        super(message);
    }
}
