package org.saola.context.api;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials a client gave Saola to send on (a password in an endpoint, a key in a registration's
 * contextSourceInfo) are used but never shown back, to anyone: what is read back carries {@code ****} instead.
 */
final class Secrets {

    static final String MASK = "****";

    /** Names of headers and keys that carry credentials, by the words they are commonly made of. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)auth|key|token|secret|pass|cookie|credential|session|signature");

    /** {@code scheme://user:password@host…} → {@code scheme://user:****@host…}; a user alone may be a token. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@?#]*)@");

    private Secrets() {
    }

    static boolean secretName(String name) {
        return SECRET.matcher(name).find();
    }

    static String maskUri(String uri) {
        var m = USER_INFO.matcher(uri);
        if (!m.find()) {
            return uri;
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        String masked = colon >= 0 ? info.substring(0, colon + 1) + MASK : MASK;
        return m.group(1) + masked + "@" + uri.substring(m.end());
    }

    /** A text (an error message) with the user info of any URL in it masked. */
    static String maskUserInfoIn(String text) {
        return text.replaceAll("://[^/@\\s]*@", "://" + MASK + "@");
    }

    /**
     * Masks the credentials of {@code holder.endpoint}: a password in its {@code uri}, and the values of its
     * {@code receiverInfo} and {@code notifierInfo} (headers sent to the receiver) whose names say they are secret.
     */
    static void maskEndpoint(JsonNode holder) {
        if (holder != null && holder.path("endpoint") instanceof ObjectNode endpoint) {
            if (endpoint.path("uri").isString()) {
                endpoint.put("uri", maskUri(endpoint.get("uri").asString()));
            }
            for (String info : java.util.List.of("receiverInfo", "notifierInfo")) {
                for (JsonNode kv : endpoint.path(info)) {
                    if (kv instanceof ObjectNode o && secretName(o.path("key").asString(""))) {
                        o.put("value", MASK);
                    }
                }
            }
        }
    }
}
