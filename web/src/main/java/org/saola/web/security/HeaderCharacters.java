package org.saola.web.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rule for header names, header values and parameter names, as a loop over the characters instead
 * of the regular expressions {@link StrictHttpFirewall} matches by default ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*},
 * and for header values the same with a tab allowed). The rule is the same: every code point assigned in Unicode
 * and none a control character. The firewall checks a header each time a filter or the handler reads it, so the
 * same headers many times a request; the expressions took 3 % of the JVM's CPU under 64 clients' PATCHes
 * (docs/PERFORMANCE.md, session 35). {@code HeaderCharactersTest} checks the loop against the expressions over every code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** Header and parameter names: assigned and no control character. */
    static final Predicate<String> NAMES = s -> allowed(s, false);

    /** Header values: assigned and no control character but the tab. */
    static final Predicate<String> VALUES = s -> allowed(s, true);

    /** Spring Security's strict firewall, with the rule above for names and values. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(VALUES);
        firewall.setAllowedParameterNames(NAMES);
        return firewall;
    }

    static boolean allowed(String s, boolean tab) {
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {   // printable ASCII, nearly every header: assigned, not a control
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && cp == '\t')) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
