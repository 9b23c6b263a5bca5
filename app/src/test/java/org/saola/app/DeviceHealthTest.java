package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.devices.health.DeviceWorkItemClosed;
import org.saola.devices.health.DeviceWorkItemOpened;
import org.saola.devices.health.HealthWatch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/**
 * The health watch over real ingestion, with the platform's clock moved instead of waiting: each problem
 * detected, one work item per unhealthy spell for the owning department, closed on recovery with the downtime,
 * and health in the API, the staff pages' data and the public register.
 */
class DeviceHealthTest extends PlatformTest {

    @Autowired
    TestClock clock;
    @Autowired
    HealthWatch watch;
    @Autowired
    ConfigurableApplicationContext context;

    /** The work-item events as another module hears them (a listener added here keeps the shared context). */
    private final List<Object> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() {
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
            if (e.getPayload() instanceof DeviceWorkItemOpened || e.getPayload() instanceof DeviceWorkItemClosed) {
                heard.add(e.getPayload());
            }
        });
    }

    @AfterEach
    void resume() {
        clock.resume();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private SaolaClient.Response send(SaolaClient.Device device, String body) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (device.username() + ":" + device.secret()).getBytes(StandardCharsets.UTF_8));
        SaolaClient.Response r = client().anonymous().send("POST", "/api/v1/telemetry", body, "Authorization", basic,
                "Content-Type", "application/json");
        return r;
    }

    private JsonNode health(SaolaClient.Device device) {
        watch.check();
        return client().get("/api/v1/devices/" + device.id() + "/health").json();
    }

    private List<String> problems(SaolaClient.Device device) {
        return health(device).get("problems").valueStream().map(JsonNode::asString).toList();
    }

    private JsonNode workItems(SaolaClient.Device device) {
        return client().get("/api/v1/devices/" + device.id() + "/work-items").json();
    }

    @Test
    void aSilentDeviceOpensOneWorkItemForItsDepartmentClosedWithTheDowntimeWhenItIsBack() {
        String dept = "hw-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Phòng môi trường","nameEn":"Environment office"}""".formatted(dept)).status())
                .isEqualTo(201);
        SaolaClient.Device station = client().registerStation(id("hw-silent"), 16.06, 108.21);
        assertThat(client().send("PATCH", "/api/v1/devices/" + station.id(),
                "{\"owner\": {\"department\": \"" + dept + "\"}}", "Content-Type", "application/json").status())
                .isEqualTo(200);
        clock.freeze();
        assertThat(health(station).get("status").asString()).as("registered, nothing sent yet").isEqualTo("WAITING");
        assertThat(send(station, "{\"pm25\": 12}").status()).isEqualTo(200);
        JsonNode ok = health(station);
        assertThat(ok.get("status").asString()).isEqualTo("OK");
        assertThat(ok.get("lastReadingAt").asString()).isNotEmpty();

        clock.advance(Duration.ofMinutes(3));
        assertThat(health(station).get("status").asString()).as("three intervals of grace").isEqualTo("OK");
        clock.advance(Duration.ofSeconds(5));
        JsonNode silent = health(station);
        assertThat(silent.get("status").asString()).isEqualTo("UNHEALTHY");
        assertThat(silent.get("problems").get(0).asString()).isEqualTo("SILENT");
        clock.advance(Duration.ofMinutes(10));
        watch.check();
        JsonNode items = workItems(station);
        assertThat(items).as("one work item per spell, however many checks").hasSize(1);
        assertThat(items.at("/0/department").asString()).isEqualTo(dept);
        assertThat(items.get(0).has("closedAt")).as("still open").isFalse();
        assertThat(client().get("/api/v1/device-work-items").json().findValuesAsString("deviceId")).contains(station.id());

        assertThat(send(station, "{\"pm25\": 14}").status()).isEqualTo(200);
        assertThat(health(station).get("status").asString()).isEqualTo("OK");
        JsonNode closed = workItems(station).get(0);
        assertThat(closed.has("closedAt")).isTrue();
        assertThat(closed.get("downtimeSeconds").asLong()).as("from the check that saw it silent to the one that saw it back")
                .isEqualTo(Duration.ofMinutes(10).toSeconds());
        assertThat(client().get("/api/v1/device-work-items").json().findValuesAsString("deviceId")).doesNotContain(station.id());
        assertThat(heard).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DeviceWorkItemOpened.class,
                o -> assertThat(o.deviceId()).isEqualTo(station.id())));
        assertThat(heard).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DeviceWorkItemClosed.class,
                c -> assertThat(c.downtime()).isEqualTo(Duration.ofMinutes(10))));
    }

    @Test
    void anOpenWorkItemGathersEveryProblemOfItsSpell() {
        clock.freeze();
        SaolaClient.Device station = client().registerStation(id("hw-spell"), 16.06, 108.23);
        assertThat(send(station, "{\"pm25\": 12}").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        assertThat(problems(station)).containsExactly("SILENT");
        assertThat(send(station, "[{\"pm25\": 13}, {\"pm25\": 4000}]").status()).isEqualTo(200);
        assertThat(problems(station)).as("back, but with impossible values").containsExactly("OUT_OF_RANGE");
        JsonNode items = workItems(station);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).has("closedAt")).isFalse();
        assertThat(items.get(0).get("problems").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("SILENT", "OUT_OF_RANGE");
    }

    @Test
    void stuckOutOfRangeLowBatteryAndClockSkewAreEachNamed() {
        clock.freeze();
        SaolaClient.Device stuck = client().registerStation(id("hw-stuck"), 16.05, 108.22);
        assertThat(send(stuck, "[" + "{\"pm25\": 31.5, \"pm10\": 40},".repeat(11) + "{\"pm25\": 31.5, \"pm10\": 40}]").status())
                .isEqualTo(200);
        assertThat(problems(stuck)).containsExactly("STUCK");
        assertThat(send(stuck, "{\"pm25\": 31.6, \"pm10\": 40}").status()).isEqualTo(200);
        assertThat(health(stuck).get("status").asString()).as("a new value").isEqualTo("OK");

        SaolaClient.Device wild = client().registerStation(id("hw-range"), 16.05, 108.23);
        assertThat(send(wild, "[{\"pm25\": 12}, {\"pm25\": 4000}]").status()).isEqualTo(200);
        assertThat(problems(wild)).containsExactly("OUT_OF_RANGE");
        clock.advance(Duration.ofMinutes(2));
        assertThat(send(wild, "{\"pm25\": 13}").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(send(wild, "{\"pm25\": 14}").status()).isEqualTo(200);
        assertThat(health(wild).get("status").asString()).as("in range for three intervals").isEqualTo("OK");

        SaolaClient.Device spot = client().registerDevice(id("hw-battery"), "parking-spot", 16.05, 108.24);
        assertThat(send(spot, "{\"status\": \"free\", \"battery\": 9}").status()).isEqualTo(200);
        JsonNode low = health(spot);
        assertThat(low.get("problems").get(0).asString()).isEqualTo("LOW_BATTERY");
        assertThat(low.get("battery").asDouble()).isEqualTo(0.09);

        SaolaClient.Device late = client().registerStation(id("hw-skew"), 16.05, 108.25);
        Instant behind = clock.instant().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        assertThat(send(late, "{\"pm25\": 20, \"dateObserved\": \"" + behind + "\"}").status()).isEqualTo(200);
        JsonNode skewed = health(late);
        assertThat(skewed.get("problems").get(0).asString()).isEqualTo("CLOCK_SKEW");
        assertThat(skewed.get("clockSkewSeconds").asLong()).isBetween(-601L, -599L);
        Instant ahead = clock.instant().plus(20, ChronoUnit.MINUTES);
        SaolaClient.Device early = client().registerStation(id("hw-future"), 16.05, 108.26);
        assertThat(send(early, "{\"pm25\": 20, \"dateObserved\": \"" + ahead + "\"}").status()).isEqualTo(400);
        assertThat(problems(early)).as("every reading refused as future").containsExactly("CLOCK_SKEW");
    }

    @Test
    void healthAndAvailabilityReachTheProfileSummaryAndThePublicRegisterWithoutAnythingInternal() {
        clock.freeze();
        SaolaClient.Device meter = client().registerDevice(id("hw-meter"), "water-meter", 16.07, 108.2);
        clock.advance(Duration.ofHours(4));
        assertThat(send(meter, "{\"totalLitres\": 1200, \"battery\": 90}").status()).isEqualTo(200);
        assertThat(send(meter, "{\"totalLitres\": 1201}").status()).isEqualTo(200);
        JsonNode h = health(meter);
        assertThat(h.get("status").asString()).isEqualTo("OK");
        assertThat(h.get("availability").asDouble()).as("2 readings of the 4 expected in 4 hours").isEqualTo(0.5);

        JsonNode byProfile = client().get("/api/v1/device-availability").json();
        JsonNode meters = byProfile.valueStream().filter(p -> p.get("profile").asString().equals("water-meter")).findFirst().orElseThrow();
        assertThat(meters.get("devices").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("ok").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode register = client().anonymous().get("/public/v1/sensors?q=" + meter.id()).json();
        assertThat(register).hasSize(1);
        assertThat(register.at("/0/health/status").asString()).isEqualTo("ok");
        assertThat(register.at("/0/health/availability").asDouble()).isEqualTo(0.5);
        assertThat(register.at("/0/health").propertyNames()).containsExactlyInAnyOrder("status", "problems", "availability");
        assertThat(register.toString()).doesNotContain("\"battery\"", "clockSkew", meter.secret(), "lastReadingAt");
    }
}
