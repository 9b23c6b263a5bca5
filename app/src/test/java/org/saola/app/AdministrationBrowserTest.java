package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An administrator runs the city's staff in a real browser, on a phone-sized screen: creates a department
 * and an officer in it, hands over the password shown once, changes the officer's roles, disables the
 * account, and finds all of it in the audit log; every page passes axe-core in Vietnamese and English.
 */
class AdministrationBrowserTest extends BrowserTest {

    @Test
    void anAdministratorCreatesADepartmentAndAnOfficerAndDisablesTheAccount() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Page page = signedIn();
        page.getByText("Quản trị").first().click();
        assertThat(page.locator("h1")).hasText("Cán bộ");

        page.navigate(url("/admin/departments"));
        page.getByLabel("Mã", new Page.GetByLabelOptions().setExact(true)).fill("xd-" + suffix);
        page.getByLabel("Tên tiếng Việt").fill("Sở Xây dựng");
        page.getByLabel("Tên tiếng Anh").fill("Department of Construction");
        page.getByLabel("Phường, xã").fill("Hải Châu 1\nThạch Thang");
        page.getByText("Tạo sở ngành").click();
        assertThat(page.locator("tr[data-department='xd-" + suffix + "']")).containsText("Sở Xây dựng");
        assertNoViolations(page);

        page.navigate(url("/admin/staff"));
        page.getByLabel("Tên đăng nhập").fill("hoa-" + suffix);
        page.getByLabel("Họ tên").fill("Trần Thị Hoa");
        page.locator("#role-OFFICER").check();
        page.locator("#dept-xd-" + suffix).check();
        page.getByText("Tạo tài khoản").click();
        assertThat(page.locator("h1")).hasText("Tài khoản hoa-" + suffix);
        String password = page.locator("#new-password").textContent();
        assertThat(password).hasSizeGreaterThan(12);
        assertNoViolations(page);
        assertThat(new SaolaClient(url(""), "hoa-" + suffix, password).get("/api/v1/departments").status()).isEqualTo(200);

        page.locator("#role-ANALYST").check();
        page.locator("#disabled").check();
        page.getByText("Lưu", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("p.notice")).hasText("Đã lưu.");
        assertThat(page.locator("#role-ANALYST")).isChecked();
        assertThat(new SaolaClient(url(""), "hoa-" + suffix, password).get("/api/v1/departments").status()).isEqualTo(401);

        page.navigate(url("/admin/audit?action=STAFF_ROLES_CHANGED"));
        assertThat(page.locator("tr.audit-record").first()).containsText("hoa-" + suffix);
        page.getByText("Kiểm tra chuỗi bản ghi").click();
        assertThat(page.locator("#verification")).containsText("còn nguyên vẹn");
        assertNoViolations(page);

        page.navigate(url("/admin/staff?lang=en"));
        assertThat(page.locator("h1")).hasText("Staff");
        assertThat(page.locator("tr[data-username='hoa-" + suffix + "']")).containsText("Disabled");
        assertNoViolations(page);
        page.navigate(url("/admin/audit?lang=en"));
        assertNoViolations(page);
        page.navigate(url("/admin/departments?lang=en"));
        assertThat(page.locator("h1")).hasText("Departments");
        assertNoViolations(page);
        page.navigate(url("/admin/staff/hoa-" + suffix + "?lang=en"));
        assertNoViolations(page);
        page.navigate(url("/admin/staff?lang=vi"));
        page.context().close();
    }

    @Test
    void theLastAdministratorCannotDisableThemselvesOnThePage() {
        Page page = signedIn();
        page.navigate(url("/admin/staff/admin"));
        page.locator("#disabled").check();
        page.getByText("Lưu", new Page.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator(".error-summary")).containsText("last enabled administrator");
        page.navigate(url("/admin/staff/admin"));
        assertThat(page.locator("#disabled")).not().isChecked();
        page.context().close();
    }

    @Test
    void anOperatorDoesNotSeeTheAdministrationPages() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String password = client().post("/api/v1/staff", "{\"username\":\"" + name + "\",\"roles\":[\"OPERATOR\"]}")
                .json().path("password").asString();
        Page page = signedIn(name, password);
        assertThat(page.getByText("Quản trị")).hasCount(0);
        com.microsoft.playwright.Response r = page.navigate(url("/admin/staff"));
        assertThat(r.status()).isEqualTo(403);
        page.context().close();
    }
}
