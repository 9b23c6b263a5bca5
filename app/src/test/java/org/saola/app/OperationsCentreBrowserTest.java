package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operations centre in a real browser: every module's figures, the map with its layers, and what needs
 * attention; a new alert appears in the list, in the figures and on the map without reloading the page; in
 * Vietnamese and English; axe finds nothing.
 */
class OperationsCentreBrowserTest extends BrowserTest {

    @Test
    void anOperatorSeesTheCityAndANewAlertArrivesWithoutReload() {
        String type = "Gauge" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "EXTREME",
                 "messageVi": "Nước tràn đê tại {{id}}", "messageEn": "Water over the dyke at {{id}}"}"""
                .formatted("centre rule " + type, type)).status()).isEqualTo(201);

        Page page = signedIn();
        page.navigate(url("/operations?lang=en"));
        assertThat(page.locator("h1")).hasText("Operations centre");
        assertThat(page.locator("li[data-tile='alerts']")).containsText("Open alerts");
        assertThat(page.locator("li[data-tile='devices']")).containsText("Devices working");
        assertThat(page.locator("li[data-tile='reports']")).containsText("Open reports");
        assertThat(page.getByLabel("Open alerts", new Page.GetByLabelOptions().setExact(true))).isChecked();
        assertThat(page.getByLabel("Residents' reports")).not().isChecked();
        assertNoViolations(page);

        String id = "urn:ngsi-ld:" + type + ":1";
        client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 3.4},
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.22, 16.06]}}}"""
                .formatted(id, type));
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/alerts?entityId=" + id).json().size() == 1);
        // No reload: the alerts' stream tells the page, which fetches its parts again.
        assertThat(page.locator("#attention")).containsText("Water over the dyke at " + id,
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
        assertThat(page.locator("li[data-tile='alerts']")).hasAttribute("data-status", "ALERT");
        page.getByLabel("Residents' reports").check();
        assertNoViolations(page);

        page.navigate(url("/operations?lang=vi"));
        assertThat(page.locator("h1")).hasText("Trung tâm điều hành");
        assertThat(page.locator("#attention")).containsText("Nước tràn đê tại " + id);
        assertThat(page.locator("#ops-map path.leaflet-interactive").first()).isVisible();
        assertNoViolations(page);
        page.context().close();
    }
}
