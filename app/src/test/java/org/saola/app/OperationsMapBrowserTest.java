package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An operator in a real headless Chromium (Debian's package): signs in, opens the map, sees the stations,
 * switches language; axe-core finds no accessibility violations on the login and map pages.
 */
class OperationsMapBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.saola.devices.health.HealthWatch watch;

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    @Test
    void operatorSignsInAndSeesEveryStationOnTheMap() {
        SaolaClient admin = client();
        List<SaolaClient.Device> stations = List.of(
                admin.registerStation("browser-1", 16.05, 108.21),
                admin.registerStation("browser-2", 16.07, 108.19),
                admin.registerStation("browser-3", 16.02, 108.25));
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, stations.get(0))) {
            mqtt.publish(stations.get(0).topic(), "{\"pm25\": 62.5, \"pm10\": 90, \"dateObserved\": \"" + clock.instant() + "\"}");
        }

        // the health watch has looked at them: the one that reported is working, the others are not due yet
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            watch.check();
            return watch.health(org.saola.platform.TenantId.DEFAULT, "browser-1").status()
                    == org.saola.devices.health.HealthRules.Status.OK;
        });
        Page page = signedIn();
        assertThat(page.locator("h1")).hasText("Bản đồ điều hành: chất lượng không khí");
        for (SaolaClient.Device s : stations) {
            assertThat(page.locator(".leaflet-marker-icon[data-station='" + s.id() + "']")).hasCount(1);
            assertThat(page.locator("tr[data-station='" + s.id() + "']")).hasCount(1);
        }
        assertThat(page.locator("tr[data-station='browser-1'] td").first()).hasText("Hoạt động tốt");
        assertThat(page.locator("tr[data-station='browser-2'] td").first()).hasText("Chưa gửi dữ liệu");

        page.locator(".leaflet-marker-icon[data-station='browser-1']").click();
        assertThat(page.locator(".leaflet-popup-content")).containsText("62.5 µg/m³");

        page.getByText("English").click();
        assertThat(page.locator("h1")).hasText("Operations map: air quality");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("tr[data-station='browser-1'] td").first()).hasText("Working");
        page.context().close();
    }

    @Test
    void loginAndMapPagesHaveNoAccessibilityViolations() {
        Page login = browser.newPage();
        login.navigate(url("/login"));
        assertNoViolations(login);
        login.navigate(url("/login?error"));
        assertNoViolations(login);
        login.close();

        client().registerStation("browser-a11y", 16.04, 108.2);
        Page map = signedIn();
        map.locator(".leaflet-marker-icon").first().waitFor();
        assertNoViolations(map);
        map.navigate(url("/operations/map?lang=en"));
        map.locator(".leaflet-marker-icon").first().waitFor();
        assertNoViolations(map);
        map.context().close();
    }

    @Test
    void theMapIsBehindSignIn() {
        Page page = browser.newPage();
        page.navigate(url("/operations/map"));
        assertThat(page).hasURL(url("/login"));
        page.close();
    }
}
