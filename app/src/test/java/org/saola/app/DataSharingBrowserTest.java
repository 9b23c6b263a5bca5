package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Staff record a data-sharing agreement on its page without writing JSON (the fields shared ticked), issue the
 * party's key and see each use; the public list shows the agreement on a phone. Every page passes axe-core's
 * WCAG 2.1 AA checks in Vietnamese and English.
 */
class DataSharingBrowserTest extends BrowserTest {

    @Test
    void staffRecordAnAgreementIssueAKeyAndSeeItsUsesAndThePublicListsIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String type = "BrowserShared" + suffix.replace("-", "");
        SaolaClient.Response entity = client().send("POST", "/ngsi-ld/v1/entities", """
                {"id":"urn:ngsi-ld:%s:1","type":"%s","speed":{"type":"Property","value":42}}""".formatted(type, type),
                "Content-Type", "application/json");
        org.assertj.core.api.Assertions.assertThat(entity.status()).as(entity.body()).isEqualTo(201);
        String dataset = "browser-shared-" + suffix;
        SaolaClient.Response published = client().post("/api/v1/opendata/datasets", """
                {"source":"context.latest:%s","name":"%s","access":"shared"}""".formatted(type, dataset));
        org.assertj.core.api.Assertions.assertThat(published.status()).as(published.body()).isEqualTo(201);

        Page staff = signedIn();
        staff.navigate(url("/admin/data-sharing?lang=en"));
        assertThat(staff.locator("h1")).hasText("Data shared under agreements");
        assertNoViolations(staff);
        String title = "Traffic study " + suffix;
        staff.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill(title);
        staff.getByLabel("Name of the city or partner (for a department: leave empty)").fill("Polytechnic " + suffix);
        staff.getByLabel("Whom you deal with (not published)").fill("research-office@poly.example");
        staff.getByLabel("For what").fill("Modelling rush-hour congestion");
        staff.getByLabel("Legal basis").fill("Decree 47/2020, article 15");
        staff.getByLabel("Terms of use").fill("Research only; no onward sharing");
        staff.getByLabel("Ownership of the data and of what is made from it").fill("The city owns the data; results are published openly");
        staff.getByLabel("Until").fill("2030-06-30");
        Locator fields = staff.locator("fieldset").filter(new Locator.FilterOptions().setHasText(type));
        fields.getByLabel("Entity id (entity_id)").check();
        fields.getByLabel("Value as a number (number)").check();
        staff.getByText("Record the agreement").click();
        assertThat(staff.locator("h1")).hasText(title);
        assertThat(staff.locator("p.notice")).hasText("Saved.");
        assertThat(staff.locator("dl.facts")).containsText("research-office@poly.example");
        assertNoViolations(staff);

        staff.getByLabel("What will use the key").fill("research server");
        staff.getByText("Issue a key").click();
        String key = staff.locator("#secret").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(key).startsWith("saola-share_");
        SaolaClient.Response show = client().anonymous().get("/api/3/action/package_show?id=" + dataset, "Authorization", key);
        org.assertj.core.api.Assertions.assertThat(show.status()).as(show.body()).isEqualTo(200);
        staff.reload();
        assertThat(staff.locator("#secret")).hasCount(0);                      // shown once
        assertThat(staff.locator("table tbody tr").first()).containsText("package_show");
        assertNoViolations(staff);
        staff.navigate(staff.url().replace("?lang=en", "") + "?lang=vi");
        assertThat(staff.locator("h2#uses")).hasText("Mọi lần sử dụng");
        assertNoViolations(staff);
        staff.context().close();

        Page phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        phone.navigate(url("/city/data/agreements?lang=vi"));
        assertThat(phone.locator("h1")).hasText("Dữ liệu thành phố chia sẻ theo thỏa thuận");
        Locator listed = phone.locator("article").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(listed).containsText("Polytechnic " + suffix);
        assertThat(listed).containsText("đã dùng 1 lần");
        assertThat(listed).not().containsText("research-office");
        assertNoViolations(phone);
        phone.navigate(url("/city/data/agreements?lang=en"));
        assertNoViolations(phone);
        phone.navigate(url("/city/data?lang=en"));
        phone.getByText("Data that is not open is shared only under agreements, all listed here.").click();
        assertThat(phone.locator("h1")).hasText("Data the city shares under agreements");
        phone.context().close();
    }
}
