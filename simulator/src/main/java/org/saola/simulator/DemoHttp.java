package org.saola.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the demo's stand-ins for people call Saola over HTTP: the staff API with a key, and pages' form tokens. */
final class DemoHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private DemoHttp() {
    }

    /** A call of Saola's JSON API, with an API key ({@code null}: none, for the public API). */
    static HttpResponse<String> send(HttpClient http, URI saola, String method, String path, String json, String key) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(saola.resolve(path)).timeout(Duration.ofSeconds(10));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            return http.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("the demo could not reach " + path + ": " + e, e);
        }
    }

    /** The form token of a page, as its own forms send it. */
    static Optional<String> csrf(String page) {
        Matcher m = CSRF.matcher(page);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
