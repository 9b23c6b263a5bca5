package org.saola.platform;

import java.io.IOException;
import java.util.Optional;

/**
 * A request body read past the limit of its route family (the web module's request limits). Thrown from
 * inside the body stream, so it reaches the error advices wrapped in whatever was reading; they find it
 * with {@link #in} and answer 413.
 */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than the " + limit + " bytes this route accepts");
    }

    /** This exception, if it is {@code e} or one of its causes. */
    public static Optional<BodyTooLargeException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException b) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
