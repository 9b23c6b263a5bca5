package org.saola.devices.domain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.junit.jupiter.api.Test;

/** Decoding by profile: the shipped air-quality profile for the common rules, others for scaling, texts, booleans. */
class PayloadDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Map<String, DeviceProfile> SHIPPED = DeviceProfiles.loadShipped();
    private final PayloadDecoder decoder = new PayloadDecoder(SHIPPED.get("air-quality"));

    private PayloadDecoder.Decoded decode(String payload) {
        return decoder.decode(payload.getBytes(UTF_8), NOW);
    }

    @Test
    void aSingleReadingKeepsEveryQuantityAndItsObservationTime() {
        var decoded = decode("""
                {"pm25": 31.5, "pm10": 48, "no2": 22, "o3": 41, "temperature": 29.4,
                 "relativeHumidity": 0.71, "dateObserved": "2026-11-23T07:59:00Z"}""");

        assertThat(decoded.rejected()).isEmpty();
        assertThat(decoded.readings()).singleElement().satisfies(r -> {
            assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-11-23T07:59:00Z"));
            assertThat(values(r)).containsEntry("pm25", "31.5").containsEntry("relativeHumidity", "0.71")
                    .containsEntry("pm10", "48").hasSize(6);
        });
    }

    @Test
    void aReadingWithoutDateObservedIsObservedWhenReceived() {
        assertThat(decode("{\"pm25\": 12}").readings()).singleElement()
                .satisfies(r -> assertThat(r.observedAt()).isEqualTo(NOW));
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
        byte[] huge = new byte[PayloadDecoder.MAX_PAYLOAD_BYTES + 1];
        assertThat(decoder.decode(huge, NOW).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.TOO_LARGE));
    }

    @Test
    void anUnknownAttributeIsRefusedAndNamed() {
        assertThat(decode("{\"pm25\": 10, \"pm1\": 4}").rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_ATTRIBUTE);
            assertThat(r.detail()).contains("unknown attribute 'pm1'");
        });
    }

    @Test
    void aValueOutsideItsPlausibleRangeOrOfTheWrongTypeIsRefused() {
        assertThat(decode("{\"pm25\": -3}").rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.OUT_OF_RANGE);
            assertThat(r.detail()).isEqualTo("pm25 must be between 0 and 1000 GQ; got -3");
        });
        assertThat(decode("{\"relativeHumidity\": 71}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("relativeHumidity must be between 0 and 1"));
        assertThat(decode("{\"temperature\": \"hot\"}").rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.OUT_OF_SCHEMA);
            assertThat(r.detail()).contains("temperature must be a number");
        });
        assertThat(decode("{}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.OUT_OF_SCHEMA));
    }

    @Test
    void aReadingFromTheFutureIsRefusedButSmallClockSkewIsAccepted() {
        assertThat(decode("{\"pm25\": 10, \"dateObserved\": \"2026-11-23T09:00:00Z\"}").rejected())
                .singleElement().satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.FAR_FUTURE);
                    assertThat(r.detail()).contains("is in the future");
                });
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
                .containsExactly(RejectionReason.OUT_OF_RANGE, RejectionReason.MALFORMED_PAYLOAD);
        assertThat(decoded.rejected()).extracting(RejectedReading::detail)
                .allSatisfy(d -> assertThat(d).startsWith("reading "));
        assertThat(decoded.rejected().get(0).detail()).startsWith("reading 1: ");
    }

    @Test
    void tooManyReadingsInOneMessageAreRefusedTogether() {
        String many = "[" + "{\"pm25\": 1},".repeat(PayloadDecoder.MAX_READINGS_PER_MESSAGE) + "{\"pm25\": 1}]";
        var decoded = decode(many);
        assertThat(decoded.readings()).isEmpty();
        assertThat(decoded.rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("at most 500 readings"));
    }

    private static Map<String, String> values(Reading r) {
        Map<String, String> out = new TreeMap<>();
        r.values().forEach(v -> out.put(v.measurement().attribute(), v.value().toString()));
        return out;
    }

    private static PayloadDecoder.Decoded decode(String profile, String payload) {
        return new PayloadDecoder(SHIPPED.get(profile)).decode(payload.getBytes(UTF_8), NOW);
    }

    @Test
    void numbersAreScaledToTheModelsUnitThenCheckedAgainstTheRange() {
        assertThat(decode("water-level", "{\"levelCm\": 182}").readings()).singleElement()
                .satisfies(r -> assertThat(values(r)).containsEntry("waterLevel", "1.82"));
        assertThat(decode("water-level", "{\"levelCm\": 3500}").rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.OUT_OF_RANGE);
            assertThat(r.detail()).isEqualTo("levelCm must be between 0 and 30 MTR once scaled; got 35 (sent 3500)");
        });
        assertThat(decode("waste-container", "{\"fillPercent\": 80}").readings()).singleElement()
                .satisfies(r -> assertThat(values(r)).containsEntry("fillingLevel", "0.8"));
    }

    @Test
    void textsMustBeOneOfTheAllowedValuesAndBooleansBooleans() {
        assertThat(decode("parking-spot", "{\"status\": \"occupied\"}").readings()).singleElement()
                .satisfies(r -> assertThat(values(r)).containsEntry("status", "\"occupied\""));
        assertThat(decode("parking-spot", "{\"status\": \"taken\"}").rejected()).singleElement().satisfies(r ->
                assertThat(r.detail()).isEqualTo("status must be one of [free, occupied, closed, unknown]; got \"taken\""));
        assertThat(decode("traffic-counter", "{\"vehicles\": 120, \"congested\": true}").readings()).singleElement()
                .satisfies(r -> assertThat(values(r)).containsEntry("congested", "true").containsEntry("intensity", "120"));
        assertThat(decode("traffic-counter", "{\"congested\": \"yes\"}").rejected()).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("congested must be true or false; got \"yes\""));
    }

    @Test
    void anUnknownFieldNamesWhatThisKindOfDeviceSends() {
        assertThat(decode("noise", "{\"LAeq\": 61, \"pm25\": 3}").rejected()).singleElement().satisfies(r ->
                assertThat(r.detail()).isEqualTo("unknown attribute 'pm25'; devices of the profile noise send LAeq, LAmax, dateObserved"));
    }
}
