package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A city that pre-moderates residents' reports ({@code saola.reports.pre-moderation=true}): a report's words and
 * photos are withheld from the public (its page, Open311, the photos themselves) until a moderator approves
 * them, while the report itself, its place and status are public at once and staff see everything.
 */
class ReportsPreModerationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static OwnCity city;
    private static String base;
    private static SaolaClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestDataDirs.create("saola-premoderation-");
        city = OwnCity.start(dir, "--saola.reports.pre-moderation=true");
        base = city.base;
        admin = city.admin;
    }

    @AfterAll
    static void stop() {
        if (city != null) {
            city.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wordsAndPhotosWaitForAModeratorWhileTheReportIsPublic() throws Exception {
        assertThat(admin.post("/api/v1/departments", "{\"code\":\"roads\",\"nameVi\":\"Phòng Giao thông\",\"nameEn\":\"Roads\"}")
                .status()).isEqualTo(201);
        assertThat(admin.send("PUT", "/api/v1/report-services/pothole",
                "{\"nameVi\": \"Ổ gà\", \"nameEn\": \"Pothole\", \"department\": \"roads\", \"targetHours\": 72}").status())
                .isEqualTo(201);
        String apiKey = admin.issueApiKey("reports app", "ANALYST");

        HttpResponse<String> filed = Open311Photo.file(base, ReportsWorkflowTest.jpegWithExif(200, 100, ""), "api_key", apiKey,
                "service_code", "pothole", "lat", "16.07", "long", "108.22", "description", "Bà Lan ở số 9 biết ai làm vỡ");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        long id = Long.parseLong(SaolaClient.JSON.readTree(filed.body()).get(0).get("service_request_id").asString());

        // Public at once: the report, its status and place; not the words, nor the photo.
        JsonNode open311 = SaolaClient.JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertThat(open311.get("status").asString()).isEqualTo("open");
        assertThat(open311.get("description").isNull()).isTrue();
        assertThat(open311.get("media_url").isNull()).isTrue();
        String page = get("/city/reports/" + id + "?lang=en").body();
        assertThat(page).contains("published once a moderator has looked at them").doesNotContain("Bà Lan");
        assertThat(get("/city/reports/" + id + "?lang=vi").body()).contains("sau khi người kiểm duyệt xem xét");
        JsonNode staff = admin.get("/api/v1/reports/" + id).json();
        assertThat(staff.get("description").asString()).as("staff see the words").contains("Bà Lan");
        java.util.regex.Matcher onStaffPage = java.util.regex.Pattern.compile("/operations/reports/photos/([0-9a-f-]{36})-thumb\\.jpg")
                .matcher(new StaffSession(base, "admin", PlatformTest.ADMIN_PASSWORD).get("/operations/reports/" + id).body());
        assertThat(onStaffPage.find()).as("staff see the photo").isTrue();
        String photo = onStaffPage.group(1);
        assertThat(get("/city/reports/photos/" + photo + ".jpg").statusCode()).isEqualTo(404);

        // The moderator approves: words and photo are public.
        assertThat(admin.post("/api/v1/reports/" + id + "/moderation", "{\"decision\": \"APPROVED\"}").status()).isEqualTo(200);
        JsonNode approved = SaolaClient.JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertThat(approved.get("description").asString()).contains("Bà Lan");
        assertThat(approved.get("media_url").asString()).endsWith(photo + ".jpg");
        assertThat(get("/city/reports/photos/" + photo + ".jpg").statusCode()).isEqualTo(200);
        assertThat(get("/city/reports/" + id + "?lang=en").body()).contains("Bà Lan");
    }
}
