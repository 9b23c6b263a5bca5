package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.platform.retention.RetentionJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Retention as the city relies on it: readings older than their period are gone (latest states stay), a report
 * closed long enough ago no longer leads to its reporter, each run counted and shown to administrators.
 */
class RetentionTest extends PlatformTest {

    @Autowired
    RetentionJob retention;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void oldReadingsGoLatestStatesStayAndEachRunIsCounted() {
        String id = "urn:ngsi-ld:RetentionProbe:" + UUID.randomUUID();
        assertThat(client().send("POST", "/ngsi-ld/v1/entities", """
                {"id":"%s","type":"RetentionProbe","level":{"type":"Property","value":1.5,"observedAt":"1990-01-01T00:00:00Z"}}"""
                .formatted(id), "Content-Type", "application/json").status()).isEqualTo(201);
        assertThat(client().send("POST", "/ngsi-ld/v1/temporal/entities/" + id + "/attrs", """
                {"level":[{"type":"Property","value":2.5,"observedAt":"1991-01-01T00:00:00Z"},
                          {"type":"Property","value":3.5,"observedAt":"%s"}]}""".formatted(clock.instant().minus(Duration.ofDays(1))),
                "Content-Type", "application/json").status()).isEqualTo(204);
        assertThat(history(id)).isEqualTo(3);

        long removed = retention.apply("readings", clock.instant()).orElseThrow();
        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(history(id)).as("the reading of yesterday stays").isEqualTo(1);
        assertThat(client().get("/ngsi-ld/v1/entities/" + id).status()).as("the entity's latest state stays").isEqualTo(200);

        JsonNode categories = client().get("/api/v1/retention").json();
        JsonNode readings = categories.valueStream().filter(c -> c.get("category").asString().equals("readings")).findFirst().orElseThrow();
        assertThat(readings.get("period").asString()).isEqualTo("PT43800H");
        assertThat(readings.get("lastRun").get("removed").asLong()).isEqualTo(removed);
        assertThat(categories.valueStream().map(c -> c.get("category").asString()).toList())
                .containsExactly("audit-records", "data-sharing-uses", "readings", "readings:*:" + HistoryRetentionByTypeTest.SUMMARIZED,
                        "readings:default:" + HistoryRetentionByTypeTest.DROPPED, "rejected-readings", "report-contacts", "sessions");
        String analyst = client().issueApiKey("retention analyst " + UUID.randomUUID(), "ANALYST");
        assertThat(client().withApiKey(analyst).get("/api/v1/retention").status()).isEqualTo(403);
    }

    private long history(String entityId) {
        return jdbc.sql("SELECT count(*) FROM context_attribute_history WHERE entity_id = ?").param(entityId).query(Long.class).single();
    }

    @Test
    void aReportClosedLongAgoNoLongerLeadsToItsReporter() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String department = "ret-" + suffix;
        assertThat(client().post("/api/v1/departments", "{\"code\":\"%s\",\"nameVi\":\"Phòng %s\",\"nameEn\":\"Office %s\"}"
                .formatted(department, suffix, suffix)).status()).isEqualTo(201);
        String service = "ret-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + service, """
                {"nameVi":"Loại","nameEn":"Kind","department":"%s","targetHours":48,"privacy":"EXACT"}""".formatted(department))
                .status()).isEqualTo(201);
        String key = client().issueApiKey("open311 " + suffix, "ANALYST");
        String form = "api_key=" + enc(key) + "&service_code=" + enc(service) + "&lat=16.05&long=108.2&email=" + enc("r-" + suffix + "@mail.example")
                + "&description=" + enc("A broken bench");
        HttpResponse<String> filed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/open311/v2/requests.json")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        long report = Long.parseLong(tools.jackson.databind.json.JsonMapper.builder().build().readTree(filed.body()).get(0)
                .get("service_request_id").asString());
        assertThat(reporter(report)).isPresent();
        SaolaClient.Response closed = client().post("/api/v1/reports/" + report + "/status", "{\"status\":\"FIXED\",\"text\":\"Mended\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);

        retention.apply("report-contacts", clock.instant());
        assertThat(reporter(report)).as("closed today: still tied to its reporter").isPresent();
        retention.apply("report-contacts", clock.instant().plus(Duration.ofDays(366)));
        assertThat(reporter(report)).as("closed over a year before: no longer").isEmpty();
        assertThat(client().anonymous().get("/open311/v2/requests/" + report + ".json").status()).as("the report stays public").isEqualTo(200);
    }

    private java.util.Optional<Object> reporter(long report) {
        return jdbc.sql("SELECT reporter_id FROM report WHERE id = ?").param(report)
                .query((rs, i) -> java.util.Optional.ofNullable(rs.getObject(1))).single();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
