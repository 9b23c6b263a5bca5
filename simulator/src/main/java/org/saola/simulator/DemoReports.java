package org.saola.simulator;

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
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo city's residents and officers, as the outside world would be, over real HTTP: the city's service
 * catalogue is set up through the staff API; residents file reports through Open311 (a resident's app with its
 * own API key) or the web form (as a phone without JavaScript), some leaving an e-mail address so that the
 * updates land in the demo outbox; officers work the
 * queue through the staff API, acknowledging, starting and closing reports with public updates, so the demo has
 * a live queue with every status in it.
 */
final class DemoReports {

    private static final Logger log = LoggerFactory.getLogger(DemoReports.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A category of the demo's catalogue: code, names, department, target hours, privacy, group. */
    record Category(String code, String nameVi, String nameEn, String department, int targetHours, String privacy,
            String group, List<String> descriptions) {
    }

    static final List<Category> CATALOGUE = List.of(
            new Category("pothole", "Ổ gà, hư hỏng mặt đường", "Pothole or damaged road", "xay-dung", 120, "EXACT", "streets",
                    List.of("Ổ gà lớn giữa làn xe máy, nguy hiểm khi trời mưa.", "Mặt đường bong tróc sau đợt mưa lớn.")),
            new Category("street-light", "Đèn đường hỏng", "Broken street light", "xay-dung", 72, "EXACT", "streets",
                    List.of("Đèn đường tắt cả tuần nay, đoạn này rất tối.", "Đèn nhấp nháy suốt đêm.")),
            new Category("litter", "Rác thải bừa bãi", "Litter", "moi-truong", 48, "EXACT", "cleanliness",
                    List.of("Rác tồn đọng ở góc đường hai ngày chưa thu gom.", "Túi rác bị chó mèo bới ra vỉa hè.")),
            new Category("illegal-dumping", "Đổ trộm phế thải", "Illegal dumping", "moi-truong", 72, "EXACT", "cleanliness",
                    List.of("Có người đổ xà bần ra bãi đất trống ban đêm.")),
            new Category("flooding", "Ngập úng", "Flooding", "cap-nuoc", 24, "EXACT", "water",
                    List.of("Nước ngập sâu khoảng 30 cm sau cơn mưa, xe máy chết máy.", "Đường ngập, nước không thoát được.")),
            new Category("blocked-drain", "Cống tắc", "Blocked drain", "xay-dung", 72, "EXACT", "water",
                    List.of("Miệng cống bị rác lấp kín.", "Cống bốc mùi và nước tràn lên mặt đường.")),
            new Category("fallen-tree", "Cây đổ, cành gãy", "Fallen tree or branch", "xay-dung", 24, "EXACT", "streets",
                    List.of("Cành cây lớn gãy chắn nửa lòng đường.")),
            new Category("noise", "Tiếng ồn", "Noise", "moi-truong", 72, "APPROXIMATE", "nuisance",
                    List.of("Karaoke ồn ào sau 22 giờ nhiều đêm liền.", "Công trình thi công gây ồn vào ban đêm.")));

    /** The questions some categories ask (Open311 attributes), optional so that no client has to know them. */
    static final Map<String, String> QUESTIONS = Map.of(
            "blocked-drain", """
                    [{"code": "water", "datatype": "singlevaluelist", "questionVi": "Nước có tràn ra mặt đường không?",
                      "questionEn": "Is water spilling onto the road?", "order": 1,
                      "values": [{"key": "yes", "nameVi": "Có", "nameEn": "Yes"}, {"key": "no", "nameVi": "Không", "nameEn": "No"}]},
                     {"code": "smell", "datatype": "multivaluelist", "questionVi": "Có gì khác không?", "questionEn": "Anything else?",
                      "order": 2, "values": [{"key": "smell", "nameVi": "Bốc mùi", "nameEn": "A bad smell"},
                                             {"key": "rats", "nameVi": "Có chuột", "nameEn": "Rats"}]}]""",
            "flooding", """
                    [{"code": "notice", "datatype": "string", "variable": false, "order": 0,
                      "questionVi": "Nếu nước đang tràn vào nhà hoặc có người gặp nguy hiểm, hãy gọi 114.",
                      "questionEn": "If water is coming into homes or someone is in danger, call 114."},
                     {"code": "depth", "datatype": "number", "questionVi": "Nước sâu khoảng bao nhiêu cm?",
                      "questionEn": "About how deep is the water, in cm?", "datatypeDescription": "cm", "order": 1}]""");

    private static final List<String> STREETS = List.of("Bạch Đằng", "Lê Duẩn", "Nguyễn Văn Linh", "Hùng Vương",
            "Trần Phú", "Điện Biên Phủ", "Ngô Quyền", "Võ Nguyên Giáp", "Tôn Đức Thắng", "Hoàng Diệu");
    private static final List<String> RESIDENTS = List.of("lan.nguyen@example.vn", "minh.tran@example.vn",
            "hoa.le@example.vn", "0905123456");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI saola;
    private final String residentsKey;
    private final String officersKey;
    private final Random random = new Random(2026);

    DemoReports(URI saola, String residentsKey, String officersKey) {
        this.saola = saola;
        this.residentsKey = residentsKey;
        this.officersKey = officersKey;
    }

    /** Puts the demo's categories into the catalogue, unless the city has them already (its edits survive). */
    static void setUpCatalogue(URI saola, String adminKey) {
        DemoReports client = new DemoReports(saola, adminKey, adminKey);
        for (Category c : CATALOGUE) {
            if (client.send("GET", "/api/v1/report-services/" + c.code(), null, adminKey).statusCode() == 200) {
                continue;
            }
            String body = """
                    {"nameVi": %s, "nameEn": %s, "group": %s, "department": %s, "targetHours": %d, "privacy": %s,
                     "attributes": %s}"""
                    .formatted(quote(c.nameVi()), quote(c.nameEn()), quote(c.group()), quote(c.department()),
                            c.targetHours(), quote(c.privacy()), QUESTIONS.getOrDefault(c.code(), "[]"));
            HttpResponse<String> r = client.send("PUT", "/api/v1/report-services/" + c.code(), body, adminKey);
            if (r.statusCode() / 100 != 2) {
                log.warn("The demo's category {} was refused: {}", c.code(), r.body());
            }
        }
    }

    /** One resident files a report through Open311, somewhere in the city. */
    void residentFiles() {
        Category c = CATALOGUE.get(random.nextInt(CATALOGUE.size()));
        DemoCity.District d = DemoCity.DISTRICTS.get(random.nextInt(DemoCity.DISTRICTS.size()));
        double lat = d.south() + random.nextDouble() * (d.north() - d.south());
        double lon = d.west() + random.nextDouble() * (d.east() - d.west());
        List<String> form = new ArrayList<>(List.of("api_key", residentsKey, "service_code", c.code(),
                "lat", String.format(java.util.Locale.ROOT, "%.6f", lat), "long", String.format(java.util.Locale.ROOT, "%.6f", lon),
                "address_string", (1 + random.nextInt(200)) + " " + STREETS.get(random.nextInt(STREETS.size())) + ", " + d.name(),
                "description", c.descriptions().get(random.nextInt(c.descriptions().size()))));
        if (random.nextInt(3) == 0) {
            String who = RESIDENTS.get(random.nextInt(RESIDENTS.size()));
            form.addAll(List.of(who.contains("@") ? "email" : "phone", who));
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.size(); i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(form.get(i), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(form.get(i + 1), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(saola.resolve("/open311/v2/requests.json"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                log.debug("A demo resident's report was refused: {}", r.body());
            }
        } catch (Exception e) {
            log.debug("A demo resident could not reach Open311: {}", e.toString());
        }
    }

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * One resident files through the web form, as a phone without JavaScript does: the form's second step (kind,
     * ward, street), then the details posted with the page's CSRF token, anonymously.
     */
    void residentUsesTheForm() {
        Category c = CATALOGUE.get(random.nextInt(CATALOGUE.size()));
        DemoCity.District d = DemoCity.DISTRICTS.get(random.nextInt(DemoCity.DISTRICTS.size()));
        String street = "Trước số " + (1 + random.nextInt(200)) + " " + STREETS.get(random.nextInt(STREETS.size()));
        try {
            String step2 = browser.send(HttpRequest.newBuilder(saola.resolve("/city/reports/new?service=" + c.code()
                            + "&ward=" + URLEncoder.encode(d.name(), StandardCharsets.UTF_8) + "&street="
                            + URLEncoder.encode(street, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.Optional<String> csrf = DemoHttp.csrf(step2);
            if (csrf.isEmpty()) {
                return;
            }
            String boundary = "----demo-resident";
            StringBuilder body = new StringBuilder();
            for (String[] f : new String[][] {{"_csrf", csrf.get()}, {"service", c.code()}, {"ward", d.name()},
                    {"street", street}, {"description", c.descriptions().get(random.nextInt(c.descriptions().size()))}}) {
                body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f[0])
                        .append("\"\r\n\r\n").append(f[1]).append("\r\n");
            }
            body.append("--").append(boundary).append("--\r\n");
            browser.send(HttpRequest.newBuilder(saola.resolve("/city/reports/new")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            log.debug("A demo resident could not use the form: {}", e.toString());
        }
    }

    /** The officers take the oldest open report one step further (and sometimes close one another way). */
    void officersWork() {
        HttpResponse<String> r = send("GET", "/api/v1/reports?status=open&limit=200", null, officersKey);
        if (r.statusCode() != 200) {
            return;
        }
        List<JsonNode> open = new ArrayList<>();
        JSON.readTree(r.body()).forEach(open::add);
        if (open.size() < 4) {
            return;                      // leave a queue to look at
        }
        JsonNode oldest = open.getLast();
        String id = oldest.get("id").asString();
        String next = switch (oldest.get("status").asString()) {
            case "OPEN" -> "{\"status\": \"ACKNOWLEDGED\", \"text\": \"Đã tiếp nhận, sẽ cử người kiểm tra. / Received; someone will inspect it.\"}";
            case "ACKNOWLEDGED" -> "{\"status\": \"IN_PROGRESS\", \"text\": \"Đội công trình đang xử lý. / A crew is on it.\"}";
            default -> random.nextInt(6) == 0
                    ? "{\"status\": \"NOT_FIXED\", \"text\": \"Thuộc phạm vi dự án sửa đường sắp tới. / Part of the road works planned next quarter.\"}"
                    : "{\"status\": \"FIXED\", \"text\": \"Đã khắc phục. / Fixed.\"}";
        };
        send("POST", "/api/v1/reports/" + id + "/status", next, officersKey);
        if (random.nextInt(4) == 0) {
            send("POST", "/api/v1/reports/" + id + "/notes", "{\"text\": \"Đã gọi đội trực. / Called the duty crew.\"}", officersKey);
        }
    }

    private HttpResponse<String> send(String method, String path, String json, String key) {
        return DemoHttp.send(http, saola, method, path, json, key);
    }

    private static String quote(String s) {
        return org.saola.platform.JsonText.quote(s);
    }
}
