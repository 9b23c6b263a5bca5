package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Staff set a process up on its page, without the API: the process with its phases, rule and ward budgets,
 * then its projects; a mistake is said above the form, which keeps what was typed. Documents (PDF) are
 * published with it and served to anyone; an officer of another department cannot reach the page.
 */
class ProcessSetupTest extends PlatformTest {

    @Autowired
    TestClock clock;

    private String suffix;
    private String department;
    private LocalDate today;

    @BeforeEach
    void department() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        department = "setup-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Xây dựng","nameEn":"Construction"}""".formatted(department)).status()).isEqualTo(201);
        today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    private FormSession staff() throws Exception {
        FormSession admin = new FormSession("http://localhost:" + port);
        admin.get("/login");
        assertThat(admin.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).statusCode()).isEqualTo(302);
        admin.get("/operations/participation/new");           // a page, for its form token
        return admin;
    }

    private Map<String, String> fields(String code) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("code", code);
        f.put("titleVi", "Ngân sách phường " + suffix);
        f.put("titleEn", "Ward budgets " + suffix);
        f.put("summaryVi", "Mỗi phường quyết định.");
        f.put("summaryEn", "Each ward decides.");
        f.put("department", department);
        f.put("wards", "An Hải " + suffix + "\r\nSơn Trà " + suffix);
        f.put("eligibility", "RESIDENTS");
        f.put("supportThreshold", "3");
        f.put("starts-PROPOSALS", today.minusDays(3).toString());
        f.put("ends-PROPOSALS", today.plusDays(5).toString());
        f.put("starts-VOTING", today.plusDays(10).toString());
        f.put("ends-VOTING", today.plusDays(20).toString());
        f.put("rule", "KNAPSACK");
        f.put("minimumSpendPercent", "50");
        f.put("minProjects", "2");
        f.put("closesAt", "18:00");
        f.put("budgets", "An Hải " + suffix + ": 1.000.000.000\r\nSơn Trà " + suffix + ": 2000000000");
        return f;
    }

    @Test
    void staffSetUpAProcessItsProjectsAndDocumentsOnItsPage() throws Exception {
        FormSession admin = staff();
        String code = "setup-" + suffix;
        assertThat(admin.get("/operations/participation?lang=en").body()).contains("id=\"new-process-link\"");
        assertThat(admin.get("/operations/participation/new?lang=en").body()).contains("id=\"process-form\"");

        // A phase with one day only: said plainly, and what was typed stays in the form.
        Map<String, String> wrong = fields(code);
        wrong.remove("ends-VOTING");
        HttpResponse<String> refused = admin.post("/operations/participation/processes?lang=en", wrong);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The phase “Voting” needs both its first and its last day").contains("value=\"Ward budgets " + suffix + "\"");
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + code).status()).isEqualTo(404);

        HttpResponse<String> created = admin.post("/operations/participation/processes", fields(code));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(admin.follow(created).body()).contains("id=\"done\"").contains("id=\"project-form\"");
        JsonNode p = client().anonymous().get("/public/v1/participation/processes/" + code).json();
        assertThat(p.get("wards").toString()).contains("An Hải " + suffix).contains("Sơn Trà " + suffix);
        assertThat(p.get("voting").get("closesAt").asString()).isEqualTo("18:00");
        assertThat(p.get("voting").get("minProjects").asInt()).isEqualTo(2);
        assertThat(p.get("budgets").get(0).get("amount").asLong()).isEqualTo(1_000_000_000L);
        assertThat(p.get("supportThreshold").asInt()).isEqualTo(3);

        // Projects, each paid from a ward's budget; changed with the same code; removed.
        admin.get("/operations/participation/processes/" + code);
        Map<String, String> project = new LinkedHashMap<>(Map.of("code", "park", "titleVi", "Công viên", "titleEn", "A park",
                "descriptionVi", "", "descriptionEn", "", "cost", "400.000.000", "scope", "Sơn Trà " + suffix));
        assertThat(admin.post("/operations/participation/processes/" + code + "/projects", project).statusCode()).isEqualTo(302);
        project.put("cost", "four hundred");
        // The problem in the page's language.
        assertThat(admin.post("/operations/participation/processes/" + code + "/projects?lang=vi", project).body())
                .contains("Chi phí là một số nguyên tính bằng đồng").doesNotContain("Không thực hiện được");
        assertThat(admin.post("/operations/participation/processes/" + code + "/projects?lang=en", project).body())
                .contains("id=\"project-problem\"").contains("whole number of đồng");
        project.put("code", "bench");
        project.put("cost", "50000000");
        assertThat(admin.post("/operations/participation/processes/" + code + "/projects", project).statusCode()).isEqualTo(302);
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + code).json().get("projects").toString())
                .contains("\"park\"").contains("400000000").contains("\"bench\"");
        admin.get("/operations/participation/processes/" + code);
        assertThat(admin.post("/operations/participation/processes/" + code + "/projects/bench/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + code).json().get("projects").toString())
                .doesNotContain("\"bench\"");

        // A document: a PDF, listed on the process page and served as one; anything else is refused.
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        SaolaClient.Response doc = client().send("POST", "/api/v1/participation/processes/" + code
                + "/documents?titleVi=K%E1%BA%BF%20ho%E1%BA%A1ch&titleEn=The%20plan", pdf, "Content-Type", "application/pdf");
        assertThat(doc.status()).as(doc.body()).isEqualTo(201);
        String url = doc.json().get("url").asString();
        assertThat(client().send("POST", "/api/v1/participation/processes/" + code + "/documents?titleVi=x", "<html>not a pdf</html>",
                "Content-Type", "application/pdf").body()).contains("a document is a PDF file");
        SaolaClient.Response served = client().anonymous().get(url);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/pdf");
        assertThat(served.body()).startsWith("%PDF-1.4");
        assertThat(new FormSession("http://localhost:" + port).get("/city/participation/" + code + "?lang=en").body())
                .contains("The plan").contains("(PDF, 1 KB)");
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + code + "/documents").json().get(0)
                .get("titleVi").asString()).isEqualTo("Kế hoạch");
        admin.get("/operations/participation/processes/" + code);
        assertThat(admin.post(url.replace("/city/participation/", "/operations/participation/processes/") + "/delete", Map.of())
                .statusCode()).isEqualTo(302);
        assertThat(client().anonymous().get(url).status()).isEqualTo(404);

        // An officer of another department does not see the process to set up.
        assertThat(client().post("/api/v1/departments", "{\"code\":\"other-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}"
                .formatted(suffix)).status()).isEqualTo(201);
        SaolaClient.Response staff = client().post("/api/v1/staff", """
                {"username":"setup-%s","displayName":"Trần Văn Bình","roles":["OFFICER"],"departments":["other-%s"]}"""
                .formatted(suffix, suffix));
        assertThat(staff.status()).as(staff.body()).isEqualTo(201);
        FormSession officer = new FormSession("http://localhost:" + port);
        officer.get("/login");
        assertThat(officer.post("/login", Map.of("username", "setup-" + suffix, "password", staff.json().path("password").asString()))
                .statusCode()).isEqualTo(302);
        assertThat(officer.get("/operations/participation/processes/" + code).statusCode()).isEqualTo(404);
        assertThat(officer.get("/operations/participation/new?lang=en").body()).doesNotContain("value=\"" + department + "\"");
    }

    @Test
    void theDepartmentAnnouncesAMeetingSeesWhatHelpIsNeededAndPublishesItsMinutes() throws Exception {
        FormSession admin = staff();
        String code = "meet-" + suffix;
        assertThat(admin.post("/operations/participation/processes", fields(code)).statusCode()).isEqualTo(302);
        String page = "/operations/participation/processes/" + code + "/meetings";
        assertThat(admin.get(page + "?lang=en").body()).contains("No meeting yet").contains("id=\"meeting-form\"");
        java.time.LocalDateTime starts = java.time.LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"))
                .plusDays(2).withHour(18).withMinute(30).withSecond(0).withNano(0);
        java.util.List<Map.Entry<String, String>> meeting = new java.util.ArrayList<>(java.util.List.of(Map.entry("code", "hoi-thao"),
                Map.entry("titleVi", "Hội thảo công viên"), Map.entry("titleEn", "Park workshop"), Map.entry("descriptionVi", ""),
                Map.entry("descriptionEn", ""), Map.entry("starts", starts.toString()), Map.entry("ends", "soon"),
                Map.entry("place", "Nhà văn hoá, 12 Bạch Đằng"), Map.entry("ward", ""), Map.entry("provision", "CHILDCARE"),
                Map.entry("provision", "SIGN_LANGUAGE"), Map.entry("accessibility", "Lối vào có dốc."), Map.entry("capacity", "40")));
        HttpResponse<String> refused = admin.post(page + "?lang=en", meeting);
        assertThat(refused.body()).contains("“Ends” is a day and a time").contains("value=\"Park workshop\"")
                .containsPattern("value=\"CHILDCARE\"\\s+checked");
        meeting.set(6, Map.entry("ends", starts.plusHours(2).toString()));
        assertThat(admin.post(page, meeting).statusCode()).isEqualTo(302);
        JsonNode listed = client().anonymous().get("/public/v1/participation/processes/" + code + "/meetings").json().get(0);
        assertThat(listed.at("/meeting/provisions").toString()).contains("CHILDCARE").contains("SIGN_LANGUAGE");
        assertThat(listed.at("/meeting/capacity").asInt()).isEqualTo(40);
        assertThat(java.time.Instant.parse(listed.at("/meeting/starts").asString()))
                .isEqualTo(starts.atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant());

        // A resident registers needing childcare: the department sees the count, not who.
        FormSession lan = TestResidents.signedIn("http://localhost:" + port, "lan.meet." + suffix + "@example.vn");
        lan.get("/city/participation/" + code + "/meetings/hoi-thao");
        assertThat(lan.post("/city/participation/" + code + "/meetings/hoi-thao/registration",
                java.util.List.of(Map.entry("action", "register"), Map.entry("need", "CHILDCARE"))).statusCode()).isEqualTo(302);
        String work = admin.get(page + "?lang=en").body();
        assertThat(work).contains("1 registered").contains("Childcare during the meeting: 1").doesNotContain("lan.meet");
        assertThat(work).doesNotContain("Publish the minutes");

        // After the meeting, its minutes.
        clock.advance(java.time.Duration.ofDays(3));
        admin.get(page);
        HttpResponse<String> minutes = admin.post(page + "/hoi-thao/minutes", Map.of("minutesVi", "Người dân muốn thêm bóng mát và ghế.",
                "minutesEn", "", "proposals", ""));
        assertThat(minutes.statusCode()).as(minutes.body()).isEqualTo(302);
        assertThat(new FormSession("http://localhost:" + port).get("/city/participation/" + code + "/meetings/hoi-thao?lang=vi").body())
                .contains("Người dân muốn thêm bóng mát và ghế.");
    }
}
