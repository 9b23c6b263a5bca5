package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) as a client sees it, endpoint by endpoint, in JSON
 * and XML, field by field in the specification's order, with its error arrays; and nothing of a reporter in any
 * answer.
 */
class Open311Test extends PlatformTest {

    /** GeoReport v2 "GET Service Requests": the fields of a request, in the specification's order. */
    static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private String suffix;
    private String department;
    private String pothole;
    private String noise;
    private String apiKey;

    @BeforeEach
    void catalogue() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        department = "roads-" + suffix;
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng Quản lý đô thị","nameEn":"Urban management"}""".formatted(department))
                .status()).isEqualTo(201);
        pothole = "pothole-" + suffix;
        SaolaClient.Response put = client().send("PUT", "/api/v1/report-services/" + pothole, """
                {"nameVi": "Ổ gà", "nameEn": "Pothole", "descriptionVi": "Mặt đường hư hỏng", "descriptionEn": "A damaged road surface",
                 "group": "streets", "keywords": ["road", "đường"], "department": "%s", "targetHours": 72, "privacy": "EXACT",
                 "attributes": [
                   {"code": "size", "datatype": "singlevaluelist", "required": true, "questionVi": "Ổ gà lớn cỡ nào?",
                    "questionEn": "How large is it?", "order": 1,
                    "values": [{"key": "small", "nameVi": "Nhỏ", "nameEn": "Small"}, {"key": "large", "nameVi": "Lớn", "nameEn": "Large"}]},
                   {"code": "lanes", "datatype": "multivaluelist", "questionVi": "Làn nào?", "questionEn": "Which lanes?", "order": 2,
                    "values": [{"key": "left", "nameVi": "Trái", "nameEn": "Left"}, {"key": "right", "nameVi": "Phải", "nameEn": "Right"}]},
                   {"code": "depth", "datatype": "number", "questionVi": "Sâu bao nhiêu cm?", "questionEn": "How deep, in cm?",
                    "datatypeDescription": "centimetres", "order": 3}
                 ]}""".formatted(department));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        noise = "noise-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + noise, """
                {"nameVi": "Tiếng ồn", "nameEn": "Noise", "group": "nuisance", "department": "%s", "targetHours": 48,
                 "privacy": "APPROXIMATE"}""".formatted(department)).status()).isEqualTo(201);
        apiKey = client().issueApiKey("open311 app " + suffix, "ANALYST");
    }

    private HttpResponse<String> get(String path, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
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

    private static JsonNode json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    private static Element xml(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        try {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not XML: " + r.body(), e);
        }
    }

    private static List<String> childNames(Node element) {
        List<String> names = new ArrayList<>();
        for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element) {
                names.add(c.getNodeName());
            }
        }
        return names;
    }

    private static Element child(Node element, String name) {
        for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getNodeName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + element.getNodeName() + ">");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private long file(String... extra) {
        List<String> form = new ArrayList<>(List.of("api_key", apiKey, "service_code", pothole, "lat", "16.0544",
                "long", "108.2022", "attribute[size]", "large", "description", "A deep pothole in front of the market"));
        form.addAll(List.of(extra));
        HttpResponse<String> r = post("/open311/v2/requests.json", form.toArray(String[]::new));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Long.parseLong(json(r).get(0).get("service_request_id").asString());
    }

    @Test
    void discoveryNamesTheEndpointAndItsFormats() {
        JsonNode d = json(get("/open311/v2/discovery.json"));
        assertThat(names(d)).containsExactly("changeset", "contact", "key_service", "endpoints");
        JsonNode endpoint = d.get("endpoints").get(0);
        assertThat(names(endpoint)).containsExactly("specification", "url", "changeset", "type", "formats");
        assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asString()).isEqualTo("http://localhost:" + port + "/open311/v2");
        assertThat(endpoint.get("type").asString()).isEqualTo("production");
        assertThat(endpoint.get("formats").toString()).isEqualTo("[\"text/xml\",\"application/json\"]");

        Element x = xml(get("/open311/v2/discovery.xml"));
        assertThat(x.getNodeName()).isEqualTo("discovery");
        Element e = child(child(x, "endpoints"), "endpoint");
        assertThat(childNames(child(e, "formats"))).containsExactly("format", "format");
    }

    @Test
    void servicesAndTheirDefinitionsInJsonAndXml() {
        JsonNode services = json(get("/open311/v2/services.json", "Accept-Language", "en"));
        assertThat(services.isArray()).isTrue();
        JsonNode p = find(services, "service_code", pothole);
        assertThat(names(p)).containsExactly("service_code", "service_name", "description", "metadata", "type",
                "keywords", "group");
        assertThat(p.get("service_name").asString()).isEqualTo("Pothole");
        assertThat(p.get("description").asString()).isEqualTo("A damaged road surface");
        assertThat(p.get("metadata").asBoolean()).isTrue();
        assertThat(p.get("type").asString()).isEqualTo("realtime");
        assertThat(p.get("keywords").asString()).isEqualTo("road, đường");
        assertThat(p.get("group").asString()).isEqualTo("streets");
        JsonNode n = find(services, "service_code", noise);
        assertThat(n.get("metadata").asBoolean()).as("no attributes, no definition to fetch").isFalse();
        assertThat(n.get("description").isNull()).as("empty elements are null in JSON").isTrue();
        // Vietnamese unless the client asks for English
        assertThat(find(json(get("/open311/v2/services.json")), "service_code", pothole).get("service_name").asString())
                .isEqualTo("Ổ gà");

        Element list = xml(get("/open311/v2/services.xml", "Accept-Language", "en"));
        assertThat(list.getNodeName()).isEqualTo("services");
        Element service = null;
        for (Node c = list.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (child(c, "service_code").getTextContent().equals(pothole)) {
                service = (Element) c;
            }
        }
        assertThat(service).isNotNull();
        assertThat(service.getNodeName()).isEqualTo("service");
        assertThat(childNames(service)).containsExactly("service_code", "service_name", "description", "metadata", "type",
                "keywords", "group");
        assertThat(child(service, "metadata").getTextContent()).isEqualTo("true");

        JsonNode def = json(get("/open311/v2/services/" + pothole + ".json", "Accept-Language", "en"));
        assertThat(names(def)).containsExactly("service_code", "attributes");
        assertThat(def.get("attributes")).hasSize(3);
        JsonNode size = def.get("attributes").get(0);
        assertThat(names(size)).containsExactly("variable", "code", "datatype", "required", "datatype_description",
                "order", "description", "values");
        assertThat(size.get("variable").asBoolean()).isTrue();
        assertThat(size.get("code").asString()).isEqualTo("size");
        assertThat(size.get("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(size.get("required").asBoolean()).isTrue();
        assertThat(size.get("order").asInt()).isEqualTo(1);
        assertThat(size.get("description").asString()).isEqualTo("How large is it?");
        assertThat(size.get("values").toString()).isEqualTo("[{\"key\":\"small\",\"name\":\"Small\"},{\"key\":\"large\",\"name\":\"Large\"}]");
        assertThat(def.get("attributes").get(2).get("datatype_description").asString()).isEqualTo("centimetres");

        Element xdef = xml(get("/open311/v2/services/" + pothole + ".xml"));
        assertThat(xdef.getNodeName()).isEqualTo("service_definition");
        Element first = child(child(xdef, "attributes"), "attribute");
        assertThat(childNames(first)).containsExactly("variable", "code", "datatype", "required", "datatype_description",
                "order", "description", "values");
        assertThat(childNames(child(first, "values"))).containsExactly("value", "value");
        assertThat(child(first, "description").getTextContent()).isEqualTo("Ổ gà lớn cỡ nào?");

        HttpResponse<String> missing = get("/open311/v2/services/no-such-" + suffix + ".json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(names(json(missing).get(0))).containsExactly("code", "description");
        assertThat(json(missing).get(0).get("code").asInt()).isEqualTo(404);
        HttpResponse<String> missingXml = get("/open311/v2/services/no-such-" + suffix + ".xml");
        assertThat(missingXml.statusCode()).isEqualTo(404);
        Element errors = xml(missingXml);
        assertThat(errors.getNodeName()).isEqualTo("errors");
        assertThat(childNames(child(errors, "error"))).containsExactly("code", "description");
        assertThat(get("/open311/v2/services.csv").statusCode()).isEqualTo(404);
    }

    @Test
    void filingNeedsAKeyAPlaceAndValidAnswers() {
        HttpResponse<String> noKey = post("/open311/v2/requests.json", "service_code", pothole, "lat", "16.05", "long", "108.2");
        assertThat(noKey.statusCode()).isEqualTo(403);
        assertThat(json(noKey).get(0).get("code").asInt()).isEqualTo(403);
        assertThat(json(noKey).get(0).get("description").asString()).contains("api_key");
        HttpResponse<String> badKey = post("/open311/v2/requests.xml", "api_key", "saola_not-a-key", "service_code", pothole);
        assertThat(badKey.statusCode()).isEqualTo(403);
        assertThat(child(child(xml(badKey), "error"), "code").getTextContent()).isEqualTo("403");

        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "lat", "16.05", "long", "108.2"), 400, "service_code");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", "none-" + suffix, "lat", "16.05",
                "long", "108.2"), 404, "none-" + suffix);
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise), 400, "where the problem is");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "lat", "16.05"), 400, "long");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "lat", "north", "long", "108"),
                400, "lat");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", pothole, "lat", "16.05", "long",
                "108.2"), 400, "attribute[size] is required");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", pothole, "lat", "16.05", "long",
                "108.2", "attribute[size]", "huge"), 400, "must be one of [small, large]");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", pothole, "lat", "16.05", "long",
                "108.2", "attribute[size]", "small", "attribute[depth]", "deep"), 400, "attribute[depth] is a number");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", pothole, "lat", "16.05", "long",
                "108.2", "attribute[size]", "small", "attribute[colour]", "red"), 400, "colour");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "address_string", "12 Lê Lợi",
                "description", "x".repeat(4001)), 400, "4000");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "address_string", "12 Lê Lợi",
                "email", "not-an-address@"), 400, "email");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "address_string", "12 Lê Lợi",
                "jurisdiction_id", "another-city.gov"), 404, "jurisdiction_id");
    }

    private static void assertError(HttpResponse<String> r, int status, String mentioned) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode errors = JSON.readTree(r.body());
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(status);
        assertThat(errors.get(0).get("description").asString()).contains(mentioned);
    }

    @Test
    void aFiledRequestIsAnsweredWithItsIdAndReadBackFieldByField() {
        HttpResponse<String> r = post("/open311/v2/requests.json", "api_key", apiKey, "service_code", pothole, "lat",
                "16.0544", "long", "108.2022", "address_string", "Chợ Hàn, Đà Nẵng", "attribute[size]", "large",
                "attribute[lanes][]", "left", "attribute[lanes][]", "right", "attribute[depth]", "12",
                "description", "A deep pothole in front of the market");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode created = json(r);
        assertThat(created).hasSize(1);
        assertThat(names(created.get(0))).as("a realtime service: the id, never a token beside it")
                .containsExactly("service_request_id", "service_notice", "account_id");
        String id = created.get(0).get("service_request_id").asString();
        assertThat(created.get(0).get("account_id").isNull()).isTrue();

        JsonNode one = json(get("/open311/v2/requests/" + id + ".json", "Accept-Language", "en"));
        assertThat(one).hasSize(1);
        JsonNode req = one.get(0);
        assertThat(names(req)).containsExactlyElementsOf(REQUEST_FIELDS);
        assertThat(req.get("service_request_id").asString()).isEqualTo(id);
        assertThat(req.get("status").asString()).isEqualTo("open");
        assertThat(req.get("service_name").asString()).isEqualTo("Pothole");
        assertThat(req.get("service_code").asString()).isEqualTo(pothole);
        assertThat(req.get("description").asString()).isEqualTo("A deep pothole in front of the market");
        assertThat(req.get("agency_responsible").asString()).isEqualTo("Urban management");
        assertThat(req.get("requested_datetime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00");
        assertThat(req.get("address").asString()).isEqualTo("Chợ Hàn, Đà Nẵng");
        assertThat(req.get("lat").asDouble()).isEqualTo(16.0544);
        assertThat(req.get("long").asDouble()).isEqualTo(108.2022);
        assertThat(req.get("zipcode").isNull()).isTrue();

        Element x = xml(get("/open311/v2/requests/" + id + ".xml"));
        assertThat(x.getNodeName()).isEqualTo("service_requests");
        assertThat(childNames(child(x, "request"))).containsExactlyElementsOf(REQUEST_FIELDS);
        assertThat(child(child(x, "request"), "service_name").getTextContent()).isEqualTo("Ổ gà");

        HttpResponse<String> createdXml = post("/open311/v2/requests.xml", "api_key", apiKey, "service_code", noise,
                "address_string", "45 Bạch Đằng");
        assertThat(createdXml.statusCode()).isEqualTo(200);
        Element answer = xml(createdXml);
        assertThat(answer.getNodeName()).isEqualTo("service_requests");
        assertThat(childNames(child(answer, "request"))).containsExactly("service_request_id", "service_notice", "account_id");

        String token = jdbc.sql("SELECT token::text FROM report WHERE id = ?").param(Long.parseLong(id)).query(String.class).single();
        JsonNode byToken = json(get("/open311/v2/tokens/" + token + ".json"));
        assertThat(names(byToken.get(0))).containsExactly("service_request_id", "token");
        assertThat(byToken.get(0).get("service_request_id").asString()).isEqualTo(id);
        assertThat(get("/open311/v2/tokens/" + UUID.randomUUID() + ".json").statusCode()).isEqualTo(404);
        assertThat(get("/open311/v2/requests/99999999999.json").statusCode()).isEqualTo(404);
        assertThat(get("/open311/v2/requests/abc.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void requestsAreFilteredByIdCodeStatusAndDates() {
        long a = file();
        long b = file();
        HttpResponse<String> c = post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "lat", "16.0601",
                "long", "108.2187");
        long noiseId = Long.parseLong(json(c).get(0).get("service_request_id").asString());
        client().post("/api/v1/reports/" + b + "/status", "{\"status\": \"FIXED\", \"text\": \"Filled on Monday\"}");

        assertThat(ids(get("/open311/v2/requests.json?service_request_id=" + a + "," + noiseId + "&status=closed")))
                .as("service_request_id overrides every other argument").containsExactlyInAnyOrder(a, noiseId);
        assertThat(ids(get("/open311/v2/requests.json?service_code=" + pothole))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(get("/open311/v2/requests.json?service_code=" + pothole + "," + noise))).contains(a, b, noiseId);
        assertThat(ids(get("/open311/v2/requests.json?service_code=" + pothole + "&status=open"))).containsExactly(a);
        JsonNode closed = json(get("/open311/v2/requests.json?service_code=" + pothole + "&status=closed"));
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).get("status").asString()).isEqualTo("closed");
        assertThat(closed.get(0).get("status_notes").asString()).isEqualTo("Filled on Monday");

        // Dates: a w3 datetime with its zone; a '+' sent unencoded arrives as a space and still counts.
        assertThat(ids(get("/open311/v2/requests.json?service_code=" + pothole + "&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")))
                .isEmpty();
        String today = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
                .format(clock.instant().minus(java.time.Duration.ofDays(1)).atOffset(java.time.ZoneOffset.ofHours(7)));
        assertThat(ids(get("/open311/v2/requests.json?service_code=" + pothole + "&start_date=" + today.replace("+", "%20"))))
                .containsExactlyInAnyOrder(a, b);
        assertError(get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), 400, "90 days");
        assertError(get("/open311/v2/requests.json?start_date=yesterday"), 400, "start_date");
        assertError(get("/open311/v2/requests.json?status=pending"), 400, "status");
        assertError(get("/open311/v2/requests.json?jurisdiction_id=elsewhere.gov"), 404, "jurisdiction_id");
        assertThat(get("/open311/v2/requests.json?jurisdiction_id=default").statusCode()).isEqualTo(200);
    }

    @Test
    void aListInXmlHasEveryFieldInOrderAndBothStatusesCanBeAskedAtOnce() {
        long a = file("address_string", "Chợ Hàn, Đà Nẵng");
        long b = file();
        SaolaClient.Response notFixed = client().post("/api/v1/reports/" + b + "/status",
                "{\"status\": \"NOT_FIXED\", \"text\": \"Private land, not the city's\"}");
        assertThat(notFixed.status()).as(notFixed.body()).isEqualTo(200);

        assertThat(ids(get("/open311/v2/requests.json?service_code=" + pothole + "&status=open,closed"))).containsExactlyInAnyOrder(a, b);
        Element list = xml(get("/open311/v2/requests.xml?service_code=" + pothole + "&status=open,closed", "Accept-Language", "en"));
        assertThat(list.getNodeName()).isEqualTo("service_requests");
        List<Element> requests = new ArrayList<>();
        for (Node c = list.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                assertThat(e.getNodeName()).isEqualTo("request");
                assertThat(childNames(e)).containsExactlyElementsOf(REQUEST_FIELDS);
                requests.add(e);
            }
        }
        assertThat(requests).hasSize(2);
        Element open = requests.stream().filter(e -> child(e, "service_request_id").getTextContent().equals(String.valueOf(a)))
                .findFirst().orElseThrow();
        assertThat(child(open, "status").getTextContent()).isEqualTo("open");
        assertThat(child(open, "service_name").getTextContent()).isEqualTo("Pothole");
        assertThat(child(open, "service_code").getTextContent()).isEqualTo(pothole);
        assertThat(child(open, "description").getTextContent()).isEqualTo("A deep pothole in front of the market");
        assertThat(child(open, "agency_responsible").getTextContent()).isEqualTo("Urban management");
        assertThat(child(open, "address").getTextContent()).isEqualTo("Chợ Hàn, Đà Nẵng");
        assertThat(child(open, "requested_datetime").getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00");
        assertThat(child(open, "expected_datetime").getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00");
        assertThat(Double.parseDouble(child(open, "lat").getTextContent())).isEqualTo(16.0544);
        assertThat(Double.parseDouble(child(open, "long").getTextContent())).isEqualTo(108.2022);
        assertThat(child(open, "zipcode").getTextContent()).isEmpty();
        Element closed = requests.stream().filter(e -> e != open).findFirst().orElseThrow();
        assertThat(child(closed, "status").getTextContent()).isEqualTo("closed");
        assertThat(child(closed, "status_notes").getTextContent()).isEqualTo("Private land, not the city's");
    }

    @Test
    void aLinkedPhotoAndAnAddressIdAreKeptAndGivenBackAndATokenIsReadInXml() {
        HttpResponse<String> r = post("/open311/v2/requests.json", "api_key", apiKey, "service_code", pothole, "address_id",
                "DN-HC-000123", "attribute[size]", "small", "media_url", "https://photos.example.vn/pothole-123.jpg");
        assertThat(r.statusCode()).as("an address_id alone places a request: " + r.body()).isEqualTo(200);
        String id = json(r).get(0).get("service_request_id").asString();
        JsonNode req = json(get("/open311/v2/requests/" + id + ".json")).get(0);
        assertThat(req.get("address_id").asString()).isEqualTo("DN-HC-000123");
        assertThat(req.get("media_url").asString()).isEqualTo("https://photos.example.vn/pothole-123.jpg");
        assertThat(req.get("lat").isNull()).isTrue();
        Element x = child(xml(get("/open311/v2/requests/" + id + ".xml")), "request");
        assertThat(child(x, "address_id").getTextContent()).isEqualTo("DN-HC-000123");
        assertThat(child(x, "media_url").getTextContent()).isEqualTo("https://photos.example.vn/pothole-123.jpg");
        assertError(post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "address_id", "DN-HC-000124",
                "media_url", "javascript:alert(1)"), 400, "media_url");

        String token = jdbc.sql("SELECT token::text FROM report WHERE id = ?").param(Long.parseLong(id)).query(String.class).single();
        Element byToken = xml(get("/open311/v2/tokens/" + token + ".xml"));
        assertThat(byToken.getNodeName()).isEqualTo("service_requests");
        assertThat(childNames(child(byToken, "request"))).containsExactly("service_request_id", "token");
        assertThat(child(child(byToken, "request"), "service_request_id").getTextContent()).isEqualTo(id);
        assertThat(child(child(byToken, "request"), "token").getTextContent()).isEqualTo(token);
        HttpResponse<String> unknown = get("/open311/v2/tokens/" + UUID.randomUUID() + ".xml");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(child(child(xml(unknown), "error"), "code").getTextContent()).isEqualTo("404");
    }

    @Test
    void aKeyFilingTooFastIsToldToWaitInTheSpecificationsErrorArray() throws Exception {
        String hasty = client().issueApiKey("hasty app " + suffix, "ANALYST");
        // Every filing counts against its key, a refused one too: 60 an hour (saola.rate-limits.reports-per-hour).
        // Paced under the per-address limit of public routes (30/s), which is another limit.
        for (int i = 0; i < 60; i++) {
            assertThat(post("/open311/v2/requests.json", "api_key", hasty, "lat", "16.05", "long", "108.2").statusCode()).isEqualTo(400);
            Thread.sleep(40);
        }
        HttpResponse<String> refused = post("/open311/v2/requests.json", "api_key", hasty, "service_code", noise,
                "address_string", "12 Lê Lợi");
        assertThat(refused.statusCode()).as("the specification's statuses: 400 with the more precise code in the body")
                .isEqualTo(400);
        assertThat(json(refused).get(0).get("code").asInt()).isEqualTo(429);
        assertThat(json(refused).get(0).get("description").asString()).contains("too many requests filed with this api_key");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        HttpResponse<String> refusedXml = post("/open311/v2/requests.xml", "api_key", hasty, "service_code", noise,
                "address_string", "12 Lê Lợi");
        assertThat(child(child(xml(refusedXml), "error"), "code").getTextContent()).isEqualTo("429");
        // Nothing of it was filed, and another client's key is not held back.
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE service_code = ? AND address = '12 Lê Lợi'").param(noise)
                .query(Long.class).single()).isZero();
        file();
    }

    private static List<Long> ids(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json(r).forEach(n -> ids.add(Long.parseLong(n.get("service_request_id").asString())));
        return ids;
    }

    @Test
    void aSensitiveCategoryIsPlacedApproximatelyInPublic() {
        HttpResponse<String> r = post("/open311/v2/requests.json", "api_key", apiKey, "service_code", noise, "lat", "16.061234",
                "long", "108.218765");
        String id = json(r).get(0).get("service_request_id").asString();
        JsonNode req = json(get("/open311/v2/requests/" + id + ".json")).get(0);
        assertThat(req.get("lat").asDouble()).isNotEqualTo(16.061234).isCloseTo(16.061234, org.assertj.core.data.Offset.offset(0.0015));
        assertThat(req.get("long").asDouble()).isNotEqualTo(108.218765).isCloseTo(108.218765, org.assertj.core.data.Offset.offset(0.0015));
        JsonNode again = json(get("/open311/v2/requests/" + id + ".json")).get(0);
        assertThat(again.get("lat").asDouble()).as("the same cell every time").isEqualTo(req.get("lat").asDouble());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asString().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
