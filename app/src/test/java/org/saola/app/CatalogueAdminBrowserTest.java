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
 * first rows, and takes a dataset out; records an algorithm the city uses outside Saola, which residents then read in
 * the register. Every page passes axe-core's WCAG 2.1 AA checks in Vietnamese and English.
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
        page.getByLabel("Tệp (CSV, Excel .xlsx, GeoJSON hoặc tài liệu PDF)").setInputFiles(new FilePayload("truong.geojson", "application/geo+json", """
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
        page.getByLabel("File (CSV, Excel .xlsx, GeoJSON or a PDF document)").setInputFiles(new FilePayload("bad.geojson", "application/geo+json",
                "{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8)));
        page.locator("#up-name").fill("bad-" + suffix);
        page.locator("#up-titleVi").fill("x");
        page.locator("#up-titleEn").fill("x");
        page.getByText("Publish the file").click();
        assertThat(page.locator(".error-summary")).containsText("FeatureCollection");

        // A PDF document is published as it is; residents read it on its page.
        page.navigate(url("/admin/opendata?lang=en"));
        page.getByLabel("File (CSV, Excel .xlsx, GeoJSON or a PDF document)").setInputFiles(new FilePayload("plan.pdf", "application/pdf",
                "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1)));
        String plan = "quy-hoach-" + suffix;
        page.locator("#up-name").fill(plan);
        page.locator("#up-titleVi").fill("Quy hoạch cây xanh");
        page.locator("#up-titleEn").fill("Green-space plan");
        page.getByText("Publish the file").click();
        assertThat(page.locator("h2#document")).hasText("The document");
        page.navigate(url("/city/data/" + plan + "?lang=vi"));
        assertThat(page.locator("h2#document-heading")).hasText("Tài liệu");
        assertThat(page.locator("object.document")).hasAttribute("type", "application/pdf");
        assertNoViolations(page);

        // Taken out.
        page.navigate(url("/admin/opendata/datasets/" + schools + "?lang=en"));
        page.getByLabel("Yes, take it out (a module's offer stays, to publish again)").check();
        page.getByText("Take it out", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("h1")).hasText("The open-data catalogue");
        assertThat(page.locator("#datasets + div table, table").first()).not().containsText(schools);
        page.context().close();
    }

    @Test
    void anAdminRecordsAnAlgorithmUsedOutsideSaolaAndResidentsReadIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Page page = signedIn();
        page.navigate(url("/admin/algorithms?lang=en"));
        assertThat(page.locator("h1")).hasText("Algorithms the city uses outside Saola");
        assertNoViolations(page);
        String id = "route-optimiser-" + suffix;
        page.getByLabel("Identifier").fill(id);
        page.getByLabel("Name in Vietnamese").fill("Tối ưu tuyến thu gom " + suffix);
        page.getByLabel("Name in English").fill("Collection route optimiser " + suffix);
        page.getByLabel("Who built it and who runs it").fill("Green Contractor JSC");
        page.getByLabel("It decides, and people review and can overturn what it decided.").check();
        page.getByLabel("What it is for, in Vietnamese").fill("Lập tuyến xe rác");
        page.getByLabel("What it is for, in English").fill("Plans the trucks' routes");
        page.getByLabel("The data it uses, in Vietnamese").fill("Vị trí thùng");
        page.getByLabel("The data it uses, in English").fill("Bin locations");
        page.getByLabel("How it works, in plain Vietnamese").fill("Tìm tuyến ngắn nhất");
        page.getByLabel("How it works, in plain English").fill("Finds the shortest routes");
        page.getByLabel("How people oversee it, in Vietnamese").fill("Đội trưởng duyệt tuyến");
        page.getByLabel("How people oversee it, in English").fill("A supervisor approves each plan");
        page.getByLabel("Risks and what mitigates them, in Vietnamese").fill("Bỏ sót hẻm nhỏ; kiểm tra hằng tuần");
        page.getByLabel("Risks and what mitigates them, in English").fill("Missing small lanes; checked weekly");
        page.getByLabel("Where its results appear (one address a line: /city/… or https://…)").fill("/operations/waste");
        page.getByText("Save in the register").click();
        assertThat(page.locator("p.notice")).hasText("Saved.");
        assertThat(page.locator("ul.recorded")).containsText("Collection route optimiser " + suffix);
        assertNoViolations(page);
        page.navigate(url("/admin/algorithms?lang=vi&id=" + id));
        assertThat(page.locator("#id")).hasValue(id);
        assertNoViolations(page);

        page.navigate(url("/city/algorithms?lang=en"));
        Locator entry = page.locator("article#" + id);
        assertThat(entry).containsText("Green Contractor JSC");
        assertThat(entry).containsText("It decides, and people review and can overturn what it decided.");
        page.navigate(url("/admin/algorithms?lang=en"));
        page.getByLabel("Remove \"Collection route optimiser " + suffix + "\" from the register").click();
        assertThat(page.locator("p.notice")).hasText("Saved.");
        org.assertj.core.api.Assertions.assertThat(client().anonymous().get("/public/v1/algorithms/" + id).status()).isEqualTo(404);
        page.context().close();
    }
}
