package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.saola.context.ContextService;
import org.springframework.beans.factory.annotation.Autowired;

/** The lighting officer's page: the failed lamp among the lamps to repair, the night's energy; both languages; axe. */
class StreetLightingBrowserTest extends BrowserTest {

    @Autowired
    ContextService context;

    @Autowired
    TestClock clock;

    @Test
    void theFailedLampIsListedToRepair() {
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/lighting/settings", "{}").status()).isEqualTo(200);
        LocalDate morning = LocalDate.ofInstant(clock.instant(), StreetLightingTest.CITY).minusDays(4);
        StreetLightingTest.light(context, "page-a", morning, m -> 110);
        StreetLightingTest.light(context, "page-b", morning, m -> 110);
        String failed = StreetLightingTest.light(context, "page-hong", morning, m -> 1);

        Page page = signedIn();
        page.navigate(url("/operations/traffic?lang=en"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Street lighting")).click();
        assertThat(page.locator("h1")).hasText("Street lighting");
        page.getByLabel("The night that ended on").fill(morning.toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
        assertThat(page.locator("tr[data-light='" + failed + "']")).containsText("Lamp failed");
        assertNoViolations(page);
        page.navigate(url("/operations/lighting?lang=vi&morning=" + morning));
        assertThat(page.locator("h1")).hasText("Chiếu sáng đô thị");
        assertThat(page.locator("tr[data-light='" + failed + "']")).containsText("Bóng hỏng");
        assertNoViolations(page);
        page.context().close();
    }
}
