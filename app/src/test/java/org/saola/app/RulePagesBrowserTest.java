package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An operator writes a rule on the page: a mistake in the condition is shown at its field with its line and column,
 * the rule is tried on the last day's history before it is saved, saved, switched off, and exported; in Vietnamese
 * and English; axe finds nothing.
 */
class RulePagesBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    @Test
    void anOperatorWritesTriesSavesAndSwitchesOffARule() {
        String type = "Canal" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        String name = "canal rule " + type;
        // An hour ago by the platform's clock (other tests move it on).
        client().post("/ngsi-ld/v1/entities", """
                {"id": "urn:ngsi-ld:%s:1", "type": "%s", "waterLevel": {"type": "Property", "value": 3.6, "observedAt": "%s"}}"""
                .formatted(type, type, clock.instant().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));

        Page page = signedIn();
        page.navigate(url("/operations/alerts?lang=en"));
        page.getByText("The rules that raise alerts").click();
        assertThat(page.locator("h1")).hasText("Rules");
        assertNoViolations(page);
        page.getByText("Write a rule").click();
        assertThat(page.locator("h1")).hasText("Write a rule");
        page.getByLabel("Rule", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Entity type").fill(type);
        page.getByLabel("Condition", new Page.GetByLabelOptions().setExact(true)).fill("waterLevel >= ");
        page.getByLabel("Message in Vietnamese").fill("Kênh ngập {{waterLevel}} m");
        page.getByLabel("Message in English").fill("Canal flooded {{waterLevel}} m");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator(".error-summary")).containsText("line 1");
        assertThat(page.locator("#condition")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Rule", new Page.GetByLabelOptions().setExact(true))).hasValue(name);
        assertNoViolations(page);

        page.getByLabel("Condition", new Page.GetByLabelOptions().setExact(true)).fill("waterLevel >= 3.0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try it on the last 24 hours")).click();
        assertThat(page.locator("#trial-heading")).isVisible();
        assertThat(page.locator("section[aria-labelledby='trial-heading'] p[role='status']")).containsText("1 entities");
        assertThat(page.locator("section[aria-labelledby='trial-heading'] table")).containsText("urn:ngsi-ld:" + type + ":1");
        assertNoViolations(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("p.notice[role='status']")).hasText("Saved: " + name + ".");
        var row = page.locator("tr[data-rule='" + name + "']");
        assertThat(row).containsText("waterLevel >= 3.0");
        row.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Switch off: " + name)).click();
        assertThat(row).containsText("Off");
        assertNoViolations(page);
        org.assertj.core.api.Assertions.assertThat(page.request().get(url("/operations/rules/export")).text()).contains(name);

        page.navigate(url("/operations/rules?lang=vi"));
        assertThat(page.locator("h1")).hasText("Quy tắc");
        assertThat(row).containsText("Tắt");
        assertNoViolations(page);
        page.navigate(url("/operations/rules/new?lang=vi"));
        assertThat(page.locator("h1")).hasText("Viết quy tắc");
        assertNoViolations(page);
        page.context().close();
    }
}
