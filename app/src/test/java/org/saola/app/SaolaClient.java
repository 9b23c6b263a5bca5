package org.saola.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of Saola's APIs, as an integrator would write one. */
public final class SaolaClient {

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** An MQTT identity issued to a device. */
    public record Device(String id, String entityId, String username, String secret, String topic) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    public SaolaClient(String base, String username, String password) {
        this(base, "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private SaolaClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public SaolaClient withApiKey(String key) {
        return new SaolaClient(base, "Bearer " + key);
    }

    public SaolaClient anonymous() {
        return new SaolaClient(base, (String) null);
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response post(String path, String json) {
        return send(request(path, "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any request with a body; {@code headers} are name, value pairs (e.g. a Content-Type other than JSON). */
    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = request(path, headers);
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /**
     * Issues an ADMIN API key, with the admin's credentials: the NGSI-LD suites exercise every operation,
     * deletions included. Role-specific behaviour is tested with {@link #issueApiKey(String, String)}.
     */
    public String issueApiKey(String name) {
        return issueApiKey(name, "ADMIN");
    }

    /** Issues an API key with the given role for a machine client, with the admin's credentials. */
    public String issueApiKey(String name, String role) {
        Response r = post("/api/v1/api-keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("could not issue an API key: " + r);
        }
        return r.json().get("secret").asString();
    }

    /** Registers an air-quality station (the shipped profile {@code air-quality}). */
    public Device registerStation(String id, double latitude, double longitude) {
        return registerDevice(id, "air-quality", latitude, longitude);
    }

    /** Registers a device of the given profile, with the admin's credentials. */
    public Device registerDevice(String id, String profile, double latitude, double longitude) {
        Response r = post("/api/v1/devices", """
                {"id":"%s","name":"Device %s","profile":"%s","latitude":%s,"longitude":%s,
                 "owner":{"organisation":"Saola's tests"},"purpose":"checks Saola"}""".formatted(id, id, profile,
                latitude, longitude));
        if (r.status() != 201) {
            throw new IllegalStateException("could not register " + id + ": " + r);
        }
        JsonNode body = r.json();
        return new Device(id, body.at("/device/entityId").asString(), body.at("/mqtt/username").asString(),
                body.at("/mqtt/secret").asString(), body.at("/mqtt/topic").asString());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed", e);
        }
    }
}
