package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Abuse limits as clients meet them: repeated wrong passwords pause sign-in (429 and Retry-After, even with
 * the right password, until the back-off has passed); a public route answers 429 to a flood from one
 * address; a device that floods gets QUOTA_EXCEEDED; a wrong device secret tried again and again writes a
 * bounded number of rejection rows. Time stands still (a frozen clock), so no bucket refills mid-test.
 */
class AbuseLimitsTest extends PlatformTest {

    @Autowired
    TestClock clock;

    @AfterEach
    void resume() {
        clock.resume();
    }

    @Test
    void repeatedWrongPasswordsPauseSignInForThatAccount() {
        String name = "thu-" + UUID.randomUUID().toString().substring(0, 6);
        String password = client().post("/api/v1/staff", "{\"username\":\"" + name + "\",\"roles\":[\"ANALYST\"]}")
                .json().path("password").asString();
        clock.freeze();
        SaolaClient guesser = new SaolaClient("http://localhost:" + port, name, "wrong password 000");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/v1/departments").status()).isEqualTo(401);
        }
        SaolaClient owner = new SaolaClient("http://localhost:" + port, name, password);
        SaolaClient.Response paused = owner.get("/api/v1/departments");
        assertThat(paused.status()).isEqualTo(429);
        assertThat(Long.parseLong(paused.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(paused.json().path("detail").asString()).contains("too many failed sign-ins");

        clock.advance(Duration.ofMinutes(4));
        assertThat(owner.get("/api/v1/departments").status()).as("one attempt back every 3 minutes").isEqualTo(200);
    }

    @Test
    void aFloodOfPublicRequestsFromOneAddressIsAnswered429() {
        clock.freeze();
        // A client of its own (behind a proxy on this machine, which Tomcat believes), so no other test's
        // public requests share its bucket.
        String address = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        SaolaClient anonymous = client().anonymous();
        int ok = 0;
        SaolaClient.Response last = null;
        for (int i = 0; i < 2 * PUBLIC_PER_SECOND + 20; i++) {
            last = anonymous.get("/public/v1/departments", "X-Forwarded-For", address);
            ok += last.status() == 200 ? 1 : 0;
        }
        assertThat(ok).as("a burst of twice the per-second rate").isEqualTo(2 * PUBLIC_PER_SECOND);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isEqualTo("1");
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.get("/public/v1/departments").status()).as("another address").isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        assertThat(anonymous.get("/public/v1/departments", "X-Forwarded-For", address).status()).isEqualTo(200);
    }

    @Test
    void aSignedInResidentIsNotRefusedForWhatOthersBehindTheSameAddressDid() throws Exception {
        FormSession resident = TestResidents.signedIn("http://localhost:" + port, "nat-" + UUID.randomUUID().toString().substring(0, 6) + "@example.vn");
        clock.freeze();
        // One mobile network's address, whose anonymous visitors have spent its allowance.
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        SaolaClient anonymous = client().anonymous();
        for (int i = 0; i < 2 * PUBLIC_PER_SECOND; i++) {
            anonymous.get("/public/v1/departments", "X-Forwarded-For", address);
        }
        assertThat(anonymous.get("/public/v1/departments", "X-Forwarded-For", address).status()).isEqualTo(429);
        assertThat(new FormSession("http://localhost:" + port).get("/city/algorithms?lang=en", "X-Forwarded-For", address).statusCode())
                .as("an anonymous page from there").isEqualTo(429);
        assertThat(resident.get("/city/algorithms?lang=en", "X-Forwarded-For", address).statusCode())
                .as("a signed-in resident counts on their own allowance").isEqualTo(200);
    }

    @Test
    void aFloodingDeviceIsToldToSlowDownAndAWrongSecretWritesFewRows() {
        SaolaClient.Device station = client().registerStation("flood-" + UUID.randomUUID().toString().substring(0, 6), 16.0, 108.1);
        Instant t = Instant.now().minus(Duration.ofHours(2));
        clock.freeze();
        clock.advance(Duration.ofMinutes(2));
        int accepted = 0;
        Mqtt5PubAckReasonCode last = null;
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            for (int i = 0; i < 210; i++) {
                last = mqtt.publish(station.topic(), "{\"pm25\": 10, \"dateObserved\": \"" + t.plusSeconds(i) + "\"}");
                accepted += last == Mqtt5PubAckReasonCode.SUCCESS ? 1 : 0;
            }
        }
        assertThat(accepted).as("a burst of ten times 20 readings/s").isEqualTo(200);
        assertThat(last).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);

        for (int i = 0; i < 25; i++) {
            assertThatThrownBy(() -> DeviceMqtt.connect(this.mqtt, station.username(), "not-the-secret"))
                    .isInstanceOf(Mqtt5ConnAckException.class);
        }
        assertThat(client().get("/api/v1/devices/" + station.id() + "/rejections?limit=100").json().findValuesAsString("reason")
                .stream().filter("BAD_CREDENTIALS"::equals).count()).as("rows written for 25 wrong secrets").isLessThanOrEqualTo(10);
    }
}
