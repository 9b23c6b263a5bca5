package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Someone on a phone finds the city's open data, narrows the catalogue by theme, opens a dataset, reads what
 * it is, its first rows and where they are on a map, in Vietnamese and English; axe finds nothing.
 */
class OpenDataBrowserTest extends BrowserTest {

    @Test
    void aResidentBrowsesTheCatalogueAndPreviewsADatasetOnAPhone() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String type = "NoiseProbe" + suffix.replace("-", "");
        client().send("POST", "/ngsi-ld/v1/entities", """
                {"id":"urn:ngsi-ld:%s:1","type":"%s","LAeq":{"type":"Property","value":61.5,"unitCode":"2N"},
                 "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[108.21,16.06]}}}"""
                .formatted(type, type), "Content-Type", "application/json");
        String name = "tieng-on-" + suffix;
        client().post("/api/v1/opendata/datasets", """
                {"source":"context.latest:%s","name":"%s","titleVi":"Tiếng ồn %s","titleEn":"Noise %s"}"""
                .formatted(type, name, suffix, suffix));

        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        page.navigate(url("/?lang=vi"));
        page.getByText("Dữ liệu mở").first().click();
        assertThat(page.locator("h1")).hasText("Dữ liệu mở của thành phố");
        assertNoViolations(page);
        page.getByLabel("Tìm kiếm").fill("Tiếng ồn " + suffix);
        page.getByText("Hiển thị").click();
        assertThat(page.locator("#dataset-count")).hasText("1 bộ dữ liệu");
        page.getByText("Tiếng ồn " + suffix).click();
        assertThat(page.locator("h1")).hasText("Tiếng ồn " + suffix);
        assertThat(page.locator("table tbody tr")).hasCount(1);
        assertThat(page.locator("table tbody")).containsText("61.5");
        assertThat(page.locator("table caption")).hasText("1 dòng đầu trong 1 dòng");
        // rows with a place are also on a map, read through CKAN's datastore API
        assertThat(page.locator("#data-map path.leaflet-interactive")).hasCount(1);
        assertNoViolations(page);

        page.navigate(url("/city/data/" + name + "?lang=en"));
        assertThat(page.locator("h1")).hasText("Noise " + suffix);
        assertThat(page.getByText("Continuously")).isVisible();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("CSV"))).hasAttribute("href", "/public/v1/opendata/datasets/" + name + ".csv");
        assertNoViolations(page);
        page.navigate(url("/city/data?lang=en&theme=regi"));
        assertThat(page.locator("h1")).hasText("The city's open data");
        assertNoViolations(page);
        page.navigate(url("/city/algorithms?lang=vi"));
        assertThat(page.locator("h1")).hasText("Các thuật toán và quy tắc tự động của thành phố");
        assertThat(page.locator("#vn-aqi h2")).hasText("Chỉ số chất lượng không khí VN_AQI");
        assertNoViolations(page);
        page.navigate(url("/city/algorithms?lang=en"));
        assertThat(page.locator("#disclosure-control h2")).hasText("Disclosure control of counts about people");
        assertNoViolations(page);
        org.assertj.core.api.Assertions.assertThat(page.navigate(url("/city/data/no-such-dataset?lang=en")).status()).isEqualTo(404);
    }
}
