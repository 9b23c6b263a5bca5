package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The staff's alert list in a real browser: a rule's alert appears with its message in the reader's language,
 * an operator acknowledges and resolves it from the list, and axe finds nothing to fix in either language.
 */
class AlertPagesBrowserTest extends BrowserTest {

    @Test
    void anOperatorSeesAnAlertAcknowledgesAndResolvesIt() {
        String type = "Gauge" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "severity": "SEVERE",
                 "messageVi": "Mực nước {{waterLevel}} m", "messageEn": "Water level {{waterLevel}} m"}"""
                .formatted("page rule " + type, type)).status()).isEqualTo(201);
        String id = "urn:ngsi-ld:" + type + ":1";
        client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 3.4}}""".formatted(id, type));
        await().atMost(Duration.ofSeconds(10)).until(() -> client().get("/api/v1/alerts?entityId=" + id).json().size() == 1);

        Page page = signedIn();
        page.navigate(url("/operations/alerts?lang=vi"));
        assertThat(page.locator("h1")).hasText("Cảnh báo");
        var row = page.locator("#alert-list tr[data-entity='" + id + "']");
        assertThat(row).containsText("Mực nước 3.4 m");
        assertThat(row).containsText("Nghiêm trọng");
        assertThat(row).containsText("Mới phát sinh");
        assertNoViolations(page);

        page.navigate(url("/operations/alerts?lang=en"));
        row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Acknowledge: Water level 3.4 m")).click();
        assertThat(page.locator("p.notice[role='status']")).hasText("The alert is acknowledged.");
        assertThat(row).containsText("Acknowledged");
        assertThat(row).containsText("by admin");
        assertNoViolations(page);
        row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Resolve: Water level 3.4 m")).click();
        assertThat(page.locator("p.notice[role='status']")).hasText("The alert is resolved.");
        assertThat(row).hasCount(0);
        page.navigate(url("/operations/alerts?status=RESOLVED&lang=en"));
        assertThat(row).containsText("Resolved");
        assertNoViolations(page);
        page.context().close();
    }

    @Test
    void aNewAlertAppearsWithoutReloadingThePage() {
        String type = "Gauge" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/rules", """
                {"name": "%s", "entityType": "%s", "condition": "waterLevel >= 3.0", "clearCondition": "waterLevel < 2.0",
                 "severity": "EXTREME", "messageVi": "Mực nước {{waterLevel}} m", "messageEn": "Water level {{waterLevel}} m"}"""
                .formatted("live rule " + type, type)).status()).isEqualTo(201);
        String id = "urn:ngsi-ld:" + type + ":1";
        client().post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "waterLevel": {"type": "Property", "value": 1.0}}""".formatted(id, type));

        Page page = signedIn();
        page.navigate(url("/operations/alerts?lang=en"));
        var row = page.locator("#alert-list tr[data-entity='" + id + "']");
        assertThat(row).hasCount(0);
        page.evaluate("window.notReloaded = true");
        client().send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel", "{\"value\": 3.7}");
        assertThat(row).containsText("Water level 3.7 m", new com.microsoft.playwright.assertions.LocatorAssertions
                .ContainsTextOptions().setTimeout(15_000));
        assertThat(row).containsText("Extreme");
        org.assertj.core.api.Assertions.assertThat(page.evaluate("window.notReloaded")).as("the same page").isEqualTo(true);
        assertNoViolations(page);

        client().send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/waterLevel", "{\"value\": 1.5}");
        assertThat(row).hasCount(0, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                .setTimeout(15_000));
        page.context().close();
    }
}
