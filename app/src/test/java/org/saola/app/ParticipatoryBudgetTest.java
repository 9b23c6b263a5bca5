package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.participation.domain.Ballot;
import org.saola.participation.domain.Budget;
import org.saola.participation.domain.ParticipatoryProcess;
import org.saola.participation.domain.Phase;
import org.saola.participation.domain.PhaseDates;
import org.saola.participation.domain.Project;
import org.saola.participation.domain.Tally;
import org.saola.participation.domain.VotingRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Participatory budgeting over HTTP as a city runs it: staff define a process and its projects, residents
 * signed in by a one-time code vote on the ballot page (no JavaScript), change their vote, keep receipts;
 * the vote closes, the box is opened once, and anyone can count the published anonymous ballots again and
 * get the published result. A database holder cannot tie a ballot to a voter.
 */
class ParticipatoryBudgetTest extends PlatformTest {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private String suffix;
    private String department;
    private LocalDate today;

    @BeforeEach
    void department() {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        department = "planning-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Kế hoạch","nameEn":"Planning","wards":["An Hải %s"]}"""
                .formatted(department, suffix)).status()).isEqualTo(201);
        today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Defines (or redefines) a process whose vote runs over these days, with proposals before and results after. */
    private void defineProcess(String code, String voting, long budget, LocalDate votingStarts, LocalDate votingEnds, int status) {
        SaolaClient.Response r = client().send("PUT", "/api/v1/participation/processes/" + code, """
                {"titleVi":"Ngân sách cộng đồng %1$s","titleEn":"Community budget %1$s","summaryVi":"Người dân quyết định.",
                 "summaryEn":"Residents decide.","department":"%2$s","wards":["An Hải %1$s"],
                 "phases":[{"phase":"PROPOSALS","starts":"%3$s","ends":"%4$s"},{"phase":"VOTING","starts":"%5$s","ends":"%6$s"},
                           {"phase":"RESULTS","starts":"%7$s","ends":"%8$s"}],
                 "voting":%9$s,"budgets":[{"amount":%10$d}]}"""
                .formatted(suffix, department, today.minusDays(20), votingStarts.minusDays(1), votingStarts, votingEnds,
                        votingEnds.plusDays(1), votingEnds.plusDays(60), voting, budget));
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    /**
     * A process whose vote opened yesterday and ends tomorrow, with these projects: put in while the vote was
     * still ahead (projects are fixed once it opens), then the vote moved to today.
     */
    private String openVote(String code, String voting, long budget, Map<String, Long> projects) {
        defineProcess(code, voting, budget, today.plusDays(1), today.plusDays(3), 201);
        projects.forEach((project, cost) -> project(code, project, cost));
        defineProcess(code, voting, budget, today.minusDays(1), today.plusDays(1), 200);
        return code;
    }

    private void project(String process, String code, long cost) {
        SaolaClient.Response r = client().send("PUT", "/api/v1/participation/processes/" + process + "/projects/" + code, """
                {"titleVi":"Dự án %1$s","titleEn":"Project %1$s","descriptionVi":"Mô tả","descriptionEn":"About it","cost":%2$d}"""
                .formatted(code, cost));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String knapsackProcess() {
        return openVote("pb-" + suffix, "{\"rule\":\"KNAPSACK\",\"minimumSpendPercent\":60}", 1_000_000_000L,
                Map.of("park", 450_000_000L, "lights", 300_000_000L, "library", 250_000_000L, "benches", 50_000_000L));
    }

    private static String receiptIn(String page) {
        Matcher m = Pattern.compile("id=\"receipt\">([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    /** Votes on the ballot page; answers the page the resident lands on. */
    private static HttpResponse<String> vote(FormSession resident, String process, String... projects) throws Exception {
        resident.get("/city/participation/" + process + "/vote?lang=en");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("scope", ""));
        for (String project : projects) {
            fields.add(Map.entry("project", project));
        }
        HttpResponse<String> r = resident.post("/city/participation/" + process + "/vote?lang=en", fields);
        return r.statusCode() == 302 ? resident.follow(r) : r;
    }

    @Test
    void residentsVoteChangeTheirMindAndAnyoneCanRecountThePublishedBallots() throws Exception {
        String process = knapsackProcess();
        // Projects are fixed once the vote opens: the ballot must not change under voters.
        assertThat(client().send("PUT", "/api/v1/participation/processes/" + process + "/projects/pool",
                "{\"titleVi\":\"Hồ bơi\",\"titleEn\":\"Pool\",\"cost\":5}").status()).isEqualTo(409);

        FormSession anonymous = new FormSession(base());
        String page = anonymous.get("/city/participation/" + process + "/vote?lang=en").body();
        assertThat(page).contains("Sign in to vote").contains("/residents/sign-in?next=");

        FormSession lan = TestResidents.signedIn(base(), "lan." + suffix + "@example.vn");
        FormSession minh = TestResidents.signedIn(base(), "minh." + suffix + "@example.vn");
        FormSession hoa = TestResidents.signedIn(base(), "hoa." + suffix + "@example.vn");

        // The rule, said plainly: over the budget, or under the minimum share, is refused and nothing is cast.
        HttpResponse<String> over = vote(lan, process, "park", "lights", "library", "benches");
        assertThat(over.statusCode()).isEqualTo(200);
        assertThat(over.body()).contains("cost 1,050,000,000 VND").doesNotContain("Your vote is in");
        HttpResponse<String> under = vote(lan, process, "benches");
        assertThat(under.body()).contains("at least 600,000,000 VND; yours cost 50,000,000 VND");
        assertThat(jdbc.sql("SELECT count(*) FROM participation_ballot WHERE process_code = ?").param(process)
                .query(Integer.class).single()).isZero();

        String lanFirst = receiptIn(vote(lan, process, "park", "lights").body());
        String minhReceipt = receiptIn(vote(minh, process, "park", "library", "benches").body());
        String hoaReceipt = receiptIn(vote(hoa, process, "lights", "library", "benches").body());
        // Lan changes her mind: one ballot per resident, the newest.
        HttpResponse<String> changed = vote(lan, process, "library", "lights", "benches");
        assertThat(changed.body()).contains("replaces your earlier one");
        String lanSecond = receiptIn(changed.body());
        assertThat(lan.get("/city/participation/" + process + "/vote?lang=en").body())
                .contains("You have voted (receipt " + lanSecond + ")")
                .containsPattern("value=\"library\"\\s+data-cost=\"\\d+\" checked")
                .containsPattern("value=\"park\"\\s+data-cost=\"\\d+\">");
        assertThat(jdbc.sql("SELECT count(*) FROM participation_ballot WHERE process_code = ?").param(process)
                .query(Integer.class).single()).isEqualTo(3);
        // A resident who presses the button ten times at once (ballots committed together): one ballot, the others replaced.
        FormSession eager = TestResidents.signedIn(base(), "eager." + suffix + "@example.vn");
        eager.get("/city/participation/" + process + "/vote?lang=en");
        List<java.util.concurrent.Future<HttpResponse<String>>> presses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                presses.add(pool.submit(() -> eager.post("/city/participation/" + process + "/vote",
                        List.of(Map.entry("scope", ""), Map.entry("project", "park"), Map.entry("project", "lights")))));
            }
        }
        for (var press : presses) {
            assertThat(press.get().statusCode()).isEqualTo(302);
        }
        assertThat(jdbc.sql("SELECT count(*) || '/' || count(*) FILTER (WHERE cardinality(replaced) = 9) FROM participation_ballot WHERE process_code = ?")
                .param(process).query(String.class).single()).as("ballots / the one that replaced nine").isEqualTo("4/1");
        assertThat(jdbc.sql("SELECT count(*) FROM participation_voter WHERE process_code = ?").param(process)
                .query(Integer.class).single()).isEqualTo(4);
        assertThat(anonymous.get("/city/participation/" + process + "/receipt?lang=en&receipt=" + lanFirst.toLowerCase()).body())
                .contains("This receipt was replaced");
        assertThat(anonymous.get("/city/participation/" + process + "/receipt?lang=en&receipt=" + lanSecond).body())
                .contains("This ballot is in the ballot box");

        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process).json().get("votersSoFar").asInt())
                .as("how many took part so far is public; what they chose is not").isEqualTo(4);
        assertThat(anonymous.get("/city/participation/" + process + "?lang=en").body()).contains("4 residents have voted so far");
        // A paper ballot to print for the ward office: the rule, each project with a box to tick.
        String paper = anonymous.get("/city/participation/" + process + "/paper-ballot?lang=en").body();
        assertThat(paper).contains("Choose projects whose costs add up to no more than 1,000,000,000 VND and at least 600,000,000 VND")
                .contains("Project park").contains("Project benches").contains("class=\"paper-box\"");
        assertThat(anonymous.get("/city/participation/" + process + "/results-sheet?lang=en").statusCode()).as("not counted yet").isEqualTo(409);
        // Nothing of the count shows while the vote is open, and staff cannot count early.
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/results").status()).isEqualTo(409);
        assertThat(client().post("/api/v1/participation/processes/" + process + "/count", "").status()).isEqualTo(409);

        clock.advance(Duration.ofDays(3));
        assertThat(vote(hoa, process, "park", "lights").body()).contains("The vote is closed");
        SaolaClient.Response count = client().post("/api/v1/participation/processes/" + process + "/count", "");
        assertThat(count.status()).as(count.body()).isEqualTo(200);

        JsonNode results = client().anonymous().get("/public/v1/participation/processes/" + process + "/results").json();
        assertThat(results.get("ballotsCounted").asInt()).isEqualTo(4);
        assertThat(results.get("turnout").get("ONLINE").asInt()).isEqualTo(4);
        JsonNode rows = results.get("budgets").get(0).get("projects");
        // benches 3, library 3, lights 3 (the cheaper first), park 2, which no longer fits (450 of 400 left).
        List<String> order = new ArrayList<>();
        rows.forEach(r -> order.add(r.get("code").asString()));
        assertThat(order).containsExactly("benches", "library", "lights", "park");
        assertThat(rows.get(3).get("selected").asBoolean()).as("park no longer fits").isFalse();
        assertThat(results.get("budgets").get(0).get("spent").asLong()).isEqualTo(600_000_000L);
        // The same count as a sheet to print and post at the ward office.
        String sheet = anonymous.get("/city/participation/" + process + "/results-sheet?lang=en").body();
        assertThat(sheet).contains("4 ballots in all").containsPattern("<td>1</td>\\s*<th scope=\"row\">Project benches</th>")
                .contains("/public/v1/participation/processes/" + process + "/ballots.csv");

        // Anyone recounts from what is published: the process, its projects, the anonymous ballots.
        JsonNode p = client().anonymous().get("/public/v1/participation/processes/" + process).json();
        List<Project> projects = new ArrayList<>();
        p.get("projects").forEach(pr -> projects.add(new Project(pr.get("code").asString(), pr.get("titleVi").asString(),
                pr.get("titleEn").asString(), "", "", pr.get("cost").asLong(), pr.get("scope").asString())));
        List<PhaseDates> phases = new ArrayList<>();
        p.get("phases").forEach(ph -> phases.add(new PhaseDates(Phase.valueOf(ph.get("phase").asString()),
                LocalDate.parse(ph.get("starts").asString()), LocalDate.parse(ph.get("ends").asString()))));
        ParticipatoryProcess again = new ParticipatoryProcess(process, "x", "x", "", "", "x", List.of(), phases,
                VotingRule.knapsack(p.get("voting").get("minimumSpendPercent").asInt()),
                List.of(new Budget("", p.get("budgets").get(0).get("amount").asLong())));
        List<Ballot> ballots = new ArrayList<>();
        client().anonymous().get("/public/v1/participation/processes/" + process + "/ballots").json().forEach(b -> {
            List<String> chosen = new ArrayList<>();
            b.get("projects").forEach(x -> chosen.add(x.asString()));
            ballots.add(new Ballot(b.get("scope").asString(), chosen));
        });
        assertThat(ballots).hasSize(4).contains(new Ballot("", List.of("benches", "library", "lights")));
        assertThat(ballots.stream().filter(b -> b.equals(new Ballot("", List.of("lights", "park"))))).as("Lan's first ballot was replaced")
                .hasSize(1);
        Tally.ScopeResult recount = Tally.count(again, projects, ballots).get(0);
        for (int i = 0; i < recount.projects().size(); i++) {
            assertThat(rows.get(i).get("code").asString()).isEqualTo(recount.projects().get(i).code());
            assertThat(rows.get(i).get("votes").asInt()).isEqualTo(recount.projects().get(i).votes());
            assertThat(rows.get(i).get("selected").asBoolean()).isEqualTo(recount.projects().get(i).selected());
        }
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/ballots.csv").body())
                .startsWith("scope,projects\r\n").contains("\"\",\"benches library lights\"");

        // The same results and anonymous ballots as open data: exactly the published count, no receipt, no voter.
        OpenDataClient openData = new OpenDataClient(client());
        JsonNode table = openData.search("participation.results", "{\"process\":\"" + process + "\"}");
        assertThat(table.get("total").asLong()).isEqualTo(4);
        for (JsonNode row : table.get("records")) {
            JsonNode published = rows.valueStream().filter(x -> x.get("code").asString().equals(row.get("project").asString())).findFirst().orElseThrow();
            assertThat(row.get("votes").asInt()).isEqualTo(published.get("votes").asInt());
            assertThat(row.get("selected").asBoolean()).isEqualTo(published.get("selected").asBoolean());
            assertThat(row.get("ballots").asInt()).isEqualTo(4);
        }
        JsonNode ballotTable = openData.search("participation.ballots", "{\"process\":\"" + process + "\"}");
        assertThat(ballotTable.get("total").asLong()).isEqualTo(4);
        assertThat(ballotTable.get("fields").valueStream().map(f -> f.get("id").asString()).toList())
                .containsExactly("_id", "process", "ballot", "scope", "projects");
        assertThat(ballotTable.toString()).doesNotContain(lanSecond).doesNotContain(minhReceipt);

        // Receipts: the counted ones are listed; each voter finds theirs.
        List<String> counted = new ArrayList<>();
        client().anonymous().get("/public/v1/participation/processes/" + process + "/receipts").json().forEach(x -> counted.add(x.asString()));
        assertThat(counted).hasSize(4).contains(lanSecond, minhReceipt, hoaReceipt).doesNotContain(lanFirst);
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/receipts/" + minhReceipt)
                .json().get("state").asString()).isEqualTo("COUNTED");
        assertThat(anonymous.get("/city/participation/" + process + "?lang=vi").body()).contains("Kết quả").contains("Đã kiểm 4 phiếu");
        assertThat(anonymous.get("/city/participation/" + process + "?lang=en").body()).contains("4 ballots were counted");
        // Counting again changes nothing.
        assertThat(client().post("/api/v1/participation/processes/" + process + "/count", "").json().get("countedNow").asBoolean()).isFalse();
    }

    @Test
    void aWardOfficeEntersABallotForAResidentAndOneBallotPerResidentHoldsAcrossChannels() throws Exception {
        String process = knapsackProcess();
        SaolaClient.Response key = client().post("/api/v1/api-keys",
                "{\"name\":\"ward office %s\",\"role\":\"OFFICER\",\"department\":\"%s\"}".formatted(suffix, department));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        SaolaClient wardOffice = client().withApiKey(key.json().get("secret").asString());
        String email = "ba.tu." + suffix + "@example.vn";
        String path = "/api/v1/participation/processes/" + process + "/assisted-ballots";

        assertThat(wardOffice.post(path, "{\"contact\":\"%s\",\"projects\":[\"benches\"]}".formatted(email)).body())
                .contains("at least 600000000");
        assertThat(wardOffice.post(path, "{\"contact\":\"not a contact\",\"projects\":[\"park\",\"benches\"]}").status()).isEqualTo(400);
        SaolaClient.Response assisted = wardOffice.post(path, "{\"contact\":\"%s\",\"projects\":[\"park\",\"lights\"]}".formatted(email));
        assertThat(assisted.status()).as(assisted.body()).isEqualTo(201);
        String paperReceipt = assisted.json().get("receipt").asString();
        assertThat(assisted.json().get("replaced").asBoolean()).isFalse();
        // An analyst may not enter ballots.
        String analyst = client().issueApiKey("analyst b " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).post(path, "{\"contact\":\"x@example.vn\",\"projects\":[\"park\"]}").status()).isEqualTo(403);

        // The officer is in the audit log with the resident; the choice is not.
        JsonNode audit = client().get("/api/v1/audit?action=BALLOT_ASSISTED&limit=5").json();
        assertThat(audit.toString()).contains("ward office " + suffix).contains("process:" + process)
                .doesNotContain("park").doesNotContain("lights");

        // The same resident later signs in with the same address and votes online: still one ballot, the newest.
        FormSession online = TestResidents.signedIn(base(), email);
        assertThat(online.get("/city/participation/" + process + "/vote?lang=en").body()).contains("You have voted (receipt " + paperReceipt + ")");
        HttpResponse<String> again = vote(online, process, "library", "lights", "benches");
        assertThat(again.body()).contains("replaces your earlier one");
        assertThat(jdbc.sql("SELECT count(*) FROM participation_ballot WHERE process_code = ?").param(process).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT channel FROM participation_voter WHERE process_code = ?").param(process).query(String.class).list())
                .containsExactly("ASSISTED");
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/receipts/" + paperReceipt).json()
                .get("state").asString()).isEqualTo("REPLACED");
    }

    @Test
    void whoeverHoldsTheDatabaseCannotTieABallotToTheResidentWhoCastIt() throws Exception {
        String process = openVote("secret-" + suffix, "{\"rule\":\"APPROVAL\",\"maxChoices\":3}", 100,
                Map.of("a", 10L, "b", 10L, "c", 10L, "d", 10L));
        FormSession tooMany = TestResidents.signedIn(base(), "many." + suffix + "@example.vn");
        // Twelve residents, each with a different choice, in a known order.
        List<List<String>> choices = List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d"), List.of("a", "b"),
                List.of("a", "c"), List.of("a", "d"), List.of("b", "c"), List.of("b", "d"), List.of("c", "d"),
                List.of("a", "b", "c"), List.of("b", "c", "d"));
        assertThat(vote(tooMany, process, "a", "b", "c", "d").body()).contains("Choose at most 3 projects; you chose 4.");
        for (int i = 0; i < choices.size(); i++) {
            FormSession resident = TestResidents.signedIn(base(), "voter" + i + "." + suffix + "@example.vn");
            receiptIn(vote(resident, process, choices.get(i).toArray(String[]::new)).body());
        }

        // During the vote: the box holds sealed ballots; nothing in a row names a project or a resident.
        List<byte[]> sealed = jdbc.sql("SELECT sealed FROM participation_ballot WHERE process_code = ?").param(process)
                .query((rs, i) -> rs.getBytes(1)).list();
        assertThat(sealed).hasSize(12);
        List<UUID> voters = jdbc.sql("SELECT resident_id FROM participation_voter WHERE process_code = ?").param(process)
                .query(UUID.class).list();
        assertThat(voters).hasSize(12);
        for (byte[] s : sealed) {
            String text = new String(s, java.nio.charset.StandardCharsets.ISO_8859_1);
            // Four bytes of a plain ballot (two choices as the box writes them) turn up by chance in the ~40 random
            // bytes of a sealed one about once in 100 million; two bytes did, once in some thirty runs (a flaky test).
            for (List<String> choice : choices) {
                if (choice.size() > 1) {
                    assertThat(text).doesNotContain("\n" + String.join("\n", choice.subList(0, 2)));
                }
            }
        }
        // The tables share no column but the tenant and the process, and the box keeps no time at all.
        Set<String> voterColumns = columns("participation_voter");
        for (String box : List.of("participation_ballot", "participation_published_ballot", "participation_counted_receipt")) {
            Set<String> shared = new HashSet<>(columns(box));
            shared.retainAll(voterColumns);
            assertThat(shared).as(box).containsExactlyInAnyOrder("tenant_id", "process_code");
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM information_schema.columns WHERE table_name = ?
                    AND data_type IN ('timestamp with time zone', 'timestamp without time zone', 'date', 'time without time zone', 'bigint', 'integer')""")
                    .param(box).query(Integer.class).single()).as("no time, no sequence in " + box).isZero();
        }
        assertThat(jdbc.sql("SELECT data_type FROM information_schema.columns WHERE table_name = 'participation_voter' AND column_name = 'voted_on'")
                .query(String.class).single()).as("the register keeps the day only").isEqualTo("date");

        clock.advance(Duration.ofDays(2));
        assertThat(client().post("/api/v1/participation/processes/" + process + "/count", "").status()).isEqualTo(200);

        // After the count: the sealed ballots and the key are gone; the published ballots were written in one
        // transaction (no transaction id tells one from another, nor ties one to a register entry), in an order
        // that is not the order of voting.
        assertThat(jdbc.sql("SELECT count(*) FROM participation_ballot WHERE process_code = ?").param(process).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM participation_ballot_key WHERE process_code = ?").param(process).query(Integer.class).single()).isZero();
        List<String> xmins = jdbc.sql("SELECT xmin::text FROM participation_published_ballot WHERE process_code = ?").param(process)
                .query(String.class).list();
        assertThat(new HashSet<>(xmins)).hasSize(1);
        List<String> voterXmins = jdbc.sql("SELECT xmin::text FROM participation_voter WHERE process_code = ?").param(process)
                .query(String.class).list();
        assertThat(voterXmins).doesNotContain(xmins.get(0));
        List<List<String>> physical = jdbc.sql("SELECT projects FROM participation_published_ballot WHERE process_code = ? ORDER BY ctid")
                .param(process).query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).list();
        assertThat(physical).containsExactlyInAnyOrderElementsOf(choices).isNotEqualTo(choices);
        List<List<String>> byId = jdbc.sql("SELECT projects FROM participation_published_ballot WHERE process_code = ? ORDER BY ballot_id")
                .param(process).query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).list();
        assertThat(byId).isNotEqualTo(choices);
    }

    private Set<String> columns(String table) {
        return new HashSet<>(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = ?").param(table)
                .query(String.class).list());
    }

    @Test
    void aVoteClosesAtItsStatedTimeAndABallotHoldsAtLeastTheLeastNumberOfProjects() throws Exception {
        java.time.LocalDateTime closes = java.time.LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Asia/Ho_Chi_Minh"))
                .plusHours(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (closes.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            closes = closes.plusMinutes(1);
        }
        String voting = "{\"rule\":\"APPROVAL\",\"maxChoices\":3,\"minProjects\":2,\"closesAt\":\"" + closes.toLocalTime() + "\"}";
        String process = "quick-" + suffix;
        defineProcess(process, voting, 1_000_000_000L, today.plusDays(1), today.plusDays(3), 201);
        project(process, "park", 400_000_000L);
        project(process, "lights", 300_000_000L);
        project(process, "benches", 50_000_000L);
        defineProcess(process, voting, 1_000_000_000L, today.minusDays(1), closes.toLocalDate(), 200);
        JsonNode rule = client().anonymous().get("/public/v1/participation/processes/" + process).json().get("voting");
        assertThat(rule.get("minProjects").asInt()).isEqualTo(2);
        assertThat(rule.get("closes").asString()).isEqualTo(closes.toString());
        FormSession anyone = new FormSession(base());
        assertThat(anyone.get("/city/participation/" + process + "?lang=en").body())
                .contains("closing at " + closes.toLocalTime() + " on the last day").contains("Choose at least 2 projects.");

        FormSession lan = TestResidents.signedIn(base(), "lan.quick." + suffix + "@example.vn");
        assertThat(lan.get("/city/participation/" + process + "/vote?lang=en").body()).contains("id=\"rule-min-hint\"");
        assertThat(vote(lan, process, "park").body()).contains("Choose at least 2 projects; you chose 1.").doesNotContain("Your vote is in");
        String receipt = receiptIn(vote(lan, process, "park", "benches").body());
        assertThat(client().post("/api/v1/participation/processes/" + process + "/count", "").status()).isEqualTo(409);

        // At the closing time, not at midnight, the vote is over: no more ballots, and it can be counted.
        clock.advance(Duration.ofMinutes(61));
        assertThat(vote(lan, process, "park", "lights").body()).contains("The vote is closed");
        assertThat(anyone.get("/city/participation/" + process + "?lang=en").body()).doesNotContain("id=\"vote-link\"");
        SaolaClient.Response count = client().post("/api/v1/participation/processes/" + process + "/count", "");
        assertThat(count.status()).as(count.body()).isEqualTo(200);
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/receipts").body()).contains(receipt);
        assertThat(anyone.get("/city/participation/" + process + "?lang=en").body()).contains("id=\"results-heading\"")
                .contains("1 ballots were counted");

        SaolaClient.Response bad = client().send("PUT", "/api/v1/participation/processes/bad-time-" + suffix, """
                {"titleVi":"x","titleEn":"x","department":"%s","phases":[{"phase":"VOTING","starts":"2027-12-01","ends":"2027-12-02"}],
                 "voting":{"rule":"APPROVAL","maxChoices":2,"closesAt":"5pm"},"budgets":[{"amount":10}]}""".formatted(department));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("voting.closesAt").contains("like 17:00");
        bad = client().send("PUT", "/api/v1/participation/processes/bad-time-" + suffix, """
                {"titleVi":"x","titleEn":"x","department":"%s","phases":[{"phase":"VOTING","starts":"2027-12-01","ends":"2027-12-02"}],
                 "voting":{"rule":"APPROVAL","maxChoices":2,"minProjects":3},"budgets":[{"amount":10}]}""".formatted(department));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("voting.minProjects");
    }

    /** A process with a budget per ward whose voters must be on the census list, its vote open since yesterday. */
    private String censusProcess() {
        String process = "census-" + suffix;
        String an = "An Hải " + suffix;
        String son = "Sơn Trà " + suffix;
        java.util.function.BiFunction<LocalDate, LocalDate, String> body = (opens, closes) -> """
                {"titleVi":"Ngân sách phường %1$s","titleEn":"Ward budgets %1$s","department":"%2$s","wards":["%3$s","%4$s"],
                 "eligibility":"CENSUS","phases":[{"phase":"VOTING","starts":"%5$s","ends":"%6$s"}],
                 "voting":{"rule":"KNAPSACK"},"budgets":[{"scope":"%3$s","amount":1000},{"scope":"%4$s","amount":1000}]}"""
                .formatted(suffix, department, an, son, opens, closes);
        SaolaClient.Response r = client().send("PUT", "/api/v1/participation/processes/" + process, body.apply(today.plusDays(1), today.plusDays(3)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        for (String[] p : new String[][] {{"park", an}, {"lights", son}}) {
            r = client().send("PUT", "/api/v1/participation/processes/" + process + "/projects/" + p[0],
                    "{\"titleVi\":\"Dự án %1$s\",\"titleEn\":\"Project %1$s\",\"cost\":500,\"scope\":\"%2$s\"}".formatted(p[0], p[1]));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        r = client().send("PUT", "/api/v1/participation/processes/" + process, body.apply(today.minusDays(1), today.plusDays(1)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return process;
    }

    private SaolaClient.Response uploadCensus(SaolaClient staff, String csv) {
        return staff.send("PUT", "/api/v1/participation/census", csv, "Content-Type", "text/csv");
    }

    @Test
    void aCensusListDecidesWhoVotesAndWhereWithoutSaolaKeepingAnIdNumber() throws Exception {
        String an = "An Hải " + suffix;
        String son = "Sơn Trà " + suffix;
        // A list with a header, spaces in a number, quotes, a number without a ward; a bad list changes nothing.
        SaolaClient.Response up = uploadCensus(client(), "so_dinh_danh,phuong\n\"048 190 000 001\",%s\n048190000002,%s\n048190000003,%s\n201234567,\n"
                .formatted(an, an, son));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().get("entries").asInt()).isEqualTo(4);
        SaolaClient.Response bad = uploadCensus(client(), "048190000009,%s\n12345,%s\nabc,%s\n".formatted(an, an, an));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("2 line(s)").contains("line 2: not an ID number").contains("line 3").doesNotContain("12345");
        assertThat(client().get("/api/v1/participation/census").json().get("entries").asInt()).as("nothing changed").isEqualTo(4);
        String analyst = client().issueApiKey("census analyst " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).get("/api/v1/participation/census").status()).isEqualTo(403);
        String process = censusProcess();

        // Lan proves her number once (typed as on her card), then votes in her ward's budget, which she cannot change.
        FormSession lan = TestResidents.signedIn(base(), "lan.census." + suffix + "@example.vn");
        String page = lan.get("/city/participation/" + process + "/vote?lang=en").body();
        assertThat(page).contains("id=\"census-form\"").doesNotContain("id=\"ballot-form\"");
        assertThat(lan.post("/city/participation/" + process + "/census?lang=en", Map.of("idNumber", "048190000099")).body())
                .contains("This number is not on the census list");
        HttpResponse<String> proved = lan.post("/city/participation/" + process + "/census", Map.of("idNumber", "048 190-000.001"));
        assertThat(proved.statusCode()).isEqualTo(302);
        page = lan.get("/city/participation/" + process + "/vote?lang=en").body();
        assertThat(page).contains("Projects for " + an).contains("id=\"ballot-form\"").doesNotContain("another ward");
        HttpResponse<String> otherWard = lan.post("/city/participation/" + process + "/vote?lang=en",
                List.of(Map.entry("scope", son), Map.entry("project", "lights")));
        assertThat(otherWard.body()).contains("the budget of your ward on the census list, " + an);
        HttpResponse<String> cast = lan.post("/city/participation/" + process + "/vote", List.of(Map.entry("scope", an), Map.entry("project", "park")));
        assertThat(cast.statusCode()).isEqualTo(302);
        receiptIn(lan.follow(cast).body());

        // A consultation of some wards takes Lan's ward from the census list, not from what she says.
        String survey = "census-survey-" + suffix;
        SaolaClient.Response defined = client().send("PUT", "/api/v1/participation/consultations/" + survey, """
                {"process":"%s","titleVi":"Giờ chợ","titleEn":"Market hours","opens":"%s","closes":"%s","audience":"RESIDENTS",
                 "wards":["%s","%s"],"questions":[{"code":"late","kind":"SINGLE","textVi":"Mở muộn?","textEn":"Open late?",
                 "required":true,"options":[{"code":"yes","textVi":"Có","textEn":"Yes"},{"code":"no","textVi":"Không","textEn":"No"}]}]}"""
                .formatted(process, today.minusDays(1), today.plusDays(3), an, son));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        lan.get("/city/participation/consultations/" + survey + "?lang=en");
        HttpResponse<String> elsewhere = lan.post("/city/participation/consultations/" + survey + "?lang=en",
                List.of(Map.entry("ward", son), Map.entry("q-late", "yes")));
        assertThat(elsewhere.body()).contains("The census list puts you in " + an + ": you answer as a resident of that ward.");
        assertThat(lan.post("/city/participation/consultations/" + survey + "?lang=en",
                List.of(Map.entry("ward", an), Map.entry("q-late", "yes"))).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT ward FROM participation_consultation_answer WHERE consultation = ?").param(survey)
                .query(String.class).single()).isEqualTo(an);

        // One account per number: another account cannot take Lan's, and goes to the ward office.
        FormSession other = TestResidents.signedIn(base(), "not.lan." + suffix + "@example.vn");
        other.get("/city/participation/" + process + "/vote");
        assertThat(other.post("/city/participation/" + process + "/census?lang=en", Map.of("idNumber", "048190000001")).body())
                .contains("already linked to another account");
        // Someone listed without a ward is not a voter of these wards.
        FormSession noWard = TestResidents.signedIn(base(), "no.ward." + suffix + "@example.vn");
        noWard.get("/city/participation/" + process + "/vote");
        assertThat(noWard.post("/city/participation/" + process + "/census", Map.of("idNumber", "201234567")).statusCode()).isEqualTo(302);
        assertThat(noWard.get("/city/participation/" + process + "/vote?lang=en").body()).contains("id=\"not-eligible\"")
                .doesNotContain("id=\"ballot-form\"");
        // Guessing numbers stops after five tries a day.
        FormSession guesser = TestResidents.signedIn(base(), "guesser." + suffix + "@example.vn");
        guesser.get("/city/participation/" + process + "/vote");
        for (int i = 0; i < 5; i++) {
            guesser.post("/city/participation/" + process + "/census", Map.of("idNumber", "04819000010" + i));
        }
        assertThat(guesser.post("/city/participation/" + process + "/census?lang=en", Map.of("idNumber", "048190000003")).body())
                .contains("Too many numbers tried today");

        // At a ward office the officer types the number from the card; the ballot goes into that ward's budget.
        String path = "/api/v1/participation/processes/" + process + "/assisted-ballots";
        SaolaClient.Response assisted = client().post(path, "{\"contact\":\"ba.census.%s@example.vn\",\"projects\":[\"lights\"],\"scope\":\"%s\"}"
                .formatted(suffix, son));
        assertThat(assisted.status()).as("not proved yet").isEqualTo(409);
        assisted = client().post(path, "{\"contact\":\"ba.census.%s@example.vn\",\"idNumber\":\"048190000003\",\"projects\":[\"lights\"],\"scope\":\"%s\"}"
                .formatted(suffix, son));
        assertThat(assisted.status()).as(assisted.body()).isEqualTo(201);

        // A new list keeps the links of the numbers still on it.
        up = uploadCensus(client(), "048190000001,%s\n048190000003,%s\n".formatted(an, son));
        assertThat(up.json().get("linksDropped").asInt()).as("only the no-ward resident's number left the list").isEqualTo(1);
        JsonNode counts = client().get("/api/v1/participation/census").json();
        assertThat(counts.get("entries").asInt()).isEqualTo(2);
        assertThat(counts.get("linked").asInt()).isEqualTo(2);
        // Saola keeps no ID number: 32-byte keyed hashes only, and nothing in the audit log.
        assertThat(jdbc.sql("SELECT count(*) FROM participation_census WHERE octet_length(id_hash) <> 32 OR position('048190000001' in encode(id_hash, 'escape')) > 0")
                .query(Integer.class).single()).isZero();
        assertThat(client().get("/api/v1/audit?limit=50").body()).doesNotContain("048190000001").doesNotContain("048 190");
        assertThat(lan.get("/residents/me/data?lang=en").body()).contains("The census list").contains(an);
    }

    @Test
    void staffInputIsCheckedFieldByField() throws Exception {
        SaolaClient.Response r = client().send("PUT", "/api/v1/participation/processes/bad-" + suffix, """
                {"titleVi":"x","titleEn":"x","department":"%s","phases":[{"phase":"VOTE","starts":"2026-12-01","ends":"2026-12-02"}]}"""
                .formatted(department));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("phases[0].phase").contains("VOTING");
        r = client().send("PUT", "/api/v1/participation/processes/bad-" + suffix, """
                {"titleVi":"x","titleEn":"x","department":"%s","phases":[{"phase":"VOTING","starts":"2026-12-01","ends":"1 Dec"}]}"""
                .formatted(department));
        assertThat(r.body()).contains("phases[0].ends is a date like 2026-12-01");
        r = client().send("PUT", "/api/v1/participation/processes/bad-" + suffix, """
                {"titleVi":"x","titleEn":"x","department":"%s","phases":[{"phase":"VOTING","starts":"2026-12-01","ends":"2026-12-02"}],
                 "voting":{"rule":"APPROVAL"},"budgets":[{"amount":10}]}""".formatted(department));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("voting.maxChoices");
        r = client().send("PUT", "/api/v1/participation/processes/bad-" + suffix, """
                {"titleVi":"x","titleEn":"x","department":"nobody","phases":[{"phase":"INFORMATION","starts":"2026-12-01","ends":"2026-12-02"}]}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("no department 'nobody'");
        assertThat(client().anonymous().get("/public/v1/participation/processes/none-" + suffix).status()).isEqualTo(404);
        // A process without a vote has no ballot, only its page; an officer of another department cannot touch it.
        r = client().send("PUT", "/api/v1/participation/processes/info-" + suffix, """
                {"titleVi":"Thông tin","titleEn":"Information only","department":"%s",
                 "phases":[{"phase":"INFORMATION","starts":"2026-01-01","ends":"2030-12-31"}]}""".formatted(department));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        FormSession anyone = new FormSession(base());
        assertThat(anyone.get("/city/participation/info-" + suffix + "/vote?lang=en").body()).contains("This process has no vote");
        assertThat(anyone.get("/city/participation/info-" + suffix + "?lang=en").body()).contains("Information only");
        assertThat(client().post("/api/v1/departments", "{\"code\":\"other-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}"
                .formatted(suffix)).status()).isEqualTo(201);
        SaolaClient.Response key = client().post("/api/v1/api-keys", "{\"name\":\"officer %s\",\"role\":\"OFFICER\",\"department\":\"other-%s\"}"
                .formatted(suffix, suffix));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        SaolaClient otherOfficer = client().withApiKey(key.json().get("secret").asString());
        assertThat(otherOfficer.post("/api/v1/participation/processes/info-" + suffix + "/count", "").status()).isEqualTo(404);
        assertThat(otherOfficer.send("PUT", "/api/v1/participation/processes/info-" + suffix + "/projects/x",
                "{\"titleVi\":\"x\",\"titleEn\":\"x\",\"cost\":1}").status()).isEqualTo(404);
        // An analyst reads data but defines no process.
        String analyst = client().issueApiKey("analyst " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).send("PUT", "/api/v1/participation/processes/x-" + suffix, "{}").status()).isEqualTo(403);
    }

    /** The first text message to this phone with these words among those the gateway got after the first {@code skip}. */
    private static String smsTo(String phone, String containing, int skip) {
        java.util.function.Supplier<java.util.Optional<String>> find = () -> TestMailAndSms.SMS.stream().skip(skip)
                .filter(m -> m.contains("\"" + phone + "\"") && m.contains(containing)).findFirst();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find.get().isPresent());
        return find.get().orElseThrow();
    }

    private static String smsTo(String phone, String containing) {
        return smsTo(phone, containing, 0);
    }

    private SaolaClient.Response text(String from, String message, String token) {
        return client().anonymous().send("POST", "/public/v1/participation/sms",
                "{\"from\":\"%s\",\"text\":\"%s\"}".formatted(from, message), "Authorization", "Bearer " + token);
    }

    @Test
    void aResidentWithoutASmartphoneVotesBySmsWithACodeAndGetsAReceipt() throws Exception {
        String process = knapsackProcess();
        String phone = "+8490" + String.format("%07d", Math.abs(suffix.hashCode()) % 10_000_000);
        // The process page tells how, with each project's number (in the order of the ballot).
        String page = new FormSession(base()).get("/city/participation/" + process + "?lang=en").body();
        assertThat(page).contains("Vote by SMS: text VOTE " + process).contains("number 4 for SMS");

        assertThat(text(phone, "VOTE " + process + " 4 3", "wrong-token").status()).isEqualTo(401);
        assertThat(text("not a phone", "VOTE " + process + " 4", "test-inbound-token").status()).isEqualTo(400);
        assertThat(text(phone, "VOTE " + process + " 1", "test-inbound-token").status()).isEqualTo(202);
        assertThat(smsTo(phone, "breaks the rule")).contains("at least 60 % of it");
        assertThat(text(phone, "VOTE " + process + " 9", "test-inbound-token").status()).isEqualTo(202);
        smsTo(phone, "There is no project 9");
        text(phone, "VOTE " + process + " 4 3", "test-inbound-token");
        Matcher code = Pattern.compile("Code: (\\d{6})").matcher(smsTo(phone, "Code: "));
        assertThat(code.find()).isTrue();
        String wrong = code.group(1).equals("000000") ? "111111" : "000000";
        text(phone, wrong, "test-inbound-token");
        smsTo(phone, "That code is not right.");
        // Nothing is in the box until the code comes back.
        assertThat(jdbc.sql("SELECT count(*) FROM participation_voter WHERE process_code = ?").param(process).query(Integer.class).single())
                .isZero();
        text(phone, code.group(1), "test-inbound-token");
        Matcher receipt = Pattern.compile("Receipt: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})").matcher(smsTo(phone, "Receipt: "));
        assertThat(receipt.find()).isTrue();
        assertThat(jdbc.sql("SELECT channel FROM participation_voter WHERE process_code = ?").param(process).query(String.class).list())
                .containsExactly("SMS");
        // Nothing stored ties the phone to its receipt or its choice: the answers were sent, not queued.
        assertThat(jdbc.sql("SELECT count(*) FROM resident_message WHERE body LIKE ? OR body LIKE '%Code: %'")
                .param("%" + receipt.group(1) + "%").query(Integer.class).single()).isZero();
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/receipts/" + receipt.group(1))
                .json().get("state").asString()).isEqualTo("IN_THE_BOX");
        // The same phone votes again: one ballot per resident, the newest counts.
        int before = TestMailAndSms.SMS.size();
        text(phone, "BAU " + process + " 4 2", "test-inbound-token");
        Matcher again = Pattern.compile("Code: (\\d{6})").matcher(smsTo(phone, "Code: ", before));
        assertThat(again.find()).isTrue();
        text(phone, again.group(1), "test-inbound-token");
        smsTo(phone, "replacing your earlier one");
        assertThat(jdbc.sql("SELECT count(*) FROM participation_voter WHERE process_code = ?").param(process).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(client().anonymous().get("/public/v1/participation/processes/" + process + "/receipts/" + receipt.group(1))
                .json().get("state").asString()).isEqualTo("REPLACED");
        assertThat(smsTo(phone, "replacing your earlier one")).contains("Text FOLLOW " + process + " for news of the results");

        // The phone asks for news by SMS (the words typed any way a phone types them), stops, asks again.
        String followers = "SELECT count(*) FROM participation_follower WHERE process_code = ?";
        text(phone, "theo " + process, "test-inbound-token");
        smsTo(phone, "You will get news of the results and progress of '" + process + "' by SMS");
        assertThat(jdbc.sql(followers).param(process).query(Integer.class).single()).isEqualTo(1);
        text(phone, "Bỏ theo " + process, "test-inbound-token");
        smsTo(phone, "You will get no more news of '" + process + "'");
        assertThat(jdbc.sql(followers).param(process).query(Integer.class).single()).isZero();
        text(phone, "THEO no-such-process", "test-inbound-token");
        smsTo(phone, "There is no process 'no-such-process'");
        text(phone, "FOLLOW " + process, "test-inbound-token");
        assertThat(jdbc.sql(followers).param(process).query(Integer.class).single()).isEqualTo(1);

        // The vote closes and is counted: the follower's phone is told what was chosen.
        clock.advance(Duration.ofDays(3));
        assertThat(client().post("/api/v1/participation/processes/" + process + "/count", "").status()).isEqualTo(200);
        assertThat(smsTo(phone, "Ballots counted: 1.")).contains("Projects chosen:").doesNotContain("Projects chosen: none");
    }
}
