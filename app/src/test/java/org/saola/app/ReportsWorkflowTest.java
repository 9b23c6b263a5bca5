package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loop closed, over HTTP as departments and residents use it: a report reaches its department, officers see
 * only their departments' reports, each public step reaches the reporter by e-mail while internal notes stay
 * internal, outcomes need what makes them clear; the reporter's contact appears in no public answer, no staff
 * list and no log line, and reading it is audited; photos are served without EXIF or GPS; each report is an
 * IssueReporting entity without personal data.
 */
class ReportsWorkflowTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.saola.reports.domain.ReportService reportService;

    private String suffix;
    private String roads;
    private String parks;
    private String pothole;
    private String noise;
    private String apiKey;

    @BeforeEach
    void catalogue() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        roads = "roads-" + suffix;
        parks = "parks-" + suffix;
        for (String d : List.of(roads, parks)) {
            assertThat(client().post("/api/v1/departments", """
                    {"code":"%s","nameVi":"Phòng %s","nameEn":"Department %s"}""".formatted(d, d, d)).status()).isEqualTo(201);
        }
        pothole = "pothole-" + suffix;
        noise = "noise-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + pothole, """
                {"nameVi": "Ổ gà", "nameEn": "Pothole", "department": "%s", "targetHours": 72}""".formatted(roads)).status())
                .isEqualTo(201);
        assertThat(client().send("PUT", "/api/v1/report-services/" + noise, """
                {"nameVi": "Tiếng ồn", "nameEn": "Noise", "department": "%s", "targetHours": 48, "privacy": "APPROXIMATE"}"""
                .formatted(roads)).status()).isEqualTo(201);
        apiKey = client().issueApiKey("reports app " + suffix, "ANALYST");
    }

    private HttpResponse<String> open311(String... form) {
        StringBuilder body = new StringBuilder("api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        for (int i = 0; i < form.length; i += 2) {
            body.append('&').append(URLEncoder.encode(form[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long file(String service, String... extra) {
        List<String> form = new ArrayList<>(List.of("service_code", service, "lat", "16.0678", "long", "108.2208",
                "description", "Broken kerb by the bus stop"));
        form.addAll(List.of(extra));
        HttpResponse<String> r = open311(form.toArray(String[]::new));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Long.parseLong(JSON.readTree(r.body()).get(0).get("service_request_id").asString());
    }

    private SaolaClient officerOf(String department) {
        SaolaClient.Response key = client().post("/api/v1/api-keys",
                "{\"name\": \"officer " + department + "\", \"role\": \"OFFICER\", \"department\": \"" + department + "\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return client().withApiKey(key.json().get("secret").asString());
    }

    @Test
    void aReportPlacedOnTheMapIsInTheWardWhoseAreaHoldsItAndGoesToThatWardsDepartment() {
        String ward = "Phường " + suffix;
        SaolaClient.Response district = client().send("POST", "/ngsi-ld/v1/entityOperations/upsert", """
                [{"id": "urn:ngsi-ld:District:rw-%s", "type": "District", "name": {"type": "Property", "value": "%s"},
                  "location": {"type": "GeoProperty", "value": {"type": "Polygon",
                    "coordinates": [[[101.0, 11.0], [101.1, 11.0], [101.1, 11.1], [101.0, 11.1], [101.0, 11.0]]]}}}]"""
                .formatted(suffix, ward), "Content-Type", "application/json");
        assertThat(district.status()).as(district.body()).isIn(201, 204);
        String tree = "tree-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + tree, """
                {"nameVi": "Cây đổ", "nameEn": "Fallen tree", "department": "%s", "wardDepartments": {"%s": "%s"}, "targetHours": 24}"""
                .formatted(roads, ward, parks)).status()).isEqualTo(201);
        HttpResponse<String> placed = open311("service_code", tree, "lat", "11.05", "long", "101.05", "description", "Cây đổ chắn đường");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        long inside = Long.parseLong(JSON.readTree(placed.body()).get(0).get("service_request_id").asString());
        long outside = file(tree);
        JsonNode in = client().get("/api/v1/reports/" + inside).json();
        assertThat(in.get("ward").asString()).isEqualTo(ward);
        assertThat(in.get("department").asString()).isEqualTo(parks);
        JsonNode out = client().get("/api/v1/reports/" + outside).json();
        assertThat(out.get("ward").asString("")).isNotEqualTo(ward);
        assertThat(out.get("department").asString()).isEqualTo(roads);

        // The same areas, outlined with their names on the map residents pick a place on: public GeoJSON.
        // (kept 30 s on the server: a test beside may have read them just before this district came)
        await().atMost(Duration.ofSeconds(40)).until(() -> get("/public/v1/city/areas").body().contains("rw-" + suffix));
        HttpResponse<String> areas = get("/public/v1/city/areas");
        assertThat(areas.statusCode()).isEqualTo(200);
        assertThat(areas.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode feature = null;
        for (JsonNode f : JSON.readTree(areas.body()).get("features")) {
            if (f.get("id").asString().equals("urn:ngsi-ld:District:rw-" + suffix)) {
                feature = f;
            }
        }
        assertThat(feature).as(areas.body()).isNotNull();
        assertThat(feature.get("type").asString()).isEqualTo("Feature");
        assertThat(feature.get("properties").get("name").asString()).isEqualTo(ward);
        assertThat(feature.get("geometry").get("type").asString()).isEqualTo("Polygon");
    }

    @Test
    void officersSeeAndWorkOnlyTheirDepartmentsReports() {
        long mine = file(pothole);
        long theirs = file(pothole);
        assertThat(client().post("/api/v1/reports/" + theirs + "/assign", "{\"department\": \"" + parks + "\", \"assignee\": \"Tuấn\"}")
                .status()).isEqualTo(200);
        SaolaClient officer = officerOf(roads);
        SaolaClient.Response queue = officer.get("/api/v1/reports?status=open&limit=500");
        List<Long> ids = new ArrayList<>();
        queue.json().forEach(n -> ids.add(n.get("id").asLong()));
        assertThat(ids).contains(mine).doesNotContain(theirs);
        assertThat(officer.get("/api/v1/reports/" + theirs).status()).isEqualTo(404);
        assertThat(officer.post("/api/v1/reports/" + theirs + "/status", "{\"status\": \"FIXED\"}").status()).isEqualTo(404);
        assertThat(officer.post("/api/v1/reports/" + mine + "/status", "{\"status\": \"ACKNOWLEDGED\"}").status()).isEqualTo(200);
        assertThat(officerOf(parks).get("/api/v1/reports/" + theirs).json().get("assignee").asString()).isEqualTo("Tuấn");
        // An analyst reads, works nothing.
        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst " + suffix, "ANALYST"));
        assertThat(analyst.get("/api/v1/reports/" + mine).status()).isEqualTo(200);
        assertThat(analyst.post("/api/v1/reports/" + mine + "/notes", "{\"text\": \"x\"}").status()).isEqualTo(403);
        officer.post("/api/v1/reports/" + mine + "/notes", "{\"text\": \"internal: the contractor is late\"}");
        assertThat(officer.get("/api/v1/reports/" + mine).body()).contains("the contractor is late");
        assertThat(analyst.get("/api/v1/reports/" + mine).body()).as("internal notes are for who works reports")
                .doesNotContain("the contractor is late");
        // Public: the assignment shows which department answers (Open311's agency_responsible)
        HttpResponse<String> publicView = get("/open311/v2/requests/" + theirs + ".json?x=1", "Accept-Language", "en");
        assertThat(JSON.readTree(publicView.body()).get(0).get("agency_responsible").asString()).isEqualTo("Department " + parks);
    }

    @Test
    void everyPublicStepReachesTheReporterAndInternalNotesStayInternal() {
        String email = "reporter." + suffix + "@example.vn";
        long id = file(pothole, "email", email, "first_name", "Thu", "last_name", "Phạm");
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).isPresent());
        assertThat(TestMailAndSms.lastMailTo(email).orElseThrow()).contains("#" + id).contains("/city/reports/" + id);

        SaolaClient officer = officerOf(roads);
        assertThat(officer.post("/api/v1/reports/" + id + "/notes", "{\"text\": \"Crew 3 is short of asphalt\"}").status())
                .isEqualTo(200);
        assertThat(officer.post("/api/v1/reports/" + id + "/status",
                "{\"status\": \"IN_PROGRESS\", \"text\": \"A crew will come on Tuesday\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).orElse("")
                .contains("A crew will come on Tuesday"));
        assertThat(TestMailAndSms.lastMailTo(email).orElseThrow()).doesNotContain("asphalt");

        // Outcomes say what makes them clear.
        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"NOT_FIXED\"}").json()
                .path("field").asString()).isEqualTo("text");
        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"DUPLICATE\"}").json()
                .path("field").asString()).isEqualTo("duplicateOf");
        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"REFERRED\"}").json()
                .path("field").asString()).isEqualTo("referredTo");
        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"DONE\"}").status()).isEqualTo(400);
        SaolaClient.Response fixed = officer.post("/api/v1/reports/" + id + "/status",
                "{\"status\": \"FIXED\", \"text\": \"Resurfaced\"}");
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.json().get("closedAt").isNull()).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).orElse("").contains("Resurfaced"));
        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"NOT_FIXED\", \"text\": \"x\"}").status())
                .as("a closed report only reopens").isEqualTo(409);

        JsonNode request = JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertThat(request.get("status").asString()).isEqualTo("closed");
        assertThat(request.get("status_notes").asString()).isEqualTo("Resurfaced");
        // The staff view has the whole life, internal notes marked as such.
        JsonNode events = client().get("/api/v1/reports/" + id).json().get("events");
        assertThat(events.toString()).contains("Crew 3 is short of asphalt");
        assertThat(get("/city/reports/" + id).body()).contains("Resurfaced").doesNotContain("asphalt");

        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"OPEN\", \"text\": \"It broke again\"}")
                .json().get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theReportersContactIsInNoPublicAnswerNoStaffListAndNoLogAndReadingItIsAudited(
            org.springframework.boot.test.system.CapturedOutput logged) throws Exception {
        String email = "private." + suffix + "@example.vn";
        String phone = "+8490" + (1000000 + Math.abs(suffix.hashCode() % 8999999));
        long id = file(noise, "email", email, "first_name", "Bảo", "last_name", "Ngọc" + suffix, "address_string", "nhà số 12 Lê Lợi");
        long byPhone = file(noise, "phone", phone);

        List<String> answers = new ArrayList<>();
        answers.add(get("/open311/v2/requests/" + id + ".json").body());
        answers.add(get("/open311/v2/requests/" + id + ".xml").body());
        answers.add(get("/open311/v2/requests.json?service_code=" + noise).body());
        answers.add(get("/open311/v2/requests.xml?service_request_id=" + id + "," + byPhone).body());
        answers.add(get("/city/reports/" + id).body());
        answers.add(get("/city/reports/" + byPhone).body());
        answers.add(client().get("/api/v1/reports/" + id).body());
        answers.add(client().get("/api/v1/reports?limit=1000").body());
        await().atMost(Duration.ofSeconds(15)).until(() -> client().get("/ngsi-ld/v1/entities/urn:ngsi-ld:IssueReporting:" + id)
                .status() == 200);
        answers.add(client().get("/ngsi-ld/v1/entities/urn:ngsi-ld:IssueReporting:" + id).body());
        for (String a : answers) {
            assertThat(a).doesNotContain(email).doesNotContain("Ngọc" + suffix).doesNotContain(phone)
                    .doesNotContain(phone.substring(3));
        }

        assertThat(client().get("/api/v1/reports/" + id + "/reporter").json().path("field").asString()).isEqualTo("reason");
        JsonNode reporter = client().get("/api/v1/reports/" + id + "/reporter?reason=" + URLEncoder.encode(
                "to ask where exactly the noise comes from", StandardCharsets.UTF_8)).json();
        assertThat(reporter.get("contact").asString()).isEqualTo(email);
        assertThat(reporter.get("verified").asBoolean()).as("typed with the report, never proved by a code").isFalse();
        assertThat(reporter.get("name").asString()).isEqualTo("Bảo Ngọc" + suffix);
        assertThat(officerOf(parks).get("/api/v1/reports/" + id + "/reporter?reason=curious").status())
                .as("only who may work the report").isEqualTo(404);
        SaolaClient operator = client().withApiKey(client().issueApiKey("operator " + suffix, "OPERATOR"));
        assertThat(operator.get("/api/v1/reports/" + id + "/reporter?reason=curious").status())
                .as("an operator works reports but may not read residents' contacts").isEqualTo(403);
        // A sensitive kind: the typed address is not public either, and it is not offered as a nearby duplicate.
        assertThat(JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0).get("address").isNull()).isTrue();
        assertThat(get("/city/reports/new?service=" + noise + "&lat=16.0678&lon=108.2208").body()).doesNotContain("nearby-heading");
        assertThat(get("/city/reports/" + id).body()).doesNotContain("nhà số 12 Lê Lợi");
        assertThat(client().get("/api/v1/reports/" + id).body()).as("staff see where it is").contains("nhà số 12 Lê Lợi");
        JsonNode audit = client().get("/api/v1/audit?action=RESIDENT_CONTACT_READ").json();
        assertThat(audit.toString()).contains("report #" + id + ": to ask where exactly the noise comes from");

        // Messages went out (the mail server has them), yet no log line names the reporter: every line logged
        // while the test ran (the console gets each one the log file gets), the platform's threads' too.
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).isPresent());
        org.slf4j.LoggerFactory.getLogger(ReportsWorkflowTest.class).info("Log capture check {}", suffix);
        // (The test's own mail server, GreenMail, logs the addresses it receives for: its lines are not Saola's.)
        String saolas = String.join("\n", logged.getAll().lines().filter(l -> !l.contains("c.icegreen.greenmail")).toList());
        assertThat(saolas).as("what is logged is captured").contains("Log capture check " + suffix)
                .doesNotContain(email).doesNotContain(phone).doesNotContain("Ngọc" + suffix);
    }

    @Test
    void theFormAsksTheCategorysQuestionsAndTheOfficerReadsTheAnswers() throws Exception {
        String drain = "drain-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + drain, """
                {"nameVi": "Cống nghẹt", "nameEn": "Blocked drain", "department": "%s", "targetHours": 24,
                 "attributes": [
                   {"code": "notice", "datatype": "string", "variable": false, "questionVi": "Nếu nước tràn vào nhà, gọi 114.",
                    "questionEn": "If water is coming into homes, call 114.", "order": 0},
                   {"code": "water", "datatype": "singlevaluelist", "required": true, "questionVi": "Nước có tràn ra đường không?",
                    "questionEn": "Is water on the road?", "order": 1,
                    "values": [{"key": "yes", "nameVi": "Có", "nameEn": "Yes"}, {"key": "no", "nameVi": "Không", "nameEn": "No"}]},
                   {"code": "smell", "datatype": "multivaluelist", "questionVi": "Có gì khác?", "questionEn": "Anything else?", "order": 2,
                    "values": [{"key": "smell", "nameVi": "Mùi hôi", "nameEn": "A bad smell"}, {"key": "rats", "nameVi": "Chuột", "nameEn": "Rats"}]},
                   {"code": "since", "datatype": "datetime", "questionVi": "Từ khi nào?", "questionEn": "Since when?", "order": 3},
                   {"code": "depth", "datatype": "number", "questionVi": "Sâu bao nhiêu cm?", "questionEn": "How deep, in cm?",
                    "datatypeDescription": "centimetres", "order": 4}]}""".formatted(roads)).status()).isEqualTo(201);
        FormSession resident = new FormSession("http://localhost:" + port);
        String step2 = "/city/reports/new?service=" + drain + "&ward=&street=" + URLEncoder.encode("12 Lê Lợi", StandardCharsets.UTF_8);
        String form = resident.get(step2 + "&lang=en").body();
        assertThat(form).contains("If water is coming into homes, call 114.").contains("Is water on the road?")
                .contains("name=\"attribute[water]\"").contains("type=\"checkbox\"").contains("type=\"datetime-local\"")
                .contains("inputmode=\"decimal\"");
        assertThat(resident.get(step2 + "&lang=vi").body()).contains("Nước có tràn ra đường không?").contains("(bắt buộc)");

        // The required question left out: named as the resident read it, in the page's language; what they typed stays.
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("service", drain),
                Map.entry("street", "12 Lê Lợi"), Map.entry("description", "The drain is full of leaves"),
                Map.entry("attribute[depth]", "30")));
        HttpResponse<String> missing = resident.post("/city/reports/new?lang=en", fields);
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("“Is water on the road?” needs an answer.").contains("href=\"#attr-water\"")
                .contains("value=\"30\"");
        fields.add(Map.entry("attribute[water]", "maybe"));
        assertThat(resident.post("/city/reports/new?lang=vi", fields).body()).contains("Câu trả lời cho “Nước có tràn ra đường không?”");

        fields.removeLast();
        fields.addAll(List.of(Map.entry("attribute[water]", "yes"), Map.entry("attribute[smell]", "smell"),
                Map.entry("attribute[smell]", "rats"), Map.entry("attribute[since]", "2026-11-30T07:15")));
        HttpResponse<String> filed = resident.post("/city/reports/new?lang=en", fields);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        long id = Long.parseLong(filed.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        JsonNode attributes = client().get("/api/v1/reports/" + id).json().get("attributes");
        assertThat(attributes.get("water").get(0).asString()).isEqualTo("yes");
        assertThat(attributes.get("smell")).hasSize(2);
        assertThat(attributes.get("since").get(0).asString()).as("the city's time zone").isEqualTo("2026-11-30T07:15+07:00");
        assertThat(attributes.get("depth").get(0).asString()).isEqualTo("30");
        assertThat(get("/city/reports/" + id).body()).as("answers are for the department").doesNotContain("Rats");

        StaffSession admin = new StaffSession("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        String work = admin.get("/operations/reports/" + id + "?lang=en").body();
        assertThat(work).contains("Is water on the road?").contains("<dd>Yes</dd>").contains("A bad smell, Rats");

        // A problem whose words no bundle has yet: introduced in the page's language, its detail in English after.
        FormSession officer = new FormSession("http://localhost:" + port);
        officer.get("/login");
        officer.post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        officer.get("/operations/reports/" + id + "?lang=vi");
        HttpResponse<String> noReason = officer.post("/operations/reports/" + id + "/status", Map.of("status", "NOT_FIXED", "text", ""));
        assertThat(noReason.statusCode()).isEqualTo(302);
        assertThat(officer.follow(noReason).body()).contains("Không thực hiện được. Chi tiết (bằng tiếng Anh):")
                .contains("say why it will not be fixed");
    }

    @Test
    void theDepartmentIsEmailedWhenAReportReachesItsQueueWithoutTheReportersContact() {
        String lights = "lights-" + suffix;
        String lightsMail = "lights." + suffix + "@city.example";
        String streets = "streets-" + suffix;
        String streetsMail = "streets." + suffix + "@city.example";
        for (String[] d : List.of(new String[] {lights, lightsMail}, new String[] {streets, streetsMail})) {
            assertThat(client().post("/api/v1/departments", """
                    {"code":"%s","nameVi":"Phòng %s","nameEn":"Department %s","contactEmail":"%s"}"""
                    .formatted(d[0], d[0], d[0], d[1])).status()).isEqualTo(201);
        }
        String lamp = "lamp-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + lamp, """
                {"nameVi": "Đèn đường hỏng", "nameEn": "Broken street light", "department": "%s", "targetHours": 48}"""
                .formatted(lights)).status()).isEqualTo(201);
        String reporter = "night.walker." + suffix + "@example.vn";
        long id = file(lamp, "email", reporter, "first_name", "Hạnh", "address_string", "trước số 8 Trần Phú");

        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.mailTo(lightsMail, "#" + id).isPresent());
        String mail = TestMailAndSms.mailTo(lightsMail, "#" + id).orElseThrow();
        assertThat(mail).contains("Broken street light").contains("trước số 8 Trần Phú").contains("Broken kerb by the bus stop")
                .contains("/operations/reports/" + id).doesNotContain(reporter).doesNotContain("Hạnh");

        // Given to another department: that one is told; a department without an e-mail simply is not.
        assertThat(client().post("/api/v1/reports/" + id + "/assign", "{\"department\": \"" + streets + "\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.mailTo(streetsMail, "#" + id).isPresent());
        assertThat(TestMailAndSms.mailTo(streetsMail, "#" + id).orElseThrow()).contains("A report given to your department")
                .doesNotContain(reporter);
        long quiet = file(pothole);
        assertThat(jdbc.sql("SELECT count(*) FROM resident_message WHERE department_code = ? AND body LIKE ?")
                .params(roads, "%#" + quiet + " %").query(Integer.class).single()).isZero();
    }

    @Test
    void anOfficerFilteringTheQueueByAnotherDepartmentSeesNothingOfItOnThePageOrTheMap() throws Exception {
        long road = file(pothole);
        String parksTree = "tree-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + parksTree, """
                {"nameVi": "Cây đổ", "nameEn": "Fallen tree", "department": "%s", "targetHours": 24}""".formatted(parks))
                .status()).isEqualTo(201);
        long tree = file(parksTree);
        String name = "officer-" + suffix;
        String password = client().post("/api/v1/staff", "{\"username\":\"" + name + "\",\"roles\":[\"OFFICER\"],\"departments\":[\""
                + roads + "\"]}").json().path("password").asString();
        StaffSession officer = new StaffSession("http://localhost:" + port, name, password);

        String own = officer.get("/operations/reports?lang=en&department=" + roads).body();
        assertThat(own).contains("/operations/reports/" + road).doesNotContain("/operations/reports/" + tree);
        String other = officer.get("/operations/reports?lang=en&department=" + parks).body();
        assertThat(other).doesNotContain("/operations/reports/" + tree).contains("No reports.");
        assertThat(officer.get("/operations/reports/map?department=" + parks).body()).doesNotContain("\"#" + tree + " ");
        assertThat(officer.get("/operations/reports/map").body()).contains("\"#" + road + " ").doesNotContain("\"#" + tree + " ");
    }

    @Test
    void aResidentSupportsTheOpenReportNearbyInsteadOfFilingItAgainOncePerResident() throws Exception {
        String base = "http://localhost:" + port;
        long earlier = file(pothole);
        String step2 = "/city/reports/new?service=" + pothole + "&lat=16.06785&lon=108.22085";
        // Anonymous: the report nearby is shown, and signing in with a code comes back to this very step.
        String anonymous = new FormSession(base).get(step2 + "&lang=en").body();
        assertThat(anonymous).contains("id=\"nearby-heading\"").contains("#" + earlier).contains("id=\"support-sign-in\"")
                .contains("/residents/sign-in?next=%2Fcity%2Freports%2Fnew%3Fservice%3D" + pothole + "%26lat%3D16.06785")
                .doesNotContain("/city/reports/" + earlier + "/support");

        FormSession resident = TestResidents.signedIn(base, "supporter." + suffix + "@example.vn");
        assertThat(resident.get(step2 + "&lang=en").body()).contains("action=\"/city/reports/" + earlier + "/support\"");
        HttpResponse<String> supported = resident.post("/city/reports/" + earlier + "/support?lang=en", Map.of());
        assertThat(supported.statusCode()).isEqualTo(302);
        assertThat(resident.follow(supported).body()).contains("Thank you: your support is counted.");
        assertThat(client().get("/api/v1/reports/" + earlier).json().get("supporters").asInt()).isEqualTo(1);
        // The same resident again: still one support.
        resident.get("/city/reports/" + earlier);
        HttpResponse<String> again = resident.post("/city/reports/" + earlier + "/support?lang=en", Map.of());
        assertThat(again.statusCode()).as("taken, not refused").isEqualTo(302);
        assertThat(resident.follow(again).body()).contains("Thank you: your support is counted.");
        assertThat(client().get("/api/v1/reports/" + earlier).json().get("supporters").asInt()).isEqualTo(1);

        // Once fixed, a support is refused in the reader's language: the problem is back, so a new report.
        client().post("/api/v1/reports/" + earlier + "/status", "{\"status\": \"FIXED\", \"text\": \"Filled\"}");
        FormSession neighbour = TestResidents.signedIn(base, "neighbour." + suffix + "@example.vn");
        neighbour.get("/city/reports/" + earlier);
        HttpResponse<String> late = neighbour.post("/city/reports/" + earlier + "/support?lang=vi", Map.of());
        assertThat(neighbour.follow(late).body()).contains("Phản ánh #" + earlier + " đã đóng. Nếu sự cố quay lại, hãy gửi phản ánh mới.");
        assertThat(client().get("/api/v1/reports/" + earlier).json().get("supporters").asInt()).isEqualTo(1);
    }

    @Test
    void aReporterRatesHowAReportClosedWithoutAFixWasHandledAndNothingReopensIt() throws Exception {
        String email = "rater." + suffix + "@example.vn";
        long id = file(pothole, "email", email);
        SaolaClient.Response closed = client().post("/api/v1/reports/" + id + "/status",
                "{\"status\": \"NOT_FIXED\", \"text\": \"The road belongs to the port authority\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).orElse("").contains("Rate it at"));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/city/reports/" + id + "/follow-up\\?token=[0-9a-f-]+")
                .matcher(TestMailAndSms.lastMailTo(email).orElseThrow());
        assertThat(link.find()).isTrue();

        FormSession reporter = new FormSession("http://localhost:" + port);
        String page = reporter.get(link.group() + "&lang=en").body();
        assertThat(page).contains("How was report #" + id + " handled?").doesNotContain("name=\"fixed\"");
        String token = link.group().replaceAll(".*token=", "");
        HttpResponse<String> empty = reporter.post("/city/reports/" + id + "/follow-up?lang=en", Map.of("token", token));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("href=\"#rating\"");
        HttpResponse<String> rated = reporter.post("/city/reports/" + id + "/follow-up?lang=en", Map.of("token", token,
                "rating", "2", "text", "Nobody told me who to ask instead"));
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(302);
        assertThat(reporter.follow(rated).body()).contains("Thank you: your answer is recorded");

        JsonNode report = client().get("/api/v1/reports/" + id).json();
        assertThat(report.get("status").asString()).as("a rating reopens nothing").isEqualTo("NOT_FIXED");
        assertThat(report.get("events").toString()).contains("Nobody told me who to ask instead");
        assertThat(reporter.get(link.group() + "&lang=en").body()).as("answered: the link is spent").contains("the link is not valid");
        JsonNode statistics = JSON.readTree(get("/public/v1/reports/statistics?days=30").body());
        assertThat(line(statistics, pothole, null).get("averageRating").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aReporterWhoSignedInWithACodeIsShownToTheDepartmentAsVerified() throws Exception {
        String base = "http://localhost:" + port;
        String step2 = "/city/reports/new?service=" + pothole + "&street=" + URLEncoder.encode("12 Lê Lợi", StandardCharsets.UTF_8);
        String form = new FormSession(base).get(step2 + "&lang=en").body();
        assertThat(form).contains("id=\"verify-link\"")
                .contains("/residents/sign-in?next=%2Fcity%2Freports%2Fnew%3Fservice%3D" + pothole);
        FormSession resident = TestResidents.signedIn(base, "signed.in." + suffix + "@example.vn");
        resident.get(step2 + "&lang=en");
        HttpResponse<String> filed = resident.post("/city/reports/new?lang=en", List.of(Map.entry("service", pothole),
                Map.entry("street", "12 Lê Lợi"), Map.entry("description", "A deep pothole by the school gate")));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        long id = Long.parseLong(filed.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
        JsonNode reporter = client().get("/api/v1/reports/" + id + "/reporter?reason=checking").json();
        assertThat(reporter.get("contact").asString()).isEqualTo("signed.in." + suffix + "@example.vn");
        assertThat(reporter.get("verified").asBoolean()).isTrue();
    }

    @Test
    void photosAreServedWithoutTheirMetadataAndTurnedUpright() throws Exception {
        String id = String.valueOf(fileWithPhoto(jpegWithExif(200, 100, "GPS 16.0544N 108.2022E Pixel 7 serial 8812"), ""));
        String boundary = "----saola" + suffix;

        String media = JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0).get("media_url").asString();
        assertThat(media).contains("/city/reports/photos/").endsWith(".jpg");
        byte[] served = HTTP.send(HttpRequest.newBuilder(URI.create(media.replaceFirst("http://localhost:\\d+", "http://localhost:" + port)))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        String asText = new String(served, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("Exif").doesNotContain("GPS").doesNotContain("8812");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(image.getWidth()).as("EXIF orientation 6: turned upright").isEqualTo(100);
        assertThat(image.getHeight()).isEqualTo(200);
        byte[] thumbnail = HTTP.send(HttpRequest.newBuilder(URI.create(media.replaceFirst("http://localhost:\\d+", "http://localhost:" + port)
                .replace(".jpg", "-thumb.jpg"))).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new String(thumbnail, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");

        // Not a picture: refused with the specification's error array.
        String notImage = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n" + apiKey
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\n" + pothole
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"lat\"\r\n\r\n16.07\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"long\"\r\n\r\n108.22\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"x.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                + "<?php echo 1; ?>\r\n--" + boundary + "--\r\n";
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(notImage)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get(0).get("description").asString()).contains("JPEG or PNG");
    }

    @Test
    void eachReportIsAnIssueReportingEntityWithoutPersonalData() {
        long id = file(noise, "email", "entity." + suffix + "@example.vn", "description", "Karaoke at number 12 every night");
        String entity = "/ngsi-ld/v1/entities/urn:ngsi-ld:IssueReporting:" + id;
        await().atMost(Duration.ofSeconds(15)).until(() -> client().get(entity).status() == 200);
        JsonNode e = client().get(entity + "?options=keyValues").json();
        assertThat(e.get("type").asString()).isEqualTo("IssueReporting");
        assertThat(e.get("categoryCode").asString()).isEqualTo(noise);
        assertThat(e.get("resolutionStatus").asString()).isEqualTo("Open");
        assertThat(e.get("departmentId").asString()).isEqualTo(roads);
        assertThat(e.has("description")).as("the resident's own words stay with the report").isFalse();
        double lat = e.get("location").get("coordinates").get(1).asDouble();
        assertThat(lat).as("a sensitive kind is placed approximately").isNotEqualTo(16.0678);

        client().post("/api/v1/reports/" + id + "/status", "{\"status\": \"FIXED\", \"text\": \"Spoke to the owner\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> client().get(entity + "?options=keyValues").json()
                .path("resolutionStatus").asString().equals("Closed"));
    }

    @Test
    void weeksAfterFixedTheReporterIsAskedAndANoReopensItWithTheirWords() throws Exception {
        String email = "follow." + suffix + "@example.vn";
        long id = file(pothole, "email", email);
        SaolaClient officer = officerOf(roads);
        assertThat(officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"FIXED\", \"text\": \"Patched\"}").status())
                .isEqualTo(200);
        try {
            assertThat(reportService.askWhetherFixed(Duration.ofDays(28))).as("not yet: it was fixed just now").isZero();
            clock.advance(Duration.ofDays(29));
            assertThat(reportService.askWhetherFixed(Duration.ofDays(28))).isGreaterThanOrEqualTo(1);
            assertThat(reportService.askWhetherFixed(Duration.ofDays(28))).as("asked once").isZero();
        } finally {
            clock.resume();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> TestMailAndSms.lastMailTo(email).orElse("").contains("/follow-up?token="));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/city/reports/" + id + "/follow-up\\?token=[0-9a-f-]+)")
                .matcher(TestMailAndSms.lastMailTo(email).orElseThrow());
        assertThat(link.find()).isTrue();

        FormSession resident = new FormSession("http://localhost:" + port);
        assertThat(resident.get("/city/reports/" + id + "/follow-up?lang=en&token=" + UUID.randomUUID()).body())
                .contains("the link is not valid");
        HttpResponse<String> question = resident.get(link.group(1) + "&lang=en");
        assertThat(question.body()).contains("really fixed?");
        String token = link.group(1).substring(link.group(1).indexOf("token=") + 6);
        HttpResponse<String> noWords = resident.post("/city/reports/" + id + "/follow-up?lang=en",
                java.util.Map.of("token", token, "fixed", "no"));
        assertThat(noWords.body()).contains("say what is still wrong");
        HttpResponse<String> no = resident.post("/city/reports/" + id + "/follow-up",
                java.util.Map.of("token", token, "fixed", "no", "text", "The patch washed out in the rain", "rating", "2"));
        assertThat(no.statusCode()).isEqualTo(302);

        JsonNode reopened = officer.get("/api/v1/reports/" + id).json();
        assertThat(reopened.get("status").asString()).isEqualTo("OPEN");
        assertThat(reopened.get("statusNotes").asString()).as("the department's word, not the reporter's").isEmpty();
        assertThat(reopened.get("events").toString()).contains("REOPENED").contains("reporter")
                .contains("The patch washed out in the rain");
        assertThat(reopened.get("moderation").asString()).as("new public words from a resident").isEqualTo("UNREVIEWED");
        assertThat(get("/city/reports/" + id).body()).contains("The patch washed out in the rain");
        assertThat(JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0).get("status").asString()).isEqualTo("open");
        assertThat(resident.get("/city/reports/" + id + "/follow-up?lang=en&token=" + token).body()).as("answered: the link is spent")
                .contains("the link is not valid");
        officer.post("/api/v1/reports/" + id + "/moderation", "{\"decision\": \"HIDDEN\", \"reason\": \"test of hiding\"}");
        assertThat(get("/city/reports/" + id).body()).as("hiding covers the reporter's later words too")
                .doesNotContain("The patch washed out in the rain");
        officer.post("/api/v1/reports/" + id + "/moderation", "{\"decision\": \"APPROVED\"}");

        // Fixed again: asked again, and this time a yes with a rating.
        officer.post("/api/v1/reports/" + id + "/status", "{\"status\": \"FIXED\", \"text\": \"Resurfaced properly\"}");
        try {
            clock.advance(Duration.ofDays(29));
            assertThat(reportService.askWhetherFixed(Duration.ofDays(28))).isGreaterThanOrEqualTo(1);
        } finally {
            clock.resume();
        }
        resident.get("/city/reports/" + id + "/follow-up?token=" + token);
        assertThat(resident.post("/city/reports/" + id + "/follow-up", java.util.Map.of("token", token, "fixed", "yes",
                "rating", "5")).statusCode()).isEqualTo(302);
        assertThat(officer.get("/api/v1/reports/" + id).json().get("status").asString()).isEqualTo("FIXED");

        JsonNode statistics = JSON.readTree(get("/public/v1/reports/statistics?days=365").body());
        JsonNode all = null;
        for (JsonNode line : statistics) {
            if (line.get("serviceCode").asString().equals(pothole) && !line.has("ward")) {
                all = line;
            }
        }
        assertThat(all).isNotNull();
        assertThat(all.get("received").asLong()).isEqualTo(1);
        assertThat(all.get("fixed").asLong()).isEqualTo(1);
        assertThat(all.get("shareFixedWithinTarget").asDouble()).as("fixed 29 days after a 72-hour target").isZero();
        assertThat(all.get("averageRating").asDouble()).isEqualTo(5.0);
        assertThat(statistics.toString()).doesNotContain(email);
        assertThat(get("/city/reports/statistics?lang=en").body()).contains("What came of residents").contains("report-statistics");
        assertThat(get("/public/v1/reports/statistics?days=0").statusCode()).isEqualTo(400);
    }

    /** Files a report through the form without JavaScript, in a ward; its number. */
    private long fileInWard(String service, String ward) throws Exception {
        FormSession resident = new FormSession("http://localhost:" + port);
        resident.get("/city/reports/new?service=" + service + "&ward=" + URLEncoder.encode(ward, StandardCharsets.UTF_8));
        HttpResponse<String> filed = resident.post("/city/reports/new", java.util.Map.of("service", service, "ward", ward,
                "street", "Lê Duẩn", "description", "Counted in the statistics " + suffix));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        return Long.parseLong(filed.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    }

    private static JsonNode line(JsonNode statistics, String service, String ward) {
        for (JsonNode line : statistics) {
            if (line.get("serviceCode").asString().equals(service)
                    && (ward == null ? !line.has("ward") || line.get("ward").isNull() : ward.equals(line.path("ward").asString()))) {
                return line;
            }
        }
        throw new AssertionError("no line for " + service + " in " + ward + ": " + statistics);
    }

    @Test
    void statisticsCountEachWardAndAllWardsWithTheMedianTimeToFixAndTheShareWithinTarget() throws Exception {
        String anHai = "An Hải " + suffix;
        String sonTra = "Sơn Trà " + suffix;
        clock.freeze();
        try {
            // Three potholes in one ward fixed after 10, 20 and 100 hours (the target is 72), one still open in another.
            long first = fileInWard(pothole, anHai);
            long second = fileInWard(pothole, anHai);
            long third = fileInWard(pothole, anHai);
            fileInWard(pothole, sonTra);
            long refused = fileInWard(noise, sonTra);
            clock.advance(Duration.ofHours(10));
            assertThat(client().post("/api/v1/reports/" + first + "/status", "{\"status\": \"FIXED\", \"text\": \"Filled\"}").status())
                    .isEqualTo(200);
            clock.advance(Duration.ofHours(10));
            client().post("/api/v1/reports/" + second + "/status", "{\"status\": \"FIXED\", \"text\": \"Filled\"}");
            // Closed without a fix is not fixed, whatever it took.
            client().post("/api/v1/reports/" + refused + "/status", "{\"status\": \"NOT_FIXED\", \"text\": \"Not the city's road\"}");
            clock.advance(Duration.ofHours(80));
            client().post("/api/v1/reports/" + third + "/status", "{\"status\": \"FIXED\", \"text\": \"Filled at last\"}");
        } finally {
            clock.resume();
        }

        JsonNode statistics = JSON.readTree(get("/public/v1/reports/statistics?days=30").body());
        JsonNode ward = line(statistics, pothole, anHai);
        assertThat(ward.get("received").asLong()).isEqualTo(3);
        assertThat(ward.get("fixed").asLong()).isEqualTo(3);
        assertThat(ward.get("open").asLong()).isZero();
        assertThat(ward.get("medianHoursToFix").asDouble()).as("the middle of 10, 20 and 100 hours").isEqualTo(20.0);
        assertThat(ward.get("shareFixedWithinTarget").asDouble()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(0.001));
        JsonNode other = line(statistics, pothole, sonTra);
        assertThat(other.get("received").asLong()).isEqualTo(1);
        assertThat(other.get("fixed").asLong()).isZero();
        assertThat(other.get("open").asLong()).isEqualTo(1);
        assertThat(other.hasNonNull("medianHoursToFix")).as("nothing fixed: no median").isFalse();
        assertThat(other.hasNonNull("shareFixedWithinTarget")).isFalse();
        JsonNode all = line(statistics, pothole, null);
        assertThat(all.get("received").asLong()).isEqualTo(4);
        assertThat(all.get("fixed").asLong()).isEqualTo(3);
        assertThat(all.get("open").asLong()).isEqualTo(1);
        assertThat(all.get("medianHoursToFix").asDouble()).isEqualTo(20.0);
        JsonNode noiseLine = line(statistics, noise, sonTra);
        assertThat(noiseLine.get("received").asLong()).isEqualTo(1);
        assertThat(noiseLine.get("fixed").asLong()).as("closed, not fixed").isZero();
        assertThat(noiseLine.get("open").asLong()).isZero();
        // The page shows the same figures in the reader's language.
        assertThat(get("/city/reports/statistics?lang=vi").body()).contains(anHai).contains(sonTra);
    }

    /** Files a report with one photo through Open311 (multipart, as CUTR's client sends); its number. */
    private long fileWithPhoto(byte[] photo, String description) throws Exception {
        HttpResponse<String> r = Open311Photo.file("http://localhost:" + port, photo, "api_key", apiKey, "service_code", pothole,
                "lat", "16.07", "long", "108.22", "description", description);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Long.parseLong(JSON.readTree(r.body()).get(0).get("service_request_id").asString());
    }

    @Test
    void aModeratorHidesWordsAndPhotosFromThePublicWithAReasonAndStaffStillSeeThem() throws Exception {
        String words = "Ông Trần Văn " + suffix + " ở số 12 đổ rác ra đây mỗi tối";
        long id = fileWithPhoto(jpegWithExif(200, 100, ""), words);
        SaolaClient officer = officerOf(roads);
        List<Long> queued = new ArrayList<>();
        officer.get("/api/v1/reports/moderation?limit=1000").json().forEach(n -> queued.add(n.get("id").asLong()));
        assertThat(queued).contains(id);
        assertThat(officerOf(parks).get("/api/v1/reports/moderation?limit=1000").body()).doesNotContain("\"id\":" + id + ",");

        assertThat(officer.post("/api/v1/reports/" + id + "/moderation", "{\"decision\": \"HIDDEN\"}").json().path("field").asString())
                .isEqualTo("reason");
        assertThat(officer.post("/api/v1/reports/" + id + "/moderation", "{\"decision\": \"MAYBE\"}").status()).isEqualTo(400);
        SaolaClient.Response hidden = officer.post("/api/v1/reports/" + id + "/moderation",
                "{\"decision\": \"HIDDEN\", \"reason\": \"names a neighbour\"}");
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.json().get("description").asString()).as("staff still see the words").isEqualTo(words);
        assertThat(hidden.json().get("moderation").asString()).isEqualTo("HIDDEN");
        JsonNode open311 = JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertThat(open311.get("description").isNull()).isTrue();
        assertThat(get("/city/reports/" + id).body()).doesNotContain("Trần Văn " + suffix);
        assertThat(client().get("/api/v1/audit?action=REPORT_HIDDEN").body()).contains("names a neighbour");

        String media = open311.get("media_url").asString();
        String photo = media.substring(media.lastIndexOf('/') + 1, media.length() - ".jpg".length());
        assertThat(officer.post("/api/v1/reports/" + id + "/photos/" + photo + "/hide", "{}").json().path("field").asString())
                .isEqualTo("reason");
        assertThat(officer.post("/api/v1/reports/" + id + "/photos/" + photo + "/hide", "{\"text\": \"a face\"}").status())
                .isEqualTo(200);
        assertThat(get("/city/reports/photos/" + photo + ".jpg").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/open311/v2/requests/" + id + ".json").body()).get(0).get("media_url").isNull()).isTrue();
        List<Long> after = new ArrayList<>();
        officer.get("/api/v1/reports/moderation?limit=1000").json().forEach(n -> after.add(n.get("id").asLong()));
        assertThat(after).as("decided: no longer in the queue").doesNotContain(id);
    }

    private HttpResponse<String> get(String path, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JPEG whose APP1 block says "rotate 90° clockwise" (orientation 6) and carries {@code secret} besides. */
    static byte[] jpegWithExif(int width, int height, String secret) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(0, 0, width / 2, height);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        byte[] jpeg = plain.toByteArray();
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0};
        byte[] extra = secret.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.write("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        app1.write(tiff);
        app1.write(extra);
        int length = app1.size() + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.write(app1.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
