package org.saola.devices.fiware;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.PayloadDecoder;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.devices.domain.RejectedReading;
import org.saola.devices.domain.RejectionReason;
import org.saola.devices.mqtt.MqttProperties;
import org.saola.platform.security.DeviceRoute;
import org.saola.platform.security.RateLimits;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The southbound HTTP routes of FIWARE's IoT Agents, where FIWARE devices send measures: UltraLight 2.0 on
 * {@code /iot/d} (GET with {@code d=}, or POST as text) and IoT Agent JSON on {@code /iot/json}, each with the
 * group's API key {@code k} and the device id {@code i}, an optional time {@code t}. As in an IoT Agent, the API
 * key is the device's credential here: a FIWARE group's key is a shared secret, so give each group a long random
 * one (and prefer Saola's own per-device credentials for new devices). Answered 200 only once the readings are
 * committed; refusals as an IoT Agent answers them ({@code {"name": …, "message": …}}), each recorded on the
 * device's page like any other. {@code getCmd=1} also collects the device's pending commands ({@link IotAgentCommands}).
 */
@RestController
class IotAgentSouthboundController {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final IotAgentMeasures measures;
    private final IotAgentCommands commands;
    private final RateLimits limits;
    private final IngestionMetrics metrics;
    private final MqttProperties properties;

    IotAgentSouthboundController(IotAgentMeasures measures, IotAgentCommands commands, RateLimits limits,
            IngestionMetrics metrics, MqttProperties properties) {
        this.measures = measures;
        this.commands = commands;
        this.limits = limits;
        this.metrics = metrics;
        this.properties = properties;
    }

    @RequestMapping(path = "/iot/d", method = {RequestMethod.GET, RequestMethod.POST})
    @DeviceRoute("FIWARE devices send UltraLight 2.0 measures with their group's API key, and collect their commands")
    ResponseEntity<?> ultraLight(HttpServletRequest request, @RequestParam Optional<String> k, @RequestParam Optional<String> i,
            @RequestParam Optional<String> t, @RequestParam Optional<String> d, @RequestParam Optional<String> getCmd)
            throws IOException, InterruptedException {
        boolean polling = getCmd.map("1"::equals).orElse(false);
        String payload = request.getMethod().equals("GET") ? d.orElse("") : body(request, "text/plain");
        IotAgentMeasures.Found device = device(request, "/iot/d", k, i, payload.isEmpty() && !polling);
        if (!payload.isEmpty()) {
            // A result of a command the device was sent (dev@cmd|result) comes in the measures' place.
            Optional<UltraLight.CommandLine> result = UltraLight.commandLine(payload)
                    .filter(r -> r.deviceId().equals(device.device().id()));
            if (result.isPresent()) {
                Optional<String> refused = commands.result(device, result.get().command(), result.get().value());
                if (refused.isPresent()) {
                    throw new IotAgentError(400, "COMMAND_NOT_FOUND", refused.get());
                }
            } else {
                Optional<ResponseEntity<?>> refused = answer(measures.ultraLight(device, payload, t), false);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
        }
        String pending = polling ? commands.collectUltraLight(device) : "";
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(pending);
    }

    @RequestMapping(path = "/iot/json", method = {RequestMethod.GET, RequestMethod.POST})
    @DeviceRoute("FIWARE devices send IoT Agent JSON measures with their group's API key, and collect their commands")
    ResponseEntity<?> json(HttpServletRequest request, @RequestParam Optional<String> k, @RequestParam Optional<String> i,
            @RequestParam Optional<String> t, @RequestParam Optional<String> d, @RequestParam Optional<String> getCmd)
            throws IOException, InterruptedException {
        boolean polling = getCmd.map("1"::equals).orElse(false);
        String payload = request.getMethod().equals("GET") ? d.orElse("") : body(request, "application/json");
        IotAgentMeasures.Found device = device(request, "/iot/json", k, i, payload.isEmpty() && !polling);
        if (!payload.isEmpty()) {
            Optional<ResponseEntity<?>> refused = answer(measures.json(device, parse(payload), t), true);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(polling ? commands.collectJson(device).toString() : "{}");
    }

    /** A JSON device's results of its commands: {@code {"<command>": "<result>"}}. */
    @RequestMapping(path = "/iot/json/commands", method = RequestMethod.POST)
    @DeviceRoute("FIWARE devices speaking IoT Agent JSON send the results of their commands")
    ResponseEntity<?> jsonResults(HttpServletRequest request, @RequestParam Optional<String> k,
            @RequestParam Optional<String> i) throws IOException {
        IotAgentMeasures.Found device = device(request, "/iot/json", k, i, false);
        JsonNode results = parse(body(request, "application/json"));
        if (!results.isObject() || results.isEmpty()) {
            throw IotAgentError.badRequest("command results are {\"<command>\": <result>}");
        }
        for (var e : results.properties()) {
            Optional<String> refused = commands.result(device, e.getKey(),
                    e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            if (refused.isPresent()) {
                throw new IotAgentError(400, "COMMAND_NOT_FOUND", refused.get());
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{}");
    }

    /**
     * The device the request names, within its rate limit. Each address may try a few unknown keys or devices in
     * a window ({@link RateLimits#lookupAllowed}: only those not found count), so API keys cannot be guessed by the
     * million, while a gateway's many devices behind one address are never refused for being many.
     */
    private IotAgentMeasures.Found device(HttpServletRequest request, String resource, Optional<String> k, Optional<String> i,
            boolean noPayload) {
        if (k.filter(s -> !s.isBlank()).isEmpty() || i.filter(s -> !s.isBlank()).isEmpty() || noPayload) {
            java.util.List<String> missing = new java.util.ArrayList<>();
            k.filter(s -> !s.isBlank()).ifPresentOrElse(s -> { }, () -> missing.add("API Key"));
            i.filter(s -> !s.isBlank()).ifPresentOrElse(s -> { }, () -> missing.add("Device Id"));
            if (noPayload) {
                missing.add("Payload");
            }
            metrics.rejected(RejectionReason.MALFORMED_PAYLOAD);
            throw new IotAgentError(400, "MANDATORY_PARAMS_NOT_FOUND", "Some of the mandatory params weren't found in"
                    + " the request: " + IotAgentError.quoted(missing.toArray(String[]::new)));
        }
        String address = "iota-address:" + request.getRemoteAddr();
        RateLimits.Verdict attempt = limits.lookupAllowed(address);
        if (!attempt.allowed()) {
            metrics.rejected(RejectionReason.BAD_CREDENTIALS);
            throw new IotAgentError(429, "TOO_MANY_FAILURES", "too many unknown API keys or devices from this address;"
                    + " retry after " + attempt.retryAfterSeconds() + " s");
        }
        IotAgentMeasures.Found device;
        try {
            device = measures.find(resource, k.get(), i.get());
        } catch (IotAgentError e) {
            limits.lookupFailed(address);
            metrics.rejected(RejectionReason.BAD_CREDENTIALS);
            throw e;
        }
        RateLimits.Verdict verdict = limits.reading(device.identity().username());
        if (!verdict.allowed()) {
            metrics.rejected(RejectionReason.RATE_LIMITED);
            throw new IotAgentError(429, "RATE_LIMITED", "too many messages from this device; slow down (retry after "
                    + verdict.retryAfterSeconds() + " s)");
        }
        return device;
    }

    private static String body(HttpServletRequest request, String expected) throws IOException {
        String type = request.getContentType();
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith(expected)) {
            throw new IotAgentError(400, "UNSUPPORTED_TYPE", "The request content didn't have the expected type: " + expected);
        }
        byte[] bytes = request.getInputStream().readNBytes(PayloadDecoder.MAX_PAYLOAD_BYTES + 1);
        if (bytes.length > PayloadDecoder.MAX_PAYLOAD_BYTES) {
            throw new IotAgentError(413, "TOO_LARGE", "a message carries at most " + PayloadDecoder.MAX_PAYLOAD_BYTES
                    + " bytes of measures; send them in smaller batches");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new IotAgentError(400, "MALFORMED_PAYLOAD", "the measures are not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** Empty once the readings are committed (or only some refused); else the answer that says why not. */
    private Optional<ResponseEntity<?>> answer(CompletableFuture<ReadingIngestion.Outcome> pending, boolean json)
            throws InterruptedException {
        ReadingIngestion.Outcome outcome;
        try {
            outcome = pending.get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.rejected(RejectionReason.NOT_STORED);
            return Optional.of(retry());
        }
        if (outcome.needsResend()) {
            return Optional.of(retry());
        }
        if (outcome.fullyRejected()) {
            RejectedReading first = outcome.rejected().getFirst();
            return Optional.of(IotAgentProvisioningController.error(400, first.reason().name(), first.detail()));
        }
        return Optional.empty();
    }

    private static ResponseEntity<?> retry() {
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5").contentType(MediaType.APPLICATION_JSON)
                .body(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", "NOT_STORED")
                        .put("message", "measures not committed in time; send them again"));
    }

    @ExceptionHandler(IotAgentError.class)
    ResponseEntity<JsonNode> iotAgentError(IotAgentError e) {
        return IotAgentProvisioningController.error(e.status(), e.name(), e.getMessage());
    }
}
