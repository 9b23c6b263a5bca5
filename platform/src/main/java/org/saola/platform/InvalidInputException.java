package org.saola.platform;

/** Input that breaks a rule of the domain; {@code field} names what the client must fix. */
public class InvalidInputException extends SaolaException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
