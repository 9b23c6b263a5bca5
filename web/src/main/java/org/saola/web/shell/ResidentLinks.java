package org.saola.web.shell;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links residents' pages give: sign in with a one-time code, then come back to the page they were on. */
public final class ResidentLinks {

    private ResidentLinks() {
    }

    /** The sign-in page, returning to {@code next} (a path of this site) once signed in. */
    public static String signIn(String next) {
        return "/residents/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
