package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Staff find a device in the register and see on its page its health, its maintenance work items and what it sent
 * that was refused, in both languages.
 */
class DevicePagesBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.saola.devices.health.HealthWatch watch;

    @Test
    void staffSeeADevicesRefusedReadingsOnItsPage() {
        String id = "page-bin-" + UUID.randomUUID().toString().substring(0, 6);
        SaolaClient.Device bin = client().registerDevice(id, "waste-container", 16.05, 108.2);
        String basic = "Basic " + Base64.getEncoder().encodeToString((bin.username() + ":" + bin.secret())
                .getBytes(StandardCharsets.UTF_8));
        client().anonymous().send("POST", "/api/v1/telemetry", "{\"fillPercent\": 250}", "Authorization", basic);

        watch.check();
        Page page = signedIn();
        page.navigate(url("/operations/devices?lang=vi"));
        assertThat(page.locator("#work-items tr[data-device='" + id + "']")).containsText("giá trị ngoài ngưỡng");
        assertThat(page.locator("#by-profile tr[data-profile='waste-container']")).isVisible();
        assertThat(page.locator("h1")).hasText("Thiết bị");
        assertNoViolations(page);
        page.getByLabel("Loại cảm biến").selectOption("waste-container");
        page.locator("form.filters button").click();
        assertThat(page.locator("#device-list tr[data-device='" + id + "']")).containsText("Thùng rác thông minh");
        assertThat(page.locator("#device-list tr[data-device='" + id + "'] td.health")).containsText("Cần kiểm tra: giá trị ngoài ngưỡng");
        page.locator("#device-list tr[data-device='" + id + "'] a").click();
        assertThat(page.locator("h1")).hasText("Device " + id);
        assertThat(page.locator("table[aria-labelledby='rejections-heading'] tbody")).containsText("fillPercent must be between 0 and 1 C62 once scaled; got 2.5 (sent 250)");
        assertThat(page.locator(".facts").first()).containsText("urn:ngsi-ld:WasteContainer:" + id);
        assertThat(page.locator("#health")).containsText("giá trị ngoài ngưỡng");
        assertThat(page.locator("#work-items")).containsText("giá trị ngoài ngưỡng");
        assertNoViolations(page);

        page.navigate(url("/operations/devices/" + id + "?lang=en"));
        assertThat(page.locator("#rejections-heading")).containsText("what it sent that was refused");
        assertThat(page.locator("#counts-heading + ul")).containsText("OUT_OF_RANGE: once");
        assertNoViolations(page);
        page.navigate(url("/operations/devices?lang=en"));
        assertNoViolations(page);
        page.navigate(url("/operations/devices?lang=vi"));
        page.context().close();
    }

    @Test
    void staffChangeWhatTheRegisterSaysAndAreToldPreciselyWhatIsMissing() {
        String id = "page-cam-" + UUID.randomUUID().toString().substring(0, 6);
        client().registerDevice(id, "noise", 16.05, 108.21);
        Page page = signedIn();
        page.navigate(url("/operations/devices/" + id + "?lang=en"));
        page.getByLabel("Why it is there").fill("counts noise peaks at night for the ward's complaints");
        page.getByLabel("Personal data it collects (empty if none)").fill("short audio snippets");
        page.getByLabel("Installed on").fill("2026-05-01");
        page.locator("#register-form button").click();

        assertThat(page.locator("#problem")).containsText("legal basis");
        assertThat(page.getByLabel("Personal data it collects (empty if none)")).hasValue("short audio snippets");
        assertThat(page.getByLabel("Legal basis for collecting it")).hasAttribute("aria-invalid", "true");
        assertNoViolations(page);

        page.getByLabel("Legal basis for collecting it").fill("Decision 12/QD-UBND on noise monitoring");
        page.locator("#register-form button").click();
        assertThat(page.locator("p.notice[role=status]")).containsText("Saved");
        tools.jackson.databind.JsonNode entry = client().anonymous().get("/public/v1/sensors?q=" + id).json().get(0);
        org.assertj.core.api.Assertions.assertThat(entry.get("purpose").asString())
                .isEqualTo("counts noise peaks at night for the ward's complaints");
        org.assertj.core.api.Assertions.assertThat(entry.get("personalData").asString()).isEqualTo("short audio snippets");
        org.assertj.core.api.Assertions.assertThat(entry.get("installedOn").asString()).isEqualTo("2026-05-01");
        page.navigate(url("/operations/devices/" + id + "?lang=vi"));
        assertThat(page.locator("#edit-heading")).hasText("Sửa thông tin công bố của cảm biến");
        assertNoViolations(page);
    }

    @Test
    void staffSendAStreetLightACommandFromItsPageAndSeeItsState() {
        String id = "page-light-" + UUID.randomUUID().toString().substring(0, 6);
        client().registerDevice(id, "street-light", 16.05, 108.22);
        Page page = signedIn();
        page.navigate(url("/operations/devices/" + id + "?lang=en"));
        page.getByLabel("Command", new Page.GetByLabelOptions().setExact(true)).selectOption("dim");
        page.getByLabel("Value, for a command that takes one").fill("1.5");
        page.locator("#command-form button").click();
        assertThat(page.locator("#command-problem")).containsText("between 0.0 and 1.0");
        assertNoViolations(page);
        page.getByLabel("Value, for a command that takes one").fill("0,4");
        page.locator("#command-form button").click();
        assertThat(page.locator("p.notice[role=status]")).containsText("Command sent");
        assertThat(page.locator("#commands tbody")).containsText("dim 0.4");
        page.navigate(url("/operations/devices/" + id + "?lang=vi"));
        assertThat(page.locator("#commands-heading")).hasText("Lệnh điều khiển");
        assertNoViolations(page);
    }
}
