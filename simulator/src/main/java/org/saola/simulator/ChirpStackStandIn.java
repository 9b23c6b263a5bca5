package org.saola.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a city's ChirpStack network server does for the demo's LoRaWAN devices: it posts each uplink to Saola as
 * ChirpStack v4's HTTP integration does ({@code ?event=up}, camelCase JSON with {@code deviceInfo.devEui},
 * {@code fCnt}, {@code time} and the codec's {@code object}), with a device manager's API key, over real HTTP.
 */
final class ChirpStackStandIn {

    private static final Logger log = LoggerFactory.getLogger(ChirpStackStandIn.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI saola;
    private final String apiKey;

    ChirpStackStandIn(URI saola, String apiKey) {
        this.saola = saola;
        this.apiKey = apiKey;
    }

    /** A stable DevEUI for a demo device: 16 hex digits derived from its id. */
    static String devEui(String deviceId) {
        return String.format(Locale.ROOT, "%016X", UUID.nameUUIDFromBytes(deviceId.getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits());
    }

    /** Gives the device its DevEUI in Saola (a new frame-counter session, as after a join). */
    void bind(String deviceId, String devEui) {
        send("PUT", "/api/v1/devices/" + deviceId + "/lorawan", "{\"devEui\":\"" + devEui + "\"}", true);
    }

    /** Posts one uplink; {@code object} is what the device profile's codec decoded from the radio payload. */
    void uplink(String deviceId, String devEui, long fCnt, Instant time, String object) {
        uplink(deviceId, devEui, fCnt, time, object, false);
    }

    /** Posts one uplink, waiting for Saola's answer when {@code wait} (uplinks sent in a row must arrive in order). */
    void uplink(String deviceId, String devEui, long fCnt, Instant time, String object, boolean wait) {
        String body = """
                {"deduplicationId":"%s","time":"%s","deviceInfo":{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242",\
                "tenantName":"Đà Nẵng","applicationId":"0e2b4f4e-8d3a-4b8a-9a53-8e2f6c1d7a10","applicationName":"water-meters",\
                "deviceProfileName":"water meter (class A)","deviceName":"%s","devEui":"%s","tags":{}},"devAddr":"%08x",\
                "adr":true,"dr":5,"fCnt":%d,"fPort":2,"confirmed":false,"data":"%s","object":%s,\
                "rxInfo":[{"gatewayId":"0016c001f153a14c","uplinkId":%d,"rssi":-97,"snr":6.5}],\
                "txInfo":{"frequency":923200000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}"""
                .formatted(UUID.randomUUID(), time, deviceId, devEui.toLowerCase(Locale.ROOT), deviceId.hashCode(), fCnt,
                        Base64.getEncoder().encodeToString(object.getBytes(StandardCharsets.UTF_8)), object, fCnt);
        send("POST", "/api/v1/lorawan/chirpstack?event=up", body, wait);
    }

    private void send(String method, String path, String body, boolean wait) {
        HttpRequest request = HttpRequest.newBuilder(saola.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        var answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
            if (failure != null || r.statusCode() >= 300) {
                log.warn("ChirpStack stand-in: {} {} answered {}", method, path,
                        failure != null ? failure.toString() : r.statusCode() + " " + r.body());
            }
        });
        if (wait) {
            try {
                answer.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                // Logged above; the demo goes on without it.
            }
        }
    }
}
