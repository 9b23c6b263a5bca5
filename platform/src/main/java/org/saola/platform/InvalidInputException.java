package org.saola.platform;

/** Input that breaks a rule of the domain; {@code field} names what the client must fix. */
public class InvalidInputException extends SaolaException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The same, with the key (and arguments) of the message pages show in the reader's language. */
    public InvalidInputException(String field, String message, String key, Object... args) {
        super(message, key, args);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
