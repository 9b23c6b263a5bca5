package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator issues a public warning on the page: its area drawn by clicking the map, a mistake (no end time)
 * shown at its field; the warning is on the public page; then it is cancelled with a reason; in Vietnamese and
 * English; axe finds nothing.
 */
class WarningWorkBrowserTest extends BrowserTest {

    @Autowired
    TestClock clock;

    @Test
    void anOperatorDrawsIssuesAndCancelsAWarning() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Page page = signedIn();
        page.navigate(url("/operations/alerts?lang=en"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Public warnings")).click();
        assertThat(page.locator("h1")).hasText("Public warnings");
        assertNoViolations(page);
        page.getByText("Issue a warning").click();
        page.getByLabel("Event, in Vietnamese").fill("Sạt lở");
        page.getByLabel("Event, in English").fill("Landslide");
        page.getByLabel("Earthquake, landslide").check();
        page.getByLabel("Headline, in Vietnamese (under 140 characters)").fill("Sạt lở đèo Hải Vân " + tag);
        page.getByLabel("Headline, in English (under 140 characters)").fill("Landslide on the Hai Van pass " + tag);
        page.getByLabel("What is happening, in Vietnamese").fill("Đất đá sạt xuống mặt đường.");
        page.getByLabel("What is happening, in English").fill("Rocks have fallen on the road.");
        page.getByLabel("What to do, in Vietnamese").fill("Đi đường hầm Hải Vân.");
        page.getByLabel("What to do, in English").fill("Take the Hai Van tunnel.");
        page.getByLabel("The area drawn or the circle, described in Vietnamese").fill("Đèo Hải Vân");
        page.getByLabel("The area drawn or the circle, described in English").fill("Hai Van pass");
        Locator map = page.locator("#draw-map");
        map.scrollIntoViewIfNeeded();
        map.click(new Locator.ClickOptions().setPosition(60, 60));
        map.click(new Locator.ClickOptions().setPosition(200, 70));
        map.click(new Locator.ClickOptions().setPosition(150, 200));
        org.assertj.core.api.Assertions.assertThat(page.getByLabel("Polygon (GeoJSON)").inputValue()).startsWith("{\"type\":\"Polygon\"");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue it")).click();
        assertThat(page.locator(".error-summary")).containsText("expires");
        assertThat(page.locator("#expires")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Event, in English")).hasValue("Landslide");
        assertNoViolations(page);

        String until = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(
                clock.instant().plus(Duration.ofHours(6)).atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        page.getByLabel("In effect until (the city's time)").fill(until);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue it")).click();
        assertThat(page.locator("p.notice[role='status']")).hasText("The warning is issued.");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("Landslide on the Hai Van pass " + tag));
        assertThat(row).containsText("In effect");
        assertNoViolations(page);
        org.assertj.core.api.Assertions.assertThat(client().anonymous().get("/public/v1/warnings").body())
                .contains("Landslide on the Hai Van pass " + tag);

        row.getByLabel("Why cancel").fill("the road is clear");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel it: Landslide on the Hai Van pass " + tag)).click();
        assertThat(page.locator("p.notice[role='status']")).hasText("The warning is cancelled.");
        assertThat(row).containsText("Cancelled");
        page.navigate(url("/operations/warnings?lang=vi"));
        assertThat(page.locator("h1")).hasText("Cảnh báo công khai");
        assertNoViolations(page);
        page.navigate(url("/operations/warnings/new?lang=vi"));
        assertThat(page.locator("h1")).hasText("Phát cảnh báo");
        assertNoViolations(page);
        page.context().close();
    }
}
