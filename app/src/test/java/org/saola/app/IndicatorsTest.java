package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.domain.Period;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's indicators as a client uses them: computed indicators equal their value recomputed by hand from the
 * rows they rest on; groups resting on fewer than ten people are kept back; figures entered by hand need a source
 * and evidence; the city's own definitions are checked against the measures the platform has; the scheduled job
 * records the last period once and the current one so far, and measures flows back a year.
 */
class IndicatorsTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Indicators indicators;

    private long file(String service, String apiKey) {
        String body = "api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8) + "&service_code=" + service
                + "&lat=16.0678&long=108.2208&description=" + URLEncoder.encode("Ổ gà trước chợ", StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Long.parseLong(JSON.readTree(r.body()).get(0).get("service_request_id").asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode period(JsonNode series, String label) {
        for (JsonNode p : series.get("periods")) {
            if (p.get("period").asString().equals(label)) {
                return p;
            }
        }
        throw new AssertionError("no period " + label + " in " + series);
    }

    private JsonNode compute(String code, String period) {
        SaolaClient.Response r = client().post("/api/v1/indicators/" + code + "/compute", "{\"period\": \"" + period + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return period(r.json(), period);
    }

    @Test
    void computedIndicatorsEqualTheirRowsRecomputedByHand() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String service = "pothole-ind-" + suffix;
        assertThat(client().send("PUT", "/api/v1/report-services/" + service, """
                {"nameVi": "Ổ gà", "nameEn": "Pothole", "targetHours": 72}""").status()).isEqualTo(201);
        String key = client().issueApiKey("indicators app " + suffix, "ANALYST");
        List<Long> filed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            filed.add(file(service, key));
        }
        for (int i = 0; i < 3; i++) {
            SaolaClient.Response r = client().post("/api/v1/reports/" + filed.get(i) + "/status", "{\"status\": \"FIXED\", \"text\": \"Đã vá\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        Period month = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE);
        Instant from = month.from(ZONE);

        // Reports fixed on time: of the reports closed as fixed this month, those closed by their expected time.
        JsonNode onTime = compute("reports-fixed-on-time", month.label());
        Instant to = clock.instant();
        List<Map<String, Object>> fixed = jdbc.sql("""
                SELECT ward, closed_at, expected_at, requested_at FROM report
                WHERE tenant_id = 'default' AND status = 'FIXED' AND closed_at >= ? AND closed_at < ?""")
                .params(Timestamp.from(from), Timestamp.from(to)).query().listOfRows();
        assertThat(fixed.size()).isGreaterThanOrEqualTo(3);
        long inTime = fixed.stream().filter(r -> !((Timestamp) r.get("closed_at")).after((Timestamp) r.get("expected_at"))).count();
        assertThat(onTime.get("value").asDouble()).isCloseTo(100.0 * inTime / fixed.size(), within(1e-9));
        assertThat(onTime.get("provisional").asBoolean()).isTrue();
        assertThat(onTime.get("inputs").get("reports.fixed").asLong()).isEqualTo(fixed.size());

        // Median days to fix, by hand: sort the durations, take the middle (or the mean of the two middle ones).
        JsonNode median = compute("reports-median-days-to-fix", month.label());
        List<Double> days = new ArrayList<>(fixed.stream().map(r -> (((Timestamp) r.get("closed_at")).getTime()
                - ((Timestamp) r.get("requested_at")).getTime()) / 86_400_000.0).sorted().toList());
        double mid = days.size() % 2 == 1 ? days.get(days.size() / 2) : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2;
        assertThat(median.get("value").asDouble()).isCloseTo(mid, within(1e-6));

        // Reports filed, by channel: each channel's count, kept back when it rests on fewer than ten reports.
        JsonNode reports = compute("reports-filed", month.label());
        Instant to2 = clock.instant();
        Map<String, Long> byChannel = new HashMap<>();
        jdbc.sql("""
                SELECT CASE WHEN source LIKE 'open311:%' THEN 'open311' ELSE source END, count(*) FROM report
                WHERE tenant_id = 'default' AND requested_at >= ? AND requested_at < ? GROUP BY 1""")
                .params(Timestamp.from(from), Timestamp.from(to2)).query((rs, i) -> byChannel.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(reports.get("value").asLong()).isEqualTo(byChannel.values().stream().mapToLong(Long::longValue).sum());
        assertThat(byChannel.get("open311")).isGreaterThanOrEqualTo(4);
        // Kept back by hand: under ten reports; and when that leaves one channel hidden alone, the smallest other one.
        java.util.Set<String> hidden = new java.util.HashSet<>();
        byChannel.forEach((c, n) -> {
            if (n > 0 && n < 10) {
                hidden.add(c);
            }
        });
        if (hidden.size() == 1) {
            byChannel.entrySet().stream().filter(e -> !hidden.contains(e.getKey()) && e.getValue() > 0)
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .ifPresent(e -> hidden.add(e.getKey()));
        }
        for (JsonNode g : reports.get("groups").get("channel")) {
            long n = byChannel.get(g.get("group").asString());
            assertThat(g.get("hidden").asBoolean()).as(g.toString()).isEqualTo(hidden.contains(g.get("group").asString()));
            if (!hidden.contains(g.get("group").asString())) {
                assertThat(g.get("value").asLong()).isEqualTo(n);
            } else {
                assertThat(g.hasNonNull("value")).isFalse();
            }
        }

        // Residents taking part per 100 000: the official population entered with its source.
        assertThat(client().send("PUT", "/api/v1/indicators/city-figures", """
                {"figures": [{"figure": "population", "ward": "", "value": 1245000, "source": "Niên giám thống kê 2025"},
                             {"figure": "area_km2", "ward": "", "value": 1285.4, "source": "Niên giám thống kê 2025"}]}""").status())
                .isEqualTo(200);
        JsonNode participants = compute("participants-per-100000", month.label());
        double people = participants.get("inputs").get("participation.participants").asDouble();
        assertThat(participants.get("value").asDouble()).isCloseTo(100_000 * people / 1_245_000, within(1e-9));

        // Open data: the datasets published over the inventory.
        JsonNode open = compute("open-data", month.label());
        long published = jdbc.sql("SELECT count(*) FROM opendata_dataset WHERE tenant_id = 'default'").query(Long.class).single();
        assertThat(open.get("inputs").get("opendata.datasets_published").asLong()).isEqualTo(published);
        double offered = open.get("inputs").get("opendata.datasets_offered").asDouble();
        assertThat(offered).isGreaterThanOrEqualTo(published).isPositive();
        assertThat(open.get("value").asDouble()).isCloseTo(100.0 * published / offered, within(1e-9));

        // Anyone reads them; nobody without the permission changes them.
        SaolaClient.Response pub = client().anonymous().get("/public/v1/indicators/reports-fixed-on-time");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(period(pub.json(), month.label()).get("value").asDouble()).isCloseTo(100.0 * inTime / fixed.size(), within(1e-9));
        assertThat(client().anonymous().post("/api/v1/indicators/open-data/compute", "{\"period\": \"" + month.label() + "\"}").status())
                .isEqualTo(401);
        String analyst = client().issueApiKey("indicators analyst " + suffix, "ANALYST");
        assertThat(client().withApiKey(analyst).post("/api/v1/indicators/open-data/compute", "{\"period\": \"" + month.label() + "\"}")
                .status()).isEqualTo(403);
    }

    @Test
    void figuresEnteredByHandNeedSourceAndEvidenceAndSmallGroupsAreKeptBack() {
        String year = Period.lastEnded(Period.Frequency.ANNUAL, clock.instant(), ZONE).label();
        SaolaClient.Response noSource = client().post("/api/v1/indicators/household-internet-access/values",
                "{\"period\": \"" + year + "\", \"value\": 81.5, \"evidence\": \"https://thongke.danang.gov.vn/khao-sat\"}");
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noSource.body()).contains("source");
        SaolaClient.Response badEvidence = client().post("/api/v1/indicators/household-internet-access/values",
                "{\"period\": \"" + year + "\", \"value\": 81.5, \"source\": \"Khảo sát hộ gia đình\", \"evidence\": \"a survey\"}");
        assertThat(badEvidence.status()).isEqualTo(400);
        assertThat(badEvidence.body()).contains("evidence");
        assertThat(client().post("/api/v1/indicators/household-internet-access/values",
                "{\"period\": \"2026-11\", \"value\": 81.5, \"source\": \"s\", \"evidence\": \"https://x.vn/a\"}").status()).isEqualTo(400);
        assertThat(client().post("/api/v1/indicators/reports-filed/values",
                "{\"period\": \"2026-11\", \"value\": 3, \"source\": \"s\", \"evidence\": \"https://x.vn/a\"}").status()).isEqualTo(409);
        SaolaClient.Response entered = client().post("/api/v1/indicators/household-internet-access/values", """
                {"period": "%s", "value": 81.5, "source": "Khảo sát hộ gia đình %s, Cục Thống kê", "evidence": "https://thongke.danang.gov.vn/khao-sat",
                 "groups": [{"grouping": "gender", "group": "nữ", "value": 80.1, "sampleSize": 612},
                            {"grouping": "gender", "group": "nam", "value": 82.9, "sampleSize": 590},
                            {"grouping": "age_group", "group": "75+", "value": 31.0, "sampleSize": 7}]}""".formatted(year, year));
        assertThat(entered.status()).as(entered.body()).isEqualTo(200);
        JsonNode p = period(client().anonymous().get("/public/v1/indicators/household-internet-access").json(), year);
        assertThat(p.get("value").asDouble()).isEqualTo(81.5);
        assertThat(p.get("origin").asString()).isEqualTo("ENTERED");
        assertThat(p.get("evidence").asString()).isEqualTo("https://thongke.danang.gov.vn/khao-sat");
        assertThat(p.get("groups").get("gender").toString()).contains("\"nữ\"").contains("80.1");
        JsonNode old = p.get("groups").get("age_group").get(0);
        assertThat(old.get("hidden").asBoolean()).isTrue();
        assertThat(old.hasNonNull("value")).isFalse();
        assertThat(client().post("/api/v1/indicators/household-internet-access/values", """
                {"period": "%s", "value": 81.5, "source": "s", "evidence": "https://x.vn/a",
                 "groups": [{"grouping": "religion", "group": "x", "value": 1, "sampleSize": 100}]}""".formatted(year)).body())
                .contains("groups[0].grouping");

        // The indicator's open dataset: the city's value and the groups that may be published, never the small one.
        JsonNode published = new OpenDataClient(client()).search("indicators.values:household-internet-access",
                "{\"period\": \"" + year + "\"}");
        List<String> groups = new ArrayList<>();
        published.get("records").forEach(r -> groups.add(r.path("grp").asString("")));
        assertThat(groups).contains("", "nữ", "nam").doesNotContain("75+");

        // A target, shown with the indicator.
        assertThat(client().send("PUT", "/api/v1/indicators/household-internet-access/target",
                "{\"value\": 95, \"year\": 2030, \"note\": \"Chương trình chuyển đổi số\"}").status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode i : client().anonymous().get("/public/v1/indicators").json()) {
            if (i.get("code").asString().equals("household-internet-access")) {
                listed = i;
            }
        }
        assertThat(listed.get("target").get("value").asDouble()).isEqualTo(95.0);
        assertThat(listed.get("latest").get("period").asString()).isEqualTo(year);
        assertThat(listed.get("clause").asString()).isEqualTo("EC: ICT: ICT: 1C");
    }

    @Test
    void theCitysOwnDefinitionsAreCheckedAgainstTheMeasures() {
        String code = "fixed-" + UUID.randomUUID().toString().substring(0, 6);
        String body = """
                {"code": "%s", "nameVi": "Phản ánh đã xử lý", "nameEn": "Reports fixed", "framework": "Bộ chỉ số quốc gia",
                 "unitVi": "phản ánh", "unitEn": "reports", "formula": "%s", "frequency": "MONTHLY", "direction": "UP",
                 "disaggregation": %s, "methodVi": "Số phản ánh đã xử lý.", "methodEn": "Reports fixed."}""";
        SaolaClient.Response unknown = client().post("/api/v1/indicators", body.formatted(code, "reports.repaired", "[]"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("reports.repaired");
        SaolaClient.Response badSplit = client().post("/api/v1/indicators", body.formatted(code, "reports.fixed", "[\"channel\"]"));
        assertThat(badSplit.status()).isEqualTo(400);
        assertThat(badSplit.body()).contains("cannot be split by channel");
        assertThat(client().post("/api/v1/indicators", body.formatted(code, "reports.fixed +", "[]")).body()).contains("formula");
        assertThat(client().post("/api/v1/indicators", body.formatted("open-data", "reports.fixed", "[]")).status()).isEqualTo(409);
        SaolaClient.Response made = client().post("/api/v1/indicators", body.formatted(code, "reports.fixed", "[\"ward\"]"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("builtIn").asBoolean()).isFalse();
        Period month = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE);
        assertThat(compute(code, month.label()).get("value").isNumber()).isTrue();
        assertThat(client().delete("/api/v1/indicators/" + code).status()).isEqualTo(204);
        assertThat(client().get("/api/v1/indicators/" + code).status()).isEqualTo(404);
        assertThat(client().delete("/api/v1/indicators/open-data").status()).isEqualTo(409);
    }

    @Test
    void theScheduledRunRecordsTheLastPeriodOnceAndMeasuresFlowsBackAYear() {
        // A report filed three months ago (as a city's imported history would have it).
        Period month = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE);
        Period threeBack = month.previous().previous().previous();
        String service = "old-ind-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client().send("PUT", "/api/v1/report-services/" + service, """
                {"nameVi": "Cây đổ", "nameEn": "Fallen tree", "targetHours": 24}""").status()).isEqualTo(201);
        Instant then = threeBack.from(ZONE).plus(Duration.ofDays(3));
        jdbc.sql("""
                INSERT INTO report (tenant_id, id, token, service_code, status, requested_at, updated_at, expected_at, source)
                VALUES ('default', nextval('report_number'), gen_random_uuid(), ?, 'OPEN', ?, ?, ?, 'web')""")
                .params(service, Timestamp.from(then), Timestamp.from(then), Timestamp.from(then.plus(Duration.ofDays(1)))).update();
        indicators.schedule(org.saola.platform.TenantId.of("default"));
        indicators.run();
        JsonNode filed = client().get("/api/v1/indicators/reports-filed").json();
        List<String> periods = new ArrayList<>();
        filed.get("periods").forEach(p -> periods.add(p.get("period").asString()));
        assertThat(periods).contains(month.label(), month.previous().label(), threeBack.label());
        assertThat(period(filed, month.previous().label()).get("provisional").asBoolean()).isFalse();
        assertThat(period(filed, threeBack.label()).get("provisional").asBoolean()).isFalse();
        assertThat(period(filed, threeBack.label()).get("value").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(period(filed, month.label()).get("provisional").asBoolean()).isTrue();
        // A snapshot (datasets published now) is recorded for the last month and this one, never for older months.
        JsonNode open = client().get("/api/v1/indicators/open-data").json();
        List<String> openPeriods = new ArrayList<>();
        open.get("periods").forEach(p -> openPeriods.add(p.get("period").asString()));
        assertThat(openPeriods).doesNotContain(month.previous().previous().label());
        SaolaClient.Response again = client().post("/api/v1/indicators/open-data/compute",
                "{\"period\": \"" + month.previous().previous().label() + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("things stand");
        assertThat(client().get("/api/v1/indicators/measures").json().toString()).contains("reports.fixed_on_time", "city.population");
    }
}
