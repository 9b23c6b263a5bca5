package org.saola.platform.residents;

import java.util.Locale;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * How a resident is reached: an e-mail address or a telephone number, normalised (e-mail lower-cased; a
 * Vietnamese number written 0xx… becomes +84xx…), so that the same person always finds the same account.
 */
public record Contact(Kind kind, String value) {

    public enum Kind { EMAIL, PHONE }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{2,60}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");

    public Contact {
        if (kind == null || value == null) {
            throw new InvalidInputException("contact", "an e-mail address or a telephone number is required", "problem.contact.required");
        }
    }

    /** Reads what a resident typed: an e-mail address if it has an @, else a telephone number. */
    public static Contact parse(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.contains("@")) {
            String e = t.toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(e).matches()) {
                throw new InvalidInputException("contact", "this is not an e-mail address", "problem.contact.email");
            }
            return new Contact(Kind.EMAIL, e);
        }
        String digits = t.replaceAll("[\\s().-]", "");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = "+84" + digits.substring(1);        // a national Vietnamese number
        }
        if (!PHONE.matcher(digits).matches()) {
            throw new InvalidInputException("contact", "this is neither an e-mail address nor a telephone number", "problem.contact.neither");
        }
        return new Contact(Kind.PHONE, digits);
    }

    /** The contact as it may be shown back to its owner: enough to recognise, not enough to use. */
    public String masked() {
        if (kind == Kind.EMAIL) {
            int at = value.indexOf('@');
            return value.charAt(0) + "•••" + value.substring(at);
        }
        return value.substring(0, Math.min(4, value.length())) + "•••" + value.substring(value.length() - 3);
    }
}
