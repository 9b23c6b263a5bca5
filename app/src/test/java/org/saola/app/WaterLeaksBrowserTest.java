package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.context.ContextService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The water company's officer on the leaks page: last night's ranking with the planted leak first, the districts'
 * balance, a mistake in the settings shown at its place; in English and Vietnamese; axe finds nothing.
 */
class WaterLeaksBrowserTest extends BrowserTest {

    @Autowired
    ContextService context;

    @Autowired
    TestClock clock;

    @Test
    void anOfficerReadsLastNightsLeaks() {
        LocalDate morning = LocalDate.ofInstant(clock.instant(), WaterLeaksTest.CITY).minusDays(2);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String leaking = WaterLeaksTest.meter(context, "page", "Nhà có bồn cầu rò " + run, 11.005, 106.005, morning,
                h -> (WaterLeaksTest.asleep(h) ? 0 : 60) + 20);
        String inlet = WaterLeaksTest.meter(context, "page-inlet", "Đồng hồ tổng " + run, 11.001, 106.001, morning,
                h -> (WaterLeaksTest.asleep(h) ? 0 : 60) + 20);
        String settings = """
                {"districts": [{"id": "dma-%s", "name": "Khu %s", "inflowMeter": "%s",
                  "area": {"type": "Polygon", "coordinates": [[[106.0, 11.0], [106.01, 11.0], [106.01, 11.01], [106.0, 11.01], [106.0, 11.0]]]},
                  "properties": 1}]}
                """.formatted(run, run, inlet);
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/water/settings", settings).status()).isEqualTo(200);

        Page page = signedIn();
        page.navigate(url("/operations/waste?lang=en"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Water leaks")).click();
        assertThat(page.locator("h1")).hasText("Water leaks");
        page.getByLabel("The night that ended on").fill(morning.toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
        assertThat(page.locator("tr[data-suspect='" + leaking + "']")).containsText("480");
        assertThat(page.locator("tr[data-suspect='" + leaking + "']")).containsText("Behind a customer's meter");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Khu " + run))).isVisible();
        assertNoViolations(page);

        page.getByLabel("The settings as JSON").fill(settings.replace("\"properties\": 1", "\"properties\": -1"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the settings")).click();
        assertThat(page.locator("#problem")).containsText("districts[0].properties");
        assertThat(page.locator("#settings")).hasAttribute("aria-invalid", "true");
        assertNoViolations(page);

        page.navigate(url("/operations/water?lang=vi&morning=" + morning));
        assertThat(page.locator("h1")).hasText("Rò rỉ nước");
        assertThat(page.locator("tr[data-suspect='" + leaking + "']")).containsText("Sau đồng hồ của khách hàng");
        assertNoViolations(page);
        page.context().close();
    }
}
