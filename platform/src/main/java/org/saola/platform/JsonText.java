package org.saola.platform;

/**
 * A string as a JSON string literal, for the few places that write JSON by hand because they run before or
 * outside Jackson (a security filter's problem details, an audit record's hashed details, an SMS gateway call).
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code s} quoted and escaped (RFC 8259 §7). */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
