package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOnlyOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the browser tests: a real headless Chromium driven by Playwright, and axe-core's WCAG 2.1 AA
 * check. It uses the system's Chromium (Debian's package, or {@code -Dsaola.chromium=/path}); where there is
 * none, Playwright fetches its own (which needs network access to Playwright's download site).
 */
abstract class BrowserTest extends PlatformTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("saola.chromium", "/usr/bin/chromium"));
    protected static Playwright playwright;
    protected static Browser browser;

    @BeforeAll
    static void launch() {
        boolean system = Files.isExecutable(CHROMIUM);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(system
                ? java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1") : java.util.Map.of()));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions()
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync"));
        if (system) {
            options.setExecutablePath(CHROMIUM);
        }
        browser = playwright.chromium().launch(options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A phone-sized page signed in with the given credentials, on the page the sign-in leads to. */
    protected Page signedIn(String username, String password) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)).newPage();
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.locator("form.form button[type=submit]").click();
        page.waitForURL(url("/operations/map"));
        return page;
    }

    protected Page signedIn() {
        return signedIn("admin", ADMIN_PASSWORD);
    }

    /**
     * WCAG 2.1 A and AA rules only, full details for violations alone (passes and inapplicable rules would
     * come back node by node), run in the page itself ("legacy mode": no Saola page has a frame). The default
     * mode opens a blank page for each check and injects axe's 560 kB script twice: 1.3–2.3 s a check here,
     * against 0.25–0.9 s. {@code AccessibilityCheckTest} checks that violations are still found.
     */
    private static final AxeRunOptions AXE_OPTIONS = axeOptions();

    private static AxeRunOptions axeOptions() {
        AxeRunOnlyOptions only = new AxeRunOnlyOptions();
        only.setType("tag");
        only.setValues(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"));
        AxeRunOptions options = new AxeRunOptions();
        options.setRunOnly(only);
        options.setResultTypes(List.of("violations"));
        return options;
    }

    protected static void assertNoViolations(Page page) {
        AxeResults results = new AxeBuilder(page).options(AXE_OPTIONS).setLegacyMode(true).analyze();
        String report = results.getViolations().stream()
                .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(results.getViolations()).as(page.url() + "\n" + report).isEmpty();
    }
}
