package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Meetings in person over HTTP: the department announces a workshop with what makes it accessible; residents
 * register on its page (no JavaScript) saying what help they need, until it is full; the department sees how
 * many need each kind of help, never who; afterwards it publishes the minutes and the proposals from it.
 */
class MeetingsTest extends PlatformTest {

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    private String base() {
        return "http://localhost:" + port;
    }

    private static Map.Entry<String, String> e(String k, String v) {
        return Map.entry(k, v);
    }

    private HttpResponse<String> register(FormSession who, String path, List<Map.Entry<String, String>> fields) throws Exception {
        who.get(path + "?lang=en");
        HttpResponse<String> r = who.post(path + "/registration?lang=en", fields);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return who.follow(r);
    }

    @Test
    void residentsRegisterWithTheHelpTheyNeedAndTheMinutesLinkTheProposalsOfTheMeeting() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String department = "parks-" + suffix;
        String ward = "Mân Thái " + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Công viên","nameEn":"Parks","wards":["%s"]}""".formatted(department, ward)).status())
                .isEqualTo(201);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
        String process = "beach-" + suffix;
        assertThat(client().send("PUT", "/api/v1/participation/processes/" + process, """
                {"titleVi":"Bãi biển %1$s","titleEn":"The beach %1$s","department":"%2$s","wards":["%3$s"],
                 "phases":[{"phase":"PROPOSALS","starts":"%4$s","ends":"%5$s"}]}"""
                .formatted(suffix, department, ward, today.minusDays(1), today.plusDays(20))).status()).isEqualTo(201);
        OffsetDateTime starts = OffsetDateTime.ofInstant(clock.instant().plus(3, ChronoUnit.DAYS), ZoneOffset.ofHours(7))
                .truncatedTo(ChronoUnit.HOURS);
        String path = "/api/v1/participation/processes/" + process + "/meetings/workshop";
        String meeting = """
                {"titleVi":"Hội thảo bãi biển","titleEn":"Beach workshop","place":"Nhà văn hoá phường","ward":"%s",
                 "starts":"%s","ends":"%s","provisions":%s,"accessibility":"Lối vào bên hông có dốc.","capacity":2}""";
        SaolaClient.Response bad = client().send("PUT", path, meeting.formatted(ward, starts, starts.minusHours(2), "[\"CHILDCARE\"]"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("ends");
        assertThat(client().send("PUT", path, meeting.formatted(ward, starts, starts.plusHours(2), "[\"BABYSITTING\"]")).body())
                .contains("provisions");
        assertThat(client().send("PUT", path, meeting.formatted(ward, "tomorrow evening", starts.plusHours(2), "[]")).body())
                .contains("starts");
        SaolaClient.Response created = client().send("PUT", path,
                meeting.formatted(ward, starts, starts.plusHours(2), "[\"CHILDCARE\",\"SIGN_LANGUAGE\",\"STEP_FREE\"]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        String page = "/city/participation/" + process + "/meetings/workshop";
        FormSession anyone = new FormSession(base());
        assertThat(anyone.get(page + "?lang=en").body()).contains("Beach workshop").contains("Childcare during the meeting")
                .contains("Sign language interpreting").contains("2 of 2 places left").contains("Sign in to register");
        assertThat(anyone.get("/city/participation/" + process + "?lang=en").body()).contains("Meetings in person").contains("Beach workshop");

        FormSession an = TestResidents.signedIn(base(), "an." + suffix + "@example.vn");
        assertThat(register(an, page, List.of(e("action", "register"), e("need", "CHILDCARE"), e("need", "SIGN_LANGUAGE"))).body())
                .contains("You are registered. See you there.").contains("1 of 2 places left");
        // Registering again changes what she needs, not the places.
        assertThat(register(an, page, List.of(e("action", "register"), e("need", "CHILDCARE"))).body()).contains("1 of 2 places left");
        FormSession binh = TestResidents.signedIn(base(), "binh." + suffix + "@example.vn");
        register(binh, page, List.of(e("action", "register"), e("need", "CHILDCARE"), e("need", "STEP_FREE")));
        FormSession chi = TestResidents.signedIn(base(), "chi." + suffix + "@example.vn");
        assertThat(register(chi, page, List.of(e("action", "register"))).body()).contains("The meeting is full.");
        // The department sees what to prepare, and no one's name or id.
        SaolaClient.Response needs = client().get(path + "/needs");
        assertThat(needs.json().get("registered").asInt()).isEqualTo(2);
        assertThat(needs.json().get("needs").get("CHILDCARE").asInt()).isEqualTo(2);
        assertThat(needs.json().get("needs").get("STEP_FREE").asInt()).isEqualTo(1);
        assertThat(needs.json().get("needs").has("SIGN_LANGUAGE")).isFalse();          // An no longer needs it
        assertThat(needs.body()).doesNotContain("@example.vn");
        // Fewer places than registered residents is refused; Binh cancels, Chi gets a place.
        assertThat(client().send("PUT", path, meeting.formatted(ward, starts, starts.plusHours(2), "[]").replace("\"capacity\":2", "\"capacity\":1"))
                .status()).isEqualTo(409);
        assertThat(register(binh, page, List.of(e("action", "cancel"))).body()).contains("Your registration is cancelled.");
        assertThat(register(chi, page, List.of(e("action", "register"))).body()).contains("You are registered.");

        // No minutes before it happens; after, the minutes with the proposal that came out of it.
        String minutes = path + "/minutes";
        assertThat(client().post(minutes, "{\"minutesVi\":\"Biên bản cuộc họp.\"}").status()).isEqualTo(409);
        assertThat(client().send("PUT", path, meeting.formatted(ward, starts.minusDays(4), starts.minusDays(4).plusHours(2), "[\"CHILDCARE\"]"))
                .status()).isEqualTo(200);
        assertThat(register(binh, page, List.of(e("action", "register"))).body()).contains("registration is closed");
        an.get("/city/participation/" + process + "/proposals/new?lang=en");
        HttpResponse<String> proposed = an.post("/city/participation/" + process + "/proposals/new?lang=en", Map.of(
                "title", "Shade sails over the beach playground", "body", "Agreed at the workshop: sails against the noon sun.",
                "category", "GREEN_SPACE", "ward", ward));
        assertThat(proposed.statusCode()).isEqualTo(302);
        assertThat(client().post(minutes, "{\"minutesVi\":\"Hai mươi người dự.\",\"proposals\":[7]}").status()).isEqualTo(400);
        SaolaClient.Response written = client().post(minutes,
                "{\"minutesVi\":\"Hai mươi người dự; đề xuất mái che.\",\"minutesEn\":\"Twenty people came; shade sails proposed.\",\"proposals\":[1]}");
        assertThat(written.status()).as(written.body()).isEqualTo(200);
        String after = anyone.get(page + "?lang=en").body();
        assertThat(after).contains("Twenty people came; shade sails proposed.").contains("Proposal 1").doesNotContain("registration-form");
        JsonNode listed = client().anonymous().get("/public/v1/participation/processes/" + process + "/meetings").json();
        assertThat(listed.get(0).get("proposals").get(0).asInt()).isEqualTo(1);
        assertThat(listed.toString()).doesNotContain("@example.vn");
        // Another department's officer announces nothing here.
        assertThat(client().post("/api/v1/departments", "{\"code\":\"x-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}".formatted(suffix))
                .status()).isEqualTo(201);
        SaolaClient other = client().withApiKey(client().post("/api/v1/api-keys",
                "{\"name\":\"x %s\",\"role\":\"OFFICER\",\"department\":\"x-%s\"}".formatted(suffix, suffix)).json().get("secret").asString());
        assertThat(other.get(path + "/needs").status()).isEqualTo(404);
    }
}
