package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident signs in without a password, by a code sent to their e-mail (a real SMTP server) or phone (a
 * local SMS gateway): codes expire, work once and allow five tries; the contact is stored encrypted and read
 * in clear only by staff who give a reason, which the audit log keeps.
 */
class ResidentSignInTest extends PlatformTest {

    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resume() {
        clock.resume();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Asks for a code; answers the sign-in request id from the redirect to the code form. */
    private String requestCode(FormSession browser, String contact) throws Exception {
        browser.get("/residents/sign-in");
        HttpResponse<String> sent = browser.post("/residents/sign-in", Map.of("contact", contact));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String location = sent.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> form = browser.follow(sent);
        assertThat(form.body()).contains("name=\"code\"");
        return location.substring(location.indexOf("request=") + 8);
    }

    private static String codeIn(String text) {
        Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private String mailedCode(String address) {
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMailAndSms.lastMailTo(address).isPresent());
        return codeIn(TestMailAndSms.lastMailTo(address).orElseThrow());
    }

    @Test
    void aResidentSignsInWithACodeSentByEmailAndStaysSignedIn() throws Exception {
        String address = "lan." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        FormSession browser = new FormSession(base());
        String request = requestCode(browser, "  " + address.toUpperCase() + " ");
        String code = mailedCode(address);

        HttpResponse<String> signedIn = browser.post("/residents/sign-in/code", Map.of("request", request, "code", code));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("SAOLA_SESSION=") && c.contains("Max-Age=2592000"));
        HttpResponse<String> me = browser.follow(signedIn);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(address.charAt(0) + "•••@example.vn").doesNotContain(address);

        // A resident is no member of staff.
        assertThat(browser.get("/operations/map").statusCode()).isNotEqualTo(200);
        assertThat(browser.get("/admin/staff").statusCode()).isNotEqualTo(200);

        // The same code, again: refused. The same address next time: the same resident.
        HttpResponse<String> reused = browser.post("/residents/sign-in/code", Map.of("request", request, "code", code));
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(reused.body()).contains("Mã này đã được dùng. Hãy xin mã mới.");
        long accounts = jdbc.sql("SELECT count(*) FROM resident_contact").query(Long.class).single();
        FormSession later = new FormSession(base());
        String again = requestCode(later, address);
        later.post("/residents/sign-in/code", Map.of("request", again, "code", mailedCode(address)));
        assertThat(jdbc.sql("SELECT count(*) FROM resident_contact").query(Long.class).single()).isEqualTo(accounts);
    }

    @Test
    void aCodeExpiresAfterTenMinutes() throws Exception {
        String address = "minh." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        FormSession browser = new FormSession(base());
        String request = requestCode(browser, address);
        String code = mailedCode(address);
        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> late = browser.post("/residents/sign-in/code", Map.of("request", request, "code", code));
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("Mã này đã hết hạn. Hãy xin mã mới.");
        assertThat(browser.get("/residents/me").statusCode()).as("not signed in").isEqualTo(302);
    }

    @Test
    void fiveWrongCodesEndTheRequestEvenForTheRightCode() throws Exception {
        String address = "hoa." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        FormSession browser = new FormSession(base());
        String request = requestCode(browser, address);
        String code = mailedCode(address);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(browser.post("/residents/sign-in/code", Map.of("request", request, "code", wrong)).body())
                    .contains("Đây không phải mã chúng tôi đã gửi.");
        }
        assertThat(browser.post("/residents/sign-in/code", Map.of("request", request, "code", code)).body())
                .contains("Nhập sai mã quá nhiều lần. Hãy xin mã mới.");
    }

    @Test
    void aPhoneNumberGetsItsCodeByTheSmsGatewayAndCodesPerContactAreLimited() throws Exception {
        String local = "0905" + (100000 + new java.util.Random().nextInt(899999));
        String international = "+84" + local.substring(1);
        FormSession browser = new FormSession(base());
        String request = requestCode(browser, local.substring(0, 4) + " " + local.substring(4));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMailAndSms.SMS.stream().anyMatch(s -> s.contains(international)));
        String sms = TestMailAndSms.SMS.stream().filter(s -> s.contains(international)).reduce((a, b) -> b).orElseThrow();
        assertThat(sms).contains("\"to\":\"" + international + "\"", "Mã đăng nhập", "sign-in code");
        HttpResponse<String> signedIn = browser.post("/residents/sign-in/code", Map.of("request", request, "code", codeIn(sms)));
        assertThat(browser.follow(signedIn).body()).contains("+849•••");

        requestCode(new FormSession(base()), local);
        requestCode(new FormSession(base()), local);
        FormSession fourth = new FormSession(base());
        fourth.get("/residents/sign-in");
        HttpResponse<String> refused = fourth.post("/residents/sign-in", Map.of("contact", local));
        assertThat(refused.statusCode()).isEqualTo(200);
        // The problems in the page's language (Vietnamese by default, English on asking), in plain words.
        assertThat(refused.body()).contains("Vừa rồi chúng tôi đã gửi mã đến địa chỉ này nhiều lần. Hãy chờ")
                .doesNotContain("several times just now");
        assertThat(fourth.post("/residents/sign-in", Map.of("contact", "not a contact")).body())
                .contains("Đây không phải là địa chỉ e-mail hay số điện thoại.");
        assertThat(fourth.post("/residents/sign-in?lang=en", Map.of("contact", "not a contact")).body())
                .contains("This is not an e-mail address or a phone number.");
    }

    @Test
    void theContactIsEncryptedAtRestAndReadOnlyWithAReasonThatIsAudited() throws Exception {
        String address = "tuan." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        FormSession browser = new FormSession(base());
        String request = requestCode(browser, address);
        browser.post("/residents/sign-in/code", Map.of("request", request, "code", mailedCode(address)));

        String resident = jdbc.sql("SELECT resident_id::text FROM resident_contact ORDER BY resident_id").query(String.class)
                .list().stream().filter(id -> client().get("/api/v1/residents/" + id + "/contact?reason=test%20lookup")
                        .body().contains(address)).findFirst().orElseThrow();
        byte[] stored = jdbc.sql("SELECT value_encrypted FROM resident_contact WHERE resident_id = ?::uuid")
                .param(resident).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(address).doesNotContain("example.vn");

        SaolaClient.Response noReason = client().get("/api/v1/residents/" + resident + "/contact");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
        SaolaClient.Response read = client().get("/api/v1/residents/" + resident + "/contact?reason=call%20back%20about%20report%2042");
        assertThat(read.json().path("value").asString()).isEqualTo(address);
        assertThat(client().get("/api/v1/audit?action=RESIDENT_CONTACT_READ").body()).contains("call back about report 42",
                "resident:" + resident);
        SaolaClient operator = client().withApiKey(client().issueApiKey("contact reader", "OPERATOR"));
        assertThat(operator.get("/api/v1/residents/" + resident + "/contact?reason=curious").status()).isEqualTo(403);
    }

    /**
     * Page requests read the session but do not write it back: its row changes only when the session does,
     * or once a minute for its last-access time (a ballot's request is no UPDATE and no commit of the session).
     */
    @Test
    void pageRequestsDoNotWriteTheSessionBackUntilItIsAMinuteOld() throws Exception {
        String address = "hoa." + UUID.randomUUID().toString().substring(0, 6) + "@example.vn";
        FormSession browser = new FormSession(base());
        String request = requestCode(browser, address);
        browser.post("/residents/sign-in/code", Map.of("request", request, "code", mailedCode(address)));
        String cookie = browser.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("SAOLA_SESSION")).findFirst().orElseThrow().getValue();
        String session = new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8);
        String row = "SELECT xmin::text || '/' || last_access_time FROM spring_session WHERE session_id = ?";
        String before = jdbc.sql(row).param(session).query(String.class).single();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> me = browser.get("/residents/me");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains(address.charAt(0) + "•••@example.vn");
        }
        assertThat(jdbc.sql(row).param(session).query(String.class).single()).isEqualTo(before);

        // Two minutes idle: the next request writes the time it was made.
        long twoMinutesAgo = System.currentTimeMillis() - 120_000;
        jdbc.sql("UPDATE spring_session SET last_access_time = ? WHERE session_id = ?").params(twoMinutesAgo, session).update();
        assertThat(browser.get("/residents/me").statusCode()).isEqualTo(200);
        long written = jdbc.sql("SELECT last_access_time FROM spring_session WHERE session_id = ?").param(session)
                .query(Long.class).single();
        assertThat(written).isGreaterThan(twoMinutesAgo + 100_000).isLessThanOrEqualTo(System.currentTimeMillis());
    }
}
