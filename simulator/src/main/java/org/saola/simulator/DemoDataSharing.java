package org.saola.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data sharing in the demo city: the water company's hourly meter readings (households' meters among them, so not
 * open data) are published as a shared dataset and shared with a university's leak-detection research under a
 * recorded agreement; the university's server then reads them through CKAN's API with the agreement's key, so the
 * data owner's page ({@code /admin/data-sharing}) shows each use and the public list ({@code /city/data/agreements})
 * the agreement.
 */
final class DemoDataSharing {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSharing.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DATASET = "nuoc-theo-gio-chia-se";
    static final String TITLE = "Nghiên cứu phát hiện rò rỉ nước / Water-leak detection research";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI saola;
    private String key;
    private String resource;

    DemoDataSharing(URI saola) {
        this.saola = saola;
    }

    /** Publishes the shared dataset and records the agreement (once: a restart finds them), then issues the university a key. */
    void setUp(String admin, Instant now) {
        var published = DemoHttp.send(http, saola, "POST", "/api/v1/opendata/datasets", """
                {"source":"context.hourly:WaterConsumptionObserved","name":"%s","department":"cap-nuoc","access":"shared",
                 "titleVi":"Chỉ số đồng hồ nước theo giờ (chia sẻ theo thỏa thuận)",
                 "titleEn":"Water meter readings by the hour (shared under agreements)",
                 "notesVi":"Đồng hồ của từng hộ gia đình cho biết khi nào có người ở nhà, nên dữ liệu này không mở; chỉ chia sẻ theo thỏa thuận.",
                 "notesEn":"Each household's meter tells when someone is at home, so this data is not open; it is shared only under agreements."}"""
                .formatted(DATASET), admin);
        if (published.statusCode() != 201 && published.statusCode() != 409) {
            log.warn("Demo data sharing: publishing gave {}: {}", published.statusCode(), published.body());
            return;
        }
        String id = null;
        for (JsonNode a : JSON.readTree(DemoHttp.send(http, saola, "GET", "/api/v1/opendata/agreements", null, admin).body())) {
            if (a.at("/agreement/title").asString().equals(TITLE) && a.at("/agreement/status").asString().equals("ACTIVE")) {
                id = a.at("/agreement/id").asString();
                for (JsonNode k : a.get("keys")) {
                    if (k.get("revoked").isNull()) {           // the key of an earlier run goes: the server gets a new one
                        DemoHttp.send(http, saola, "POST", "/api/v1/opendata/agreements/" + id + "/keys/" + k.get("id").asString()
                                + "/revoke", null, admin);
                    }
                }
            }
        }
        if (id == null) {
            var recorded = DemoHttp.send(http, saola, "POST", "/api/v1/opendata/agreements", """
                    {"title":"%s","partyKind":"PARTNER","partyName":"Trường Đại học Bách khoa - Đại học Đà Nẵng",
                     "partyContact":"phong-khcn@dut.udn.vn",
                     "purpose":"Phát hiện rò rỉ trên mạng cấp nước từ lưu lượng ban đêm / Finding leaks in the water network from night-time flows",
                     "legalBasis":"Nghị định 13/2023/NĐ-CP, điều 17 (xử lý dữ liệu cho nghiên cứu khoa học); hợp đồng nghiên cứu số 12/2026",
                     "licence":"Chỉ dùng cho nghiên cứu này; không chia sẻ lại; xóa khi thỏa thuận hết hạn / For this research only; no onward sharing; deleted when the agreement ends",
                     "intellectualProperty":"Dữ liệu thuộc Công ty Cấp nước; kết quả nghiên cứu công bố mở (CC BY 4.0) / The data stays the water company's; research results are published openly (CC BY 4.0)",
                     "expires":"%s","datasets":[{"dataset":"%s","fields":["entity_id","attribute","hour","mean","readings"]}]}"""
                    .formatted(TITLE, now.plus(Duration.ofDays(365)), DATASET), admin);
            if (recorded.statusCode() != 201) {
                log.warn("Demo data sharing: recording the agreement gave {}: {}", recorded.statusCode(), recorded.body());
                return;
            }
            id = JSON.readTree(recorded.body()).at("/agreement/id").asString();
        }
        var issued = DemoHttp.send(http, saola, "POST", "/api/v1/opendata/agreements/" + id + "/keys",
                "{\"name\":\"máy chủ nghiên cứu / research server\"}", admin);
        if (issued.statusCode() == 201) {
            key = JSON.readTree(issued.body()).get("secret").asString();
        }
    }

    /** The university's server reads the newest hours, as a CKAN client does, with its key. */
    void partnerReads() {
        if (key == null) {
            return;
        }
        if (resource == null) {
            var show = call("/api/3/action/package_show?id=" + DATASET);
            if (show.statusCode() != 200) {
                return;
            }
            resource = JSON.readTree(show.body()).at("/result/resources/0/id").asString();
        }
        call("/api/3/action/datastore_search?limit=100&sort=" + URLEncoder.encode("hour desc", StandardCharsets.UTF_8)
                + "&resource_id=" + resource);
    }

    private HttpResponse<String> call(String path) {
        try {
            return http.send(HttpRequest.newBuilder(saola.resolve(path)).timeout(Duration.ofSeconds(10)).header("Authorization", key).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("the demo's partner could not reach " + path + ": " + e, e);
        }
    }
}
