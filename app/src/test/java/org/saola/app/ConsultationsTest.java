package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Consultations over HTTP: the department asks (one choice, several, a ranking, a scale, free text); residents
 * answer on the page without JavaScript (once each, changeable), people not signed in too when it is open to
 * everyone; the results are published only once it closes, free text never as such; the department's
 * response reaches those who follow the process.
 */
class ConsultationsTest extends PlatformTest {

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private String suffix;
    private String department;
    private String process;
    private LocalDate today;

    @BeforeEach
    void process() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        department = "culture-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Sở Văn hoá","nameEn":"Culture","wards":["Hải Châu %s","Sơn Trà %s"]}"""
                .formatted(department, suffix, suffix)).status()).isEqualTo(201);
        today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
        process = "market-" + suffix;
        assertThat(client().send("PUT", "/api/v1/participation/processes/" + process, """
                {"titleVi":"Chợ đêm %1$s","titleEn":"Night market %1$s","department":"%2$s",
                 "phases":[{"phase":"DELIBERATION","starts":"%3$s","ends":"%4$s"}]}"""
                .formatted(suffix, department, today.minusDays(3), today.plusDays(30))).status()).isEqualTo(201);
    }

    private String consultation(String code, String audience, String wards, LocalDate closes) {
        return """
                {"process":"%s","titleVi":"Giờ mở chợ đêm","titleEn":"Night market hours","introVi":"Cho chúng tôi biết.",
                 "introEn":"Tell us.","opens":"%s","closes":"%s","audience":"%s","wards":%s,
                 "questions":[
                   {"code":"hours","kind":"SINGLE","textVi":"Chợ nên đóng lúc mấy giờ?","textEn":"When should it close?","required":true,
                    "options":[{"code":"ten","textVi":"22 giờ","textEn":"10 pm"},{"code":"midnight","textVi":"24 giờ","textEn":"Midnight"}]},
                   {"code":"stalls","kind":"MULTIPLE","textVi":"Bạn muốn quầy nào?","textEn":"Which stalls?","maxChoices":2,
                    "options":[{"code":"food","textVi":"Ăn uống","textEn":"Food"},{"code":"crafts","textVi":"Thủ công","textEn":"Crafts"},
                               {"code":"music","textVi":"Âm nhạc","textEn":"Music"}]},
                   {"code":"worries","kind":"RANKING","textVi":"Điều gì đáng lo nhất?","textEn":"What worries you most?",
                    "options":[{"code":"noise","textVi":"Tiếng ồn","textEn":"Noise"},{"code":"litter","textVi":"Rác","textEn":"Litter"},
                               {"code":"parking","textVi":"Đỗ xe","textEn":"Parking"}]},
                   {"code":"support","kind":"SCALE","textVi":"Bạn ủng hộ đến mức nào?","textEn":"How much do you support it?","scaleMin":1,"scaleMax":5},
                   {"code":"ideas","kind":"TEXT","textVi":"Ý kiến khác?","textEn":"Other ideas?"}]}"""
                .formatted(process, today.minusDays(1), closes, audience, wards);
    }

    private HttpResponse<String> answer(FormSession who, String code, List<Map.Entry<String, String>> fields) throws Exception {
        who.get("/city/participation/consultations/" + code + "?lang=en");
        HttpResponse<String> r = who.post("/city/participation/consultations/" + code + "?lang=en", fields);
        return r.statusCode() == 302 ? who.follow(r) : r;
    }

    @Test
    void residentsAnswerOnceEachResultsWaitForTheCloseAndTheResponseReachesFollowers() throws Exception {
        String code = "hours-" + suffix;
        String path = "/api/v1/participation/consultations/" + code;
        // Bad definitions are named.
        SaolaClient.Response bad = client().send("PUT", path, consultation(code, "EVERYONE", "[]", today.plusDays(5))
                .replace("\"kind\":\"SCALE\"", "\"kind\":\"STARS\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("questions[3].kind");
        assertThat(client().send("PUT", path, consultation(code, "EVERYONE", "[\"Hải Châu " + suffix + "\"]", today.plusDays(5)))
                .body()).contains("RESIDENTS");
        SaolaClient.Response created = client().send("PUT", path, consultation(code, "EVERYONE", "[]", today.plusDays(5)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("state").asString()).isEqualTo("OPEN");

        FormSession an = TestResidents.signedIn(base(), "an." + suffix + "@example.vn");
        an.get("/city/participation/" + process + "?lang=en");
        assertThat(an.post("/city/participation/" + process + "/follow?lang=en", Map.of("follow", "true")).statusCode()).isEqualTo(302);
        // A missing required answer and a ranking with two firsts are named; nothing is recorded.
        assertThat(answer(an, code, List.of(Map.entry("q-stalls", "food"))).body()).contains("“When should it close?” needs an answer.");
        assertThat(answer(an, code, List.of(Map.entry("q-hours", "ten"), Map.entry("rank.worries.noise", "1"),
                Map.entry("rank.worries.litter", "1"))).body()).contains("Check your answer to “What worries you most?”");
        HttpResponse<String> first = answer(an, code, List.of(Map.entry("q-hours", "ten"), Map.entry("q-stalls", "food"),
                Map.entry("q-stalls", "music"), Map.entry("rank.worries.litter", "1"), Map.entry("rank.worries.noise", "2"),
                Map.entry("rank.worries.parking", ""), Map.entry("q-support", "4"), Map.entry("q-ideas", "More bins near the river.")));
        assertThat(first.body()).contains("your answers are in");
        // Her answers come back on the form; she changes one: still one answer of hers.
        assertThat(first.body()).containsPattern("value=\"music\"[^>]*checked");
        answer(an, code, List.of(Map.entry("q-hours", "midnight"), Map.entry("rank.worries.litter", "1"), Map.entry("q-support", "5")));
        FormSession binh = TestResidents.signedIn(base(), "binh." + suffix + "@example.vn");
        answer(binh, code, List.of(Map.entry("q-hours", "midnight"), Map.entry("q-stalls", "crafts"), Map.entry("rank.worries.noise", "1"),
                Map.entry("rank.worries.parking", "2"), Map.entry("q-support", "2"), Map.entry("q-ideas", "Call me on 0905 123 456.")));
        // Someone not signed in answers too: this one is open to everyone.
        assertThat(answer(new FormSession(base()), code, List.of(Map.entry("q-hours", "ten"))).body()).contains("your answers are in");
        assertThat(client().anonymous().get("/public/v1/participation/consultations/" + code).json().get("answers").asInt()).isEqualTo(3);

        // No running tally while it is open; the response waits for the close too.
        assertThat(client().anonymous().get("/public/v1/participation/consultations/" + code + "/results").status()).isEqualTo(409);
        assertThat(client().post(path + "/response", "{\"responseVi\":\"Chợ mở đến nửa đêm.\"}").status()).isEqualTo(409);
        // Its questions are fixed now; its dates are not: the department closes it yesterday.
        assertThat(client().send("PUT", path, consultation(code, "RESIDENTS", "[]", today.plusDays(5))).status()).isEqualTo(409);
        assertThat(client().send("PUT", path, consultation(code, "EVERYONE", "[]", today.minusDays(1)).replace(
                "\"opens\":\"" + today.minusDays(1) + "\"", "\"opens\":\"" + today.minusDays(2) + "\"")).status()).isEqualTo(200);
        assertThat(answer(binh, code, List.of(Map.entry("q-hours", "ten"))).body()).contains("closed on");

        JsonNode results = client().anonymous().get("/public/v1/participation/consultations/" + code + "/results").json();
        assertThat(results.get("answers").asInt()).isEqualTo(3);
        JsonNode hours = results.get("questions").get(0);
        assertThat(hours.get("answered").asInt()).isEqualTo(3);
        assertThat(hours.get("counts").get(0).get("count").asInt()).isEqualTo(1);          // ten: the anonymous one
        assertThat(hours.get("counts").get(1).get("count").asInt()).isEqualTo(2);          // midnight: An (changed) and Binh
        JsonNode worries = results.get("questions").get(2);
        assertThat(worries.get("counts").get(0).get("code").asString()).isIn("litter", "noise");
        assertThat(results.get("questions").get(3).get("mean").asDouble()).isEqualTo(3.5);  // 5 and 2
        // An's second answers replaced all her first ones, her words too: one free text is left, Binh's.
        assertThat(results.get("questions").get(4).get("answered").asInt()).isEqualTo(1);
        String published = results.toString();
        assertThat(published).doesNotContain("0905 123 456").doesNotContain("More bins");
        // The department reads the free text.
        assertThat(client().get(path + "/texts/ideas").body()).contains("Call me on 0905 123 456.").doesNotContain("More bins");
        assertThat(client().anonymous().get(path + "/texts/ideas").status()).isIn(401, 403);

        SaolaClient.Response response = client().post(path + "/response",
                "{\"responseVi\":\"Chợ sẽ mở đến nửa đêm vào cuối tuần.\",\"responseEn\":\"The market will stay open until midnight at weekends.\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        HttpResponse<String> page = new FormSession(base()).get("/city/participation/consultations/" + code + "?lang=en");
        assertThat(page.body()).contains("What residents said").contains("until midnight at weekends").contains("Average: 3.5")
                .contains("1 resident wrote an answer").doesNotContain("0905 123 456");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMailAndSms.lastMailTo("an." + suffix + "@example.vn").orElse("")
                .contains("until midnight at weekends"));
        assertThat(new FormSession(base()).get("/city/participation/" + process + "?lang=en").body()).contains("Night market hours");
    }

    @Test
    void aConsultationOfResidentsOfSomeWardsAsksThemToSignInAndSayTheirWard() throws Exception {
        String code = "wards-" + suffix;
        assertThat(client().send("PUT", "/api/v1/participation/consultations/" + code,
                consultation(code, "RESIDENTS", "[\"Hải Châu " + suffix + "\"]", today.plusDays(3))).status()).isEqualTo(201);
        FormSession stranger = new FormSession(base());
        assertThat(stranger.get("/city/participation/consultations/" + code + "?lang=en").body()).contains("Sign in to answer")
                .doesNotContain("id=\"consultation-form\"");
        stranger.get("/residents/sign-in");                                // a form token from another page
        HttpResponse<String> refused = stranger.post("/city/participation/consultations/" + code + "?lang=en", List.of(Map.entry("q-hours", "ten")));
        assertThat(refused.body()).contains("Only residents signed in with a one-time code answer this consultation.");
        FormSession chi = TestResidents.signedIn(base(), "chi." + suffix + "@example.vn");
        assertThat(answer(chi, code, List.of(Map.entry("q-hours", "ten"))).body()).contains("Say which of the wards asked is yours.");
        assertThat(answer(chi, code, List.of(Map.entry("ward", "Hải Châu " + suffix), Map.entry("q-hours", "ten"))).body())
                .contains("your answers are in");
        // Another department's officer cannot change it; an unknown consultation is a 404.
        assertThat(client().post("/api/v1/departments", "{\"code\":\"o-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}".formatted(suffix))
                .status()).isEqualTo(201);
        SaolaClient other = client().withApiKey(client().post("/api/v1/api-keys",
                "{\"name\":\"o %s\",\"role\":\"OFFICER\",\"department\":\"o-%s\"}".formatted(suffix, suffix)).json().get("secret").asString());
        assertThat(other.send("PUT", "/api/v1/participation/consultations/" + code,
                consultation(code, "RESIDENTS", "[\"Hải Châu " + suffix + "\"]", today.plusDays(9))).status()).isEqualTo(404);
        assertThat(client().anonymous().get("/public/v1/participation/consultations/nope-" + suffix).status()).isEqualTo(404);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void staffOpenAConsultationOnItsPageReadWhatResidentsWroteAndRespond() throws Exception {
        FormSession staff = new FormSession(base());
        staff.get("/login");
        assertThat(staff.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).statusCode()).isEqualTo(302);
        String page = "/operations/participation/processes/" + process + "/consultations";
        assertThat(staff.get("/operations/participation/processes/" + process + "?lang=en").body()).contains(page);
        assertThat(staff.get(page + "?lang=en").body()).contains("No consultation yet.").contains("Question 1");
        String code = "stalls-" + suffix;
        List<Map.Entry<String, String>> form = new java.util.ArrayList<>(List.of(Map.entry("code", code),
                Map.entry("titleVi", "Quầy hàng chợ đêm"), Map.entry("titleEn", "Night market stalls"),
                Map.entry("opens", today.minusDays(1).toString()), Map.entry("closes", today.plusDays(6).toString()),
                Map.entry("audience", "EVERYONE"), Map.entry("wards", ""),
                Map.entry("q0-kind", "SINGLE"), Map.entry("q0-code", "kind"), Map.entry("q0-textVi", "Quầy gì?"),
                Map.entry("q0-textEn", "Which stalls?"), Map.entry("q0-required", "true"),
                Map.entry("q0-options", "food | Ăn uống | Food\ncrafts Thủ công Crafts")));

        // A malformed answer line is named with its question; the form keeps what was typed, with a row more.
        HttpResponse<String> bad = staff.post(page + "?lang=en", form);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("Question 1: Write each answer on a line of its own").contains("value=\"Quầy hàng chợ đêm\"")
                .contains("Question 2");
        form.set(form.size() - 1, Map.entry("q0-options", "food | Ăn uống | Food\ncrafts | Thủ công | Crafts"));
        // "Another question" saves nothing and shows one more row.
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(form);
        more.add(Map.entry("more", "true"));
        assertThat(staff.post(page + "?lang=en", more).body()).contains("Question 2").doesNotContain("class=\"card\"");
        form.addAll(List.of(Map.entry("q1-kind", "TEXT"), Map.entry("q1-code", "ideas"), Map.entry("q1-textVi", "Ý kiến khác?"),
                Map.entry("q1-textEn", "Other ideas?"), Map.entry("q2-kind", "SINGLE")));       // the empty row is not asked
        HttpResponse<String> saved = staff.post(page + "?lang=en", form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JsonNode published = client().anonymous().get("/public/v1/participation/consultations/" + code).json().get("consultation");
        assertThat(published.get("questions")).hasSize(2);
        assertThat(published.get("questions").get(0).get("options").get(1).get("textVi").asString()).isEqualTo("Thủ công");
        assertThat(published.get("questions").get(0).get("required").asBoolean()).isTrue();

        // A resident answers; the department closes it yesterday (its dates may still change) and reads the words.
        FormSession binh = TestResidents.signedIn(base(), "binh.stalls." + suffix + "@example.vn");
        answer(binh, code, List.of(Map.entry("q-kind", "crafts"), Map.entry("q-ideas", "Bamboo lanterns, please")));
        List<Map.Entry<String, String>> closing = new java.util.ArrayList<>(form);
        closing.replaceAll(e -> e.getKey().equals("opens") ? Map.entry("opens", today.minusDays(3).toString())
                : e.getKey().equals("closes") ? Map.entry("closes", today.minusDays(1).toString()) : e);
        staff.get(page + "?lang=en&consultation=" + code);
        assertThat(staff.post(page + "?lang=en", closing).statusCode()).isEqualTo(302);
        String closed = staff.get(page + "?lang=en").body();
        assertThat(closed).contains("Closed").contains("1 answers").contains("What residents wrote: Other ideas?")
                .contains("Bamboo lanterns, please");
        assertThat(staff.get(page + "?lang=vi").body()).contains("Đã kết thúc").contains("Người dân đã viết");
        assertThat(staff.post(page + "/" + code + "/response?lang=en", Map.of("responseVi",
                "Chợ sẽ có khu thủ công từ tháng sau.")).statusCode()).isEqualTo(302);
        assertThat(client().anonymous().get("/public/v1/participation/consultations/" + code).json().get("responseVi").asString())
                .isEqualTo("Chợ sẽ có khu thủ công từ tháng sau.");
    }

    @Test
    void aWardOfficeAnswersForAResidentWhoCameInPersonAndTheyStillAnswerOnce() throws Exception {
        String code = "assisted-" + suffix;
        assertThat(client().send("PUT", "/api/v1/participation/consultations/" + code,
                consultation(code, "RESIDENTS", "[]", today.plusDays(5))).status()).isEqualTo(201);
        String path = "/api/v1/participation/consultations/" + code + "/assisted-answers";
        String email = "ba.tu." + suffix + "@example.vn";
        SaolaClient.Response missing = client().post(path, "{\"answers\":{\"hours\":[\"ten\"]}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("contact");
        assertThat(client().post(path, "{\"contact\":\"%s\",\"answers\":{\"hours\":null}}".formatted(email)).status())
                .as("a required question left null").isEqualTo(400);
        SaolaClient.Response first = client().post(path, "{\"contact\":\"%s\",\"answers\":{\"hours\":[\"ten\"]}}".formatted(email));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("channel").asString()).isEqualTo("ASSISTED");
        assertThat(client().post(path, "{\"contact\":\"%s\",\"answers\":{\"hours\":[\"midnight\"]}}".formatted(email))
                .json().get("replaced").asBoolean()).isTrue();

        // The ward office's page: the same questions, the answers marked as assisted.
        FormSession staff = new FormSession(base());
        staff.get("/login");
        assertThat(staff.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).statusCode()).isEqualTo(302);
        assertThat(staff.get("/operations/participation?lang=en").body()).contains("/operations/participation/consultations/" + code + "/assist");
        String page = "/operations/participation/consultations/" + code + "/assist";
        assertThat(staff.get(page + "?lang=en").body()).contains("When should it close?").contains("assist-contact");
        HttpResponse<String> noAnswer = staff.post(page + "?lang=en", List.of(Map.entry("contact", "+84905111222")));
        assertThat(noAnswer.statusCode()).isEqualTo(200);
        assertThat(noAnswer.body()).contains("Question hours needs an answer.").contains("value=\"+84905111222\"");
        HttpResponse<String> recorded = staff.post(page + "?lang=en", List.of(Map.entry("contact", "+84905111222"),
                Map.entry("q-hours", "ten"), Map.entry("q-ideas", "Đèn lồng")));
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(staff.follow(recorded).body()).contains("The answers are recorded, marked as entered at a ward office.");

        assertThat(jdbc.sql("SELECT count(*) FROM participation_consultation_answer WHERE consultation = ? AND channel = 'ASSISTED'")
                .param(code).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'CONSULTATION_ANSWER_ASSISTED' AND target = ?")
                .param("consultation:" + code).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT string_agg(details, ' ') FROM audit_record WHERE action = 'CONSULTATION_ANSWER_ASSISTED' AND target = ?")
                .param("consultation:" + code).query(String.class).single()).as("who, never what").doesNotContain("midnight")
                .doesNotContain("Đèn lồng");

        // The resident signs in later with the same e-mail and answers online: still one answer, now theirs.
        FormSession tu = TestResidents.signedIn(base(), email);
        answer(tu, code, List.of(Map.entry("q-hours", "midnight")));
        assertThat(jdbc.sql("SELECT count(*) FROM participation_consultation_answer WHERE consultation = ?")
                .param(code).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM participation_consultation_answer WHERE consultation = ? AND channel = 'ONLINE'")
                .param(code).query(Integer.class).single()).isEqualTo(1);
    }
}
