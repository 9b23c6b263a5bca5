package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.Geolocation;
import com.microsoft.playwright.options.SelectOption;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A resident reports a problem on a phone-sized screen, with a photo, and is shown the open report of the same
 * kind next to them first; an officer takes it to "fixed"; the public page and the resident's mailbox show it.
 * The same form works with JavaScript off (axe-core, which runs as a script, checks these pages in the test
 * with JavaScript on). axe-core finds no WCAG 2.1 AA violation on any of these pages.
 */
class ReportsBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private String suffix;
    private String category;
    private String ward;

    @BeforeEach
    void catalogue() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        String department = "streets-" + suffix;
        ward = "Phường " + suffix;
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Quản lý đô thị","nameEn":"Urban management","wards":["%s"]}"""
                .formatted(department, ward)).status()).isEqualTo(201);
        category = "light-" + suffix;
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/report-services/" + category, """
                {"nameVi": "Đèn đường hỏng %s", "nameEn": "Broken street light %s", "department": "%s", "targetHours": 72}"""
                .formatted(suffix, suffix, department)).status()).isEqualTo(201);
    }

    @Test
    void aResidentFilesWithAPhotoSeesTheReportNearbyAndFollowsItToFixed() throws Exception {
        // Someone reported the same light already, a few metres away.
        String key = client().issueApiKey("browser app " + suffix, "ANALYST");
        String form = "api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&service_code=" + category
                + "&lat=16.06790&long=108.22085&address_string=" + URLEncoder.encode("12 Bạch Đằng", StandardCharsets.UTF_8);
        HttpResponse<String> earlier = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/open311/v2/requests.json")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(earlier.statusCode()).isEqualTo(200);
        String earlierId = earlier.body().replaceAll(".*\"service_request_id\":\"(\\d+)\".*", "$1");

        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
                .setGeolocation(new Geolocation(16.0678, 108.2208)).setPermissions(List.of("geolocation")));
        Page page = phone.newPage();
        page.navigate(url("/city/reports/new?lang=en"));
        assertThat(page.locator("h1")).hasText("Report a problem");
        assertNoViolations(page);
        page.getByLabel("What kind of problem is it?").selectOption(new SelectOption().setValue(category));
        page.getByText("Use where I am now").click();
        assertThat(page.locator("#location-status")).hasText("Your position was found.");
        // The map shows that point; a click chooses another, and its centre (the point found) can be chosen back.
        String found = page.locator("#lat").inputValue();
        page.getByText("Choose the place on a map").click();
        assertThat(page.locator("#pick-map")).isVisible();
        page.locator("#pick-map").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(250, 30));
        assertThat(page.locator("#pick-status")).containsText("Place chosen:");
        org.assertj.core.api.Assertions.assertThat(Double.parseDouble(page.locator("#lat").inputValue()))
                .as("a point up the map is further north").isGreaterThan(Double.parseDouble(found));
        assertNoViolations(page);
        page.getByText("Choose the centre of the map (+)").click();
        org.assertj.core.api.Assertions.assertThat(page.locator("#lat").inputValue()).isEqualTo(found);
        page.getByLabel("Street and number, or a landmark").fill("Opposite 14 Bạch Đằng");
        page.getByText("Next").click();

        assertThat(page.locator("#nearby-heading")).hasText("Already reported nearby?");
        assertThat(page.locator(".nearby-list")).containsText("#" + earlierId);
        assertNoViolations(page);
        page.getByLabel("What is wrong?").fill("The light has been off for a week; the corner is dark.");
        page.getByLabel("Photos (up to 3, optional)").setInputFiles(new FilePayload("IMG_0042.jpg", "image/jpeg",
                ReportsWorkflowTest.jpegWithExif(400, 300, "GPS 16.0678N")));
        String email = "lan." + suffix + "@example.vn";
        page.getByLabel("E-mail or phone").fill(email);
        page.getByText("Send the report").click();

        assertThat(page.locator("p.notice")).containsText("Thank you");
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("#(\\d+)").matcher(page.locator("h1").textContent());
        org.assertj.core.api.Assertions.assertThat(number.find()).isTrue();
        String id = number.group(1);
        assertThat(page.locator("#report-status")).hasText("Open");
        assertThat(page.locator(".photos img")).hasCount(1);
        assertNoViolations(page);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).orElse("").contains("#" + id));

        Page officer = signedIn();
        officer.navigate(url("/operations/reports?lang=en"));
        assertThat(officer.locator("h1")).hasText("Residents' reports");
        assertNoViolations(officer);
        officer.locator("#report-queue").getByText("#" + id, new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)).click();
        assertThat(officer.locator("#work-status")).hasText("Open");
        assertNoViolations(officer);
        String workPage = officer.url().replaceFirst("\\?.*$", "");
        for (String vi : List.of("/operations/reports?lang=vi", "/operations/reports/moderation?lang=vi")) {
            officer.navigate(url(vi));
            assertNoViolations(officer);
        }
        officer.navigate(workPage + "?lang=vi");
        assertNoViolations(officer);
        officer.navigate(workPage + "?lang=en");
        officer.getByLabel("New status").selectOption(new SelectOption().setValue("FIXED"));
        officer.getByLabel("Public update (the resident reads it)").fill("The lamp was replaced this morning.");
        officer.getByText("Save", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(officer.locator("#work-status")).hasText("Fixed");
        officer.getByLabel("Add a photo of the work done (public)").setInputFiles(new FilePayload("after.jpg", "image/jpeg",
                ReportsWorkflowTest.jpegWithExif(300, 200, "")));
        officer.getByText("Add the photo", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(officer.locator("p.notice")).hasText("Saved.");
        officer.navigate(url("/operations/reports/moderation?lang=en"));
        assertThat(officer.locator("h1")).hasText("Residents' words and photos to review");
        assertNoViolations(officer);
        officer.getByLabel("The words and photos of report #" + id + " may stay public").click();
        assertThat(officer.locator("p.notice")).hasText("Saved.");
        officer.context().close();

        page.reload();
        assertThat(page.locator("#report-status")).hasText("Fixed");
        assertThat(page.locator(".photos img")).hasCount(2);
        assertThat(page.locator(".photos img").last()).hasAttribute("alt", "Photo 2 after the work");
        assertThat(page.locator(".timeline")).containsText("The lamp was replaced this morning.");
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> TestMailAndSms.lastMailTo(email).orElse("").contains("The lamp was replaced this morning."));
        page.navigate(url("/city/reports/" + id + "?lang=vi"));
        assertThat(page.locator("#report-status")).hasText("Đã khắc phục");
        assertNoViolations(page);
        page.navigate(url("/city/reports/new?lang=vi&service=" + category + "&ward=" + URLEncoder.encode(ward, StandardCharsets.UTF_8)
                + "&street=" + URLEncoder.encode("Trước số 45 Bạch Đằng", StandardCharsets.UTF_8)));
        assertThat(page.locator("h1")).hasText("Gửi phản ánh");
        assertNoViolations(page);
        page.navigate(url("/city/reports/new?lang=vi&service=" + category));
        assertThat(page.locator(".error-summary")).isVisible();
        assertNoViolations(page);

        // Weeks later the reporter is asked whether it is fixed (the question opened here by hand): a "no" reopens it.
        jdbc.sql("UPDATE report SET follow_up_sent_at = now() WHERE id = ?").param(Long.parseLong(id)).update();
        String token = jdbc.sql("SELECT token::text FROM report WHERE id = ?").param(Long.parseLong(id)).query(String.class).single();
        page.navigate(url("/city/reports/" + id + "/follow-up?lang=vi&token=" + token));
        assertNoViolations(page);
        page.navigate(url("/city/reports/" + id + "/follow-up?lang=en&token=" + token));
        assertNoViolations(page);
        page.getByLabel("No, it is not: open the report again").check();
        page.locator("form button.primary").click();
        assertThat(page.locator(".error-summary")).containsText("say what is still wrong");
        assertNoViolations(page);
        page.getByLabel("No, it is not: open the report again").check();
        page.getByLabel("What is still wrong? (public; the department reads it)").fill("The lamp went out again last night.");
        page.getByLabel("How well was it handled? (optional)").selectOption(new SelectOption().setValue("3"));
        page.locator("form button.primary").click();
        assertThat(page.locator("#report-status")).hasText("Open");
        assertThat(page.locator(".timeline")).containsText("The lamp went out again last night.");
        page.navigate(url("/city/reports/statistics?lang=en"));
        assertThat(page.locator("#report-statistics")).containsText("Broken street light " + suffix);
        assertNoViolations(page);
        page.navigate(url("/city/reports/statistics?lang=vi"));
        assertNoViolations(page);

        // The reporter signs in with the contact they gave: their reports are in one place.
        page.navigate(url("/residents/sign-in?lang=vi"));
        page.locator("#contact").fill(email);
        page.locator("form button.primary").click();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).orElse("").contains("Mã đăng nhập"));
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)")
                .matcher(TestMailAndSms.lastMailTo(email).orElseThrow());
        org.assertj.core.api.Assertions.assertThat(code.find()).isTrue();
        page.getByLabel("Mã sáu chữ số").fill(code.group(1));
        page.getByText("Đăng nhập", new Page.GetByTextOptions().setExact(true)).last().click();
        page.navigate(url("/residents/reports?lang=vi"));
        assertThat(page.locator("main")).containsText("#" + id);
        assertNoViolations(page);
        page.navigate(url("/residents/reports?lang=en"));
        assertThat(page.locator("h1")).hasText("My reports");
        assertNoViolations(page);
        phone.close();
    }

    /** Files a report through the form as a browser without JavaScript would: its kind, ward and point. */
    private void file(String service, String inWard, String lat, String lon) throws Exception {
        FormSession resident = new FormSession(url(""));
        resident.get("/city/reports/new?service=" + service + "&ward=" + URLEncoder.encode(inWard, StandardCharsets.UTF_8));
        HttpResponse<String> filed = resident.post("/city/reports/new", Map.of("service", service, "ward", inWard, "lat", lat,
                "lon", lon, "street", "", "description", "Filed for the queue's map " + suffix));
        org.assertj.core.api.Assertions.assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
    }

    @Test
    void anOfficerFiltersTheQueueByWardAndDepartmentAndSeesThoseReportsOnAStreetMap() throws Exception {
        // A second ward, answered by another department, with a kind of its own.
        String otherWard = "Phường công viên " + suffix;
        String parks = "parks-" + suffix;
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Công viên %s","nameEn":"Parks %s","wards":["%s"]}"""
                .formatted(parks, suffix, suffix, otherWard)).status()).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/report-services/tree-" + suffix, """
                {"nameVi": "Cây đổ %s", "nameEn": "Fallen tree %s", "department": "%s", "targetHours": 24}"""
                .formatted(suffix, suffix, parks)).status()).isEqualTo(201);
        file(category, ward, "16.06790", "108.22085");
        file(category, ward, "16.07010", "108.22300");
        file("tree-" + suffix, otherWard, "16.05000", "108.21000");
        int tilesBefore = TestTiles.REQUESTS.get();

        Page page = signedIn();
        page.navigate(url("/operations/reports?lang=en&status="));
        page.locator("#ward").selectOption(new SelectOption().setValue(ward));
        page.locator("form.filters button[type=submit]").click();
        assertThat(page.locator("#report-queue tbody tr")).hasCount(2);
        // The same two on the map, over the city's street tiles, with the tiles' credit.
        assertThat(page.locator("#queue-map-box")).isVisible();
        assertThat(page.locator("#queue-map path.leaflet-interactive")).hasCount(2);
        assertThat(page.locator("#queue-map img.leaflet-tile-loaded").first()).isVisible();
        assertThat(page.locator("#queue-map .leaflet-control-attribution")).containsText("Test tiles");
        org.assertj.core.api.Assertions.assertThat(TestTiles.REQUESTS.get()).isGreaterThan(tilesBefore);
        assertNoViolations(page);

        // Another department's reports, any ward: the fallen tree alone.
        page.locator("#ward").selectOption(new SelectOption().setValue(""));
        page.locator("#department").selectOption(new SelectOption().setValue(parks));
        page.locator("form.filters button[type=submit]").click();
        assertThat(page.locator("#report-queue tbody tr")).hasCount(1);
        assertThat(page.locator("#report-queue tbody tr")).containsText("Fallen tree " + suffix);
        assertThat(page.locator("#queue-map path.leaflet-interactive")).hasCount(1);
        page.context().close();
    }

    @Test
    void theFormWorksWithJavaScriptOff() {
        BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
                .setJavaScriptEnabled(false));
        Page page = noScript.newPage();
        page.navigate(url("/city/reports/new?lang=vi"));
        assertThat(page.locator("#locate")).isHidden();
        page.getByLabel("Đây là loại vấn đề gì?").selectOption(new SelectOption().setValue(category));
        page.getByText("Tiếp tục").click();
        assertThat(page.locator(".error-summary")).containsText("where the problem is");

        page.getByLabel("Đây là loại vấn đề gì?").selectOption(new SelectOption().setValue(category));
        page.getByLabel("Phường").selectOption(new SelectOption().setValue(ward));
        page.getByLabel("Số nhà, tên đường hoặc địa điểm dễ nhận biết").fill("Trước số 45 Bạch Đằng");
        page.getByText("Tiếp tục").click();
        page.getByLabel("Vấn đề là gì?").fill("Đèn đường tắt cả tuần nay.");
        page.locator("form button.primary").click();
        assertThat(page.locator("p.notice")).containsText("Cảm ơn bạn");
        assertThat(page.locator(".facts")).containsText("Trước số 45 Bạch Đằng");
        assertThat(page.locator(".facts")).containsText("Phòng Quản lý đô thị");
        noScript.close();
    }

    @Test
    void anAdministratorKeepsTheCatalogueOnItsPage() throws Exception {
        Page admin = signedIn();
        admin.navigate(url("/admin/report-services?lang=vi"));
        assertNoViolations(admin);
        admin.navigate(url("/admin/report-services?lang=en"));
        assertThat(admin.locator("h1")).hasText("What residents can report");
        assertNoViolations(admin);
        String code = "graffiti-" + suffix;
        admin.getByLabel("Code").fill(code);
        admin.getByLabel("Name in Vietnamese").fill("Vẽ bậy " + suffix);
        admin.getByLabel("Name in English").fill("Graffiti " + suffix);
        admin.getByLabel("Department", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setIndex(1));
        admin.getByLabel("Target time to fix (hours)").fill("96");
        admin.getByLabel("Extra questions").fill("[{\"code\": \"surface\", \"datatype\": \"singlevaluelist\", \"required\": true,"
                + " \"questionVi\": \"Vẽ trên gì?\", \"questionEn\": \"Painted on what?\", \"values\": [{\"key\": \"wall\","
                + " \"nameVi\": \"Tường\", \"nameEn\": \"A wall\"}]}]");
        admin.locator("form button.primary").click();
        assertThat(admin.locator("p.notice")).hasText("Saved.");
        assertThat(admin.locator("#catalogue")).containsText(code);

        admin.getByLabel("Extra questions").fill("[{\"code\": \"surface\"}]");
        admin.getByLabel("Code").fill("other-" + suffix);
        admin.getByLabel("Name in Vietnamese").fill("Khác");
        admin.getByLabel("Name in English").fill("Other");
        admin.locator("form button.primary").click();
        assertThat(admin.locator(".error-summary")).containsText("datatype");
        assertNoViolations(admin);
        admin.context().close();

        HttpResponse<String> definition = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url("/open311/v2/services/" + code + ".json"))).build(), HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(definition.body()).contains("\"datatype\":\"singlevaluelist\"")
                .contains("\"required\":true");
    }
}
