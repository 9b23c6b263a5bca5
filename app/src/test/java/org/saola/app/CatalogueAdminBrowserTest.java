package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An admin runs the catalogue from its pages, without writing JSON: switches on what a module offers (its
 * description, publisher and access chosen on a form), describes it again, publishes a GeoJSON file and sees its
 * first rows, and takes a dataset out. Every page passes axe-core's WCAG 2.1 AA checks in Vietnamese and English.
 */
class CatalogueAdminBrowserTest extends BrowserTest {

    @Test
    void anAdminPublishesDescribesUploadsAndTakesOutFromThePages() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String type = "PageProbe" + suffix.replace("-", "");
        SaolaClient.Response entity = client().send("POST", "/ngsi-ld/v1/entities", """
                {"id":"urn:ngsi-ld:%s:1","type":"%s","level":{"type":"Property","value":7.5}}""".formatted(type, type),
                "Content-Type", "application/json");
        org.assertj.core.api.Assertions.assertThat(entity.status()).as(entity.body()).isEqualTo(201);

        Page page = signedIn();
        page.navigate(url("/admin/opendata?lang=en"));
        assertThat(page.locator("h1")).hasText("The open-data catalogue");
        assertNoViolations(page);
        page.locator("ul.offers a[href*='context.latest:" + type + "']").click();
        assertThat(page.locator("h1")).containsText("Publish");
        assertNoViolations(page);
        String name = "page-probe-" + suffix;
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Title in English").fill("Probe levels " + suffix);
        page.getByText("Publish", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("p.notice")).hasText("Saved.");
        assertThat(page.locator("#preview-caption")).hasText("The first 1 of 1 rows");
        org.assertj.core.api.Assertions.assertThat(client().anonymous().get("/api/3/action/package_show?id=" + name).status()).isEqualTo(200);
        assertNoViolations(page);

        // Shared from now on: it leaves every public place.
        page.getByLabel("Only under data-sharing agreements").check();
        page.getByText("Save", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("p.notice")).hasText("Saved.");
        org.assertj.core.api.Assertions.assertThat(client().anonymous().get("/api/3/action/package_show?id=" + name).status()).isEqualTo(403);

        // A GeoJSON file, published and previewed.
        page.navigate(url("/admin/opendata?lang=vi"));
        assertNoViolations(page);
        String schools = "truong-trang-" + suffix;
        page.getByLabel("Tệp (CSV, Excel .xlsx hoặc GeoJSON)").setInputFiles(new FilePayload("truong.geojson", "application/geo+json", """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"Tên trường":"Trường Lê Lợi","Học sinh":512},"geometry":{"type":"Point","coordinates":[108.21,16.05]}}]}"""
                .getBytes(StandardCharsets.UTF_8)));
        page.getByLabel("Tên định danh").fill(schools);
        page.getByLabel("Tiêu đề tiếng Việt").fill("Trường học");
        page.getByLabel("Tiêu đề tiếng Anh").fill("Schools");
        page.getByText("Công bố tệp").click();
        assertThat(page.locator("h1")).hasText("Trường học");
        assertThat(page.locator("#preview table, table").first()).containsText("Trường Lê Lợi");
        assertThat(page.locator("table thead")).containsText("Học sinh");
        assertNoViolations(page);
        // A file that is not what it says is refused with the reason, on the page.
        page.navigate(url("/admin/opendata?lang=en"));
        page.getByLabel("File (CSV, Excel .xlsx or GeoJSON)").setInputFiles(new FilePayload("bad.geojson", "application/geo+json",
                "{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8)));
        page.locator("#up-name").fill("bad-" + suffix);
        page.locator("#up-titleVi").fill("x");
        page.locator("#up-titleEn").fill("x");
        page.getByText("Publish the file").click();
        assertThat(page.locator(".error-summary")).containsText("FeatureCollection");

        // Taken out.
        page.navigate(url("/admin/opendata/datasets/" + schools + "?lang=en"));
        page.getByLabel("Yes, take it out (a module's offer stays, to publish again)").check();
        page.getByText("Take it out", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("h1")).hasText("The open-data catalogue");
        assertThat(page.locator("#datasets + div table, table").first()).not().containsText(schools);
        page.context().close();
    }
}
