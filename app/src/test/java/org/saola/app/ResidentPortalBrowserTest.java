package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A resident on a phone-sized screen signs in with a code from their mailbox; every page of the way passes
 * axe-core's WCAG 2.1 AA checks, in Vietnamese and in English.
 */
class ResidentPortalBrowserTest extends BrowserTest {

    @Test
    void aResidentSignsInOnAPhoneAndEveryPageIsAccessible() throws Exception {
        String address = "mai." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)).newPage();
        page.navigate(url("/"));
        page.getByText("Người dân").first().click();
        assertThat(page.locator("h1")).hasText("Người dân đăng nhập");
        assertNoViolations(page);
        page.getByText("Gửi mã cho tôi").click();                    // empty: the browser asks for it first
        assertThat(page.locator("h1")).hasText("Người dân đăng nhập");
        page.getByLabel("Thư điện tử hoặc số điện thoại").fill("not-a-contact");
        page.getByText("Gửi mã cho tôi").click();
        assertThat(page.locator(".error-summary")).isVisible();
        assertNoViolations(page);

        page.getByLabel("Thư điện tử hoặc số điện thoại").fill(address);
        page.getByText("Gửi mã cho tôi").click();
        assertThat(page.locator("h1")).hasText("Nhập mã chúng tôi đã gửi");
        assertThat(page.locator("p.notice")).containsText("•••@example.vn");
        assertNoViolations(page);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestMailAndSms.lastMailTo(address).isPresent());
        String text = TestMailAndSms.lastMailTo(address).orElseThrow();
        Matcher code = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(text);
        code.find();
        page.getByLabel("Mã sáu chữ số").fill(code.group(1));
        page.getByText("Đăng nhập", new Page.GetByTextOptions().setExact(true)).last().click();
        assertThat(page.locator("#signed-in-as")).containsText("m•••@example.vn");
        assertNoViolations(page);

        page.navigate(url("/residents/me?lang=en"));
        assertThat(page.locator("h1")).hasText("Your account");
        assertNoViolations(page);
        // what the city holds about them, and asking for a correction, keyboard and phone friendly in both languages
        page.getByText("See and download everything the city holds about you").click();
        assertThat(page.locator("h1")).hasText("Everything the city holds about you");
        assertThat(page.locator("#section-account + p + div td").nth(1)).hasText(address);
        assertNoViolations(page);
        page.getByLabel("What, and why (at most 4000 characters)").fill("Please correct my name");
        page.getByText("Send the request").click();
        assertThat(page.locator("p.notice")).hasText("Sent: staff will answer within the deadline.");
        assertThat(page.locator("#section-requests + div td").nth(2)).hasText("Please correct my name");
        // staff answer it on their page; the resident reads the answer
        String mine = "Please correct my name " + UUID.randomUUID().toString().substring(0, 6);
        page.getByLabel("What, and why (at most 4000 characters)").fill(mine);
        page.getByText("Send the request").click();
        Page staff = signedIn();
        staff.navigate(url("/admin/resident-requests?lang=en"));
        assertThat(staff.locator("h1")).hasText("Residents' requests about their data");
        com.microsoft.playwright.Locator request = staff.locator("article").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHasText(mine));
        assertThat(request.locator("h2")).hasText("Correction · Open");
        assertNoViolations(staff);
        request.getByLabel("Your answer to the resident").fill("Your name is corrected.");
        request.getByText("Answer", new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)).click();
        assertThat(staff.locator("p.notice").first()).hasText("Saved.");
        staff.navigate(url("/admin/resident-requests?lang=vi"));
        assertNoViolations(staff);
        staff.context().close();
        page.navigate(url("/residents/me/data?lang=vi"));
        assertThat(page.locator("h1")).hasText("Mọi dữ liệu thành phố lưu về bạn");
        assertThat(page.getByText("Your name is corrected.")).isVisible();
        assertNoViolations(page);
        page.navigate(url("/residents/sign-in?lang=en"));
        assertNoViolations(page);
        page.locator("#contact").fill("second." + address);
        page.locator("form button.primary").click();
        assertThat(page.locator("p.notice")).containsText("•••@example.vn");
        assertNoViolations(page);                                   // the code page, in English
        page.navigate(url("/residents/sign-in?lang=vi"));
        page.context().close();
    }
}
