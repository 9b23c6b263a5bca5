package org.saola.devices.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfile.Measurement;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Decodes a device's JSON payload by its profile: one reading as an object, or several as an array of objects;
 * each field the profile maps becomes the attribute it names (numbers scaled, then checked against the
 * plausible range; texts against the allowed values). Each reading is checked alone, so a bad one never blocks
 * the good ones beside it.
 *
 * <pre>{"level": 182, "dateObserved": "2026-11-23T08:00:00Z"}   (water-level: 182 cm, stored as 1.82 MTR)</pre>
 */
public final class PayloadDecoder {

    /** Decoded readings and the ones refused, each with its reason. */
    public record Decoded(List<Reading> readings, List<RejectedReading> rejected) {
        public Decoded {
            readings = List.copyOf(readings);
            rejected = List.copyOf(rejected);
        }
    }

    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_READINGS_PER_MESSAGE = 500;
    /** Clocks of cheap devices drift; a reading from further in the future than this is refused. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeviceProfile profile;
    /** Payload field → where it goes (a field may feed several targets: temperature to weather and air). */
    private final Map<String, List<Slot>> slots = new LinkedHashMap<>();

    private record Slot(int target, Measurement measurement) {
    }

    public PayloadDecoder(DeviceProfile profile) {
        this.profile = profile;
        for (int t = 0; t < profile.targets().size(); t++) {
            for (Measurement m : profile.targets().get(t).measurements()) {
                slots.computeIfAbsent(m.field(), k -> new ArrayList<>()).add(new Slot(t, m));
            }
        }
    }

    public DeviceProfile profile() {
        return profile;
    }

    public Decoded decode(byte[] payload, Instant receivedAt) {
        JsonNode root;
        try {
            root = json(payload, MAX_PAYLOAD_BYTES);
        } catch (Refused e) {
            return rejectedOnly(e.reason, e.getMessage());
        }
        return decode(root, receivedAt);
    }

    /**
     * A message as JSON, or why not: empty, larger than {@code maxBytes} (a device's message, or a gateway's for
     * many devices), or not JSON.
     */
    static JsonNode json(byte[] payload, int maxBytes) {
        if (payload.length == 0) {
            throw new Refused(RejectionReason.MALFORMED_PAYLOAD, "the payload is empty");
        }
        if (payload.length > maxBytes) {
            throw new Refused(RejectionReason.TOO_LARGE,
                    "the payload has " + payload.length + " bytes; at most " + maxBytes + " are accepted");
        }
        try {
            return JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new Refused(RejectionReason.MALFORMED_PAYLOAD, "the payload is not valid JSON: "
                    + org.saola.platform.problem.ApiProblems.firstLine(e.getOriginalMessage()));
        }
    }

    /** Decodes readings already parsed (a gateway's part for one device): one object, or an array of them. */
    public Decoded decode(JsonNode root, Instant receivedAt) {
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
        List<Reading> readings = new ArrayList<>();
        List<RejectedReading> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = root.isArray() ? "reading " + i + ": " : "";
            try {
                readings.add(reading(items.get(i), receivedAt));
            } catch (Refused e) {
                rejected.add(new RejectedReading(e.reason, where + e.getMessage()));
            }
        }
        return new Decoded(readings, rejected);
    }

    private Reading reading(JsonNode node, Instant receivedAt) {
        if (!node.isObject()) {
            throw new Refused(RejectionReason.MALFORMED_PAYLOAD, "a reading is a JSON object; got " + node.getNodeType());
        }
        Instant observed = receivedAt;
        List<Reading.Value> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(profile.timestampField())) {
                observed = timestamp(value, receivedAt);
                continue;
            }
            List<Slot> where = slots.get(name);
            if (where == null) {
                throw new Refused(RejectionReason.UNKNOWN_ATTRIBUTE, "unknown attribute '" + name + "'; devices of the profile "
                        + profile.id() + " send " + String.join(", ", slots.keySet()) + ", " + profile.timestampField());
            }
            for (Slot s : where) {
                values.add(new Reading.Value(s.target(), s.measurement(), stored(s.measurement(), name, value)));
            }
        }
        if (values.isEmpty()) {
            throw new Refused(RejectionReason.OUT_OF_SCHEMA, "a reading measures at least one of " + String.join(", ", slots.keySet()));
        }
        return new Reading(observed, values);
    }

    /** The value as stored: a number scaled and range-checked, a boolean, or an allowed text. */
    static JsonNode stored(Measurement m, String name, JsonNode value) {
        var f = JsonNodeFactory.instance;
        return switch (m.kind()) {
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw new Refused(RejectionReason.OUT_OF_SCHEMA, name + " must be a number; got " + value);
                }
                boolean scaled = m.scale() != 1.0 || m.offset() != 0.0;
                double sent = value.asDouble();
                // Decimal arithmetic, so that 140 × 0.01 is stored as 1.4, not 1.4000000000000001.
                double v = !scaled || !Double.isFinite(sent) ? sent : BigDecimal.valueOf(sent)
                        .multiply(BigDecimal.valueOf(m.scale())).add(BigDecimal.valueOf(m.offset())).doubleValue();
                if (!Double.isFinite(v) || m.min().filter(min -> v < min).isPresent()
                        || m.max().filter(max -> v > max).isPresent()) {
                    throw new Refused(RejectionReason.OUT_OF_RANGE, name + " must be between " + m.min().map(PayloadDecoder::fmt).orElse("-∞")
                            + " and " + m.max().map(PayloadDecoder::fmt).orElse("∞") + m.unitCode().map(u -> " " + u).orElse("")
                            + (scaled ? " once scaled; got " + fmt(v) + " (sent " + fmt(sent) + ")" : "; got " + fmt(v)));
                }
                yield v == Math.rint(v) && Math.abs(v) < 1e15 ? f.numberNode((long) v) : f.numberNode(v);
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new Refused(RejectionReason.OUT_OF_SCHEMA, name + " must be true or false; got " + value);
                }
                yield value;
            }
            case TEXT -> {
                if (!value.isString() || value.asString().length() > 200) {
                    throw new Refused(RejectionReason.OUT_OF_SCHEMA, name + " must be a text of at most 200 characters; got " + value);
                }
                if (!m.values().isEmpty() && !m.values().contains(value.asString())) {
                    throw new Refused(RejectionReason.OUT_OF_SCHEMA, name + " must be one of " + m.values() + "; got " + value);
                }
                yield value;
            }
        };
    }

    private Instant timestamp(JsonNode value, Instant receivedAt) {
        String field = profile.timestampField();
        if (!value.isString()) {
            throw new Refused(RejectionReason.OUT_OF_SCHEMA, field + " must be an ISO 8601 UTC date-time string");
        }
        Instant t;
        try {
            t = org.saola.context.Timestamps.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new Refused(RejectionReason.OUT_OF_SCHEMA, field + " '" + value.asString()
                    + "' is not an ISO 8601 UTC date-time such as 2026-11-23T08:00:00Z");
        }
        if (t.isAfter(receivedAt.plus(MAX_CLOCK_SKEW))) {
            throw new Refused(RejectionReason.FAR_FUTURE, field + " " + t + " is in the future (received at " + receivedAt
                    + "); check the device clock");
        }
        return t;
    }

    /** Why one reading is refused; the message is the detail the device's owner reads. */
    static final class Refused extends RuntimeException {
        final RejectionReason reason;

        Refused(RejectionReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private static Decoded rejectedOnly(RejectionReason reason, String detail) {
        return new Decoded(List.of(), List.of(new RejectedReading(reason, detail)));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
