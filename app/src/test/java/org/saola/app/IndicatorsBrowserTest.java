package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.domain.Period;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The indicator pages as staff and residents use them: a survey figure entered with its source and evidence
 * through the staff form (a comma as the decimal mark; a mistake shown at its field), a target, then the public
 * list and the indicator's page with its chart, its table and its groups (a group with too small a sample not
 * published), in English and Vietnamese; a computed indicator computed from the form; axe on every page.
 */
class IndicatorsBrowserTest extends BrowserTest {

    @Autowired
    Indicators indicators;

    @Test
    void staffEnterASurveyFigureAndResidentsReadIt() {
        String year = indicators.current(Period.Frequency.ANNUAL).previous().label();
        Page page = signedIn();
        page.navigate(url("/operations/indicators?lang=en"));
        assertThat(page.locator("h1")).hasText("Indicators: values, targets and official figures");
        assertNoViolations(page);

        page.getByLabel("Indicator").first().selectOption("fixed-broadband");
        page.locator("#value-period").fill(year);
        page.locator("#value-value").fill("64,2");
        page.locator("#value-source").fill("Sở Thông tin và Truyền thông, báo cáo " + year);
        page.locator("#value-evidence").fill("https://stttt.danang.gov.vn/bao-cao-" + year + ".pdf");
        page.locator("#value-groups").fill("[{\"grouping\": \"ward\", \"group\": \"Hải Châu\", \"value\": 70.5, \"sampleSize\": 400},"
                + " {\"grouping\": \"ward\", \"group\": \"Hòa Vang\", \"value\": 40, \"sampleSize\": 6}]");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).first().click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The value is saved.");

        page.locator("#target-code").selectOption("fixed-broadband");
        page.locator("#target-value").fill("80");
        page.locator("#target-year").fill("soon");
        page.locator("#target-year").evaluate("e => e.form.noValidate = true");
        page.locator("form[action$='/targets'] button").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("the year is a number");
        assertThat(page.locator("#target-year")).hasAttribute("aria-invalid", "true");
        page.locator("#target-code").selectOption("fixed-broadband");
        page.locator("#target-value").fill("80");
        page.locator("#target-year").fill("2030");
        page.locator("form[action$='/targets'] button").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The target is saved.");

        page.navigate(url("/city/indicators?lang=en"));
        assertThat(page.locator("h1")).hasText("How the city is doing");
        assertThat(page.locator("tr[data-indicator='fixed-broadband']")).containsText("64.2 % of households");
        assertThat(page.locator("tr[data-indicator='fixed-broadband']")).containsText("80.0 % of households (2030)");
        assertNoViolations(page);
        page.locator("tr[data-indicator='fixed-broadband'] a").click();
        assertThat(page.locator("h1")).hasText("Fixed broadband subscriptions");
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Chart of Fixed broadband subscriptions over time")))
                .isVisible();
        assertThat(page.locator("tr[data-period='" + year + "']")).containsText("64.2");
        assertThat(page.locator("tr[data-period='" + year + "'] a")).hasAttribute("href", "https://stttt.danang.gov.vn/bao-cao-" + year + ".pdf");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Hải Châu"))).containsText("70.5");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Hòa Vang"))).containsText("not published (fewer than 10 people)");
        assertNoViolations(page);
        page.navigate(url("/city/indicators/fixed-broadband?lang=vi"));
        assertThat(page.locator("h1")).hasText("Thuê bao băng rộng cố định");
        assertThat(page.locator("tr[data-period='" + year + "']")).containsText("64,2");
        assertNoViolations(page);

        // A computed indicator, computed from the staff page: its page shows the current period so far.
        page.navigate(url("/operations/indicators?lang=en"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compute: Reports filed by residents")).click();
        assertThat(page.locator("h1")).hasText("Reports filed by residents");
        String month = indicators.current(Period.Frequency.MONTHLY).label();
        assertThat(page.locator("tr[data-period='" + month + "']")).containsText("so far");
        assertNoViolations(page);
        // The list and the staff page in Vietnamese too.
        page.navigate(url("/city/indicators?lang=vi"));
        assertThat(page.locator("h1")).hasText("Thành phố đang làm tốt đến đâu");
        assertNoViolations(page);
        page.navigate(url("/operations/indicators?lang=vi"));
        assertThat(page.locator("h1")).hasText("Chỉ số: giá trị, mục tiêu và số liệu chính thức");
        assertNoViolations(page);
        page.context().close();
    }

    @Test
    void staffRegisterAProjectAndResidentsSeeWhatItChanged() {
        String code = "bus-info-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Period last = indicators.current(Period.Frequency.ANNUAL).previous();
        for (Period y : new Period[] {last.previous(), last}) {
            org.assertj.core.api.Assertions.assertThat(client().post("/api/v1/indicators/mobile-data-cost/values", """
                    {"period": "%s", "value": %s, "source": "Khảo sát", "evidence": "https://danang.example/gia-cuoc.pdf"}"""
                    .formatted(y.label(), y == last ? "1.6" : "1.9")).status()).isEqualTo(200);
        }
        Page page = signedIn();
        page.navigate(url("/operations/projects?lang=en"));
        assertThat(page.locator("h1")).hasText("Register a smart-city project");
        assertNoViolations(page);
        String project = """
                {"code": "%s", "nameVi": "Gói cước dữ liệu cho sinh viên", "nameEn": "Student data plans", "goalVi": "Giảm giá cước",
                 "goalEn": "Cheaper data", "budgetVnd": 2000000000, "partners": [], "status": "LIVE", "startedOn": "%s", "liveOn": "%s",
                 "indicators": ["mobile-data-cost"], "assessment": {"benefitsVi": "Sinh viên", "benefitsEn": "Students",
                 "risksVi": "Người không đi học", "risksEn": "People not in education", "personalDataVi": "Không", "personalDataEn": "None",
                 "mitigationVi": "Mở rộng sau", "mitigationEn": "Widened later", "assessedOn": "%s", "assessedBy": "Sở TT&TT"}}""";
        page.locator("#project").fill(project.formatted(code, last.previous().start(), "not a date", last.previous().start()));
        page.locator("form[action$='/operations/projects'] button").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("project");
        assertThat(page.locator("#project")).hasAttribute("aria-invalid", "true");
        page.locator("#project").fill(project.formatted(code, last.previous().start(), last.start(), last.previous().start()));
        page.locator("form[action$='/operations/projects'] button").click();
        assertThat(page.locator("h1")).hasText("Student data plans");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The project is saved.");
        assertThat(page.locator("[data-verdict='mobile-data-cost']")).containsText("better");
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(
                "Cost of 1 GB of mobile data against monthly income, before and after the project"))).isVisible();
        assertNoViolations(page);
        page.navigate(url("/city/projects?lang=vi"));
        assertThat(page.locator("h1")).hasText("Các dự án thành phố thông minh");
        assertThat(page.locator("tr[data-project='" + code + "']")).containsText("tốt hơn");
        assertNoViolations(page);
        page.navigate(url("/city/projects/" + code + "?lang=vi"));
        assertThat(page.locator("h2", new Page.LocatorOptions().setHasText("Quyền con người và công bằng"))).isVisible();
        assertNoViolations(page);
        page.navigate(url("/city/projects?lang=en"));
        assertThat(page.locator("h1")).hasText("The city's smart-city projects");
        assertNoViolations(page);
        page.navigate(url("/operations/projects?lang=vi"));
        assertThat(page.locator("h1")).hasText("Đăng ký dự án thành phố thông minh");
        assertNoViolations(page);
        page.context().close();
    }
}
