package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A resident on a phone finds the warnings in effect from the menu, reads what to do and where, opens one and sees
 * its messages (issued, updated) and their CAP files, in Vietnamese and English; the areas are drawn on the map;
 * axe finds nothing.
 */
class WarningsBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    @Test
    void aResidentReadsTheWarningsInEffectOnAPhone() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String draft = """
                {"categories": ["Met"], "event": {"vi": "Lũ", "en": "Flood"}, "urgency": "Immediate",
                 "severity": "%s", "certainty": "Observed", "expires": "%s",
                 "headline": {"vi": "Lũ sông Hàn %s", "en": "Han river flood %s"},
                 "description": {"vi": "Nước tràn qua đường Bạch Đằng.", "en": "Water is over Bach Dang street."},
                 "instruction": {"vi": "Tránh đường Bạch Đằng.", "en": "Avoid Bach Dang street."},
                 "areas": [{"description": {"vi": "Bờ tây sông Hàn", "en": "West bank of the Han"},
                            "polygon": {"type": "Polygon", "coordinates": [[[108.22, 16.06], [108.226, 16.06], [108.226, 16.08], [108.22, 16.08]]]}},
                           {"description": {"vi": "Quanh cầu Rồng", "en": "Around the Dragon bridge"},
                            "circle": {"latitude": 16.0613, "longitude": 108.2274, "radiusKm": 0.5}}]}""";
        String expires = clock.instant().plus(Duration.ofHours(3)).toString();
        SaolaClient.Response issued = client().post("/api/v1/warnings", draft.formatted("Severe", expires, suffix, suffix));
        org.assertj.core.api.Assertions.assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String id = issued.json().get("id").asString();
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/warnings/" + id + "/updates",
                draft.formatted("Extreme", expires, suffix, suffix)).status()).isEqualTo(201);

        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        page.navigate(url("/?lang=vi"));
        page.getByText("Cảnh báo").first().click();
        assertThat(page.locator("h1")).hasText("Cảnh báo sớm");
        assertThat(page.locator("article").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Lũ sông Hàn " + suffix)))
                .containsText("Tránh đường Bạch Đằng.");
        assertThat(page.locator("#map path.leaflet-interactive").first()).isVisible();
        assertNoViolations(page);

        page.getByText("Lũ sông Hàn " + suffix).click();
        assertThat(page.locator("h1")).hasText("Lũ sông Hàn " + suffix);
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("Đang có hiệu lực");
        assertThat(page.locator("table tbody tr")).hasCount(2);
        assertThat(page.locator("table tbody tr").first()).containsText("Cập nhật");
        assertThat(page.locator("#map path.leaflet-interactive")).hasCount(2);
        assertNoViolations(page);

        page.navigate(url("/city/warnings/" + id + "?lang=en"));
        assertThat(page.locator("h1")).hasText("Han river flood " + suffix);
        assertThat(page.getByText("Extreme danger")).isVisible();
        assertNoViolations(page);
        String cap = page.locator("table tbody tr a").first().getAttribute("href");
        org.assertj.core.api.Assertions.assertThat(client().anonymous().get(cap).body()).contains("<msgType>Update</msgType>");
        page.navigate(url("/city/warnings?lang=vi"));
        page.getByText("Nhận cảnh báo: thông báo, e-mail hoặc tin nhắn").click();
        assertThat(page.locator("h1")).hasText("Nhận cảnh báo");
        assertThat(page.getByText("Đăng nhập bằng e-mail hoặc số điện thoại để chọn")).isVisible();
        // notifications in this browser need no sign-in: the form shows where the browser can take them
        assertThat(page.locator("#push-form")).isVisible();
        assertThat(page.locator("#push-none")).isHidden();
        page.getByText("Gửi cảnh báo tới trình duyệt này").click();
        assertThat(page.locator("#push-status")).hasText("Hãy chọn ít nhất một phường, hoặc mọi cảnh báo của thành phố.");
        assertNoViolations(page);
        org.assertj.core.api.Assertions.assertThat(page.navigate(url("/city/warnings/" + UUID.randomUUID() + "?lang=en"))
                .status()).isEqualTo(404);
    }

    /** A resident signed in by a code chooses a ward on the subscription page, in both languages; axe finds nothing. */
    @Test
    void aSignedInResidentChoosesTheWardsWhoseWarningsTheyAreSent() {
        String ward = "Phước Mỹ " + UUID.randomUUID().toString().substring(0, 4);
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/departments", """
                {"code":"pctt-%s","nameVi":"Phòng chống thiên tai","nameEn":"Disaster prevention","wards":["%s"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 6), ward)).status()).isEqualTo(201);
        String address = "lan." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        page.navigate(url("/city/warnings/subscribe?lang=vi"));
        page.getByText("Đăng nhập bằng e-mail hoặc số điện thoại để chọn").click();
        page.getByLabel("Thư điện tử hoặc số điện thoại").fill(address);
        page.getByText("Gửi mã cho tôi").click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> TestMailAndSms.lastMailTo(address).isPresent());
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)")
                .matcher(TestMailAndSms.lastMailTo(address).orElseThrow());
        code.find();
        page.getByLabel("Mã sáu chữ số").fill(code.group(1));
        page.getByText("Đăng nhập", new Page.GetByTextOptions().setExact(true)).last().click();
        assertThat(page.locator("h1")).hasText("Nhận cảnh báo");
        assertThat(page.locator("#mail-form p[role='status']")).hasText("Bạn chưa đăng ký nhận cảnh báo.");
        assertNoViolations(page);
        page.locator("#mail-form").getByLabel(ward).check();
        page.getByText("Lưu", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("#mail-form p[role='status']")).hasText("Bạn nhận cảnh báo cho: " + ward + ".");
        assertNoViolations(page);
        page.navigate(url("/city/warnings/subscribe?lang=en"));
        assertThat(page.locator("#mail-form p[role='status']")).hasText("You are sent the warnings for: " + ward + ".");
        assertNoViolations(page);
        page.context().close();
    }
}
