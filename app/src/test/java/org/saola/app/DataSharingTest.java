package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Data that is not open, shared under a recorded agreement (issue #20, item 7), as the party's CKAN client, the
 * public, the data owner and the admin see it: the dataset is nowhere public; the party's key opens only the
 * fields shared and only while the agreement is in force; every use and refused attempt is recorded for the owner;
 * the list of agreements is public without keys or contacts.
 */
class DataSharingTest extends PlatformTest {

    @Autowired
    TestClock clock;

    private String suffix;
    private String owner;
    private String dataset;
    private String type;

    @BeforeEach
    void publishAShared() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = "own-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Sở Giao thông %s","nameEn":"Transport %s"}""".formatted(owner, suffix, suffix)).status()).isEqualTo(201);
        type = "SharedProbe" + suffix.replace("-", "");
        for (int i = 1; i <= 3; i++) {
            SaolaClient.Response r = client().send("POST", "/ngsi-ld/v1/entities", """
                    {"id":"urn:ngsi-ld:%s:%d","type":"%s",
                     "speed":{"type":"Property","value":%d.5,"observedAt":"2026-11-30T08:00:00Z"},
                     "plate":{"type":"Property","value":"Biển %d kín"},
                     "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[108.2%d,16.0%d]}}}"""
                    .formatted(type, i, type, 10 * i, i, i, i), "Content-Type", "application/json");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        dataset = "shared-" + suffix;
        SaolaClient.Response published = client().post("/api/v1/opendata/datasets", """
                {"source":"context.latest:%s","name":"%s","department":"%s","access":"shared"}""".formatted(type, dataset, owner));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.json().get("access").asString()).isEqualTo("shared");
        assertThat(published.json().get("rows").asLong()).isEqualTo(6);
    }

    private SaolaClient.Response agreement(String datasets, String expires) {
        return client().post("/api/v1/opendata/agreements", """
                {"title":"Nghiên cứu giao thông %1$s","partyKind":"PARTNER","partyName":"Đại học Bách khoa %1$s",
                 "partyContact":"lienhe-%1$s@dhbk.example","purpose":"Mô hình ùn tắc giờ cao điểm",
                 "legalBasis":"Nghị định 47/2020/NĐ-CP, điều 15","licence":"Chỉ dùng cho nghiên cứu; không chia sẻ lại",
                 "intellectualProperty":"Dữ liệu thuộc thành phố; kết quả nghiên cứu công bố mở","expires":"%2$s",
                 "datasets":%3$s}""".formatted(suffix, expires, datasets));
    }

    @Test
    void aSharedDatasetOpensOnlyToItsAgreementsKeyWithTheFieldsSharedAndEveryUseIsRecorded() {
        SaolaClient anyone = client().anonymous();
        // Nowhere public: not listed, not shown, not downloadable, not in DCAT.
        assertThat(anyone.get("/api/3/action/package_list").body()).doesNotContain(dataset);
        assertThat(anyone.get("/api/3/action/package_search?q=" + dataset + "&include_private=true").json().at("/result/count").asInt()).isZero();
        SaolaClient.Response hidden = anyone.get("/api/3/action/package_show?id=" + dataset);
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.json().at("/error/__type").asString()).isEqualTo("Authorization Error");
        assertThat(anyone.get("/public/v1/opendata/datasets/" + dataset + ".csv").status()).isEqualTo(403);
        assertThat(anyone.get("/catalog.ttl").body()).doesNotContain(dataset);
        assertThat(anyone.get("/city/data?q=" + type).body()).doesNotContain("/city/data/" + dataset);
        assertThat(anyone.get("/city/data/" + dataset).status()).isEqualTo(404);

        String expires = clock.instant().plus(Duration.ofHours(1)).toString();
        SaolaClient.Response recorded = agreement("[{\"dataset\":\"%s\",\"fields\":[\"entity_id\",\"attribute\",\"number\"]}]"
                .formatted(dataset), expires);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        JsonNode a = recorded.json();
        String id = a.at("/agreement/id").asString();
        assertThat(a.at("/agreement/status").asString()).isEqualTo("ACTIVE");
        assertThat(a.at("/agreement/owner").asString()).isEqualTo(owner);
        assertThat(a.at("/partyContact").asString()).isEqualTo("lienhe-" + suffix + "@dhbk.example");
        // While it is in force, the data owner (the publisher) stays who it is; staff see the dataset among the offers.
        assertThat(client().post("/api/v1/departments", "{\"code\":\"nxt-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Next\"}".formatted(suffix))
                .status()).isEqualTo(201);
        assertThat(client().send("PATCH", "/api/v1/opendata/datasets/" + dataset, "{\"department\":\"nxt-%s\"}".formatted(suffix)).status())
                .isEqualTo(409);
        assertThat(client().get("/api/v1/opendata/offers").json().valueStream()
                .filter(o -> o.get("source").asString().equals("context.latest:" + type)).findFirst().orElseThrow()
                .at("/dataset/name").asString()).isEqualTo(dataset);

        SaolaClient.Response issued = client().post("/api/v1/opendata/agreements/" + id + "/keys", "{\"name\":\"máy chủ nghiên cứu\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String key = issued.json().get("secret").asString();
        String keyId = issued.json().get("id").asString();
        assertThat(key).startsWith("saola-share_");

        // The party reads as a CKAN client does: the token in Authorization (or X-CKAN-API-Key).
        SaolaClient.Response show = anyone.get("/api/3/action/package_show?id=" + dataset, "Authorization", key);
        assertThat(show.status()).as(show.body()).isEqualTo(200);
        assertThat(show.json().at("/result/private").asBoolean()).isTrue();
        assertThat(show.json().at("/result/resources").size()).as("no GeoJSON: latitude and longitude are not shared").isEqualTo(2);
        String resource = show.json().at("/result/resources/0/id").asString();
        assertThat(anyone.get("/api/3/action/package_search?q=" + dataset, "X-CKAN-API-Key", key).json().at("/result/count").asInt())
                .as("private datasets only when asked for, as CKAN").isZero();
        assertThat(anyone.get("/api/3/action/package_search?include_private=true&q=" + dataset, "X-CKAN-API-Key", key)
                .json().at("/result/count").asInt()).isEqualTo(1);

        SaolaClient.Response rows = anyone.get("/api/3/action/datastore_search?resource_id=" + resource, "X-CKAN-API-Key", key);
        assertThat(rows.status()).as(rows.body()).isEqualTo(200);
        assertThat(rows.json().at("/result/total").asInt()).isEqualTo(6);
        assertThat(rows.json().at("/result/fields").valueStream().map(f -> f.get("id").asString()).toList())
                .containsExactly("_id", "entity_id", "attribute", "number");
        assertThat(rows.body()).doesNotContain("kín").doesNotContain("108.2");
        for (String hiddenField : List.of("fields=value", "filters=" + enc("{\"value\":\"Biển 1 kín\"}"), "sort=latitude", "q=" + enc("kín"))) {
            SaolaClient.Response refused = anyone.get("/api/3/action/datastore_search?resource_id=" + resource + "&" + hiddenField,
                    "Authorization", key);
            assertThat(refused.status()).as(hiddenField + ": " + refused.body()).isEqualTo(409);
            assertThat(refused.body()).doesNotContain("kín\"").doesNotContain("Biển 1");
        }
        assertThat(anyone.get("/api/3/action/datastore_search?resource_id=" + resource + "&q=" + enc("{\"attribute\":\"speed\"}"),
                "Authorization", key).json().at("/result/total").asInt()).isEqualTo(3);
        SaolaClient.Response csv = anyone.get("/public/v1/opendata/datasets/" + dataset + ".csv", "Authorization", key);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(7).first().isEqualTo("entity_id,attribute,number");
        assertThat(csv.header("Cache-Control")).contains("no-store");
        assertThat(anyone.get("/public/v1/opendata/datasets/" + dataset + ".geojson", "Authorization", key).status()).isEqualTo(404);
        // A key of another tenant's making, or a made-up one, opens nothing.
        assertThat(anyone.get("/api/3/action/package_show?id=" + dataset, "Authorization", "saola-share_madeup").status()).isEqualTo(403);

        // The owner sees every use: what was asked, of what, how many rows went out, and what was refused.
        JsonNode uses = client().get("/api/v1/opendata/agreements/" + id + "/uses").json();
        assertThat(uses.valueStream().filter(u -> u.get("action").asString().equals("datastore_search") && !u.get("allowed").asBoolean())
                .count()).as("the four refused queries").isEqualTo(4);
        assertThat(uses.valueStream().filter(u -> u.get("action").asString().equals("download")).findFirst().orElseThrow()
                .get("rows").asLong()).isEqualTo(6);
        assertThat(uses.valueStream().filter(u -> u.get("action").asString().equals("datastore_search") && u.get("rows").asLong() == 6)
                .count()).isEqualTo(1);
        assertThat(uses.valueStream().allMatch(u -> u.get("keyName").asString().equals("máy chủ nghiên cứu"))).isTrue();
        String officer = client().post("/api/v1/api-keys", "{\"name\":\"owner officer %s\",\"role\":\"OFFICER\",\"department\":\"%s\"}"
                .formatted(suffix, owner)).json().get("secret").asString();
        assertThat(client().withApiKey(officer).get("/api/v1/opendata/agreements/" + id + "/uses").status()).isEqualTo(200);
        assertThat(client().withApiKey(officer).get("/api/v1/opendata/agreements").body()).contains(id);
        assertThat(client().post("/api/v1/departments", "{\"code\":\"oth-%s\",\"nameVi\":\"Khác\",\"nameEn\":\"Other\"}".formatted(suffix))
                .status()).isEqualTo(201);
        String other = client().post("/api/v1/api-keys", "{\"name\":\"other officer %s\",\"role\":\"OFFICER\",\"department\":\"oth-%s\"}"
                .formatted(suffix, suffix)).json().get("secret").asString();
        assertThat(client().withApiKey(other).get("/api/v1/opendata/agreements").body()).doesNotContain(id);
        assertThat(client().withApiKey(other).get("/api/v1/opendata/agreements/" + id).status()).isEqualTo(404);
        assertThat(client().withApiKey(officer).post("/api/v1/opendata/agreements/" + id + "/keys", "{\"name\":\"x\"}").status())
                .as("the owner reads; only those who manage the catalogue issue keys").isEqualTo(403);
        String analyst = client().issueApiKey("sharing analyst " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).get("/api/v1/opendata/agreements").status()).isEqualTo(403);

        // The list is public, without keys or contacts.
        SaolaClient.Response list = anyone.get("/public/v1/opendata/agreements");
        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = list.json().valueStream().filter(x -> x.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(listed.at("/party/name").asString()).isEqualTo("Đại học Bách khoa " + suffix);
        assertThat(listed.at("/datasets/0/fields").toString()).isEqualTo("[\"entity_id\",\"attribute\",\"number\"]");
        assertThat(listed.get("uses").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(list.body()).doesNotContain("lienhe-" + suffix).doesNotContain(key).doesNotContain("máy chủ nghiên cứu");
        assertThat(anyone.get("/city/data/agreements").body()).contains("Đại học Bách khoa " + suffix).doesNotContain("lienhe-" + suffix);

        // A revoked key opens nothing at once; the attempt is recorded.
        assertThat(client().post("/api/v1/opendata/agreements/" + id + "/keys/" + keyId + "/revoke", "").status()).isEqualTo(204);
        SaolaClient.Response revoked = anyone.get("/api/3/action/datastore_search?resource_id=" + resource, "Authorization", key);
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.json().at("/error/message").asString()).contains("revoked");

        // At its expiry the agreement ends by itself: a key issued before opens nothing, and no key can be issued.
        String second = client().post("/api/v1/opendata/agreements/" + id + "/keys", "{\"name\":\"thứ hai\"}").json().get("secret").asString();
        assertThat(anyone.get("/public/v1/opendata/datasets/" + dataset + ".json", "X-CKAN-API-Key", second).status()).isEqualTo(200);
        clock.advance(Duration.ofHours(2));
        SaolaClient.Response expired = anyone.get("/public/v1/opendata/datasets/" + dataset + ".json", "X-CKAN-API-Key", second);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains("expired");
        assertThat(client().post("/api/v1/opendata/agreements/" + id + "/keys", "{\"name\":\"late\"}").status()).isEqualTo(409);
        assertThat(anyone.get("/public/v1/opendata/agreements").json().valueStream().filter(x -> x.get("id").asString().equals(id))
                .findFirst().orElseThrow().get("status").asString()).isEqualTo("EXPIRED");
        JsonNode after = client().get("/api/v1/opendata/agreements/" + id + "/uses").json();
        assertThat(after.valueStream().filter(u -> !u.get("allowed").asBoolean()).map(u -> u.get("detail").asString()).toList())
                .anyMatch(d -> d.contains("revoked")).anyMatch(d -> d.contains("expired"));
        for (String action : List.of("DATA_AGREEMENT_RECORDED", "DATA_AGREEMENT_KEY_ISSUED", "DATA_AGREEMENT_KEY_REVOKED")) {
            assertThat(client().get("/api/v1/audit?limit=1000&action=" + action).body()).as(action).contains("data-agreement:" + id);
        }
    }

    @Test
    void anAgreementIsRecordedOnlyWithWhatMakesItOne() {
        String one = "[{\"dataset\":\"%s\",\"fields\":[\"entity_id\"]}]".formatted(dataset);
        String expires = clock.instant().plus(Duration.ofDays(30)).toString();
        assertProblem(agreement(one, "next week"), "expires");
        assertProblem(agreement(one, clock.instant().minus(Duration.ofDays(1)).toString()), "expires");
        assertProblem(agreement("[{\"dataset\":\"%s\",\"fields\":[\"plate\"]}]".formatted(dataset), expires), "datasets");
        assertProblem(agreement("[{\"dataset\":\"%s\",\"fields\":[]}]".formatted(dataset), expires), "datasets");
        assertProblem(agreement("[{\"dataset\":\"no-such-%s\",\"fields\":[\"entity_id\"]}]".formatted(suffix), expires), "datasets");
        assertProblem(agreement("[]", expires), "datasets");
        // An open dataset needs no agreement.
        String open = "open-" + suffix;
        assertThat(client().post("/api/v1/opendata/datasets", """
                {"source":"context.hourly:%s","name":"%s","department":"%s"}""".formatted(type, open, owner)).status()).isEqualTo(201);
        assertProblem(agreement("[{\"dataset\":\"%s\",\"fields\":[\"entity_id\"]}]".formatted(open), expires), "datasets");
        SaolaClient.Response kind = client().post("/api/v1/opendata/agreements", """
                {"title":"x","partyKind":"FRIEND","partyName":"y","purpose":"p","legalBasis":"l","licence":"l","intellectualProperty":"i",
                 "expires":"%s","datasets":%s}""".formatted(expires, one));
        assertProblem(kind, "partyKind");
        SaolaClient.Response department = client().post("/api/v1/opendata/agreements", """
                {"title":"x","partyKind":"DEPARTMENT","partyDepartment":"nowhere-%s","purpose":"p","legalBasis":"l","licence":"l",
                 "intellectualProperty":"i","expires":"%s","datasets":%s}""".formatted(suffix, expires, one));
        assertProblem(department, "partyDepartment");
        SaolaClient.Response noBasis = client().post("/api/v1/opendata/agreements", """
                {"title":"x","partyKind":"CITY","partyName":"Huế","purpose":"p","licence":"l","intellectualProperty":"i",
                 "expires":"%s","datasets":%s}""".formatted(expires, one));
        assertProblem(noBasis, "legalBasis");
        assertThat(client().send("POST", "/api/v1/opendata/agreements", "{\"title\":", "Content-Type", "application/json").status()).isEqualTo(400);

        // Another department of the city is a party like any: its name is the department's.
        String roads = "rd-" + suffix;
        assertThat(client().post("/api/v1/departments", "{\"code\":\"%s\",\"nameVi\":\"Ban Đường bộ %s\",\"nameEn\":\"Roads\"}"
                .formatted(roads, suffix)).status()).isEqualTo(201);
        SaolaClient.Response silo = client().post("/api/v1/opendata/agreements", """
                {"title":"Giao thông cho đường bộ","partyKind":"DEPARTMENT","partyDepartment":"%s","purpose":"Lập kế hoạch sửa đường",
                 "legalBasis":"Quy chế chia sẻ dữ liệu của thành phố","licence":"Nội bộ","intellectualProperty":"Thành phố","starts":"2026-01-01",
                 "expires":"2030-06-30","datasets":%s}""".formatted(roads, one));
        assertThat(silo.status()).as(silo.body()).isEqualTo(201);
        assertThat(silo.json().at("/agreement/party/name").asString()).isEqualTo("Ban Đường bộ " + suffix);
        assertThat(silo.json().at("/agreement/starts").asString()).as("a day starts at midnight in the city").isEqualTo("2025-12-31T17:00:00Z");
        assertThat(silo.json().at("/agreement/expires").asString()).as("and a last day ends at its end").isEqualTo("2030-06-30T17:00:00Z");
        String id = silo.json().at("/agreement/id").asString();
        assertProblem(client().post("/api/v1/opendata/agreements/" + id + "/end", "{}"), "reason");
        SaolaClient.Response ended = client().post("/api/v1/opendata/agreements/" + id + "/end", "{\"reason\":\"Dự án đã xong\"}");
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().at("/agreement/status").asString()).isEqualTo("ENDED");
        assertThat(client().post("/api/v1/opendata/agreements/" + id + "/end", "{\"reason\":\"again\"}").status()).isEqualTo(409);
        assertThat(client().post("/api/v1/opendata/agreements/" + id + "/keys", "{\"name\":\"late\"}").status()).isEqualTo(409);
        assertThat(client().get("/api/v1/opendata/agreements/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private static void assertProblem(SaolaClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
