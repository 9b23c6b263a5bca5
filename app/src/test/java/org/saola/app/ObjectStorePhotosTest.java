package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A city keeps residents' photos in an S3-compatible object store ({@code saola.media.s3.*}): a real one here,
 * Adobe's S3Mock run as its own process (the build copies its jar to target/s3mock). A report's photo and its
 * thumbnail are objects in the bucket, nothing is written under the data directory, Saola serves the same
 * bytes under the report's rules, and a filing whose photo the store cannot take is refused, not half kept.
 */
class ObjectStorePhotosTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path S3MOCK = Path.of("target/s3mock/s3mock.jar");
    private static Process store;
    private static String storeUrl;
    private static Path dataDir;
    private static OwnCity city;
    private static String base;
    private static SaolaClient admin;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        assertThat(S3MOCK).as("the build copies S3Mock's jar here (app/pom.xml)").exists();
        Path dir = TestDataDirs.create("saola-s3-");
        int port = freePort();
        storeUrl = "http://127.0.0.1:" + port;
        String java = ProcessHandle.current().info().command().orElse("java");
        store = new ProcessBuilder(java, "-Xmx256m", "-jar", S3MOCK.toAbsolutePath().toString(), "--server.port=0",
                "--com.adobe.testing.s3mock.http-port=" + port, "--com.adobe.testing.s3mock.store.initial-buckets=city-photos",
                "--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3mock.log").toFile()).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(storeUrl + "/city-photos/none.jpg").statusCode() == 404);

        dataDir = dir.resolve("saola");
        city = OwnCity.start(dataDir, "--saola.media.s3.endpoint=" + storeUrl, "--saola.media.s3.bucket=city-photos",
                "--saola.media.s3.access-key=saola", "--saola.media.s3.secret-key=not-a-real-secret");
        base = city.base;
        admin = city.admin;
    }

    @AfterAll
    static void stop() {
        if (city != null) {
            city.close();
        }
        if (store != null) {
            store.destroyForcibly();
        }
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> fileWithPhoto(String apiKey, String description) throws Exception {
        return Open311Photo.file(base, ReportsWorkflowTest.jpegWithExif(400, 300, "GPS 16.0678N 108.2208E"), "api_key", apiKey,
                "service_code", "pothole", "lat", "16.07", "long", "108.22", "description", description);
    }

    @Test
    void aReportsPhotoAndThumbnailAreObjectsInTheBucketServedByTheReportsRules() throws Exception {
        assertThat(admin.post("/api/v1/departments", "{\"code\":\"roads\",\"nameVi\":\"Phòng Giao thông\",\"nameEn\":\"Roads\"}")
                .status()).isEqualTo(201);
        assertThat(admin.send("PUT", "/api/v1/report-services/pothole",
                "{\"nameVi\": \"Ổ gà\", \"nameEn\": \"Pothole\", \"department\": \"roads\", \"targetHours\": 72}").status())
                .isEqualTo(201);
        String apiKey = admin.issueApiKey("reports app", "ANALYST");

        HttpResponse<String> filed = fileWithPhoto(apiKey, "A deep pothole by the market");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        long id = Long.parseLong(SaolaClient.JSON.readTree(filed.body()).get(0).get("service_request_id").asString());
        String mediaUrl = SaolaClient.JSON.readTree(new String(get(base + "/open311/v2/requests/" + id + ".json").body(),
                StandardCharsets.UTF_8)).get(0).get("media_url").asString();
        String photo = mediaUrl.replaceAll(".*/([0-9a-f-]{36})\\.jpg$", "$1");

        // In the bucket, under the reports' area and the tenant; the data directory holds no photo.
        HttpResponse<byte[]> object = get(storeUrl + "/city-photos/reports/default/" + photo + ".jpg");
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(get(storeUrl + "/city-photos/reports/default/" + photo + "-thumb.jpg").statusCode()).isEqualTo(200);
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".jpg")).toList()).isEmpty();
        }
        // Saola serves those very bytes, re-encoded: no EXIF, no GPS.
        HttpResponse<byte[]> served = get(base + "/city/reports/photos/" + photo + ".jpg");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(object.body());
        assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPS 16.0678N");
        assertThat(get(base + "/city/reports/photos/" + java.util.UUID.randomUUID() + ".jpg").statusCode()).isEqualTo(404);

        // The store goes away: a filing with a photo is refused, and no report is half kept.
        long before = admin.get("/api/v1/reports?limit=100").json().size();
        store.destroyForcibly().waitFor();
        HttpResponse<String> refused = fileWithPhoto(apiKey, "Another pothole while the store is down");
        assertThat(refused.statusCode()).as(refused.body()).isNotEqualTo(200);
        assertThat(admin.get("/api/v1/reports?limit=100").json().size()).isEqualTo(before);
    }
}
