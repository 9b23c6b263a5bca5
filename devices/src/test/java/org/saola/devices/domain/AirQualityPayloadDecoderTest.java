package org.saola.devices.domain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AirQualityPayloadDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final AirQualityPayloadDecoder decoder = new AirQualityPayloadDecoder();

    private AirQualityPayloadDecoder.Decoded decode(String payload) {
        return decoder.decode(payload.getBytes(UTF_8), NOW);
    }

    @Test
    void aSingleReadingKeepsEveryQuantityAndItsObservationTime() {
        var decoded = decode("""
                {"pm25": 31.5, "pm10": 48, "no2": 22, "o3": 41, "temperature": 29.4,
                 "relativeHumidity": 0.71, "dateObserved": "2026-11-23T07:59:00Z"}""");

        assertThat(decoded.rejected()).isEmpty();
        assertThat(decoded.readings()).singleElement().satisfies(r -> {
            assertThat(r.dateObserved()).isEqualTo(Instant.parse("2026-11-23T07:59:00Z"));
            assertThat(r.values()).containsEntry(AirQualityQuantity.PM25, 31.5)
                    .containsEntry(AirQualityQuantity.RELATIVE_HUMIDITY, 0.71)
                    .hasSize(6);
        });
    }

    @Test
    void aReadingWithoutDateObservedIsObservedWhenReceived() {
        assertThat(decode("{\"pm25\": 12}").readings()).singleElement()
                .satisfies(r -> assertThat(r.dateObserved()).isEqualTo(NOW));
    }

    @Test
    void malformedJsonIsRefusedAsMalformed() {
        var decoded = decode("{\"pm25\": 31.5,");
        assertThat(decoded.readings()).isEmpty();
        assertThat(decoded.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED_PAYLOAD);
            assertThat(r.detail()).startsWith("the payload is not valid JSON");
        });
    }

    @Test
    void anEmptyOrOversizedPayloadIsRefused() {
        assertThat(decoder.decode(new byte[0], NOW).rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("the payload is empty"));
        byte[] huge = new byte[AirQualityPayloadDecoder.MAX_PAYLOAD_BYTES + 1];
        assertThat(decoder.decode(huge, NOW).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED_PAYLOAD));
    }

    @Test
    void anUnknownAttributeIsOutOfSchemaAndNamed() {
        assertThat(decode("{\"pm25\": 10, \"pm1\": 4}").rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.OUT_OF_SCHEMA);
            assertThat(r.detail()).contains("unknown attribute 'pm1'");
        });
    }

    @Test
    void aValueOutsideItsPlausibleRangeOrOfTheWrongTypeIsRefused() {
        assertThat(decode("{\"pm25\": -3}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("pm25 must be between 0 and 1000 GQ; got -3.0"));
        assertThat(decode("{\"relativeHumidity\": 71}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("relativeHumidity must be between 0 and 1"));
        assertThat(decode("{\"temperature\": \"hot\"}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("temperature must be a number"));
        assertThat(decode("{}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.OUT_OF_SCHEMA));
    }

    @Test
    void aReadingFromTheFutureIsRefusedButSmallClockSkewIsAccepted() {
        assertThat(decode("{\"pm25\": 10, \"dateObserved\": \"2026-11-23T09:00:00Z\"}").rejected())
                .singleElement().satisfies(r -> assertThat(r.detail()).contains("is in the future"));
        assertThat(decode("{\"pm25\": 10, \"dateObserved\": \"2026-11-23T08:04:00Z\"}").readings()).hasSize(1);
        assertThat(decode("{\"pm25\": 10, \"dateObserved\": \"yesterday\"}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("is not an ISO 8601"));
    }

    @Test
    void inAnArrayEachReadingIsJudgedAloneSoGoodOnesSurviveBadNeighbours() {
        var decoded = decode("""
                [{"pm25": 10}, {"pm25": 5000}, "oops", {"pm10": 20, "dateObserved": "2026-11-23T07:00:00Z"}]""");

        assertThat(decoded.readings()).hasSize(2);
        assertThat(decoded.rejected()).extracting(RejectedReading::reason)
                .containsExactly(RejectionReason.OUT_OF_SCHEMA, RejectionReason.MALFORMED_PAYLOAD);
        assertThat(decoded.rejected()).extracting(RejectedReading::detail)
                .allSatisfy(d -> assertThat(d).startsWith("reading "));
        assertThat(decoded.rejected().get(0).detail()).startsWith("reading 1: ");
    }

    @Test
    void tooManyReadingsInOneMessageAreRefusedTogether() {
        String many = "[" + "{\"pm25\": 1},".repeat(AirQualityPayloadDecoder.MAX_READINGS_PER_MESSAGE) + "{\"pm25\": 1}]";
        var decoded = decode(many);
        assertThat(decoded.readings()).isEmpty();
        assertThat(decoded.rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("at most 500 readings"));
    }
}
