package org.saola.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The WCAG 2.1 AA check every browser test relies on ({@link BrowserTest#assertNoViolations}) still finds what
 * it must: its options (the WCAG tags only, violations reported in full, run in the page itself) are set for
 * speed, and a check that ran no rule would pass every page.
 */
class AccessibilityCheckTest extends BrowserTest {

    private static final String CLEAN = """
            <!doctype html><html lang="en"><head><title>Clean</title></head>
            <body><main><h1>A clean page</h1><img src="data:," alt="A gauge">
            <label for="n">Name</label><input id="n" name="n"></main></body></html>""";

    @Test
    void aPageWithoutViolationsPasses() {
        Page page = browser.newPage();
        page.setContent(CLEAN);
        assertThatCode(() -> assertNoViolations(page)).doesNotThrowAnyException();
        page.close();
    }

    @Test
    void aMissingAlternativeAnUnlabelledFieldAndFaintTextAreEachFound() {
        Page page = browser.newPage();
        page.setContent("""
                <!doctype html><html lang="en"><head><title>Faulty</title></head>
                <body><main><h1>A faulty page</h1><img src="data:,">
                <input name="n"><p style="color:#bbb;background:#fff">Faint text</p></main></body></html>""");
        assertThatThrownBy(() -> assertNoViolations(page))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt")
                .hasMessageContaining("label")
                .hasMessageContaining("color-contrast");
        page.close();
    }
}
