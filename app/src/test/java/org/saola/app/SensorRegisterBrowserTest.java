package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A resident on a phone finds the public sensor register, filters it, in Vietnamese and English; axe finds nothing. */
class SensorRegisterBrowserTest extends BrowserTest {

    @Test
    void aResidentFiltersTheRegisterOnAPhoneInBothLanguages() {
        String id = "cam-" + UUID.randomUUID().toString().substring(0, 6);
        client().post("/api/v1/devices", """
                {"id": "%s", "name": "Gauge %s", "profile": "water-level", "latitude": 16.06, "longitude": 108.22,
                 "owner": {"organisation": "River Watch"}, "purpose": "flood warnings"}""".formatted(id, id));
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        page.navigate(url("/?lang=vi"));
        page.getByText("Cảm biến trong thành phố").first().click();
        assertThat(page.locator("h1")).hasText("Cảm biến trong thành phố");
        assertNoViolations(page);

        page.getByLabel("Loại cảm biến").selectOption("water-level");
        page.getByLabel("Tìm theo tên, mục đích hoặc chủ sở hữu").fill("River Watch");
        page.getByText("Hiển thị").click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody tr")).containsText("Gauge " + id);
        assertThat(page.locator("tbody tr")).containsText("Trạm đo mực nước");
        assertThat(page.locator("#sensor-count")).hasText("1 cảm biến");
        assertNoViolations(page);

        page.navigate(url("/city/sensors?lang=en&q=River+Watch"));
        assertThat(page.locator("h1")).hasText("Sensors in the city");
        assertThat(page.locator("tbody tr")).containsText("Water level gauge");
        assertThat(page.locator("tbody tr")).containsText("In service");
        assertNoViolations(page);
    }
}
