package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.domain.Period;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The register of smart-city projects as a client uses it: a project is checked whole (its rights assessment,
 * its indicators, its department, when it took effect), its progress is posted, and its indicator is compared before
 * and after it took effect, equal to the means recomputed by hand; anyone reads it, as JSON and as open data.
 */
class ProjectsTest extends PlatformTest {

    @Autowired
    Indicators indicators;

    private static final String ASSESSMENT = """
            {"benefitsVi": "Người dân ở các phường ven", "benefitsEn": "Residents of the outer wards",
             "risksVi": "Người cao tuổi không dùng điện thoại", "risksEn": "Older residents without a phone",
             "personalDataVi": "Không", "personalDataEn": "None", "mitigationVi": "Điểm hỗ trợ tại phường",
             "mitigationEn": "Help points at ward offices", "assessedOn": "2024-12-01", "assessedBy": "Sở TT&TT"}""";

    @Test
    void aProjectIsCheckedAndItsIndicatorComparedBeforeAndAfter() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String indicator = "wifi-use-" + run;
        assertThat(client().post("/api/v1/indicators", """
                {"code": "%s", "nameVi": "Người dùng Wi-Fi công cộng", "nameEn": "Public Wi-Fi users", "framework": "Thành phố",
                 "unitVi": "%%", "unitEn": "%%", "frequency": "ANNUAL", "direction": "UP", "methodVi": "Khảo sát.", "methodEn": "Survey."}"""
                .formatted(indicator)).status()).isEqualTo(201);
        Period last = indicators.current(Period.Frequency.ANNUAL).previous();
        Period[] years = {last.previous().previous().previous(), last.previous().previous(), last.previous(), last};
        double[] values = {60, 62, 70, 74};
        for (int i = 0; i < years.length; i++) {
            assertThat(client().post("/api/v1/indicators/" + indicator + "/values", """
                    {"period": "%s", "value": %s, "source": "Khảo sát", "evidence": "https://danang.example/wifi.pdf"}"""
                    .formatted(years[i].label(), values[i])).status()).isEqualTo(200);
        }
        String department = "dx-" + run;
        assertThat(client().post("/api/v1/departments", """
                {"code": "%s", "nameVi": "Sở Thông tin", "nameEn": "Information"}""".formatted(department)).status()).isEqualTo(201);
        LocalDate liveOn = years[2].start();
        String code = "wifi-" + run;
        String body = """
                {"nameVi": "Wi-Fi công cộng", "nameEn": "Public Wi-Fi", "goalVi": "Internet miễn phí ở nơi công cộng",
                 "goalEn": "Free Internet in public places", "department": "%s", "budgetVnd": 12000000000, "partners": ["VNPT"],
                 "status": "%s", "startedOn": "%s", "liveOn": %s, "indicators": ["%s"], "assessment": %s}""";
        String started = years[1].start().toString();

        SaolaClient.Response noAssessment = client().send("PUT", "/api/v1/projects/" + code,
                body.formatted(department, "LIVE", started, "\"" + liveOn + "\"", indicator, "null"));
        assertThat(noAssessment.status()).isEqualTo(400);
        assertThat(noAssessment.json().get("field").asString()).isEqualTo("assessment");
        assertThat(client().send("PUT", "/api/v1/projects/" + code,
                body.formatted(department, "LIVE", started, "null", indicator, ASSESSMENT)).json().get("field").asString()).isEqualTo("liveOn");
        assertThat(client().send("PUT", "/api/v1/projects/" + code,
                body.formatted(department, "LIVE", started, "\"" + liveOn + "\"", "no-such-indicator", ASSESSMENT)).json().get("field")
                .asString()).isEqualTo("indicators[0]");
        assertThat(client().send("PUT", "/api/v1/projects/" + code,
                body.formatted("no-such-department", "LIVE", started, "\"" + liveOn + "\"", indicator, ASSESSMENT)).json().get("field")
                .asString()).isEqualTo("department");
        assertThat(client().anonymous().send("PUT", "/api/v1/projects/" + code,
                body.formatted(department, "LIVE", started, "\"" + liveOn + "\"", indicator, ASSESSMENT)).status()).isEqualTo(401);
        SaolaClient.Response made = client().send("PUT", "/api/v1/projects/" + code,
                body.formatted(department, "LIVE", started, "\"" + liveOn + "\"", indicator, ASSESSMENT));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(client().send("PUT", "/api/v1/projects/" + code,
                body.formatted(department, "COMPLETED", started, "\"" + liveOn + "\"", indicator, ASSESSMENT)).status()).isEqualTo(200);

        assertThat(client().post("/api/v1/projects/" + code + "/progress", """
                {"on": "2999-01-01", "percent": 50, "noteVi": "x", "noteEn": "x"}""").status()).isEqualTo(400);
        assertThat(client().post("/api/v1/projects/" + code + "/progress", """
                {"on": "%s", "percent": 140, "noteVi": "x", "noteEn": "x"}""".formatted(liveOn)).json().get("field").asString())
                .isEqualTo("percent");
        assertThat(client().post("/api/v1/projects/" + code + "/progress", """
                {"on": "%s", "percent": 100, "spentVnd": 11500000000, "noteVi": "Đã lắp 300 điểm", "noteEn": "300 hotspots installed"}"""
                .formatted(liveOn)).status()).isEqualTo(200);

        // Before: the years that ended by the day it went live (60, 62); after: those that began on or after it (70, 74).
        JsonNode p = client().anonymous().get("/public/v1/projects/" + code).json();
        assertThat(p.get("project").get("status").asString()).isEqualTo("COMPLETED");
        assertThat(p.get("progress").get(0).get("noteEn").asString()).isEqualTo("300 hotspots installed");
        JsonNode impact = p.get("impact").get(0);
        assertThat(impact.get("beforeMean").asDouble()).isCloseTo((60 + 62) / 2.0, within(1e-9));
        assertThat(impact.get("afterMean").asDouble()).isCloseTo((70 + 74) / 2.0, within(1e-9));
        assertThat(impact.get("change").asDouble()).isCloseTo(72 - 61, within(1e-9));
        assertThat(impact.get("verdict").asString()).isEqualTo("BETTER");

        JsonNode rows = new OpenDataClient(client()).search("indicators.projects", "{\"project\": \"" + code + "\"}");
        assertThat(rows.get("records").get(0).get("budget_vnd").asLong()).isEqualTo(12_000_000_000L);
        assertThat(rows.get("records").get(0).get("department").asString()).isEqualTo(department);

        assertThat(client().delete("/api/v1/projects/" + code).status()).isEqualTo(204);
        assertThat(client().anonymous().get("/public/v1/projects/" + code).status()).isEqualTo(404);
    }
}
