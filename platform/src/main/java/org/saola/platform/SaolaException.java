package org.saola.platform;

/**
 * Base of the domain exceptions the API layers map, once, to problem details. The message is the API's (English,
 * for developers); one that residents may meet on a page can also carry a message key and its arguments, which
 * the pages render in the reader's language ({@code web.shell.ProblemText}).
 */
public abstract class SaolaException extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    protected SaolaException(String message) {
        this(message, null);
    }

    protected SaolaException(String message, String key, Object... args) {
        super(message);
        this.key = key;
        this.args = args == null ? new Object[0] : args.clone();
    }

    /** The key of the message pages show in the reader's language, if it has one. */
    public java.util.Optional<String> messageKey() {
        return java.util.Optional.ofNullable(key);
    }

    /** The arguments of that message. */
    public Object[] messageArgs() {
        return args.clone();
    }
}
