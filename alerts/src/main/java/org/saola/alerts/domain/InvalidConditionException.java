package org.saola.alerts.domain;

/** A rule's condition that does not compile: the message says where and why. */
public class InvalidConditionException extends RuntimeException {
    public InvalidConditionException(String message) {
        super(message);
    }
}
