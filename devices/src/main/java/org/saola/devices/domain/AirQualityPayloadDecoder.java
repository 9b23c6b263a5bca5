package org.saola.devices.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes an air-quality station's JSON payload: one reading as an object, or several as an array of
 * objects. Each reading is checked alone, so a bad one never blocks the good ones beside it.
 *
 * <pre>{"pm25": 31.5, "pm10": 48, "no2": 22, "o3": 41, "temperature": 29.4, "relativeHumidity": 0.71,
 *  "dateObserved": "2026-11-23T08:00:00Z"}</pre>
 */
public final class AirQualityPayloadDecoder {

    /** Decoded readings and the ones refused, each with its reason. */
    public record Decoded(List<AirQualityReading> readings, List<RejectedReading> rejected) {
        public Decoded {
            readings = List.copyOf(readings);
            rejected = List.copyOf(rejected);
        }
    }

    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_READINGS_PER_MESSAGE = 500;
    /** Clocks of cheap devices drift; a reading from further in the future than this is refused. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final JsonMapper json = JsonMapper.builder().build();

    public Decoded decode(byte[] payload, Instant receivedAt) {
        if (payload.length == 0) {
            return rejectedOnly(RejectionReason.MALFORMED_PAYLOAD, "the payload is empty");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return rejectedOnly(RejectionReason.MALFORMED_PAYLOAD,
                    "the payload has " + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES + " are accepted");
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            return rejectedOnly(RejectionReason.MALFORMED_PAYLOAD, "the payload is not valid JSON: "
                    + firstLine(e.getOriginalMessage()));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            if (root.size() > MAX_READINGS_PER_MESSAGE) {
                return rejectedOnly(RejectionReason.MALFORMED_PAYLOAD, "a message carries at most "
                        + MAX_READINGS_PER_MESSAGE + " readings; this one has " + root.size());
            }
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        List<AirQualityReading> readings = new ArrayList<>();
        List<RejectedReading> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = root.isArray() ? "reading " + i + ": " : "";
            try {
                readings.add(reading(items.get(i), receivedAt));
            } catch (IllegalArgumentException e) {
                RejectionReason reason = items.get(i).isObject() ? RejectionReason.OUT_OF_SCHEMA
                        : RejectionReason.MALFORMED_PAYLOAD;
                rejected.add(new RejectedReading(reason, where + e.getMessage()));
            }
        }
        return new Decoded(readings, rejected);
    }

    private AirQualityReading reading(JsonNode node, Instant receivedAt) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a reading is a JSON object; got " + node.getNodeType());
        }
        Instant observed = receivedAt;
        Map<AirQualityQuantity, Double> values = new EnumMap<>(AirQualityQuantity.class);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("dateObserved")) {
                observed = timestamp(value, receivedAt);
                continue;
            }
            AirQualityQuantity quantity = AirQualityQuantity.byAttribute(name).orElseThrow(() ->
                    new IllegalArgumentException("unknown attribute '" + name + "'; expected pm25, pm10, no2, o3, "
                            + "temperature, relativeHumidity, dateObserved"));
            if (!value.isNumber()) {
                throw new IllegalArgumentException(name + " must be a number; got " + value);
            }
            values.put(quantity, value.asDouble());
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a reading measures at least one of pm25, pm10, no2, o3, "
                    + "temperature, relativeHumidity");
        }
        return new AirQualityReading(observed, values);
    }

    private static Instant timestamp(JsonNode value, Instant receivedAt) {
        if (!value.isString()) {
            throw new IllegalArgumentException("dateObserved must be an ISO 8601 UTC date-time string");
        }
        Instant t;
        try {
            t = Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dateObserved '" + value.asString()
                    + "' is not an ISO 8601 UTC date-time such as 2026-11-23T08:00:00Z");
        }
        if (t.isAfter(receivedAt.plus(MAX_CLOCK_SKEW))) {
            throw new IllegalArgumentException("dateObserved " + t + " is in the future (received at " + receivedAt
                    + "); check the device clock");
        }
        return t;
    }

    private static Decoded rejectedOnly(RejectionReason reason, String detail) {
        return new Decoded(List.of(), List.of(new RejectedReading(reason, detail)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }
}
