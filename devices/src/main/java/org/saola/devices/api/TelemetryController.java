package org.saola.devices.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.DeviceRegistryService;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.PayloadDecoder;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.devices.domain.RejectionReason;
import org.saola.devices.mqtt.MqttProperties;
import org.saola.platform.security.DeviceRoute;
import org.saola.platform.security.RateLimits;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readings over HTTP, for devices and gateways that do not speak MQTT: {@code POST /api/v1/telemetry} with the
 * device's own credentials as HTTP Basic ({@code <tenant>/<deviceId>} and its secret, as on MQTT) and the same
 * payload as on MQTT (one reading, or an array of them). Answered only after the good readings are committed
 * (the durability contract); a bad reading never blocks the good ones beside it, and each refused one is named
 * in the answer and recorded against the device.
 */
@RestController
class TelemetryController {

    private final DeviceRegistryService devices;
    private final ReadingIngestion ingestion;
    private final RateLimits limits;
    private final IngestionMetrics metrics;
    private final MqttProperties properties;

    TelemetryController(DeviceRegistryService devices, ReadingIngestion ingestion, RateLimits limits,
            IngestionMetrics metrics, MqttProperties properties) {
        this.devices = devices;
        this.ingestion = ingestion;
        this.limits = limits;
        this.metrics = metrics;
        this.properties = properties;
    }

    @PostMapping(path = "/api/v1/telemetry", consumes = MediaType.APPLICATION_JSON_VALUE)
    @DeviceRoute("devices and gateways send readings with their own credentials")
    ResponseEntity<?> telemetry(HttpServletRequest request) throws IOException, InterruptedException {
        return receive(request, PayloadDecoder.MAX_PAYLOAD_BYTES, (device, payload) ->
                ingestion.ingest(device, device.topic(), payload));
    }

    /**
     * A gateway's message: the readings of the devices registered behind it, by device id
     * ({@link ReadingIngestion#ingestFromGateway}), with the gateway's own credentials.
     */
    @PostMapping(path = "/api/v1/telemetry/gateway", consumes = MediaType.APPLICATION_JSON_VALUE)
    @DeviceRoute("gateways send the readings of the devices behind them with their own credentials")
    ResponseEntity<?> gateway(HttpServletRequest request) throws IOException, InterruptedException {
        return receive(request, ReadingIngestion.MAX_GATEWAY_PAYLOAD_BYTES, ingestion::ingestFromGateway);
    }

    /** Authenticates the device, applies its rate limit, reads at most {@code maxBytes}, ingests, answers. */
    private ResponseEntity<?> receive(HttpServletRequest request, int maxBytes,
            java.util.function.BiFunction<DeviceIdentity, byte[], java.util.concurrent.CompletableFuture<ReadingIngestion.Outcome>> ingest)
            throws IOException, InterruptedException {
        Optional<DeviceIdentity> device = credentials(request.getHeader(HttpHeaders.AUTHORIZATION))
                .flatMap(c -> devices.authenticate(c[0], c[1].getBytes(StandardCharsets.UTF_8)));
        if (device.isEmpty()) {
            metrics.rejected(RejectionReason.BAD_CREDENTIALS);
            return IngestAnswers.problem(HttpStatus.UNAUTHORIZED, "send the device's credentials as HTTP Basic: "
                    + "<tenant>/<deviceId> and its secret", Map.of(HttpHeaders.WWW_AUTHENTICATE,
                    "Basic realm=\"saola-devices\", charset=\"UTF-8\""));
        }
        Optional<ResponseEntity<ProblemDetail>> tooMany = IngestAnswers.rateLimited(limits, metrics, device.get());
        if (tooMany.isPresent()) {
            return tooMany.get();
        }
        byte[] payload = request.getInputStream().readNBytes(maxBytes + 1);
        if (payload.length > maxBytes) {
            metrics.rejected(RejectionReason.TOO_LARGE);
            return IngestAnswers.problem(HttpStatus.CONTENT_TOO_LARGE, "a message carries at most " + maxBytes
                    + " bytes of readings; send them in smaller batches", Map.of(HttpHeaders.CONNECTION, "close"));
        }
        return IngestAnswers.answer(ingest.apply(device.get(), payload), properties.ackTimeout(), metrics);
    }

    /** {@code [username, secret]} from an HTTP Basic header, if it is one. */
    static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? Optional.empty()
                : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
