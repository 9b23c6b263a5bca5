package org.saola.context.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.saola.context.Timestamps;
import tools.jackson.databind.JsonNode;

/**
 * What a q term compares in an attribute instance, and how, in one place for both evaluators: the in-memory one
 * (subscriptions, registrations) and the value index the store queries in SQL, whose rows are made from these
 * candidates by the same code. A term compares each candidate of the same JSON kind as its value:
 * <ul>
 * <li>numbers as IEEE 754 doubles (a PostgreSQL {@code float8});</li>
 * <li>strings by code point (byte order of their UTF-8, {@code COLLATE "C"});</li>
 * <li>booleans, false before true;</li>
 * <li>date-times (a string an ISO 8601 instant parses from) as instants to the microsecond (a {@code timestamptz}).</li>
 * </ul>
 */
public final class QueryValues {

    private QueryValues() {
    }

    /**
     * The candidates of an attribute instance (or sub-attribute) for a term without keys into its value: its value
     * (each element of an array), a Relationship's object, a VocabProperty's IRIs, a ListProperty's elements, a
     * ListRelationship's objects, a LanguageProperty's strings, and the {@code @value} of a typed value.
     */
    public static void candidates(JsonNode node, List<JsonNode> out) {
        JsonNode value = node.get("value");
        add(out, value);
        add(out, node.get("object"));
        add(out, node.get("vocab"));
        add(out, node.get("valueList"));
        JsonNode objects = node.get("objectList");
        if (objects != null) {
            objects.forEach(o -> add(out, o.get("object")));
        }
        JsonNode map = node.get("languageMap");
        if (map != null) {
            map.forEach(v -> add(out, v));
        }
        if (value != null && value.has("@value")) {
            add(out, value.get("@value"));
        }
    }

    /** Adds a node, or each element of an array; nothing for null. */
    public static void add(List<JsonNode> out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
    }

    /** Whether a key of a stored instance is a sub-attribute (an expanded IRI holding an attribute). */
    public static boolean subAttribute(String key, JsonNode value) {
        return key.indexOf(':') > 0 && value.isObject();
    }

    /** A string as a date-time, to the microsecond; null if it is not one. */
    public static Instant instant(String s) {
        if (s.length() < 20 || s.length() > 40 || s.charAt(4) != '-') {
            return null;
        }
        // The common forms by hand (every date-time value of a reading goes through here into the value index),
        // the others by Instant.parse, which reads those forms alike.
        Instant fast = Timestamps.fast(s);
        try {
            return (fast != null ? fast : Instant.parse(s)).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Strings in code point order (which is their UTF-8 byte order). */
    public static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
