package org.saola.platform;

/** Base of the domain exceptions the API layers map, once, to problem details. */
public abstract class SaolaException extends RuntimeException {
    protected SaolaException(String message) {
        super(message);
    }
}
