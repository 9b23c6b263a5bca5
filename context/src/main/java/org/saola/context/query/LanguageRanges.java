package org.saola.context.query;

import java.util.List;
import java.util.Locale;
import org.saola.platform.InvalidInputException;

/**
 * NGSI-LD 1.8.1 §4.15 {@code lang}: language ranges in order of preference, written as in Accept-Language
 * ({@code vi,en;q=0.5}, RFC 4647, read by the JDK); {@code *} for any; a range weighted 0 is left out. One
 * reading for the query parameter, the temporal API's parameter and a subscription's {@code lang} member.
 */
public final class LanguageRanges {

    private LanguageRanges() {
    }

    /** The ranges of {@code lang}, best first; {@code field} names where it was given, for the error. */
    public static List<String> parse(String lang, String field) {
        try {
            return Locale.LanguageRange.parse(lang).stream().filter(r -> r.getWeight() > 0)
                    .map(Locale.LanguageRange::getRange).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + " is a list of language tags with optional weights, such as "
                    + "vi,en;q=0.5; got '" + lang + "'");
        }
    }
}
