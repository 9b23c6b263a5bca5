package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open-data catalogue as CKAN clients and harvesters see it: an admin publishes what the modules offer, and
 * the CKAN action API answers field by field as CKAN 2.11 does (envelope, package dicts, search with Solr-style
 * q/fq/sort/facets as harvesters send them, the datastore), downloads stream the rows, and counts of residents'
 * reports are published only through disclosure control, with no contact anywhere.
 */
class OpenDataTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String suffix;
    private String type;
    private String department;
    private String dataset;

    @BeforeEach
    void publishLatestState() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        type = "OpenDataProbe" + suffix.replace("-", "");
        department = "env-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Sở Môi trường %s","nameEn":"Environment %s","contactEmail":"env@city.example"}"""
                .formatted(department, suffix, suffix)).status()).isEqualTo(201);
        for (int i = 1; i <= 3; i++) {
            SaolaClient.Response r = client().send("POST", "/ngsi-ld/v1/entities", """
                    {"id":"urn:ngsi-ld:%s:%d","type":"%s",
                     "pm25":{"type":"Property","value":%d.5,"unitCode":"GQ","observedAt":"2026-11-30T08:00:00Z"},
                     "name":{"type":"Property","value":"Trạm %d"},
                     "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[108.2%d,16.0%d]}}}"""
                    .formatted(type, i, type, 10 * i, i, i, i), "Content-Type", "application/json");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        SaolaClient.Response offers = client().get("/api/v1/opendata/offers");
        assertThat(offers.status()).isEqualTo(200);
        assertThat(offers.body()).contains("context.latest:" + type);
        dataset = "probe-" + suffix;
        SaolaClient.Response published = client().post("/api/v1/opendata/datasets", """
                {"source":"context.latest:%s","name":"%s","department":"%s","titleEn":"Probe %s air","keywords":["probe-%s","không khí"]}"""
                .formatted(type, dataset, department, suffix, suffix));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.json().get("rows").asLong()).isEqualTo(6);      // pm25 and name of 3 entities
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postJson(String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode action(String name, String... params) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            q.append(q.isEmpty() ? "?" : "&").append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = get("/api/3/action/" + name + q);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("help").asString()).isEqualTo("http://localhost:" + port + "/api/3/action/help_show?name=" + name);
        return body.get("result");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void packagesAnswerFieldByFieldAsCkanDoes() {
        JsonNode status = action("status_show");
        assertThat(names(status)).containsExactly("site_title", "site_description", "site_url", "error_emails_to", "locale_default",
                "extensions", "ckan_version");
        assertThat(action("package_list").valueStream().map(JsonNode::asString).toList()).contains(dataset).isSorted();

        JsonNode p = action("package_show", "id", dataset);
        assertThat(names(p)).containsExactly("author", "author_email", "creator_user_id", "id", "isopen", "license_id", "license_title",
                "license_url", "maintainer", "maintainer_email", "metadata_created", "metadata_modified", "name", "notes",
                "num_resources", "num_tags", "organization", "owner_org", "private", "state", "title", "type", "url", "version",
                "extras", "groups", "resources", "tags", "relationships_as_object", "relationships_as_subject", "title_translated",
                "notes_translated");
        assertThat(p.get("name").asString()).isEqualTo(dataset);
        assertThat(p.get("title").asString()).isEqualTo(type + " — trạng thái mới nhất");
        assertThat(p.get("title_translated").get("en").asString()).isEqualTo("Probe " + suffix + " air");
        assertThat(p.get("license_id").asString()).isEqualTo("cc-by-4.0");
        assertThat(p.get("metadata_modified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
        assertThat(p.get("organization").get("name").asString()).isEqualTo(department);
        assertThat(names(p.get("organization"))).contains("id", "name", "title", "type", "is_organization", "approval_status", "state");
        assertThat(p.get("owner_org").asString()).isEqualTo(p.get("organization").get("id").asString());
        assertThat(p.get("groups").get(0).get("name").asString()).isEqualTo("regi");
        assertThat(p.get("num_resources").asInt()).isEqualTo(4);
        JsonNode csv = p.get("resources").get(0);
        assertThat(names(csv)).containsExactly("cache_last_updated", "cache_url", "created", "datastore_active", "description", "format",
                "hash", "id", "last_modified", "metadata_modified", "mimetype", "mimetype_inner", "name", "package_id", "position",
                "resource_type", "size", "state", "url", "url_type");
        assertThat(csv.get("datastore_active").asBoolean()).isTrue();
        assertThat(csv.get("format").asString()).isEqualTo("CSV");
        assertThat(p.get("resources").get(2).get("format").asString()).isEqualTo("GeoJSON");
        assertThat(p.get("resources").get(3).get("format").asString()).isEqualTo("NGSI-LD");
        assertThat(p.get("resources").get(3).get("mimetype").asString()).isEqualTo("application/ld+json");
        assertThat(p.get("tags").valueStream().map(t -> t.get("name").asString()).toList()).containsExactly("không khí", "probe-" + suffix);
        // By id too, and as ckanapi calls it: POST with a JSON body to /api/action/ (no /3/).
        HttpResponse<String> byId = postJson("/api/action/package_show", "{\"id\": \"" + p.get("id").asString() + "\"}");
        assertThat(JSON.readTree(byId.body()).get("result").get("name").asString()).isEqualTo(dataset);
        assertThat(action("resource_show", "id", csv.get("id").asString()).get("url").asString())
                .isEqualTo("http://localhost:" + port + "/public/v1/opendata/datasets/" + dataset + ".csv");

        JsonNode orgs = action("organization_list");
        assertThat(orgs.valueStream().map(JsonNode::asString).toList()).contains(department);
        JsonNode org = action("organization_show", "id", department, "include_datasets", "true");
        assertThat(org.get("package_count").asLong()).isEqualTo(1);
        assertThat(org.get("packages").get(0).get("name").asString()).isEqualTo(dataset);
        assertThat(action("group_show", "id", "regi").get("package_count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(action("group_list").valueStream().map(JsonNode::asString).toList()).contains("regi");
        assertThat(action("tag_list", "query", "probe-" + suffix).valueStream().map(JsonNode::asString).toList())
                .containsExactly("probe-" + suffix);
        assertThat(action("current_package_list_with_resources", "limit", "1000").valueStream()
                .map(x -> x.get("name").asString()).toList()).contains(dataset);
    }

    @Test
    void searchTakesWhatHarvestersSend() {
        // Free text without Vietnamese marks, a field clause, facets.
        JsonNode r = action("package_search", "q", "khong khi probe-" + suffix, "facet.field", "[\"organization\",\"tags\",\"res_format\"]");
        assertThat(r.get("count").asLong()).isEqualTo(1);
        assertThat(names(r)).containsExactly("count", "facets", "results", "sort", "search_facets");
        assertThat(r.get("sort").asString()).isEqualTo("score desc, metadata_modified desc");
        assertThat(r.get("facets").get("organization").get(department).asLong()).isEqualTo(1);
        assertThat(r.get("search_facets").get("res_format").get("items").valueStream().map(i -> i.get("name").asString()).toList())
                .containsExactlyInAnyOrder("CSV", "JSON", "GeoJSON", "NGSI-LD");
        assertThat(action("package_search", "fq", "organization:" + department).get("count").asLong()).isEqualTo(1);
        assertThat(action("package_search", "fq", "-organization:" + department + " tags:probe-" + suffix).get("count").asLong()).isZero();
        assertThat(action("package_search", "fq", "organization:nobody OR organization:" + department).get("count").asLong()).isEqualTo(1);
        // The CKAN harvester: everything modified since, by id, 100 a page, until a page is empty.
        String since = "metadata_modified:[2020-01-01T00:00:00.123456Z TO *]";
        Set<String> harvested = new HashSet<>();
        for (int start = 0; ; start += 100) {
            JsonNode page = action("package_search", "rows", "100", "start", Integer.toString(start), "sort", "id asc", "fq", since);
            if (page.get("results").isEmpty()) {
                break;
            }
            page.get("results").forEach(d -> harvested.add(d.get("name").asString()));
        }
        assertThat(harvested).contains(dataset);
        assertThat(action("package_search", "fq", "metadata_modified:[2999-01-01T00:00:00Z TO *]").get("count").asLong()).isZero();
        assertThat(action("package_search", "rows", "5000").get("results").size()).isLessThanOrEqualTo(1000);   // clamped, as CKAN

        // Errors as CKAN gives them.
        HttpResponse<String> badRows = get("/api/3/action/package_search?rows=many");
        assertThat(badRows.statusCode()).isEqualTo(409);
        JsonNode e = JSON.readTree(badRows.body());
        assertThat(names(e)).containsExactly("help", "error", "success");
        assertThat(e.get("success").asBoolean()).isFalse();
        assertThat(e.get("error").get("__type").asString()).isEqualTo("Validation Error");
        assertThat(e.get("error").get("rows").get(0).asString()).isEqualTo("Invalid integer");
        HttpResponse<String> junk = get("/api/3/action/package_search?colour=red");
        assertThat(junk.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(junk.body()).get("error").get("__type").asString()).isEqualTo("Search Query Error");
        HttpResponse<String> badSort = get("/api/3/action/package_search?sort=colour+asc");
        assertThat(badSort.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badSort.body()).get("error").get("message").asString()).contains("Invalid \"sort\" parameter");
        assertThat(get("/api/3/action/package_search?q=NOT+probe").statusCode()).as("unsupported syntax is refused, not misread")
                .isEqualTo(400);
        HttpResponse<String> missing = get("/api/3/action/package_show?id=no-such-dataset");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").get("__type").asString()).isEqualTo("Not Found Error");
        HttpResponse<String> unknown = get("/api/3/action/package_frobnicate");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).asString()).isEqualTo("Bad request - Action name not known: package_frobnicate");
        HttpResponse<String> badJson = postJson("/api/action/package_show", "{\"id\": ");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badJson.body()).asString()).startsWith("Bad request - JSON Error");
        HttpResponse<String> noId = get("/api/3/action/package_show");
        assertThat(noId.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(noId.body()).get("error").get("name_or_id").get(0).asString()).isEqualTo("Missing value");
    }

    @Test
    void theDatastoreFiltersSortsPagesAndCounts() {
        String resource = action("package_show", "id", dataset).get("resources").get(0).get("id").asString();
        JsonNode all = action("datastore_search", "resource_id", resource);
        assertThat(all.get("total").asLong()).isEqualTo(6);
        assertThat(all.get("total_was_estimated").asBoolean()).isFalse();
        assertThat(all.get("limit").asInt()).isEqualTo(100);
        assertThat(all.get("fields").get(0).get("id").asString()).isEqualTo("_id");
        assertThat(all.get("fields").valueStream().map(f -> f.get("id").asString()).toList()).containsExactly("_id", "entity_id", "attribute",
                "value", "number", "unit_code", "observed_at", "modified_at", "latitude", "longitude");
        assertThat(all.get("records").get(0).get("_id").asInt()).isEqualTo(1);

        JsonNode pm = action("datastore_search", "resource_id", resource, "filters", "{\"attribute\":\"pm25\"}", "sort", "number desc",
                "fields", "entity_id,number,unit_code,observed_at", "limit", "2");
        assertThat(pm.get("total").asLong()).isEqualTo(3);
        assertThat(pm.get("records").size()).isEqualTo(2);
        assertThat(pm.get("records").get(0).get("number").asDouble()).isEqualTo(30.5);
        assertThat(pm.get("records").get(0).get("unit_code").asString()).isEqualTo("GQ");
        assertThat(pm.get("records").get(0).get("observed_at").asString()).isEqualTo("2026-11-30T08:00:00");
        assertThat(names(pm.get("records").get(0))).containsExactly("entity_id", "number", "unit_code", "observed_at");
        assertThat(pm.get("_links").get("next").asString()).contains("offset=2");
        JsonNode second = action("datastore_search", "resource_id", resource, "filters", "{\"attribute\":\"pm25\"}", "sort", "number desc",
                "limit", "2", "offset", "2");
        assertThat(second.get("records").get(0).get("number").asDouble()).isEqualTo(10.5);
        assertThat(action("datastore_search", "resource_id", resource, "q", "Trạm").get("total").asLong()).isEqualTo(3);
        assertThat(action("datastore_search", "resource_id", resource, "filters", "{\"number\":[10.5,20.5]}").get("total").asLong())
                .isEqualTo(2);
        assertThat(action("datastore_search", "resource_id", resource, "limit", "999999").get("limit").asInt()).isEqualTo(32000);

        HttpResponse<String> badField = get("/api/3/action/datastore_search?resource_id=" + resource + "&filters="
                + URLEncoder.encode("{\"colour\":\"red\"}", StandardCharsets.UTF_8));
        assertThat(badField.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(badField.body()).get("error").get("filters").get(0).asString()).startsWith("invalid value \"colour\"");
        HttpResponse<String> badValue = get("/api/3/action/datastore_search?resource_id=" + resource + "&filters="
                + URLEncoder.encode("{\"number\":\"lots\"}", StandardCharsets.UTF_8));
        assertThat(badValue.statusCode()).isEqualTo(409);
        assertThat(get("/api/3/action/datastore_search?resource_id=" + resource + "&distinct=true").statusCode()).isEqualTo(409);
        HttpResponse<String> noTable = get("/api/3/action/datastore_search?resource_id=" + UUID.randomUUID());
        assertThat(noTable.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noTable.body()).get("error").get("message").asString()).startsWith("Not found: Resource");

        JsonNode info = action("datastore_info", "id", resource);
        assertThat(info.get("meta").get("count").asLong()).isEqualTo(6);
        assertThat(info.get("fields").get(0).get("id").asString()).isEqualTo("entity_id");
        assertThat(info.get("fields").get(3).get("schema").get("native_type").asString()).isEqualTo("numeric");
    }

    @Test
    void downloadsStreamEveryRowAndTheCatalogueIsAdministeredByRole() throws Exception {
        HttpResponse<String> csv = get("/public/v1/opendata/datasets/" + dataset + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("entity_id,attribute,value,number,unit_code,observed_at,modified_at,latitude,longitude");
        assertThat(lines).hasSize(7);
        JsonNode geo = JSON.readTree(get("/public/v1/opendata/datasets/" + dataset + ".geojson").body());
        assertThat(geo.get("features").size()).isEqualTo(6);
        assertThat(geo.get("features").get(0).get("geometry").get("coordinates").get(0).asDouble()).isBetween(108.0, 109.0);
        assertThat(JSON.readTree(get("/public/v1/opendata/datasets/" + dataset + ".json").body()).size()).isEqualTo(6);
        assertThat(get("/public/v1/opendata/datasets/" + dataset + ".xlsx").statusCode()).isEqualTo(404);
        // The entities themselves, as NGSI-LD: normalized, naming the core @context, as the broker holds them.
        HttpResponse<String> ld = get("/public/v1/opendata/datasets/" + dataset + ".jsonld");
        assertThat(ld.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
        JsonNode entities = JSON.readTree(ld.body());
        assertThat(entities.size()).isEqualTo(3);
        JsonNode one = entities.valueStream().filter(e -> e.get("id").asString().equals("urn:ngsi-ld:" + type + ":1")).findFirst().orElseThrow();
        assertThat(one.get("type").asString()).isEqualTo(type);
        assertThat(one.at("/pm25/type").asString()).isEqualTo("Property");
        assertThat(one.at("/pm25/value").asDouble()).isEqualTo(10.5);
        assertThat(one.at("/pm25/unitCode").asString()).isEqualTo("GQ");
        assertThat(one.at("/location/type").asString()).isEqualTo("GeoProperty");
        assertThat(one.get("@context").toString()).contains("ngsi-ld-core-context");
        assertThat(action("package_show", "id", dataset).get("resources").valueStream().map(r -> r.get("format").asString()).toList())
                .contains("NGSI-LD");
        // The portal's page of the dataset, where CKAN's package "url" points.
        HttpResponse<String> page = get("/city/data/" + dataset + "?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Probe " + suffix + " air").contains("Trạm 1");
        assertThat(get("/city/data/no-such-dataset").statusCode()).isEqualTo(404);

        // A new reading shows after a refresh, and moves metadata_modified; a refresh with nothing new does not.
        String before = action("package_show", "id", dataset).get("metadata_modified").asString();
        assertThat(client().post("/api/v1/opendata/datasets/" + dataset + "/refresh", "").status()).isEqualTo(200);
        assertThat(action("package_show", "id", dataset).get("metadata_modified").asString()).isEqualTo(before);
        assertThat(client().send("PATCH", "/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":1/attrs",
                "{\"pm25\":{\"type\":\"Property\",\"value\":99.5}}", "Content-Type", "application/json").status()).isEqualTo(204);
        client().post("/api/v1/opendata/datasets/" + dataset + "/refresh", "");
        assertThat(action("package_show", "id", dataset).get("metadata_modified").asString()).isNotEqualTo(before);

        // Only an admin runs the catalogue; a second publication of the same source is a conflict; bad input is named.
        String analyst = client().issueApiKey("open data analyst " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).get("/api/v1/opendata/offers").status()).isEqualTo(403);
        assertThat(client().post("/api/v1/opendata/datasets", "{\"source\":\"context.latest:" + type + "\",\"name\":\"again-" + suffix + "\"}")
                .status()).isEqualTo(409);
        SaolaClient.Response badName = client().post("/api/v1/opendata/datasets", "{\"source\":\"devices.sensor-register\",\"name\":\"Bad Name!\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("name");
        assertThat(client().post("/api/v1/opendata/datasets", "{\"source\":\"nothing.here\"}").status()).isEqualTo(404);
        assertThat(client().delete("/api/v1/opendata/datasets/" + dataset).status()).isEqualTo(204);
        assertThat(get("/api/3/action/package_show?id=" + dataset).statusCode()).isEqualTo(404);
        assertThat(get("/public/v1/opendata/datasets/" + dataset + ".csv").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> putCsv(String pathAndQuery, String csv) {
        return put(pathAndQuery, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> put(String pathAndQuery, String contentType, byte[] file) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).header("Content-Type", contentType)
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Excel workbook of one sheet whose rows are given as cells' inline texts and numbers (what a spreadsheet saves). */
    private static byte[] xlsx(String rows) throws java.io.IOException {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        parts.put("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\""
                + "http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "</sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        parts.put("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + rows + "</sheetData></worksheet>");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (var e : parts.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void staffPublishAnExcelSheetAndAGeoJsonCollectionAsTables() throws Exception {
        String book = "cho-xlsx-" + suffix;
        HttpResponse<String> x = put("/api/v1/opendata/uploads/" + book + "?titleVi=Ch%E1%BB%A3&titleEn=Markets&theme=ECON",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx("""
                        <row r="1"><c r="A1" t="inlineStr"><is><t>Tên chợ</t></is></c><c r="B1" t="inlineStr"><is><t>Số quầy</t></is></c></row>
                        <row r="2"><c r="A2" t="inlineStr"><is><t>Chợ Hàn</t></is></c><c r="B2"><v>1200</v></c></row>
                        <row r="3"><c r="A3" t="inlineStr"><is><t>Chợ Cồn</t></is></c><c r="B3"><v>800</v></c></row>"""));
        assertThat(x.statusCode()).as(x.body()).isEqualTo(201);
        String sheet = action("package_show", "id", book).get("resources").get(0).get("id").asString();
        JsonNode rows = action("datastore_search", "resource_id", sheet, "sort", "so_quay desc");
        assertThat(rows.get("fields").valueStream().map(f -> f.get("id").asString() + ":" + f.get("type").asString()).toList())
                .containsExactly("_id:int", "ten_cho:text", "so_quay:int8");
        assertThat(rows.get("records").get(0).get("ten_cho").asString()).isEqualTo("Chợ Hàn");
        HttpResponse<String> notABook = put("/api/v1/opendata/uploads/bad-" + suffix + "?titleVi=x&titleEn=x",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Tên,Giá\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notABook.statusCode()).isEqualTo(400);
        assertThat(notABook.body()).contains("not an Excel workbook").contains("\"field\":\"file\"");

        String schools = "truong-" + suffix;
        HttpResponse<String> g = put("/api/v1/opendata/uploads/" + schools + "?titleVi=Tr%C6%B0%E1%BB%9Dng&titleEn=Schools&theme=EDUC",
                "application/geo+json", """
                        {"type":"FeatureCollection","features":[
                          {"type":"Feature","properties":{"ten":"Trường A","hoc_sinh":420},"geometry":{"type":"Point","coordinates":[108.22,16.06]}},
                          {"type":"Feature","properties":{"ten":"Trường B","hoc_sinh":310},"geometry":{"type":"Point","coordinates":[108.25,16.07]}}]}"""
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(g.statusCode()).as(g.body()).isEqualTo(201);
        JsonNode shown = action("package_show", "id", schools);
        assertThat(shown.get("resources").valueStream().map(r -> r.get("format").asString()).toList()).contains("GeoJSON");
        JsonNode features = JSON.readTree(get("/public/v1/opendata/datasets/" + schools + ".geojson").body()).get("features");
        assertThat(features).hasSize(2);
        assertThat(features.get(0).at("/geometry/coordinates").toString()).isEqualTo("[108.22,16.06]");
        assertThat(features.get(0).at("/properties/hoc_sinh").asInt()).isEqualTo(420);
        assertThat(put("/api/v1/opendata/uploads/nogeo-" + suffix + "?titleVi=x&titleEn=x", "application/geo+json",
                "{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8)).body()).contains("FeatureCollection");
        assertThat(put("/api/v1/opendata/uploads/zip-" + suffix + "?titleVi=x&titleEn=x", "application/zip",
                "PK".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);

        // A PDF document is published as it is: one distribution, the file, with no table behind it.
        byte[] pdf = ("%PDF-1.4\n% Báo cáo " + suffix + "\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        String report = "bao-cao-" + suffix;
        HttpResponse<String> doc = put("/api/v1/opendata/uploads/" + report + "?titleVi=B%C3%A1o%20c%C3%A1o&titleEn=Report&theme=GOVE",
                "application/pdf", pdf);
        assertThat(doc.statusCode()).as(doc.body()).isEqualTo(201);
        JsonNode docPackage = action("package_show", "id", report);
        assertThat(docPackage.get("resources")).hasSize(1);
        JsonNode file = docPackage.get("resources").get(0);
        assertThat(file.get("format").asString()).isEqualTo("PDF");
        assertThat(file.get("datastore_active").asBoolean()).isFalse();
        assertThat(file.get("mimetype").asString()).isEqualTo("application/pdf");
        HttpResponse<byte[]> downloaded = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/public/v1/opendata/datasets/" + report + ".pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.body()).isEqualTo(pdf);
        assertThat(downloaded.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        String etag = downloaded.headers().firstValue("ETag").orElseThrow();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public/v1/opendata/datasets/" + report + ".pdf"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
        assertThat(get("/api/3/action/datastore_search?resource_id=" + file.get("id").asString()).statusCode()).isEqualTo(404);
        assertThat(get("/catalog.ttl").body()).contains("file-type/PDF");
        assertThat(get("/city/data/" + report).body()).contains("application/pdf");
        HttpResponse<String> notPdf = put("/api/v1/opendata/uploads/" + report, "application/pdf", "<html>".getBytes(StandardCharsets.UTF_8));
        assertThat(notPdf.statusCode()).isEqualTo(400);
        assertThat(notPdf.body()).contains("not a PDF");
        assertThat(put("/api/v1/opendata/uploads/" + book, "application/pdf", pdf).statusCode()).as("a table's name").isEqualTo(409);
    }

    @Test
    void staffPublishACsvFileTypedColumnByColumnAndABadVersionLosesNothing() {
        String name = "cho-" + suffix;
        String csv = "\uFEFFTên chợ,Phường,Số quầy,Diện tích (m²),Mở cửa,Cập nhật,Có mái\r\n"
                + "Chợ Hàn,Hải Châu,\"1,200\",4200.5,2024-01-15,2026-11-30T08:00:00Z,true\r\n"
                + "\"Chợ Cồn \"\"mới\"\"\",Hải Châu,800,3900,2023-06-01,2026-11-30 09:30:00,false\r\n"
                + "\"Chợ đêm\nSơn Trà\",Sơn Trà,,,2022-03-01,,true\r\n";
        HttpResponse<String> r = putCsv("/api/v1/opendata/uploads/" + name + "?titleVi=Ch%E1%BB%A3&titleEn=Markets&theme=ECON&department="
                + department, csv);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode d = JSON.readTree(r.body());
        assertThat(d.get("rows").asLong()).isEqualTo(3);
        String resource = action("package_show", "id", name).get("resources").get(0).get("id").asString();
        JsonNode s = action("datastore_search", "resource_id", resource, "sort", "dien_tich_m asc");
        assertThat(s.get("fields").valueStream().map(f -> f.get("id").asString() + ":" + f.get("type").asString()).toList())
                .containsExactly("_id:int", "ten_cho:text", "phuong:text", "so_quay:text", "dien_tich_m:numeric", "mo_cua:date",
                        "cap_nhat:timestamp", "co_mai:bool");
        assertThat(s.get("fields").get(1).get("info").get("label").asString()).isEqualTo("Tên chợ");
        assertThat(s.get("records").get(0).get("ten_cho").asString()).isEqualTo("Chợ Cồn \"mới\"");
        assertThat(s.get("records").get(2).get("ten_cho").asString()).isEqualTo("Chợ đêm\nSơn Trà");
        assertThat(s.get("records").get(1).get("cap_nhat").asString()).isEqualTo("2026-11-30T08:00:00");
        assertThat(action("datastore_search", "resource_id", resource, "filters", "{\"phuong\":\"Hải Châu\"}").get("total").asLong())
                .isEqualTo(2);
        // A new version whose row after the first thousand (which typed the columns) does not fit: refused,
        // naming the line; the old rows stay.
        StringBuilder big = new StringBuilder("a,b\n");
        for (int i = 1; i <= 1200; i++) {
            big.append(i == 1100 ? "four" : Integer.toString(i)).append(',').append(i).append('\n');
        }
        HttpResponse<String> bad = putCsv("/api/v1/opendata/uploads/" + name, big.toString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("line 1101").contains("whole number");
        assertThat(action("datastore_search", "resource_id", resource).get("total").asLong()).isEqualTo(3);
        // A good new version replaces rows and columns.
        assertThat(putCsv("/api/v1/opendata/uploads/" + name, "a,b\n1,2\n3,4\n").statusCode()).isEqualTo(200);
        assertThat(action("datastore_search", "resource_id", resource).get("total").asLong()).isEqualTo(2);
        // A new dataset needs its titles; the platform's own datasets are not overwritten by a file; bad input is named.
        assertThat(putCsv("/api/v1/opendata/uploads/untitled-" + suffix, "a\n1\n").body()).contains("titleVi");
        assertThat(putCsv("/api/v1/opendata/uploads/" + dataset + "?titleVi=x&titleEn=x", "a\n1\n").statusCode()).isEqualTo(409);
        assertThat(putCsv("/api/v1/opendata/uploads/empty-" + suffix + "?titleVi=x&titleEn=x", "").statusCode()).isEqualTo(400);
        assertThat(putCsv("/api/v1/opendata/uploads/q-" + suffix + "?titleVi=x&titleEn=x", "a,b\n\"open,1\n").body()).contains("never closed");
        assertThat(putCsv("/api/v1/opendata/uploads/t-" + suffix + "?titleVi=x&titleEn=x&theme=MOON", "a\n1\n").body()).contains("theme");
        assertThat(action("package_list").valueStream().map(JsonNode::asString).toList())
                .doesNotContain("untitled-" + suffix, "empty-" + suffix, "q-" + suffix, "t-" + suffix);
    }

    @org.springframework.beans.factory.annotation.Autowired
    TestClock clock;

    @Test
    void sensorHistoryIsPublishedHourByHourAndDayByDay() {
        String id = "urn:ngsi-ld:" + type + ":2";
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        StringBuilder instances = new StringBuilder("{\"pm25\":[");
        double[] values = {10, 20, 60};
        for (int i = 0; i < values.length; i++) {
            instances.append(i == 0 ? "" : ",").append("{\"type\":\"Property\",\"value\":").append(values[i])
                    .append(",\"unitCode\":\"GQ\",\"observedAt\":\"").append(now.minus(java.time.Duration.ofHours(30)).plusSeconds(60L * i)).append("\"}");
        }
        instances.append("]}");
        assertThat(client().send("POST", "/ngsi-ld/v1/temporal/entities/" + id + "/attrs", instances.toString(),
                "Content-Type", "application/json").status()).isEqualTo(204);
        OpenDataClient openData = new OpenDataClient(client());
        JsonNode hourly = openData.search("context.hourly:" + type, "{\"entity_id\":\"" + id + "\",\"attribute\":\"pm25\",\"readings\":3}");
        assertThat(hourly.get("total").asLong()).isEqualTo(1);
        JsonNode hour = hourly.get("records").get(0);
        assertThat(hour.get("mean").asDouble()).isEqualTo(30.0);
        assertThat(hour.get("minimum").asDouble()).isEqualTo(10.0);
        assertThat(hour.get("maximum").asDouble()).isEqualTo(60.0);
        assertThat(hour.get("unit_code").asString()).isEqualTo("GQ");
        JsonNode daily = openData.search("context.daily:" + type, "{\"entity_id\":\"" + id + "\",\"attribute\":\"pm25\"}");
        assertThat(daily.get("records").valueStream().mapToLong(r -> r.get("readings").asLong()).sum()).isGreaterThanOrEqualTo(3);
        assertThat(daily.get("fields").get(3).get("type").asString()).isEqualTo("date");
    }

    @Test
    void theAlgorithmRegisterListsEveryAlgorithmAndEachRuleStaffSwitchOn() {
        JsonNode all = JSON.readTree(get("/public/v1/algorithms").body());
        List<String> ids = all.valueStream().map(a -> a.get("id").asString()).toList();
        assertThat(ids).contains("vn-aqi", "device-health-watch", "report-routing", "budget-vote-count", "proposal-threshold",
                "disclosure-control");
        JsonNode aqi = JSON.readTree(get("/public/v1/algorithms/vn-aqi").body());
        assertThat(names(aqi)).contains("nameVi", "nameEn", "automation", "purposeVi", "purposeEn", "dataVi", "dataEn", "howVi", "howEn",
                "oversightVi", "oversightEn", "risksVi", "risksEn", "appearsOn");
        assertThat(aqi.get("automation").asString()).isEqualTo("INFORMS");
        // A rule an officer switches on is in the register at once, with its condition as written and its department.
        SaolaClient.Response rule = client().post("/api/v1/rules", """
                {"name":"Probe %s too loud","entityType":"%s","condition":"pm25 > 40.0","severity":"MODERATE",
                 "messageVi":"Ồn quá","messageEn":"Too loud","department":"%s"}""".formatted(suffix, type, department));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        JsonNode entry = JSON.readTree(get("/public/v1/algorithms").body()).valueStream()
                .filter(a -> a.get("nameEn").asString().equals("Alert rule: Probe " + suffix + " too loud")).findFirst().orElseThrow();
        assertThat(entry.get("howEn").asString()).contains("pm25 > 40.0");
        assertThat(entry.get("department").asString()).isEqualTo(department);
        assertThat(get("/public/v1/algorithms/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> page = get("/city/algorithms?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"vn-aqi\"").contains("Alert rule: Probe " + suffix).contains("Environment " + suffix);
        // And it is a dataset an admin can publish.
        assertThat(client().get("/api/v1/opendata/offers").body()).contains("opendata.algorithm-register");
    }

    @Test
    void staffRecordTheAlgorithmsTheCityUsesOutsideSaola() {
        String id = "signal-timing-" + suffix;
        String body = """
                {"nameVi":"Điều khiển đèn tín hiệu thích ứng","nameEn":"Adaptive traffic-signal timing %s","automation":"DECIDES_WITH_REVIEW",
                 "department":"%s","provider":"Công ty Tín hiệu Miền Trung (built and runs it)",
                 "purposeVi":"Giảm thời gian chờ ở nút giao","purposeEn":"Shorter waits at junctions",
                 "dataVi":"Số xe đếm ở mỗi hướng","dataEn":"Vehicle counts on each approach",
                 "howVi":"Kéo dài pha xanh của hướng đông xe","howEn":"Lengthens the green phase of the busier approach",
                 "oversightVi":"Trung tâm điều hành có thể chuyển về chu kỳ cố định","oversightEn":"The operations centre can switch back to fixed cycles",
                 "risksVi":"Ưu tiên xe hơn người đi bộ; giảm thiểu: pha đi bộ tối thiểu","risksEn":"Favouring cars over pedestrians; mitigated by a minimum walk phase",
                 "appearsOn":["/operations/traffic","https://giaothong.danang.gov.vn/den-tin-hieu"]}""".formatted(suffix, department);
        SaolaClient.Response recorded = client().send("PUT", "/api/v1/algorithms/" + id, body, "Content-Type", "application/json");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        JsonNode entry = JSON.readTree(get("/public/v1/algorithms/" + id).body());
        assertThat(entry.get("provider").asString()).isEqualTo("Công ty Tín hiệu Miền Trung (built and runs it)");
        assertThat(entry.get("automation").asString()).isEqualTo("DECIDES_WITH_REVIEW");
        assertThat(get("/city/algorithms?lang=en").body()).contains("id=\"" + id + "\"").contains("Adaptive traffic-signal timing " + suffix)
                .contains("Công ty Tín hiệu Miền Trung").contains("Saola, the city&#39;s open-source platform, run by the city");
        assertThat(client().send("PUT", "/api/v1/algorithms/" + id, body.replace("Shorter waits", "Shorter waits, safer crossings"),
                "Content-Type", "application/json").status()).isEqualTo(200);
        assertThat(get("/public/v1/algorithms/" + id).body()).contains("safer crossings");
        // The platform's own algorithms describe themselves; bad facts are named.
        assertThat(client().send("PUT", "/api/v1/algorithms/disclosure-control", body, "Content-Type", "application/json").status()).isEqualTo(409);
        for (String[] bad : List.of(new String[] {"\"automation\":\"DECIDES_WITH_REVIEW\"", "\"automation\":\"ALWAYS\"", "automation"},
                new String[] {"\"provider\":\"Công ty Tín hiệu Miền Trung (built and runs it)\",", "", "provider"},
                new String[] {"\"/operations/traffic\"", "\"javascript:alert(1)\"", "appearsOn"},
                new String[] {"\"department\":\"" + department + "\"", "\"department\":\"nowhere-" + suffix + "\"", "department"})) {
            SaolaClient.Response r = client().send("PUT", "/api/v1/algorithms/bad-" + suffix, body.replace(bad[0], bad[1]),
                    "Content-Type", "application/json");
            assertThat(r.status()).as(bad[2] + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().get("field").asString()).isEqualTo(bad[2]);
        }
        assertThat(client().send("PUT", "/api/v1/algorithms/Bad_Id", body, "Content-Type", "application/json").status()).isEqualTo(400);
        String analyst = client().issueApiKey("algorithms analyst " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).send("PUT", "/api/v1/algorithms/x-" + suffix, body, "Content-Type", "application/json")
                .status()).isEqualTo(403);
        assertThat(client().delete("/api/v1/algorithms/" + id).status()).isEqualTo(204);
        assertThat(get("/public/v1/algorithms/" + id).statusCode()).isEqualTo(404);
        assertThat(client().delete("/api/v1/algorithms/vn-aqi").status()).isEqualTo(404);
    }

    @Test
    void theWholeCatalogueIsValidDcatAp3AndHarvestersPageIt() {
        HttpResponse<String> ttl = get("/catalog.ttl");
        assertThat(ttl.statusCode()).isEqualTo(200);
        assertThat(ttl.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        org.apache.jena.rdf.model.Model model = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
        org.apache.jena.riot.RDFParser.fromString(ttl.body(), org.apache.jena.riot.Lang.TURTLE).parse(model);
        var shapes = org.apache.jena.shacl.Shapes.parse(org.apache.jena.riot.RDFDataMgr.loadGraph("dcat/saola-dcat-ap-3.0-shapes.ttl"));
        var report = org.apache.jena.shacl.ShaclValidator.get().validate(shapes, model.getGraph());
        assertThat(report.getEntries().stream().filter(e -> e.severity() == org.apache.jena.shacl.validation.Severity.Violation)
                .map(Object::toString).toList()).isEmpty();
        String iri = "http://localhost:" + port + "/dataset/" + dataset;
        assertThat(model.contains(model.getResource("http://localhost:" + port + "/catalog"), org.apache.jena.vocabulary.DCAT.dataset,
                model.getResource(iri))).isTrue();
        assertThat(model.contains(model.getResource(iri), org.apache.jena.vocabulary.DCTerms.title,
                model.createLiteral("Probe " + suffix + " air", "en"))).isTrue();
        assertThat(ttl.body()).contains("hydra:totalItems");
        // The same graph as JSON-LD and RDF/XML.
        for (String[] f : new String[][] {{"jsonld", "JSONLD"}, {"rdf", "RDFXML"}}) {
            HttpResponse<String> other = get("/catalog." + f[0]);
            assertThat(other.statusCode()).isEqualTo(200);
            org.apache.jena.rdf.model.Model m = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
            org.apache.jena.riot.RDFParser.fromString(other.body(), org.apache.jena.riot.RDFLanguages.nameToLang(f[1])).parse(m);
            assertThat(m.contains(m.getResource(iri), org.apache.jena.vocabulary.RDF.type, org.apache.jena.vocabulary.DCAT.Dataset)).isTrue();
        }
        // Only what changed since: nothing from the future; a bad date or page is the caller's error.
        assertThat(get("/catalog.ttl?modified_since=2999-01-01").body()).doesNotContain("/dataset/");
        assertThat(get("/catalog.ttl?modified_since=2020-01-01").body()).contains("/dataset/" + dataset);
        assertThat(get("/catalog.ttl?modified_since=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/catalog.ttl?page=0").statusCode()).isEqualTo(400);
        assertThat(get("/catalog.csv").statusCode()).isEqualTo(404);
        HttpResponse<String> one = get("/dataset/" + dataset + ".ttl");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("dcat:Dataset").contains("/public/v1/opendata/datasets/" + dataset + ".csv");
        assertThat(get("/dataset/no-such-dataset.ttl").statusCode()).isEqualTo(404);
    }

    @Test
    void reportCountsArePublishedOnlyThroughDisclosureControlAndNoContactLeaves() throws Exception {
        String small = "odsmall-" + suffix;
        String larger = "odlarge-" + suffix;
        for (String code : List.of(small, larger)) {
            assertThat(client().send("PUT", "/api/v1/report-services/" + code, """
                    {"nameVi":"Loại %1$s","nameEn":"Kind %1$s","department":"%2$s","targetHours":48,"privacy":"EXACT"}"""
                    .formatted(code, department)).status()).isEqualTo(201);
        }
        String key = client().issueApiKey("open311 app " + suffix, "ANALYST");
        String email = "resident-" + suffix + "@mail.example";
        for (int i = 0; i < 3 + 12; i++) {
            HttpResponse<String> r = post("/open311/v2/requests.json", "api_key", key, "service_code", i < 3 ? small : larger,
                    "lat", "16.05", "long", "108.2", "description", "Report " + i + " by " + email, "email", email,
                    "first_name", "Lan" + suffix, "phone", "+84 90 555 " + suffix.substring(0, 4).replaceAll("[^0-9]", "1"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        JsonNode table = new OpenDataClient(client()).search("reports.monthly-counts", null);
        Map<String, JsonNode> mine = new HashMap<>();
        table.get("records").forEach(r -> {
            if (r.get("category").asString().equals(small) || r.get("category").asString().equals(larger)) {
                mine.put(r.get("category").asString() + "/" + r.get("ward").asString(), r.get("reports"));
            }
        });
        // 3 reports: hidden, and so is its category's total (also 3). 12: rounded to 10, unless the other reports of
        // the month (other tests') made it the one to hide beside the 3, as it is in a small city.
        assertThat(mine).as(table.get("records").toString()).containsKey(small + "/unknown");
        assertThat(mine.get(small + "/unknown").isNull()).isTrue();
        assertThat(mine.get(small + "/TOTAL").isNull()).isTrue();
        JsonNode twelve = mine.get(larger + "/TOTAL");
        assertThat(twelve.isNull() || twelve.asLong() == 10).as("12 reports published as " + twelve).isTrue();
        // Every count published is at least 10 and a multiple of 5, and in each month no row or column of the
        // table (cells and their total) has exactly one hidden term, so no sum or difference gives one away.
        Map<String, Integer> hiddenPerEquation = new HashMap<>();
        table.get("records").forEach(r -> {
            JsonNode n = r.get("reports");
            if (n.isNull()) {
                hiddenPerEquation.merge(r.get("month").asString() + "/row/" + r.get("category").asString(), 1, Integer::sum);
                hiddenPerEquation.merge(r.get("month").asString() + "/column/" + r.get("ward").asString(), 1, Integer::sum);
            } else if (n.asLong() != 0) {
                assertThat(n.asLong() % 5).isZero();
                assertThat(n.asLong()).isGreaterThanOrEqualTo(10);
            }
        });
        assertThat(hiddenPerEquation.values()).allSatisfy(n -> assertThat(n).isNotEqualTo(1));
        // Row by row, each report is what Open311 already serves to anyone, with less: no words, address or reporter.
        // (So these rows add nothing to what counting Open311's public list gives; the counts' protection matters for
        // data about people that is not public otherwise.)
        JsonNode rows = new OpenDataClient(client()).search("reports.anonymised", "{\"category\":\"" + small + "\"}");
        assertThat(rows.get("total").asLong()).isEqualTo(3);
        assertThat(SaolaClient.JSON.readTree(get("/open311/v2/requests.json?service_code=" + small).body())).hasSize(3);
        JsonNode first = rows.get("records").get(0);
        assertThat(first.get("status").asString()).isEqualTo("OPEN");
        // every place generalised to a grid cell of at least 250 m (0.004°, whole cells of Open311's 0.002° grid)
        assertThat(first.get("latitude").asDouble()).isEqualTo(16.05);
        assertThat(first.get("longitude").asDouble()).isEqualTo(108.202);
        assertThat(rows.get("fields").valueStream().map(f -> f.get("id").asString()).toList())
                .doesNotContain("description", "address", "reporter", "email");
        // Nothing a resident gave (address, name, telephone, words) is in any dataset of the catalogue.
        for (JsonNode d : action("current_package_list_with_resources", "limit", "1000")) {
            for (JsonNode r : d.get("resources")) {
                String body = get(URI.create(r.get("url").asString()).getPath()).body();
                assertThat(body).doesNotContain(email).doesNotContain("Lan" + suffix).doesNotContain("Report 1 by");
            }
        }
    }

    private HttpResponse<String> post(String path, String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(form[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
