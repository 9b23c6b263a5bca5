package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * "You said, we did" over HTTP: the department answers proposals and reports progress on what was decided;
 * the residents who asked to be told receive each answer and each piece of news by e-mail, the others
 * nothing; anyone reads where each funded project and accepted proposal stands and what it answers.
 */
class FollowUpTest extends PlatformTest {

    @Autowired
    TestClock clock;

    private String suffix;
    private String department;
    private String ward;
    private LocalDate today;

    @BeforeEach
    void department() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        department = "works-" + suffix;
        ward = "Phước Mỹ " + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Quản lý đô thị","nameEn":"Urban works","wards":["%s"]}"""
                .formatted(department, ward)).status()).isEqualTo(201);
        today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String email(String name) {
        return name + "." + suffix + "@example.vn";
    }

    /** Proposes on the form, asking to be told or not; answers the proposal's number. */
    private int propose(FormSession resident, String process, String title, boolean follow) throws Exception {
        resident.get("/city/participation/" + process + "/proposals/new?lang=en");
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("title", title,
                "body", "Details of what should be done and why it matters to the street.", "category", "ROADS", "ward", ward));
        if (follow) {
            fields.put("follow", "true");
        }
        HttpResponse<String> r = resident.post("/city/participation/" + process + "/proposals/new?lang=en", fields);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return Integer.parseInt(r.headers().firstValue("Location").orElseThrow().replaceAll(".*/proposals/(\\d+).*", "$1"));
    }

    /** Waits for a mail to this address with these words (messages may arrive in any order) and answers it. */
    private static String awaitMail(String address, String containing) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMailAndSms.mailTo(address, containing).isPresent());
        return TestMailAndSms.mailTo(address, containing).orElseThrow();
    }

    @Test
    void followersAreToldOfAnswersAndProgressAndAnyoneSeesWhereEachThingStands() throws Exception {
        String process = "streets-" + suffix;
        assertThat(client().send("PUT", "/api/v1/participation/processes/" + process, """
                {"titleVi":"Đường phố an toàn %1$s","titleEn":"Safe streets %1$s","department":"%2$s","wards":["%3$s"],
                 "phases":[{"phase":"PROPOSALS","starts":"%4$s","ends":"%5$s"},{"phase":"VOTING","starts":"%6$s","ends":"%7$s"}],
                 "voting":{"rule":"APPROVAL","maxChoices":2},"budgets":[{"amount":900000000}]}"""
                .formatted(suffix, department, ward, today.minusDays(1), today.plusDays(5), today.plusDays(10), today.plusDays(12)))
                .status()).isEqualTo(201);
        assertThat(client().send("PUT", "/api/v1/participation/processes/" + process + "/projects/crossing", """
                {"titleVi":"Vạch qua đường trước chợ","titleEn":"A zebra crossing at the market","cost":300000000}""").status())
                .isEqualTo(201);
        FormSession an = TestResidents.signedIn(base(), email("an"));
        FormSession binh = TestResidents.signedIn(base(), email("binh"));
        int anProposal = propose(an, process, "A zebra crossing in front of the market", true);
        int binhProposal = propose(binh, process, "Repair the pavement on Phan Châu Trinh", false);
        int third = propose(binh, process, "Speed bumps near the primary school", false);

        SaolaClient.Response key = client().post("/api/v1/api-keys", "{\"name\":\"works officer %s\",\"role\":\"OFFICER\",\"department\":\"%s\"}"
                .formatted(suffix, department));
        SaolaClient officer = client().withApiKey(key.json().get("secret").asString());
        String answers = "/api/v1/participation/processes/" + process + "/proposals/";
        assertThat(officer.post(answers + anProposal + "/answer", "{\"decision\":\"ACCEPTED\",\"answer\":\"It will be in the vote.\"}")
                .status()).isEqualTo(200);
        assertThat(officer.post(answers + binhProposal + "/answer", "{\"decision\":\"ACCEPTED\",\"answer\":\"We repair it in March.\"}")
                .status()).isEqualTo(200);
        assertThat(officer.post(answers + third + "/answer", "{\"decision\":\"REJECTED\",\"answer\":\"The street is too narrow for bumps.\"}")
                .status()).isEqualTo(200);
        // An asked to be told: the answer reaches her, with its link; Binh did not ask and gets nothing but his code.
        assertThat(awaitMail(email("an"), "was accepted")).contains("It will be in the vote.")
                .contains("/city/participation/" + process + "/proposals/" + anProposal);
        String binhLast = TestMailAndSms.lastMailTo(email("binh")).orElseThrow();

        // An accepted proposal becomes a project of the vote, linked to it; a rejected one does not.
        String toProject = "/api/v1/participation/processes/" + process + "/proposals/";
        assertThat(officer.post(toProject + third + "/project", "{\"code\":\"bumps\",\"cost\":50000000}").status()).isEqualTo(409);
        assertThat(officer.post(toProject + anProposal + "/project", "{\"code\":\"zebra\"}").body()).contains("cost");
        SaolaClient.Response project = officer.post(toProject + anProposal + "/project",
                "{\"code\":\"zebra\",\"cost\":150000000,\"titleEn\":\"A zebra crossing at the market (from proposal)\"}");
        assertThat(project.status()).as(project.body()).isEqualTo(201);
        assertThat(project.json().get("titleVi").asString()).isEqualTo("A zebra crossing in front of the market");
        assertThat(officer.post(toProject + anProposal + "/project", "{\"code\":\"zebra\",\"cost\":1}").status()).isEqualTo(409);
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process).body()).contains("\"zebra\"");

        // The department says where things stand; bad input is named, a rejected proposal has no progress.
        String progress = "/api/v1/participation/processes/" + process + "/follow-up/";
        SaolaClient.Response bad = officer.post(progress + "proposal/" + binhProposal,
                "{\"status\":\"DONE\",\"percent\":60,\"noteVi\":\"Xong một nửa.\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("percent");
        assertThat(officer.post(progress + "proposal/" + binhProposal, "{\"status\":\"SOON\",\"percent\":10,\"noteVi\":\"Sắp làm.\"}").body())
                .contains("status");
        assertThat(officer.post(progress + "proposal/" + binhProposal, "{\"status\":\"PLANNED\",\"percent\":0}").body()).contains("noteVi");
        assertThat(officer.post(progress + "proposal/" + third, "{\"status\":\"PLANNED\",\"percent\":0,\"noteVi\":\"Không làm.\"}").status())
                .isEqualTo(409);
        assertThat(officer.post(progress + "thing/1", "{\"status\":\"PLANNED\",\"percent\":0,\"noteVi\":\"Không rõ.\"}").status()).isEqualTo(400);
        assertThat(officer.post(progress + "project/nope", "{\"status\":\"PLANNED\",\"percent\":0,\"noteVi\":\"Không rõ.\"}").status()).isEqualTo(404);
        SaolaClient.Response recorded = officer.post(progress + "proposal/" + binhProposal, """
                {"status":"IN_PROGRESS","percent":40,"spent":120000000,"starts":"2027-03-01","ends":"2027-04-15",
                 "noteVi":"Đã sửa 200 m vỉa hè.","noteEn":"200 m of pavement repaired."}""");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(officer.post(progress + "project/crossing", """
                {"status":"PLANNED","percent":0,"noteVi":"Đang khảo sát vị trí.","noteEn":"Surveying the site."}""").status()).isEqualTo(201);
        // Followers hear of progress; Binh still nothing.
        assertThat(awaitMail(email("an"), "200 m of pavement repaired.")).contains("40 %").contains("Đã sửa 200 m vỉa hè.");
        awaitMail(email("an"), "Surveying the site.");
        assertThat(TestMailAndSms.lastMailTo(email("binh")).orElseThrow()).isEqualTo(binhLast);

        // Which proposals and reports the project answers.
        String links = "/api/v1/participation/processes/" + process + "/projects/crossing/links";
        assertThat(officer.send("PUT", links, "{\"proposals\":[99],\"reports\":[]}").status()).isEqualTo(400);
        SaolaClient.Response linked = officer.send("PUT", links, "{\"proposals\":[%d],\"reports\":[1001]}".formatted(anProposal));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        // Another department's officer records nothing here.
        assertThat(client().post("/api/v1/departments", "{\"code\":\"other-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}".formatted(suffix))
                .status()).isEqualTo(201);
        SaolaClient other = client().withApiKey(client().post("/api/v1/api-keys",
                "{\"name\":\"other %s\",\"role\":\"OFFICER\",\"department\":\"other-%s\"}".formatted(suffix, suffix)).json().get("secret").asString());
        assertThat(other.post(progress + "project/crossing", "{\"status\":\"DONE\",\"percent\":100,\"noteVi\":\"Xong rồi.\"}").status())
                .isEqualTo(404);

        // Anyone sees where each thing stands.
        JsonNode items = client().anonymous().get("/public/v1/participation/processes/" + process + "/follow-up").json();
        assertThat(items).hasSize(3);                                       // the project with news, two accepted proposals
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/follow-up").body())
                .doesNotContain("\"zebra\"");                                // not funded yet, no news: not followed up
        JsonNode crossing = items.get(0);
        assertThat(crossing.get("kind").asString()).isEqualTo("PROJECT");
        assertThat(crossing.get("proposals").get(0).asInt()).isEqualTo(anProposal);
        assertThat(crossing.get("reports").get(0).asLong()).isEqualTo(1001);
        JsonNode pavement = null;
        for (JsonNode i : items) {
            if (i.get("ref").asString().equals(Integer.toString(binhProposal))) {
                pavement = i;
            }
        }
        assertThat(pavement).isNotNull();
        assertThat(pavement.get("updates").get(0).get("percent").asInt()).isEqualTo(40);
        assertThat(pavement.get("updates").get(0).get("spent").asLong()).isEqualTo(120_000_000L);

        // The same as open data, for the catalogue: the progress and the process with its phases.
        OpenDataClient openData = new OpenDataClient(client());
        JsonNode progressRows = openData.search("participation.progress", "{\"process\":\"" + process + "\"}");
        assertThat(progressRows.get("total").asLong()).isEqualTo(2);
        JsonNode pavementRow = progressRows.get("records").valueStream()
                .filter(r -> r.get("ref").asString().equals(Integer.toString(binhProposal))).findFirst().orElseThrow();
        assertThat(pavementRow.get("kind").asString()).isEqualTo("PROPOSAL");
        assertThat(pavementRow.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(pavementRow.get("percent").asInt()).isEqualTo(40);
        assertThat(pavementRow.get("spent").asLong()).isEqualTo(120_000_000L);
        assertThat(pavementRow.get("starts").asString()).startsWith("2027-03-01");
        assertThat(pavementRow.get("note_en").asString()).isEqualTo("200 m of pavement repaired.");
        JsonNode crossingRow = progressRows.get("records").valueStream()
                .filter(r -> r.get("ref").asString().equals("crossing")).findFirst().orElseThrow();
        assertThat(crossingRow.get("proposals").asString()).isEqualTo(Integer.toString(anProposal));
        assertThat(crossingRow.get("reports").asString()).isEqualTo("1001");
        assertThat(progressRows.toString()).as("no resident in it").doesNotContain(email("an")).doesNotContain(email("binh"));
        JsonNode phases = openData.search("participation.processes", "{\"process\":\"" + process + "\"}");
        assertThat(phases.get("records").valueStream().map(r -> r.get("phase").asString()).toList())
                .containsExactlyInAnyOrder("PROPOSALS", "VOTING");
        assertThat(phases.get("records").get(0).get("department").asString()).isEqualTo(department);

        FormSession anyone = new FormSession(base());
        String page = anyone.get("/city/participation/" + process + "?lang=en").body();
        assertThat(page).contains("You said, we did").contains("Under way").contains("200 m of pavement repaired.")
                .doesNotContain("Tell me what happens");                   // only a signed-in resident may ask
        String item = anyone.get("/city/participation/" + process + "/follow-up/project/crossing?lang=en").body();
        assertThat(item).contains("A zebra crossing at the market").contains("Surveying the site.").contains("Proposal " + anProposal)
                .contains("/city/reports/1001").contains("0 of 300,000,000 đồng");
        assertThat(anyone.get("/city/participation/" + process + "/follow-up/proposal/" + third + "?lang=en").statusCode()).isEqualTo(404);

        // Binh changes his mind and follows the process from its page; then news reaches him too.
        binh.get("/city/participation/" + process + "?lang=en");
        HttpResponse<String> followed = binh.post("/city/participation/" + process + "/follow?lang=en",
                Map.of("follow", "true", "back", "/city/participation/" + process));
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(binh.follow(followed).body()).contains("You will be told of each answer").contains("Stop telling me");
        assertThat(officer.post(progress + "proposal/" + binhProposal, """
                {"status":"DONE","percent":100,"spent":250000000,"noteVi":"Hoàn thành.","noteEn":"Finished."}""").status()).isEqualTo(201);
        awaitMail(email("binh"), "Finished.");
    }
}
