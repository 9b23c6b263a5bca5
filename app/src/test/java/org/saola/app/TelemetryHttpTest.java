package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Devices that do not speak MQTT post their readings over HTTP with their own credentials: the same payload,
 * the same checks, the answer only after commit, each refused reading named, and no staff credential taken.
 */
class TelemetryHttpTest extends PlatformTest {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resume() {
        clock.resume();
    }

    private static String basic(String username, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private SaolaClient.Response post(SaolaClient.Device device, String body) {
        return client().anonymous().send("POST", "/api/v1/telemetry", body, "Authorization",
                basic(device.username(), device.secret()), "Content-Type", "application/json");
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aBatchIsStoredBeforeTheAnswerAndItsBadReadingsAreNamed() {
        SaolaClient.Device bin = client().registerDevice(id("http-bin"), "waste-container", 16.05, 108.2);
        Instant t = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        SaolaClient.Response r = post(bin, """
                [{"fillPercent": 40, "dateObserved": "%s"}, {"fillPercent": 140}, {"status": "on fire"},
                 {"fillPercent": 45, "status": "lidOpen", "dateObserved": "%s"}]""".formatted(t, t.plusSeconds(60)));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("stored").asInt()).isEqualTo(2);
        assertThat(r.json().get("rejected").findValuesAsString("detail")).containsExactly(
                "reading 1: fillPercent must be between 0 and 1 C62 once scaled; got 1.4 (sent 140)",
                "reading 2: status must be one of [ok, lidOpen, dropped, moved, vandalized, burning, unknown]; got \"on fire\"");
        // Answered after commit: the entity holds the readings now, with no waiting.
        JsonNode e = client().withApiKey(client().issueApiKey("telemetry")).get("/ngsi-ld/v1/entities/" + bin.entityId()).json();
        assertThat(e.at("/fillingLevel/value").asDouble()).isEqualTo(0.45);
        assertThat(e.at("/status/value").asString()).isEqualTo("lidOpen");
        assertThat(e.at("/fillingLevel/observedAt").asString()).isEqualTo(t.plusSeconds(60).toString());
        assertThat(client().get("/api/v1/devices/" + bin.id() + "/rejections").json()).hasSize(2);
    }

    @Test
    void aMessageWithNothingGoodIsA400ProblemListingEachReason() {
        SaolaClient.Device light = client().registerDevice(id("http-light"), "street-light", 16.05, 108.2);
        SaolaClient.Response broken = post(light, "{\"powerState\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(broken.json().get("detail").asString()).startsWith("the payload is not valid JSON");
        assertThat(broken.json().at("/rejected/0/reason").asString()).isEqualTo("MALFORMED_PAYLOAD");

        SaolaClient.Response unknown = post(light, "{\"colour\": \"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/rejected/0/reason").asString()).isEqualTo("UNKNOWN_ATTRIBUTE");

        SaolaClient.Response huge = post(light, "[" + "{\"dim\": 0.5},".repeat(6000) + "{\"dim\": 0.5}]");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void onlyTheDevicesOwnCurrentSecretIsTakenNeverStaffCredentials() {
        SaolaClient.Device meter = client().registerDevice(id("http-meter"), "water-meter", 16.05, 108.2);
        assertThat(post(meter, "{\"totalLitres\": 1000}").status()).isEqualTo(200);

        SaolaClient.Response wrong = client().anonymous().send("POST", "/api/v1/telemetry", "{\"totalLitres\": 1}",
                "Authorization", basic(meter.username(), "not-the-secret"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic realm=\"saola-devices\"");
        assertThat(client().anonymous().send("POST", "/api/v1/telemetry", "{\"totalLitres\": 1}").status())
                .as("no credentials").isEqualTo(401);
        assertThat(client().send("POST", "/api/v1/telemetry", "{\"totalLitres\": 1}").status())
                .as("the admin's own HTTP Basic is not a device's").isEqualTo(401);
        String key = client().issueApiKey("not a device");
        assertThat(client().anonymous().send("POST", "/api/v1/telemetry", "{\"totalLitres\": 1}",
                "Authorization", "Bearer " + key).status()).as("an API key is not a device's").isEqualTo(401);

        JsonNode reset = client().post("/api/v1/devices/" + meter.id() + "/credentials", "").json();
        assertThat(post(meter, "{\"totalLitres\": 1001}").status()).as("the old secret, just after a reset").isEqualTo(401);
        SaolaClient.Device renewed = new SaolaClient.Device(meter.id(), meter.entityId(), meter.username(),
                reset.get("secret").asString(), meter.topic());
        assertThat(post(renewed, "{\"totalLitres\": 1002}").status()).isEqualTo(200);
    }

    @Test
    void aSecretIsStoredAsItsDigestAndOneStoredWithBcryptBeforeSignsInOnceThatWayAndIsReplaced() throws Exception {
        SaolaClient.Device meter = client().registerDevice(id("http-digest"), "water-meter", 16.05, 108.2);
        String stored = secretHash(meter);
        assertThat(stored).as("the SHA-256 of the secret, never the secret")
                .isEqualTo("sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(meter.secret().getBytes(StandardCharsets.UTF_8))))
                .doesNotContain(meter.secret());

        // A device registered before 2026-12, whose secret was stored as a bcrypt hash.
        SaolaClient.Device older = client().registerDevice(id("http-bcrypt"), "water-meter", 16.05, 108.2);
        String bcrypt = new BCryptPasswordEncoder(4).encode(older.secret());
        jdbc.sql("UPDATE device SET secret_hash = ? WHERE tenant_id = 'default' AND id = ?").params(bcrypt, older.id()).update();
        SaolaClient.Device guess = new SaolaClient.Device(older.id(), older.entityId(), older.username(), "a-guess", older.topic());
        assertThat(post(guess, "{\"totalLitres\": 1}").status()).isEqualTo(401);
        assertThat(secretHash(older)).as("a wrong secret changes nothing").isEqualTo(bcrypt);
        assertThat(post(older, "{\"totalLitres\": 2}").status()).isEqualTo(200);
        assertThat(secretHash(older)).as("replaced by the digest once verified")
                .isEqualTo("sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(older.secret().getBytes(StandardCharsets.UTF_8))));
        assertThat(post(guess, "{\"totalLitres\": 3}").status()).as("still only the right secret").isEqualTo(401);
        clock.freeze();
        clock.advance(Duration.ofMinutes(2));
        assertThat(post(older, "{\"totalLitres\": 4}").status())
                .as("past the minute its verification is kept, checked against the digest stored").isEqualTo(200);
    }

    private String secretHash(SaolaClient.Device device) {
        return jdbc.sql("SELECT secret_hash FROM device WHERE tenant_id = 'default' AND id = ?").param(device.id())
                .query(String.class).single();
    }

    @Test
    void aDeviceSendingGarbageAllDayCostsACounterAndAHundredRowsNotARowPerMessage() {
        SaolaClient.Device noisy = client().registerDevice(id("http-noisy"), "noise", 16.05, 108.2);
        clock.freeze();
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 30; i++) {
            assertThat(post(noisy, "{\"LAeq\": " + (500 + i) + "}").status()).isEqualTo(400);
        }
        assertThat(client().get("/api/v1/devices/" + noisy.id() + "/rejections?limit=1000").json())
                .as("examples kept within a minute").hasSize(10);
        for (int i = 0; i < 130; i++) {
            clock.advance(Duration.ofSeconds(7));
            assertThat(post(noisy, "{\"LAeq\": -" + (i + 1) + "}").status()).isEqualTo(400);
        }
        JsonNode counts = client().get("/api/v1/devices/" + noisy.id() + "/rejection-counts").json();
        assertThat(counts.at("/0/reason").asString()).isEqualTo("OUT_OF_RANGE");
        assertThat(counts.at("/0/count").asLong()).as("every refusal counted").isEqualTo(160);
        JsonNode kept = client().get("/api/v1/devices/" + noisy.id() + "/rejections?limit=1000").json();
        assertThat(kept).as("the newest hundred examples").hasSize(100);
        assertThat(kept.at("/0/detail").asString()).isEqualTo("LAeq must be between 0 and 160 2N; got -130");
    }

    @Test
    void aDevicePostingTooFastIsToldWhenToComeBack() {
        SaolaClient.Device counter = client().registerDevice(id("http-count"), "traffic-counter", 16.05, 108.2);
        clock.freeze();
        clock.advance(Duration.ofMinutes(2));
        int accepted = 0;
        SaolaClient.Response last = null;
        for (int i = 0; i < 205; i++) {
            last = post(counter, "{\"vehicles\": " + i + "}");
            accepted += last.status() == 200 ? 1 : 0;
        }
        assertThat(accepted).as("a burst of ten times 20 readings/s").isEqualTo(200);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
    }
}
