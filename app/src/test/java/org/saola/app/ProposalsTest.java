package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Proposals and debate over HTTP as residents and a department use them: residents signed in by a one-time
 * code propose on the form (no JavaScript), others support; the threshold sends a proposal to the department,
 * which answers it; threads of comments show no names; what residents report, a moderator hides with a reason.
 */
class ProposalsTest extends PlatformTest {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private String suffix;
    private String department;
    private String ward;
    private LocalDate today;

    @BeforeEach
    void department() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        department = "planning-" + suffix;
        ward = "An Hải " + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Kế hoạch","nameEn":"Planning","wards":["%s"]}"""
                .formatted(department, ward)).status()).isEqualTo(201);
        today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** A process taking proposals since yesterday, for a week, then discussing them for a week. */
    private String proposing(String code, int threshold) {
        SaolaClient.Response r = client().send("PUT", "/api/v1/participation/processes/" + code, """
                {"titleVi":"Ý tưởng cho bờ sông %1$s","titleEn":"Ideas for the riverbank %1$s","department":"%2$s",
                 "wards":["%3$s"],"supportThreshold":%4$d,
                 "phases":[{"phase":"PROPOSALS","starts":"%5$s","ends":"%6$s"},{"phase":"DELIBERATION","starts":"%7$s","ends":"%8$s"}]}"""
                .formatted(suffix, department, ward, threshold, today.minusDays(1), today.plusDays(6), today.plusDays(7),
                        today.plusDays(14)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("supportThreshold").asInt()).isEqualTo(threshold);
        return code;
    }

    private FormSession resident(String name) throws Exception {
        return TestResidents.signedIn(base(), name + "." + suffix + "@example.vn");
    }

    /** Proposes on the form; answers the page the resident lands on. */
    private HttpResponse<String> propose(FormSession resident, String process, String title, String body) throws Exception {
        resident.get("/city/participation/" + process + "/proposals/new?lang=en");
        HttpResponse<String> r = resident.post("/city/participation/" + process + "/proposals/new?lang=en", Map.of(
                "title", title, "body", body, "category", "GREEN_SPACE", "ward", ward, "place", "near Hàn market",
                "lat", "16.0712", "lon", "108.2247"));
        return r.statusCode() == 302 ? resident.follow(r) : r;
    }

    private HttpResponse<String> act(FormSession resident, String process, int number, String action, Map<String, String> fields)
            throws Exception {
        resident.get("/city/participation/" + process + "/proposals/" + number + "?lang=en");
        HttpResponse<String> r = resident.post("/city/participation/" + process + "/proposals/" + number + "/" + action + "?lang=en", fields);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return resident.follow(r);
    }

    private JsonNode published(String process, int number) {
        SaolaClient.Response r = client().anonymous().get("/public/v1/participation/processes/" + process + "/proposals/" + number);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private SaolaClient officer(String ofDepartment) {
        SaolaClient.Response key = client().post("/api/v1/api-keys", "{\"name\":\"officer %s %s\",\"role\":\"OFFICER\",\"department\":\"%s\"}"
                .formatted(ofDepartment, UUID.randomUUID(), ofDepartment));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return client().withApiKey(key.json().get("secret").asString());
    }

    @Test
    void residentsProposeOthersSupportAndTheDepartmentAnswersWhatReachedTheThreshold() throws Exception {
        String process = proposing("ideas-" + suffix, 2);
        FormSession an = resident("an");

        // A title too short is named, in the page's language, and what was typed is kept.
        HttpResponse<String> tooShort = propose(an, process, "Trees", "Plant shade trees along the riverbank walk.");
        assertThat(tooShort.statusCode()).isEqualTo(200);
        assertThat(tooShort.body()).contains("The title has 15 to 150 characters.").contains("Plant shade trees along the riverbank walk.");

        HttpResponse<String> page = propose(an, process, "Shade trees on the riverbank walk",
                "Plant shade trees along the riverbank walk so that people can walk there at noon.");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Your proposal is published").contains("#1 Shade trees on the riverbank walk")
                .contains("Collecting supports").contains("0 of the 2 needed").contains(ward + ", near Hàn market")
                .doesNotContain("Support this proposal");          // not one's own
        assertThat(act(an, process, 1, "support", Map.of("action", "support")).body()).contains("your own proposal");

        FormSession binh = resident("binh");
        assertThat(act(binh, process, 1, "support", Map.of("action", "support")).body())
                .contains("your support is counted").contains("1 of the 2 needed").contains("Take back my support");
        // Supporting twice counts once; taking it back and giving it again too.
        act(binh, process, 1, "support", Map.of("action", "withdraw"));
        act(binh, process, 1, "support", Map.of("action", "support"));
        assertThat(published(process, 1).get("proposal").get("supports").asInt()).isEqualTo(1);
        assertThat(published(process, 1).get("proposal").get("state").asString()).isEqualTo("COLLECTING");

        FormSession chi = resident("chi");
        assertThat(act(chi, process, 1, "support", Map.of("action", "support")).body())
                .contains("With the department, waiting for its answer");
        JsonNode sent = published(process, 1).get("proposal");
        assertThat(sent.get("state").asString()).isEqualTo("EVALUATING");
        assertThat(sent.get("sentToDepartmentAt").isNull()).isFalse();
        assertThat(sent.get("lat").asDouble()).isEqualTo(16.0712);

        // The department's queue has it; another department's officer neither sees nor answers it.
        SaolaClient officer = officer(department);
        assertThat(officer.get("/api/v1/participation/proposals/waiting").body()).contains("Shade trees on the riverbank walk");
        assertThat(client().post("/api/v1/departments", "{\"code\":\"other-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}"
                .formatted(suffix)).status()).isEqualTo(201);
        SaolaClient other = officer("other-" + suffix);
        assertThat(other.get("/api/v1/participation/proposals/waiting").body()).doesNotContain("Shade trees on the riverbank walk");
        String answerPath = "/api/v1/participation/processes/" + process + "/proposals/1/answer";
        assertThat(other.post(answerPath, "{\"decision\":\"ACCEPTED\"}").status()).isEqualTo(404);

        // A rejection gives reasons; an unknown decision is named.
        SaolaClient.Response noReasons = officer.post(answerPath, "{\"decision\":\"REJECTED\",\"answer\":\"no\"}");
        assertThat(noReasons.status()).isEqualTo(400);
        assertThat(noReasons.body()).contains("answer").contains("reasons");
        assertThat(officer.post(answerPath, "{\"decision\":\"MAYBE\"}").body()).contains("decision");
        SaolaClient.Response accepted = officer.post(answerPath,
                "{\"decision\":\"ACCEPTED\",\"answer\":\"We will plant 40 trees in the dry season of 2027.\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(officer.get("/api/v1/participation/proposals/waiting").body()).doesNotContain("Shade trees on the riverbank walk");

        HttpResponse<String> answered = new FormSession(base()).get("/city/participation/" + process + "/proposals/1?lang=en");
        assertThat(answered.body()).contains("The department&#39;s answer").contains("We will plant 40 trees");
        // An answered proposal takes no more supports.
        assertThat(act(resident("dung"), process, 1, "support", Map.of("action", "support")).body()).contains("no longer takes supports");
        assertThat(published(process, 1).get("proposal").get("supports").asInt()).isEqualTo(2);

        // Nothing published says who proposed or supported.
        String everything = client().anonymous().get("/public/v1/participation/processes/" + process + "/proposals").body()
                + published(process, 1).toString();
        List<UUID> people = jdbc.sql("SELECT author FROM participation_proposal WHERE process_code = ? UNION SELECT s.resident"
                + " FROM participation_support s JOIN participation_proposal p ON p.id = s.proposal_id WHERE p.process_code = ?")
                .params(process, process).query(UUID.class).list();
        assertThat(people).hasSize(3);
        people.forEach(id -> assertThat(everything).doesNotContain(id.toString()));
        assertThat(everything).doesNotContain("@example.vn");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'PROPOSAL_TO_DEPARTMENT' AND target = ?")
                .param("process:" + process).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void threadsShowNoNamesAndModeratorsHideWhatResidentsReport() throws Exception {
        String process = proposing("debate-" + suffix, 0);
        FormSession an = resident("an");
        assertThat(propose(an, process, "A covered bus stop at the market",
                "The bus stop at the market has no roof; people wait in the rain.").body())
                .contains("With the department, waiting for its answer");           // no threshold: straight to the department
        FormSession binh = resident("binh");
        FormSession chi = resident("chi");

        act(binh, process, 1, "comments", Map.of("body", "Yes, and a bench too."));
        UUID binhFirst = jdbc.sql("SELECT c.id FROM participation_comment c JOIN participation_proposal p ON p.id = c.proposal_id"
                + " WHERE p.process_code = ? ORDER BY c.created_at LIMIT 1").param(process).query(UUID.class).single();
        act(an, process, 1, "comments", Map.of("body", "Good idea, I will add it.", "parent", binhFirst.toString()));
        act(chi, process, 1, "comments", Map.of("body", "Buy it from the idiots' shop."));
        act(binh, process, 1, "comments", Map.of("body", "Thanks."));
        HttpResponse<String> thread = new FormSession(base()).get("/city/participation/" + process + "/proposals/1?lang=en");
        assertThat(thread.body()).contains("Resident 1").contains("The proposer").contains("Resident 2");

        JsonNode comments = published(process, 1).get("comments");
        assertThat(comments).hasSize(4);
        assertThat(List.of(comments.get(0).get("author").asString(), comments.get(1).get("author").asString(),
                comments.get(2).get("author").asString(), comments.get(3).get("author").asString()))
                .containsExactly("resident 1", "author", "resident 2", "resident 1");
        assertThat(comments.get(1).get("replyTo").asString()).isEqualTo(binhFirst.toString());
        String chiComment = comments.get(2).get("id").asString();

        // A comment too short is named; a reply to a comment of another proposal is refused.
        assertThat(act(binh, process, 1, "comments", Map.of("body", "x")).body()).contains("A comment has 2 to 2000 characters.");
        assertThat(act(binh, process, 1, "comments", Map.of("body", "Replying elsewhere.", "parent", UUID.randomUUID().toString())).body())
                .contains("The comment you reply to does not belong to this proposal.");

        // A resident reports the insult; the department's moderator sees it and hides it with a reason.
        assertThat(act(an, process, 1, "flag", Map.of("kind", "COMMENT", "target", chiComment, "reason", "OFFENSIVE")).body())
                .contains("the moderators will look at it");
        act(binh, process, 1, "flag", Map.of("kind", "COMMENT", "target", chiComment, "reason", "OFFENSIVE", "details", "rude"));
        assertThat(act(binh, process, 1, "flag", Map.of("kind", "COMMENT", "target", chiComment, "reason", "NOT_A_REASON")).body())
                .contains("Say why you report it.");
        SaolaClient officer = officer(department);
        SaolaClient.Response queue = officer.get("/api/v1/participation/moderation");
        assertThat(queue.body()).contains(chiComment).contains("idiots");
        assertThat(queue.json().get(0).get("reports").asInt()).isEqualTo(2);
        assertThat(officer.post("/api/v1/participation/moderation/COMMENT/" + chiComment, "{\"action\":\"HIDE\"}").status())
                .isEqualTo(400);                                                    // a reason is required
        assertThat(officer.post("/api/v1/participation/moderation/COMMENT/" + chiComment,
                "{\"action\":\"HIDE\",\"reason\":\"insults\"}").status()).isEqualTo(204);
        assertThat(officer.get("/api/v1/participation/moderation").body()).doesNotContain(chiComment);
        HttpResponse<String> after = new FormSession(base()).get("/city/participation/" + process + "/proposals/1?lang=en");
        assertThat(after.body()).contains("Hidden by the moderators: insults").doesNotContain("idiots");
        JsonNode hidden = published(process, 1).get("comments").get(2);
        assertThat(hidden.get("hidden").asBoolean()).isTrue();
        assertThat(hidden.get("body").asString()).isEmpty();

        // A second proposal merged into the first; a merge into itself is refused.
        assertThat(propose(chi, process, "A roof for the market bus stop",
                "Please put a roof on the bus stop by the market.").statusCode()).isEqualTo(200);
        String answer2 = "/api/v1/participation/processes/" + process + "/proposals/2/answer";
        assertThat(officer.post(answer2, "{\"decision\":\"MERGED\",\"mergedInto\":2}").status()).isEqualTo(400);
        assertThat(officer.post(answer2, "{\"decision\":\"MERGED\",\"mergedInto\":99}").status()).isEqualTo(400);
        assertThat(officer.post(answer2, "{\"decision\":\"MERGED\",\"mergedInto\":1}").json().get("mergedInto").asInt()).isEqualTo(1);
        assertThat(new FormSession(base()).get("/city/participation/" + process + "/proposals/2?lang=en").body())
                .contains("Merged into proposal 1");

        // The author withdraws a proposal still collecting supports (here none is: threshold 0 sends them on).
        assertThat(act(an, process, 2, "withdraw", Map.of()).body()).contains("no proposal 2 of yours");
    }

    @Test
    void wordsThreeResidentsReportAreHiddenUntilAModeratorLooks() throws Exception {
        String process = proposing("reported-" + suffix, 5);
        FormSession an = resident("an");
        propose(an, process, "Phone numbers of the market's stall owners",
                "Call Mrs Lan on 0905 123 456 if the stall stays shut, she never answers.");
        List<FormSession> readers = List.of(resident("binh"), resident("chi"), resident("dung"));
        act(readers.get(0), process, 1, "flag", Map.of("kind", "PROPOSAL", "target", proposalId(process, 1), "reason", "PERSONAL_DATA"));
        act(readers.get(1), process, 1, "flag", Map.of("kind", "PROPOSAL", "target", proposalId(process, 1), "reason", "PERSONAL_DATA"));
        act(readers.get(1), process, 1, "flag", Map.of("kind", "PROPOSAL", "target", proposalId(process, 1), "reason", "OFFENSIVE"));
        assertThat(published(process, 1).get("proposal").get("hidden").asBoolean()).as("two residents, one of them twice").isFalse();

        // The third resident's report hides it at once; it waits in the moderators' queue with its three reports.
        act(readers.get(2), process, 1, "flag", Map.of("kind", "PROPOSAL", "target", proposalId(process, 1), "reason", "PERSONAL_DATA"));
        JsonNode hidden = published(process, 1).get("proposal");
        assertThat(hidden.get("hidden").asBoolean()).isTrue();
        assertThat(hidden.get("hiddenReason").asString()).isEqualTo("awaiting-moderation");
        assertThat(hidden.toString()).doesNotContain("0905");
        assertThat(new FormSession(base()).get("/city/participation/" + process + "/proposals/1?lang=en").body())
                .contains("Hidden until a moderator looks at it").doesNotContain("0905");
        assertThat(new FormSession(base()).get("/city/participation/" + process + "/proposals/1?lang=vi").body())
                .contains("Tạm ẩn cho đến khi người kiểm duyệt xem xét");
        SaolaClient officer = officer(department);
        JsonNode queue = officer.get("/api/v1/participation/moderation").json();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).get("reports").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'PARTICIPATION_HIDDEN_BY_REPORTS' AND target = ?"
                + " AND details LIKE ?").params("process:" + process, "%" + proposalId(process, 1) + "%").query(Integer.class).single()).isEqualTo(1);

        // The moderator finds nothing wrong: it is shown again and the queue is empty. (A moderator's own hiding
        // needs a reason of their own, not the queue's marker.)
        assertThat(officer.post("/api/v1/participation/moderation/PROPOSAL/" + proposalId(process, 1),
                "{\"action\":\"HIDE\",\"reason\":\"awaiting-moderation\"}").status()).isEqualTo(400);
        assertThat(officer.post("/api/v1/participation/moderation/PROPOSAL/" + proposalId(process, 1),
                "{\"action\":\"DISMISS\"}").status()).isEqualTo(204);
        assertThat(published(process, 1).get("proposal").get("hidden").asBoolean()).isFalse();
        assertThat(officer.get("/api/v1/participation/moderation").json()).isEmpty();

        // Reported by three more, then hidden by the moderator with a reason: dismissing later keeps that.
        List<FormSession> more = List.of(resident("em"), resident("giang"), resident("hoa"));
        for (FormSession r : more) {
            act(r, process, 1, "flag", Map.of("kind", "PROPOSAL", "target", proposalId(process, 1), "reason", "PERSONAL_DATA"));
        }
        assertThat(published(process, 1).get("proposal").get("hiddenReason").asString()).isEqualTo("awaiting-moderation");
        assertThat(officer.post("/api/v1/participation/moderation/PROPOSAL/" + proposalId(process, 1),
                "{\"action\":\"HIDE\",\"reason\":\"someone's phone number\"}").status()).isEqualTo(204);
        assertThat(officer.post("/api/v1/participation/moderation/PROPOSAL/" + proposalId(process, 1),
                "{\"action\":\"DISMISS\"}").status()).isEqualTo(204);
        assertThat(published(process, 1).get("proposal").get("hiddenReason").asString()).isEqualTo("someone's phone number");
    }

    @Test
    void aWardOfficeEntersAProposalAResidentBroughtInPerson() throws Exception {
        String process = proposing("office-" + suffix, 3);
        FormSession staff = new FormSession(base());
        staff.get("/login");
        assertThat(staff.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).statusCode()).isEqualTo(302);
        assertThat(staff.get("/operations/participation?lang=en").body()).contains("/operations/participation/" + process + "/assist-proposal");
        String page = "/operations/participation/" + process + "/assist-proposal";
        staff.get(page + "?lang=en");
        HttpResponse<String> noContact = staff.post(page + "?lang=en", Map.of("title", "Benches in the market square",
                "body", "Older people need somewhere to sit while they shop.", "category", "GREEN_SPACE", "ward", ward));
        assertThat(noContact.statusCode()).isEqualTo(200);
        assertThat(noContact.body()).contains("Give the phone number or e-mail address of the resident").contains("value=\"Benches in the market square\"");
        String phone = "+8490" + (1000000 + Math.abs(suffix.hashCode() % 8999999));
        HttpResponse<String> entered = staff.post(page + "?lang=en", Map.of("contact", phone, "title", "Benches in the market square",
                "body", "Older people need somewhere to sit while they shop.", "category", "GREEN_SPACE", "ward", ward, "place", "Hàn market"));
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(302);
        assertThat(staff.follow(entered).body()).contains("Proposal 1 is published, marked as entered at a ward office.");
        JsonNode published = published(process, 1).get("proposal");
        assertThat(published.get("assisted").asBoolean()).isTrue();
        assertThat(published.toString()).doesNotContain(phone.substring(3));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'PROPOSAL_ASSISTED' AND target = ?")
                .param("process:" + process).query(Integer.class).single()).isEqualTo(1);
    }

    private String proposalId(String process, int number) {
        return jdbc.sql("SELECT id FROM participation_proposal WHERE process_code = ? AND number = ?").params(process, number)
                .query(UUID.class).single().toString();
    }

    @Test
    void proposalsAreTakenInTheirPhaseAndBadInputIsNamed() throws Exception {
        String process = proposing("input-" + suffix, 5);
        FormSession an = resident("an");
        assertThat(propose(an, process, "A library corner in the ward house",
                "Shelves and chairs so that children can read after school.").statusCode()).isEqualTo(200);
        // The author may withdraw while it collects supports; then nobody supports it.
        assertThat(act(an, process, 1, "withdraw", Map.of()).body()).contains("Withdrawn by its author");
        assertThat(act(resident("binh"), process, 1, "support", Map.of("action", "support")).body()).contains("no longer takes supports");

        SaolaClient anyone = client().anonymous();
        String list = "/public/v1/participation/processes/" + process + "/proposals";
        for (String bad : List.of("order=BEST", "state=OPEN", "limit=0", "category=PARKS", "offset=-1", "ward=Nowhere")) {
            SaolaClient.Response r = anyone.get(list + "?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(anyone.get(list + "?state=WITHDRAWN&order=NEWEST").json()).hasSize(1);
        assertThat(anyone.get(list + "?category=ROADS").json()).isEmpty();
        assertThat(anyone.get(list + "/99").status()).isEqualTo(404);
        assertThat(anyone.get("/public/v1/participation/processes/nope-" + suffix + "/proposals").status()).isEqualTo(404);

        // A ward office enters a proposal for a resident; the analyst may not answer.
        String wardOffice = "/api/v1/participation/processes/" + process + "/assisted-proposals";
        SaolaClient officer = officer(department);
        assertThat(officer.post(wardOffice, """
                {"title":"Street lights in alley 12 of Ngô Quyền","body":"The alley is dark at night.","category":"LIGHTING","ward":"%s"}"""
                .formatted(ward)).status()).isEqualTo(400);                        // no contact
        SaolaClient.Response assisted = officer.post(wardOffice, """
                {"contact":"ba.tu.%s@example.vn","title":"Street lights in alley 12 of Ngô Quyền","body":"The alley is dark at night.",
                 "category":"LIGHTING","ward":"%s"}""".formatted(suffix, ward));
        assertThat(assisted.status()).as(assisted.body()).isEqualTo(201);
        assertThat(assisted.json().get("assisted").asBoolean()).isTrue();
        assertThat(officer.post(wardOffice, """
                {"contact":"x@example.vn","title":"Street lights in alley 12 of Ngô Quyền","body":"The alley is dark at night.",
                 "category":"LIGHTING","ward":"Somewhere else"}""").body()).contains("ward");
        String analyst = client().issueApiKey("analyst p " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).post("/api/v1/participation/processes/" + process + "/proposals/2/answer",
                "{\"decision\":\"ACCEPTED\"}").status()).isEqualTo(403);

        // A process may not take a code the pages use for themselves.
        assertThat(client().send("PUT", "/api/v1/participation/processes/photos", """
                {"titleVi":"Ảnh","titleEn":"Photos","department":"%s","phases":[{"phase":"INFORMATION","starts":"%s","ends":"%s"}]}"""
                .formatted(department, today, today.plusDays(1))).body()).contains("names pages of participation");

        // Once the proposals phase is over the form says so, and a proposal sent anyway is refused.
        String closed = "closed-" + suffix;
        assertThat(client().send("PUT", "/api/v1/participation/processes/" + closed, """
                {"titleVi":"Đã đóng","titleEn":"Closed","department":"%s","phases":[{"phase":"PROPOSALS","starts":"%s","ends":"%s"}]}"""
                .formatted(department, today.minusDays(10), today.minusDays(2))).status()).isEqualTo(201);
        HttpResponse<String> form = an.get("/city/participation/" + closed + "/proposals/new?lang=en");
        assertThat(form.body()).contains("Proposals are not being taken now.").doesNotContain("id=\"proposal-form\"");
        an.get("/city/participation/" + process + "/proposals/new?lang=en");
        HttpResponse<String> late = an.post("/city/participation/" + closed + "/proposals/new?lang=en", Map.of(
                "title", "A proposal that comes too late", "body", "It arrives after the proposals phase.", "category", "OTHER"));
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("Proposals are taken from " + today.minusDays(10) + " to " + today.minusDays(2) + ".");
        an.get("/city/participation/" + process + "/proposals/new?lang=vi");
        HttpResponse<String> lateVi = an.post("/city/participation/" + closed + "/proposals/new?lang=vi", Map.of(
                "title", "A proposal that comes too late", "body", "It arrives after the proposals phase.", "category", "OTHER"));
        assertThat(lateVi.body()).as("in the page's language").contains("Đề xuất được nhận từ ngày " + today.minusDays(10));
    }

    @Test
    void aResidentWhoFloodsADebateIsAskedToWait() throws Exception {
        String process = proposing("flood-" + suffix, 0);
        FormSession an = resident("an");
        assertThat(propose(an, process, "Benches along the riverbank walk", "Benches every hundred metres for older people.")
                .statusCode()).isEqualTo(200);
        // One proposal and 29 comments make the hour's 30; the next waits, and says for how long.
        for (int i = 0; i < 29; i++) {
            assertThat(act(an, process, 1, "comments", Map.of("body", "Comment number " + i)).body()).contains("Your comment is published.");
        }
        assertThat(act(an, process, 1, "comments", Map.of("body", "One too many")).body())
                .contains("You have published a lot in the last hour")
                .contains(">One too many</textarea>");                              // what she typed is kept for later
        assertThat(published(process, 1).get("comments")).hasSize(29);
        // Another resident is not held back by her.
        assertThat(act(resident("binh"), process, 1, "comments", Map.of("body", "I agree")).body()).contains("Your comment is published.");
    }
}
