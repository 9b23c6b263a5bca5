package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Staff find a device in the register and see on its page what it sent that was refused, in both languages. */
class DevicePagesBrowserTest extends BrowserTest {

    @Test
    void staffSeeADevicesRefusedReadingsOnItsPage() {
        String id = "page-bin-" + UUID.randomUUID().toString().substring(0, 6);
        SaolaClient.Device bin = client().registerDevice(id, "waste-container", 16.05, 108.2);
        String basic = "Basic " + Base64.getEncoder().encodeToString((bin.username() + ":" + bin.secret())
                .getBytes(StandardCharsets.UTF_8));
        client().anonymous().send("POST", "/api/v1/telemetry", "{\"fillPercent\": 250}", "Authorization", basic);

        Page page = signedIn();
        page.navigate(url("/operations/devices?lang=vi"));
        assertThat(page.locator("h1")).hasText("Thiết bị");
        assertNoViolations(page);
        page.getByLabel("Loại cảm biến").selectOption("waste-container");
        page.locator("form.filters button").click();
        assertThat(page.locator("tr[data-device='" + id + "']")).containsText("Thùng rác thông minh");
        page.locator("tr[data-device='" + id + "'] a").click();
        assertThat(page.locator("h1")).hasText("Device " + id);
        assertThat(page.locator("tbody")).containsText("fillPercent must be between 0 and 1 C62 once scaled; got 2.5 (sent 250)");
        assertThat(page.locator(".facts")).containsText("urn:ngsi-ld:WasteContainer:" + id);
        assertNoViolations(page);

        page.navigate(url("/operations/devices/" + id + "?lang=en"));
        assertThat(page.locator("#rejections-heading")).containsText("what it sent that was refused");
        assertThat(page.locator("#counts-heading + ul")).containsText("OUT_OF_SCHEMA: once");
        assertNoViolations(page);
        page.navigate(url("/operations/devices?lang=en"));
        assertNoViolations(page);
        page.navigate(url("/operations/devices?lang=vi"));
        page.context().close();
    }
}
