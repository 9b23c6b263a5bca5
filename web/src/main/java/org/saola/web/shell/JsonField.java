package org.saola.web.shell;

import java.util.Set;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A form field in which staff type a JSON document (a fleet, a network's settings): read into its record or a
 * problem at that field, and a problem inside the document shown with where it is ({@code trucks[0].depot: …}),
 * since the form has one box for all of it.
 */
public final class JsonField {

    private JsonField() {
    }

    /** The field's text as a {@code type}; a problem at {@code field} if it is not one ({@code what}: "the fleet"). */
    public static <T> T read(JsonMapper json, String text, Class<T> type, String field, String what) {
        T value;
        try {
            value = json.readValue(text, type);
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, what + " is a JSON object as the documentation shows; it could not be read: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (value == null) {
            throw new InvalidInputException(field, what + " is a JSON object as the documentation shows");
        }
        return value;
    }

    /** A problem as the page says it: at a form field, its message; inside the JSON, its place and message. */
    public static String text(InvalidInputException problem, Set<String> formFields) {
        return problem.field() == null || formFields.contains(problem.field()) ? problem.getMessage()
                : problem.field() + ": " + problem.getMessage();
    }
}
