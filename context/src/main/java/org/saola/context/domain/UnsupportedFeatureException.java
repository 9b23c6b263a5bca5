package org.saola.context.domain;

/** A valid NGSI-LD request for something Saola does not do yet; the message says what and suggests a way. */
public class UnsupportedFeatureException extends RuntimeException {
    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
