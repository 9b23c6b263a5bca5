package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Residents signed in as a browser does it: a code asked for, read from their (test) mailbox, typed back. */
final class TestResidents {

    private TestResidents() {
    }

    /** A browser without JavaScript, signed in as the resident with this e-mail address. */
    static FormSession signedIn(String base, String email) throws Exception {
        FormSession browser = new FormSession(base);
        browser.get("/residents/sign-in");
        String before = TestMailAndSms.lastMailTo(email).orElse("");
        HttpResponse<String> sent = browser.post("/residents/sign-in", Map.of("contact", email));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String location = sent.headers().firstValue("Location").orElseThrow();
        browser.follow(sent);
        String request = location.replaceAll(".*request=([0-9a-f-]+).*", "$1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !TestMailAndSms.lastMailTo(email).orElse("").equals(before));
        Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(TestMailAndSms.lastMailTo(email).orElseThrow());
        assertThat(m.find()).isTrue();
        HttpResponse<String> in = browser.post("/residents/sign-in/code", Map.of("request", request, "code", m.group(1)));
        assertThat(in.statusCode()).as(in.body()).isEqualTo(302);
        return browser;
    }
}
