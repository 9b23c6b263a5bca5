package org.saola.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

/** The firewall's loop says what Spring Security's default expressions say, for every code point. */
class HeaderCharactersTest {

    // StrictHttpFirewall's own expressions (spring-security-web 7.1): names, and values with a tab allowed.
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointAloneAndBetweenPrintableCharactersIsJudgedAsTheExpressionsJudgeIt() {
        int differences = 0;
        int refused = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String alone = Character.toString(cp);
            String between = "a" + alone + "b";
            for (String s : new String[] {alone, between}) {
                if (HeaderCharacters.NAMES.test(s) != NAMES.matcher(s).matches()
                        || HeaderCharacters.VALUES.test(s) != VALUES.matcher(s).matches()) {
                    differences++;
                }
            }
            if (!HeaderCharacters.NAMES.test(alone)) {
                refused++;
            }
        }
        assertThat(differences).isZero();
        assertThat(refused).as("unassigned and control code points are refused").isGreaterThan(800_000);
    }

    @Test
    void surrogatesTabsAndEmptyStringsAreJudgedAsTheExpressionsJudgeThem() {
        String[] cases = {"", "\t", "a\tb", "\uD83D\uDE00", "x\uD83D", "\uDE00y", "\uDE00\uD83D", "caf\u00e9",
                "Bearer abc.def-ghi_jkl~", "\u007f", "\u0085", "a\u0000b", "\r\n", "\u0378", "\uDB40\uDC80"};
        for (String s : cases) {
            assertThat(HeaderCharacters.NAMES.test(s)).as("name %s", s).isEqualTo(NAMES.matcher(s).matches());
            assertThat(HeaderCharacters.VALUES.test(s)).as("value %s", s).isEqualTo(VALUES.matcher(s).matches());
        }
        assertThat(HeaderCharacters.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("a\tb")).isFalse();
    }

    @Test
    void theFirewallRefusesAControlCharacterInAHeaderOrAParameterNameAndPassesTheRest() {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/ngsi-ld/v1/entities/urn:a:1/attrs/x");
        request.addHeader("Authorization", "Bearer abc");
        request.addHeader("X-Bad", "one\u0007two");
        request.addHeader("X-Tab", "one\ttwo");
        request.addParameter("ok", "v");
        var firewalled = HeaderCharacters.firewall().getFirewalledRequest(request);
        assertThat(firewalled.getHeader("Authorization")).isEqualTo("Bearer abc");
        assertThat(firewalled.getHeader("X-Tab")).isEqualTo("one\ttwo");
        assertThatThrownBy(() -> firewalled.getHeader("X-Bad")).isInstanceOf(RequestRejectedException.class);

        MockHttpServletRequest badName = new MockHttpServletRequest("GET", "/ngsi-ld/v1/entities");
        badName.addParameter("q\u0001", "v");
        var firewalledName = HeaderCharacters.firewall().getFirewalledRequest(badName);
        assertThatThrownBy(firewalledName::getParameterMap).isInstanceOf(RequestRejectedException.class);
    }
}
