package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A station publishes over MQTT with its own credentials; a client reads the entity and its history over HTTP. */
class MqttToNgsiLdTest extends PlatformTest {

    private SaolaClient api;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("mqtt-to-ngsi-ld test"));
    }

    @Test
    void readingsPublishedOverMqttAreServedAsEntityWithHistory() {
        SaolaClient.Device station = client().registerStation("e2e-hai-chau-1", 16.05, 108.21);
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            for (int i = 0; i < 3; i++) {
                String payload = """
                        {"pm25": %d.5, "pm10": 40, "no2": 21, "o3": 33, "temperature": 29.5,
                         "relativeHumidity": 0.72, "dateObserved": "%s"}""".formatted(20 + i, t0.plusSeconds(60L * i));
                // QoS 1: the PUBACK arrives only once the reading is committed, so no waiting is needed below.
                assertThat(mqtt.publish(station.topic(), payload)).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            }
        }

        SaolaClient.Response entity = api.get("/ngsi-ld/v1/entities/" + station.entityId());
        assertThat(entity.status()).isEqualTo(200);
        assertThat(entity.header("Content-Type")).startsWith("application/json");
        assertThat(entity.header("Link")).contains("ngsi-ld-core-context-v1.8.jsonld");
        JsonNode e = entity.json();
        assertThat(e.get("id").asString()).isEqualTo(station.entityId());
        assertThat(e.get("type").asString()).isEqualTo("AirQualityObserved");
        assertThat(e.at("/pm25/type").asString()).isEqualTo("Property");
        assertThat(e.at("/pm25/value").asDouble()).isEqualTo(22.5);
        assertThat(e.at("/pm25/unitCode").asString()).isEqualTo("GQ");
        assertThat(e.at("/pm25/observedAt").asString()).isEqualTo(t0.plusSeconds(120).toString());
        assertThat(e.at("/temperature/unitCode").asString()).isEqualTo("CEL");
        assertThat(e.at("/location/type").asString()).isEqualTo("GeoProperty");
        assertThat(e.at("/location/value/coordinates/0").asDouble()).isEqualTo(108.21);
        assertThat(e.at("/dateObserved/value/@value").asString()).isEqualTo(t0.plusSeconds(120).toString());

        SaolaClient.Response history = api.get("/ngsi-ld/v1/temporal/entities/" + station.entityId() + "?attrs=pm25,no2");
        assertThat(history.status()).isEqualTo(200);
        JsonNode h = history.json();
        assertThat(h.get("pm25")).hasSize(3);
        assertThat(h.at("/pm25/0/value").asDouble()).isEqualTo(20.5);
        assertThat(h.at("/pm25/2/value").asDouble()).isEqualTo(22.5);
        assertThat(h.get("no2")).hasSize(3);
        assertThat(h.has("temperature")).isFalse();

        SaolaClient.Response lastOne = api.get("/ngsi-ld/v1/temporal/entities/" + station.entityId()
                + "?attrs=pm25&timerel=after&timeAt=" + t0.plusSeconds(30));
        assertThat(lastOne.json().get("pm25")).hasSize(2);
    }

    /**
     * A stored publish goes on, emptied, to the broker's {@code saola/stored} (so that the broker's own PUBACK
     * releases its state of the flow): a device publishing there itself is refused like on any topic not its own,
     * and its readings keep being acknowledged as a success.
     */
    @Test
    void theTopicStoredPublishesEndOnIsNoWayIn() {
        SaolaClient.Device station = client().registerStation("e2e-stored-topic", 16.06, 108.22);
        try (DeviceMqtt mqtt = DeviceMqtt.connect(this.mqtt, station)) {
            assertThat(mqtt.publish("saola/stored", "{\"pm25\": 500}")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(mqtt.publish(station.topic(), "{\"pm25\": 12}")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }
        assertThat(api.get("/ngsi-ld/v1/entities/" + station.entityId()).json().at("/pm25/value").asDouble()).isEqualTo(12);
    }

    @Test
    void entitiesOfATypeArePagedAndCounted() {
        for (int i = 0; i < 3; i++) {
            client().registerStation("e2e-page-" + i, 16.0 + i / 100.0, 108.2);
        }
        SaolaClient.Response page = api.get("/ngsi-ld/v1/entities?type=AirQualityObserved&limit=2&count=true");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json()).hasSize(2);
        assertThat(Long.parseLong(page.header("NGSILD-Results-Count"))).isGreaterThanOrEqualTo(3);
        assertThat(page.header("Link")).contains("rel=\"next\"");

        SaolaClient.Response all = api.get("/ngsi-ld/v1/entities?type=AirQualityObserved&limit=1000");
        assertThat(all.json().findValuesAsString("id")).contains("urn:ngsi-ld:AirQualityObserved:e2e-page-0",
                "urn:ngsi-ld:AirQualityObserved:e2e-page-2");
    }

    @Test
    void servesJsonLdWithInlineContextWhenAsked() {
        SaolaClient.Device station = client().registerStation("e2e-ldjson", 16.07, 108.22);
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities/" + station.entityId(), "Accept", "application/ld+json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/ld+json");
        assertThat(r.json().get("@context").asString())
                .isEqualTo("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
        assertThat(r.json().at("/name/value").asString()).isEqualTo("Device e2e-ldjson");
    }

    @Test
    void answersNgsiLdErrorsThatSayWhatToFix() {
        SaolaClient.Response missing = api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:nowhere");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");

        SaolaClient.Response tooMany = api.get("/ngsi-ld/v1/entities?type=AirQualityObserved&limit=5000");
        assertThat(tooMany.status()).isEqualTo(403);
        assertThat(tooMany.json().get("type").asString()).endsWith("/TooManyResults");
        assertThat(tooMany.json().get("detail").asString()).contains("1000");

        SaolaClient.Response badId = api.get("/ngsi-ld/v1/entities/not%20a%20uri");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("type").asString()).endsWith("/BadRequestData");

        SaolaClient.Response badTime = api.get("/ngsi-ld/v1/temporal/entities/urn:x:1?timerel=after&timeAt=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").asString()).contains("timeAt");
    }

    @Test
    void refusesCallersWithoutCredentialsOrWithAWrongKey() {
        assertThat(client().anonymous().get("/ngsi-ld/v1/entities?type=AirQualityObserved").status()).isEqualTo(401);
        SaolaClient.Response wrongKey = client().withApiKey("saola_not-a-real-key").get("/ngsi-ld/v1/entities");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("detail").asString()).contains("API key");
        assertThat(client().anonymous().get("/actuator/health").status()).isEqualTo(200);
    }
}
