package org.saola.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Air and water over the last days: a station's hours at each VN_AQI level and a gauge's hours above its alarm
 * levels, through the API and on the page with its chart; both languages; axe.
 */
class EnvironmentBrowserTest extends BrowserTest {

    @Autowired
    ContextService context;

    @Autowired
    TestClock clock;

    @Test
    void anOperatorReadsTheAirAndTheRiversLastDays() {
        var f = JsonNodeFactory.instance;
        String run = UUID.randomUUID().toString().substring(0, 6);
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
        String station = "urn:ngsi-ld:AirQualityObserved:env-" + run;
        String[] levels = {"good", "moderate", "poor", "poor"};
        for (int h = 0; h < levels.length; h++) {
            context.observe(new EntityUpdate(TenantId.DEFAULT, station, "AirQualityObserved", Map.of(
                    "name", Attribute.property(f.stringNode("Trạm thử " + run)),
                    "airQualityLevel", Attribute.property(f.stringNode(levels[h]), hour.plus(Duration.ofHours(h)), null)))).join();
        }
        String gauge = "urn:ngsi-ld:WaterObserved:env-" + run;
        context.upsert(new EntityUpdate(TenantId.DEFAULT, gauge, "WaterObserved", Map.of(
                "name", Attribute.property(f.stringNode("Trạm sông thử " + run)),
                "alarmLevel1", Attribute.property(f.numberNode(1.6), null, "MTR"),
                "alarmLevel2", Attribute.property(f.numberNode(2.2), null, "MTR"),
                "alarmLevel3", Attribute.property(f.numberNode(2.6), null, "MTR")))).join();
        double[] water = {1.0, 1.8, 1.8, 2.3, 1.0};
        for (int i = 0; i < water.length; i++) {
            context.observe(new EntityUpdate(TenantId.DEFAULT, gauge, "WaterObserved", Map.of("waterLevel",
                    Attribute.property(f.numberNode(water[i]), hour.plus(Duration.ofHours(i)), "MTR")))).join();
        }

        JsonNode air = client().get("/api/v1/environment/air?days=2").json();
        for (JsonNode s : air.get("stations")) {
            if (s.get("id").asString().equals(station)) {
                org.assertj.core.api.Assertions.assertThat(s.at("/hoursAtLevel/poor").asInt()).isEqualTo(2);
            }
        }
        JsonNode gauges = client().get("/api/v1/environment/gauges?days=2").json();
        for (JsonNode g : gauges.get("gauges")) {
            if (g.get("id").asString().equals(gauge)) {
                // At or above 1.6 m from the second reading to the fifth: 3 hours; above 2.2 m, one.
                org.assertj.core.api.Assertions.assertThat(g.get("hoursAbove").get(0).asDouble()).isEqualTo(3.0);
                org.assertj.core.api.Assertions.assertThat(g.get("hoursAbove").get(1).asDouble()).isEqualTo(1.0);
            }
        }
        org.assertj.core.api.Assertions.assertThat(client().get("/api/v1/environment/air?days=400").status()).isEqualTo(400);

        Page page = signedIn();
        page.navigate(url("/operations/lighting?lang=en"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Air and water")).click();
        assertThat(page.locator("h1")).hasText("Air and water");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Trạm thử " + run))).containsText("2");
        assertThat(page.locator("tr[data-gauge='" + gauge + "']")).containsText("3.0 / 1.0 / 0.0");
        assertThat(page.locator("figure svg[data-gauge-chart='" + gauge + "'] path")).hasCount(1);
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Trạm sông thử " + run))).isVisible();
        assertNoViolations(page);
        page.navigate(url("/operations/environment?lang=vi&days=2"));
        assertThat(page.locator("h1")).hasText("Không khí và nước");
        assertNoViolations(page);
        page.context().close();
    }
}
