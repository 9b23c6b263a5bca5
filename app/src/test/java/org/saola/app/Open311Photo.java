package org.saola.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Files a request through Open311 with one photo, multipart, as phone clients (CUTR's) send it. */
final class Open311Photo {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Open311Photo() {
    }

    /** {@code fields}: name, value, name, value… (api_key, service_code, lat, long, description); the photo as "media". */
    static HttpResponse<String> file(String base, byte[] photo, String... fields) throws Exception {
        String boundary = "----saola-open311-photo";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < fields.length; i += 2) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                        + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"IMG_0001.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(photo);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
