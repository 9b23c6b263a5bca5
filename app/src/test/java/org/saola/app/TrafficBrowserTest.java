package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.context.ContextService;
import org.saola.domains.traffic.CongestionWatch;
import org.springframework.beans.factory.annotation.Autowired;

/** An operator reads the traffic page: the accident of the last hour among the abnormal hours; both languages; axe. */
class TrafficBrowserTest extends BrowserTest {

    @Autowired
    ContextService context;

    @Autowired
    CongestionWatch watch;

    @Test
    void anOperatorSeesTheAccidentAgainstTheRoadsUsual() {
        org.assertj.core.api.Assertions.assertThat(client().send("PUT", "/api/v1/traffic/settings", "{\"lookbackDays\": 7}").status())
                .isEqualTo(200);
        Instant hour = watch.currentHour().minus(Duration.ofHours(1));
        String name = "Đường Trần Phú " + UUID.randomUUID().toString().substring(0, 6);
        String id = TrafficCongestionTest.counter(context, name, hour.plus(Duration.ofHours(1)), h -> h.equals(hour) ? 8.0 : 40.0);

        Page page = signedIn();
        page.navigate(url("/operations/water?lang=en"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Traffic")).click();
        assertThat(page.locator("h1")).hasText("Traffic congestion");
        assertThat(page.locator("tr[data-segment='" + id + "']")).containsText("400%");
        assertThat(page.locator("tr[data-segment='" + id + "']")).containsText(name);
        assertNoViolations(page);
        page.navigate(url("/operations/traffic?lang=vi"));
        assertThat(page.locator("h1")).hasText("Ùn tắc giao thông");
        assertNoViolations(page);
        page.context().close();
    }
}
