package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * LoRaWAN network servers deliver uplinks as they really send them: ChirpStack v4's HTTP integration and The
 * Things Stack v3's webhooks. Devices are found by DevEUI; a frame counter not above the last one is a replay
 * and is dropped; a join starts a new count.
 */
class LorawanTest extends PlatformTest {

    private static String eui() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    /** An uplink exactly as ChirpStack v4 posts it to ?event=up (integration.proto UplinkEvent, JSON). */
    private static String chirpstackUp(String devEui, long fCnt, Instant time, String object) {
        return """
                {"deduplicationId": "%s", "time": "%s",
                 "deviceInfo": {"tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242", "tenantName": "Da Nang",
                   "applicationId": "17c82e96-be03-4f38-aef3-f83d48582d97", "applicationName": "bins",
                   "deviceProfileId": "14855bf7-d10d-4aee-b618-ebfcb64dc7ad", "deviceProfileName": "bin sensor",
                   "deviceName": "bin-1", "devEui": "%s", "deviceClassEnabled": "CLASS_A", "tags": {"ward": "hai-chau"}},
                 "devAddr": "00189440", "adr": true, "dr": 1, "fCnt": %d, "fPort": 1, "confirmed": false,
                 "data": "qg==", "object": %s,
                 "rxInfo": [{"gatewayId": "0016c001f153a14c", "uplinkId": 4217106255, "rssi": -36, "snr": 10.5,
                   "context": "E3OWOQ==", "metadata": {"region_common_name": "AS923"}}],
                 "txInfo": {"frequency": 923200000, "modulation": {"lora": {"bandwidth": 125000,
                   "spreadingFactor": 11, "codeRate": "CR_4_5"}}}}""".formatted(UUID.randomUUID(), time,
                devEui.toLowerCase(), fCnt, object);
    }

    /** An uplink message as The Things Stack v3 posts it to a webhook. */
    private static String thingsStackUp(String devEui, Long fCnt, Instant receivedAt, String decoded) {
        return """
                {"end_device_ids": {"device_id": "eui-%s", "application_ids": {"application_id": "da-nang-parking"},
                   "dev_eui": "%s", "join_eui": "0000000000000000", "dev_addr": "260B1234"},
                 "correlation_ids": ["as:up:01H0S3"], "received_at": "%s",
                 "uplink_message": {"session_key_id": "AYfg9qXz", %s"f_port": 2, "frm_payload": "AQ==",
                   "decoded_payload": %s,
                   "rx_metadata": [{"gateway_ids": {"gateway_id": "gw-han-market"}, "rssi": -71, "snr": 9.2}],
                   "settings": {"data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 7}}, "frequency": "923400000"},
                   "received_at": "%s"}}""".formatted(devEui.toLowerCase(), devEui, receivedAt,
                fCnt == null ? "" : "\"f_cnt\": " + fCnt + ", ", decoded, receivedAt);
    }

    @Test
    void chirpstackUplinksAreStoredOnceEachAndAReplayedFrameIsDropped() {
        SaolaClient admin = client();
        SaolaClient.Device bin = admin.registerDevice("lora-bin-" + UUID.randomUUID().toString().substring(0, 6),
                "waste-container", 16.07, 108.22);
        String eui = eui();
        JsonNode bound = admin.send("PUT", "/api/v1/devices/" + bin.id() + "/lorawan", "{\"devEui\": \"" + eui.toLowerCase() + "\"}",
                "Content-Type", "application/json").json();
        assertThat(bound.get("devEui").asString()).as("stored upper case").isEqualTo(eui);
        SaolaClient ns = admin.withApiKey(admin.issueApiKey("chirpstack", "DEVICE_MANAGER"));
        Instant t = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

        SaolaClient.Response first = ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 41, t, "{\"fillPercent\": 62, \"battery\": 88}"), "Content-Type", "application/json");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("stored").asInt()).isEqualTo(1);

        SaolaClient.Response again = ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 41, t, "{\"fillPercent\": 62, \"battery\": 88}"), "Content-Type", "application/json");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/rejected/0/reason").asString()).isEqualTo("REPLAYED");
        assertThat(again.json().get("detail").asString()).contains("frame counter 41 is not above the last one accepted from this device (41)");
        assertThat(ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 7, t.plusSeconds(60), "{\"fillPercent\": 99}"), "Content-Type", "application/json").status())
                .as("an older counter").isEqualTo(409);
        assertThat(ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 42, t.plusSeconds(120), "{\"fillPercent\": 64}"), "Content-Type", "application/json").status())
                .isEqualTo(200);

        JsonNode history = admin.get("/ngsi-ld/v1/temporal/entities/" + bin.entityId() + "?attrs=fillingLevel").json();
        assertThat(history.get("fillingLevel").findValues("value")).extracting(JsonNode::asDouble).containsExactly(0.62, 0.64);
        assertThat(history.get("fillingLevel").findValuesAsString("observedAt")).first().isEqualTo(t.toString());
        JsonNode device = admin.get("/ngsi-ld/v1/entities/urn:ngsi-ld:Device:" + bin.id()).json();
        assertThat(device.at("/batteryLevel/value").asDouble()).isEqualTo(0.88);
        assertThat(admin.get("/api/v1/devices/" + bin.id() + "/rejection-counts").json().findValuesAsString("reason"))
                .containsExactly("REPLAYED");
        assertThat(admin.get("/api/v1/devices/" + bin.id() + "/lorawan").json().get("lastFrameCounter").asLong()).isEqualTo(42);

        // The device joins again (OTAA): its counter restarts from 0, which is then accepted.
        assertThat(ns.send("POST", "/api/v1/lorawan/chirpstack?event=join", """
                {"deduplicationId": "%s", "time": "%s", "deviceInfo": {"devEui": "%s", "deviceName": "bin-1"},
                 "devAddr": "01f8b4c2"}""".formatted(UUID.randomUUID(), t, eui.toLowerCase()), "Content-Type", "application/json")
                .status()).isEqualTo(204);
        SaolaClient.Response afterJoin = ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 0, t.plusSeconds(150), "{\"fillPercent\": 65}").replace("\"fCnt\": 0, ", ""),
                "Content-Type", "application/json");
        assertThat(afterJoin.status()).as("a zero counter, left out as protobuf JSON does").isEqualTo(200);
        assertThat(ns.send("POST", "/api/v1/lorawan/chirpstack?event=status", "{\"deviceInfo\": {\"devEui\": \"" + eui + "\"},"
                + " \"margin\": 7, \"batteryLevel\": 80}", "Content-Type", "application/json").status())
                .as("other events are acknowledged and ignored").isEqualTo(204);
    }

    @Test
    void theThingsStackWebhooksAreObservedAtReceptionAndJoinsResetTheCount() {
        SaolaClient admin = client();
        SaolaClient.Device spot = admin.registerDevice("lora-spot-" + UUID.randomUUID().toString().substring(0, 6),
                "parking-spot", 16.06, 108.22);
        String eui = eui();
        admin.send("PUT", "/api/v1/devices/" + spot.id() + "/lorawan", "{\"devEui\": \"" + eui + "\"}", "Content-Type", "application/json");
        SaolaClient tts = admin.withApiKey(admin.issueApiKey("things-stack", "DEVICE_MANAGER"));
        Instant at = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

        SaolaClient.Response r = tts.send("POST", "/api/v1/lorawan/things-stack",
                thingsStackUp(eui, 5L, at, "{\"status\": \"occupied\", \"battery\": 71}"), "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = admin.get("/ngsi-ld/v1/entities/" + spot.entityId()).json();
        assertThat(e.at("/status/value").asString()).isEqualTo("occupied");
        assertThat(e.at("/status/observedAt").asString()).isEqualTo(at.toString());
        assertThat(tts.send("POST", "/api/v1/lorawan/things-stack",
                thingsStackUp(eui, 5L, at, "{\"status\": \"free\"}"), "Content-Type", "application/json").status()).isEqualTo(409);

        assertThat(tts.send("POST", "/api/v1/lorawan/things-stack", """
                {"end_device_ids": {"device_id": "eui-x", "dev_eui": "%s"}, "received_at": "%s",
                 "join_accept": {"session_key_id": "AYfg", "received_at": "%s"}}""".formatted(eui, at, at),
                "Content-Type", "application/json").status()).isEqualTo(204);
        assertThat(tts.send("POST", "/api/v1/lorawan/things-stack",
                thingsStackUp(eui, null, at.plusSeconds(30), "{\"status\": \"free\"}"), "Content-Type", "application/json").status())
                .isEqualTo(200);
        assertThat(tts.send("POST", "/api/v1/lorawan/things-stack", """
                {"end_device_ids": {"dev_eui": "%s"}, "downlink_ack": {"f_port": 1}}""".formatted(eui),
                "Content-Type", "application/json").status()).as("other messages ignored").isEqualTo(204);
    }

    @Test
    void unknownDevicesMissingCodecsAndStrangersAreToldPrecisely() {
        SaolaClient admin = client();
        SaolaClient ns = admin.withApiKey(admin.issueApiKey("chirpstack-2", "DEVICE_MANAGER"));
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        SaolaClient.Response unknown = ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui(), 1, t, "{\"fillPercent\": 1}"), "Content-Type", "application/json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("PUT /api/v1/devices/{id}/lorawan");

        SaolaClient.Device bin = admin.registerDevice("lora-raw-" + UUID.randomUUID().toString().substring(0, 6),
                "waste-container", 16.07, 108.22);
        String eui = eui();
        admin.send("PUT", "/api/v1/devices/" + bin.id() + "/lorawan", "{\"devEui\": \"" + eui + "\"}", "Content-Type", "application/json");
        SaolaClient.Response raw = ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 1, t, "null"), "Content-Type", "application/json");
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.json().get("detail").asString()).contains("give the device a codec in the device profile");
        SaolaClient.Response wrongField = ns.send("POST", "/api/v1/lorawan/chirpstack?event=up",
                chirpstackUp(eui, 2, t, "{\"fill\": 50}"), "Content-Type", "application/json");
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.json().at("/rejected/0/reason").asString()).isEqualTo("UNKNOWN_ATTRIBUTE");
        assertThat(ns.send("POST", "/api/v1/lorawan/chirpstack", chirpstackUp(eui, 3, t, "{}"), "Content-Type", "application/json")
                .json().get("field").asString()).isEqualTo("event");
        assertThat(ns.send("POST", "/api/v1/lorawan/chirpstack?event=up", chirpstackUp(eui, -3, t, "{}"),
                "Content-Type", "application/json").json().get("field").asString()).isEqualTo("fCnt");

        assertThat(admin.send("PUT", "/api/v1/devices/" + bin.id() + "/lorawan", "{\"devEui\": \"not-an-eui\"}",
                "Content-Type", "application/json").json().get("field").asString()).isEqualTo("devEui");
        SaolaClient.Device other = admin.registerDevice("lora-other-" + UUID.randomUUID().toString().substring(0, 6),
                "waste-container", 16.07, 108.22);
        assertThat(admin.send("PUT", "/api/v1/devices/" + other.id() + "/lorawan", "{\"devEui\": \"" + eui + "\"}",
                "Content-Type", "application/json").status()).as("one DevEUI, one device").isEqualTo(409);

        SaolaClient analyst = admin.withApiKey(admin.issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.send("POST", "/api/v1/lorawan/chirpstack?event=up", chirpstackUp(eui, 9, t, "{\"fillPercent\": 1}"),
                "Content-Type", "application/json").status()).isEqualTo(403);
        assertThat(admin.anonymous().send("POST", "/api/v1/lorawan/chirpstack?event=up", chirpstackUp(eui, 9, t, "{\"fillPercent\": 1}"),
                "Content-Type", "application/json").status()).isEqualTo(401);
    }
}
