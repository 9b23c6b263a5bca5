package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.context.ContextService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator on the waste collection pages: the containers' forecast, a fleet mistake shown at its field, a round
 * planned and its routes drawn on the map, a truck's route sheet; in English and Vietnamese; axe finds nothing.
 */
class WasteRoutesBrowserTest extends BrowserTest {

    @Autowired
    ContextService context;

    @Autowired
    TestClock clock;

    @Test
    void anOperatorPlansARoundAndPrintsATrucksSheet() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        SaolaClient.Response set = client().send("PUT", "/api/v1/waste/fleet", WasteRoutesTest.FLEET);
        org.assertj.core.api.Assertions.assertThat(set.status()).as(set.body()).isEqualTo(200);
        WasteRoutesTest.container(context, clock, "Chợ Cồn " + tag, 16.068, 108.214, 0.85, 0.08, Duration.ofMinutes(5));
        WasteRoutesTest.container(context, clock, "Nguyễn Văn Linh " + tag, 16.061, 108.209, 0.6, 0.05, Duration.ofMinutes(5));
        WasteRoutesTest.container(context, clock, "Công viên 29/3 " + tag, 16.058, 108.201, 0.05, 0.002, Duration.ofMinutes(5));

        Page page = signedIn();
        page.navigate(url("/operations/reports?lang=en"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Waste collection")).click();
        assertThat(page.locator("h1")).hasText("Waste collection rounds");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Chợ Cồn " + tag)))
                .containsText("Visit: full before the next round");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Công viên 29/3 " + tag))).containsText("Not due");
        assertNoViolations(page);

        page.getByLabel("The fleet as JSON: depots, trucks and how rounds are planned")
                .fill(WasteRoutesTest.FLEET.replace("\"capacityLitres\": 1000000", "\"capacityLitres\": -1"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the fleet")).click();
        assertThat(page.locator("#problem")).containsText("capacityLitres");
        assertThat(page.locator("#fleet")).hasAttribute("aria-invalid", "true");
        assertNoViolations(page);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Plan this round")).click();
        assertThat(page.locator("h1")).containsText("The round of");
        assertThat(page.locator("#plan-status strong")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#map path.leaflet-interactive").first()).isVisible();
        Locator firstRoute = page.locator("tbody tr").first();
        assertThat(firstRoute).containsText("Xe");
        assertNoViolations(page);
        String planUrl = page.url();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Route sheet of Xe 1")).click();
        assertThat(page.locator("h1")).hasText("Route sheet: Xe 1 (43C-001)");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Print"))).isVisible();
        assertNoViolations(page);

        page.navigate(planUrl + "?lang=vi");
        assertThat(page.locator("#plan-status strong")).hasText("Sẵn sàng");
        assertNoViolations(page);
        page.navigate(planUrl + "/trucks/43C-001?lang=vi");
        assertThat(page.locator("h1")).hasText("Phiếu tuyến: Xe 1 (43C-001)");
        assertNoViolations(page);
        page.navigate(url("/operations/waste?lang=vi"));
        assertThat(page.locator("h1")).hasText("Các chuyến thu gom rác");
        assertNoViolations(page);
        page.context().close();
    }
}
