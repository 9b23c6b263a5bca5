package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A resident's rights over their data, as the resident and the staff use them: the resident sees everything held
 * about them (their account and contact, their reports, which staff read their contact and why), downloads it,
 * and asks for a deletion; staff with the permission see the request with its deadline and answer it; the
 * resident reads the answer. Nobody else sees any of it.
 */
class ResidentRightsTest extends PlatformTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private long file(String apiKey, String service, String email, String description) throws Exception {
        String body = "api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8) + "&service_code=" + service
                + "&lat=16.06&long=108.22&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&description=" + URLEncoder.encode(description, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long id = SaolaClient.JSON.readTree(r.body()).get(0).get("service_request_id").asLong();
        // the reporter is told it arrived: wait for that mail, so it is not taken for the sign-in code's
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> TestMailAndSms.mailTo(email, "#" + id).isPresent());
        return id;
    }

    /** A department and a report category ({@code service}) it answers for. */
    private void category(String department, String service) {
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng %s","nameEn":"Department %s"}""".formatted(department, department, department))
                .status()).isEqualTo(201);
        assertThat(client().send("PUT", "/api/v1/report-services/" + service, """
                {"nameVi": "Hư hỏng", "nameEn": "Damage", "department": "%s", "targetHours": 72}""".formatted(department))
                .status()).isEqualTo(201);
    }

    @Test
    void aResidentSeesAndTakesAwayEverythingHeldAboutThemAndStaffAnswerTheirRequestInTime() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String base = "http://localhost:" + port;
        category("rights-" + suffix, "hole-" + suffix);
        String apiKey = client().issueApiKey("rights app " + suffix, "ANALYST");
        String lan = "lan." + suffix + "@example.vn";
        long report = file(apiKey, "hole-" + suffix, lan, "Ổ gà trước nhà số 12 " + suffix);
        String resident = jdbc.sql("SELECT reporter_id::text FROM report WHERE id = ?").param(report).query(String.class).single();
        assertThat(client().get("/api/v1/reports/" + report + "/reporter?reason=call%20back%20about%20the%20pothole%20" + suffix)
                .status()).isEqualTo(200);

        // the resident signs in with the contact they gave: the same account
        FormSession session = TestResidents.signedIn(base, lan);
        HttpResponse<String> page = session.get("/residents/me/data?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(lan).contains("Ổ gà trước nhà số 12 " + suffix)
                .contains("call back about the pothole " + suffix).contains("Staff who read your contact")
                .contains("Votes you took part in").contains("within 72 hours");

        HttpResponse<String> download = session.get("/residents/me/data.json");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        JsonNode data = SaolaClient.JSON.readTree(download.body());
        assertThat(data.get("resident").asString()).isEqualTo(resident);
        Map<String, JsonNode> sections = new java.util.HashMap<>();
        data.get("sections").forEach(s -> assertThat(sections.put(s.get("id").asString(), s.get("rows"))).as("once each").isNull());
        assertThat(sections.get("account").get(0).get("contact").asString()).isEqualTo(lan);
        assertThat(sections.get("reports").get(0).get("number").asString()).isEqualTo(Long.toString(report));
        assertThat(sections.get("contact-views").get(0).get("reason").asString())
                .isEqualTo("report #" + report + ": call back about the pothole " + suffix);
        assertThat(sections.get("contact-views").get(0).get("who").asString()).isEqualTo("admin");
        assertThat(sections).containsKeys("messages", "requests", "proposals", "comments", "votes", "warning-subscription",
                "report-words", "consents");
        assertThat(sections.get("reports").get(0).has("rating")).isTrue();

        // a consent given where it is used (warnings of the whole city), withdrawn on the data page: it stops
        session.get("/city/warnings/subscribe");
        assertThat(session.post("/city/warnings/subscribe", Map.of("scope", "city")).statusCode()).isEqualTo(302);
        assertThat(session.get("/residents/me/data?lang=en").body())
                .contains("To be sent the public warnings of the wards you chose").contains("Withdraw");
        String consent = jdbc.sql("SELECT id::text FROM resident_consent WHERE resident_id = ?::uuid AND withdrawn_at IS NULL"
                + " AND purpose = 'alerts.warnings'").param(resident).query(String.class).single();
        assertThat(session.post("/residents/me/consents/" + consent + "/withdraw", Map.of()).statusCode()).isEqualTo(302);
        assertThat(session.get("/city/warnings/subscribe?lang=en").body()).contains("You are not being sent warnings.");
        JsonNode consents = java.util.stream.StreamSupport.stream(SaolaClient.JSON.readTree(session.get("/residents/me/data.json")
                .body()).get("sections").spliterator(), false).filter(s -> s.get("id").asString().equals("consents"))
                .findFirst().orElseThrow().get("rows");
        JsonNode warnings = consents.valueStream().filter(c -> c.get("purpose").asString().equals("alerts.warnings")).findFirst().orElseThrow();
        assertThat(warnings.get("withdrawn").asString()).as("the record of it stays").isNotEmpty();
        assertThat(client().get("/api/v1/audit?action=RESIDENT_CONSENT_WITHDRAWN").body()).contains("resident:" + resident);

        // filing the report with a contact was consenting to its updates: they come until the consent is withdrawn
        JsonNode updates = consents.valueStream().filter(c -> c.get("purpose").asString().equals("reports.updates")).findFirst().orElseThrow();
        assertThat(updates.get("scope").asString()).isEqualTo(Long.toString(report));
        assertThat(client().post("/api/v1/reports/" + report + "/updates", "{\"text\":\"Đội sửa đường đã đến " + suffix + "\"}").status())
                .isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> TestMailAndSms.mailTo(lan, "Đội sửa đường đã đến " + suffix).isPresent());
        String updatesConsent = jdbc.sql("SELECT id::text FROM resident_consent WHERE resident_id = ?::uuid AND purpose = 'reports.updates'")
                .param(resident).query(String.class).single();
        assertThat(session.post("/residents/me/consents/" + updatesConsent + "/withdraw", Map.of()).statusCode()).isEqualTo(302);
        assertThat(client().post("/api/v1/reports/" + report + "/updates", "{\"text\":\"Đã vá xong " + suffix + "\"}").status())
                .isEqualTo(200);
        assertThat(client().post("/api/v1/reports/" + report + "/updates", "{\"text\":\"Kiểm tra lại " + suffix + "\"}").status())
                .isEqualTo(200);
        Thread.sleep(3000);                               // the outbox sends within a second or two: nothing came
        assertThat(TestMailAndSms.mailTo(lan, "Đã vá xong " + suffix)).as("no update after the consent is withdrawn").isEmpty();
        assertThat(session.get("/residents/me/data?lang=en").body()).as("the report stays theirs").contains("Ổ gà trước nhà số 12 " + suffix);

        // someone else sees only their own; nobody signed out sees anything
        FormSession minh = TestResidents.signedIn(base, "minh." + suffix + "@example.vn");
        assertThat(minh.get("/residents/me/data").body()).doesNotContain(lan).doesNotContain("Ổ gà trước nhà số 12 " + suffix);
        assertThat(new FormSession(base).get("/residents/me/data.json").statusCode()).isIn(302, 401, 403);

        // asking: a request without words is refused, one with words is kept for staff, due in 72 hours
        session.get("/residents/me/data");
        assertThat(session.post("/residents/me/requests", Map.of("kind", "DELETION", "details", " ")).statusCode()).isEqualTo(302);
        session.get("/residents/me/data");
        Instant asked = clock.instant();
        assertThat(session.post("/residents/me/requests", Map.of("kind", "DELETION",
                "details", "Xin xóa tài khoản của tôi " + suffix)).statusCode()).isEqualTo(302);
        JsonNode open = java.util.stream.StreamSupport.stream(client().get("/api/v1/resident-requests").json().spliterator(), false)
                .filter(r -> r.get("resident").asString().equals(resident)).findFirst().orElseThrow();
        assertThat(open.get("details").asString()).isEqualTo("Xin xóa tài khoản của tôi " + suffix);
        assertThat(open.get("kind").asString()).isEqualTo("DELETION");
        assertThat(Duration.between(Instant.parse(open.get("createdAt").asString()), Instant.parse(open.get("dueAt").asString())))
                .isEqualTo(Duration.ofHours(72));
        assertThat(Instant.parse(open.get("createdAt").asString())).isBetween(asked.minusSeconds(1), asked.plusSeconds(60));
        assertThat(open.get("overdue").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM resident_request WHERE resident_id = ?::uuid").param(resident)
                .query(Long.class).single()).as("the empty one was not kept").isEqualTo(1);
        byte[] sealed = jdbc.sql("SELECT details_encrypted FROM resident_request WHERE resident_id = ?::uuid").param(resident)
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(suffix);

        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst " + suffix, "ANALYST"));
        assertThat(analyst.get("/api/v1/resident-requests").status()).isEqualTo(403);
        String id = open.get("id").asString();
        assertThat(client().post("/api/v1/resident-requests/" + id + "/answer", "{\"status\": \"OPEN\", \"answer\": \"x\"}")
                .status()).isEqualTo(400);
        SaolaClient.Response answered = client().post("/api/v1/resident-requests/" + id + "/answer",
                "{\"status\": \"DONE\", \"answer\": \"Đã xóa tài khoản và liên lạc của bạn " + suffix + "\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("answeredBy").asString()).isEqualTo("admin");
        assertThat(client().post("/api/v1/resident-requests/" + id + "/answer", "{\"status\": \"REFUSED\", \"answer\": \"no\"}")
                .status()).as("answered once").isEqualTo(409);
        assertThat(session.get("/residents/me/data").body()).contains("Đã xóa tài khoản và liên lạc của bạn " + suffix);
        assertThat(client().get("/api/v1/audit?action=RESIDENT_REQUEST_ANSWERED").body()).contains("resident-request:" + id);
    }

    @Test
    void aDeletionDoneByErasingTheAccountLeavesNothingThatNamesTheResidentAndTellsThem() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String base = "http://localhost:" + port;
        category("erase-" + suffix, "lamp-" + suffix);
        String hoa = "hoa." + suffix + "@example.vn";
        long report = file(client().issueApiKey("erase app " + suffix, "ANALYST"), "lamp-" + suffix, hoa, "Đèn đường tắt " + suffix);
        String resident = jdbc.sql("SELECT reporter_id::text FROM report WHERE id = ?").param(report).query(String.class).single();
        FormSession session = TestResidents.signedIn(base, hoa);
        session.get("/city/warnings/subscribe");
        assertThat(session.post("/city/warnings/subscribe", Map.of("scope", "city")).statusCode()).isEqualTo(302);
        session.get("/residents/me/data");
        assertThat(session.post("/residents/me/requests", Map.of("kind", "CORRECTION", "details", "Sửa tên " + suffix))
                .statusCode()).isEqualTo(302);
        session.get("/residents/me/data");
        assertThat(session.post("/residents/me/requests", Map.of("kind", "DELETION", "details", "Xóa hết " + suffix))
                .statusCode()).isEqualTo(302);
        Map<String, String> ids = new java.util.HashMap<>();
        client().get("/api/v1/resident-requests").json().forEach(r -> {
            if (r.get("resident").asString().equals(resident)) {
                ids.put(r.get("kind").asString(), r.get("id").asString());
            }
        });
        // another resident cannot withdraw Hoa's consent
        String hoasConsent = jdbc.sql("SELECT id::text FROM resident_consent WHERE resident_id = ?::uuid AND purpose = 'alerts.warnings'")
                .param(resident).query(String.class).single();
        FormSession other = TestResidents.signedIn(base, "other." + suffix + "@example.vn");
        other.get("/residents/me/data");
        assertThat(other.post("/residents/me/consents/" + hoasConsent + "/withdraw", Map.of()).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM resident_consent WHERE id = ?::uuid AND withdrawn_at IS NULL")
                .param(hoasConsent).query(Long.class).single()).isEqualTo(1);

        // while a vote she took part in is not counted, the account cannot go (her sealed ballot is found by her id)
        String process = "erase-vote-" + suffix;
        jdbc.sql("INSERT INTO participation_ballot_key (tenant_id, process_code, key_sealed) VALUES ('default', ?, '\\x00')")
                .param(process).update();
        jdbc.sql("INSERT INTO participation_voter (tenant_id, process_code, resident_id, channel, voted_on) "
                + "VALUES ('default', ?, ?::uuid, 'ONLINE', CURRENT_DATE)").params(process, resident).update();
        SaolaClient.Response tooSoon = client().post("/api/v1/resident-requests/" + ids.get("DELETION") + "/answer",
                "{\"status\": \"DONE\", \"answer\": \"x\", \"erase\": true}");
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.body()).contains("not counted yet");
        jdbc.sql("DELETE FROM participation_ballot_key WHERE process_code = ?").param(process).update();   // the count

        assertThat(client().post("/api/v1/resident-requests/" + ids.get("CORRECTION") + "/answer",
                "{\"status\": \"DONE\", \"answer\": \"x\", \"erase\": true}").status()).as("only a deletion erases").isEqualTo(400);
        SaolaClient.Response erased = client().post("/api/v1/resident-requests/" + ids.get("DELETION") + "/answer",
                "{\"status\": \"DONE\", \"answer\": \"Đã xóa " + suffix + "\", \"erase\": true}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);

        for (String table : List.of("resident", "resident_contact", "resident_message", "resident_request", "resident_consent",
                "warning_subscription")) {
            String column = table.equals("resident") ? "id" : "resident_id";
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?::uuid").param(resident)
                    .query(Long.class).single()).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE id = ? AND reporter_id IS NULL").param(report).query(Long.class)
                .single()).as("the report stays, by no one").isEqualTo(1);
        assertThat(client().anonymous().get("/open311/v2/requests/" + report + ".json").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM participation_voter WHERE process_code = ?").param(process).query(Long.class)
                .single()).as("still counted as having voted, by no one known").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM participation_voter WHERE resident_id = ?::uuid").param(resident)
                .query(Long.class).single()).isZero();
        assertThat(session.get("/residents/me/data").statusCode()).as("signed out with it").isIn(302, 401, 403);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> TestMailAndSms.mailTo(hoa, "the city has deleted your account").isPresent());
        assertThat(TestMailAndSms.mailTo(hoa, "the city has deleted your account").orElseThrow()).contains("Đã xóa " + suffix);
        assertThat(client().get("/api/v1/audit?action=RESIDENT_ERASED").body()).contains("resident:" + resident);
    }
}
