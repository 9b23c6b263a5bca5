package org.saola.devices.fiware;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.saola.devices.Device;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.devices.domain.RejectedReading;
import org.saola.devices.domain.RejectionReason;
import org.saola.devices.fiware.IotAgentStore.StoredDevice;
import org.saola.devices.fiware.IotAgentStore.StoredGroup;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.store.DeviceStore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures of FIWARE devices, in UltraLight 2.0 or IoT Agent JSON, over HTTP or MQTT: the device is found by its
 * group's API key and its id, each measure is typed as its attribute is declared (UltraLight sends text; a
 * {@code Number} attribute gets a number), and the readings go through Saola's pipeline, checked by the device's
 * generated profile. A measure the device's provisioning does not declare is refused with
 * {@code UNKNOWN_ATTRIBUTE} (an IoT Agent would store it as text), unless the device or its group says
 * {@code explicitAttrs: true}, where it is dropped as an IoT Agent drops it.
 */
@Service
public class IotAgentMeasures {

    /** A provisioned device a message is for. */
    public record Found(Device device, StoredDevice provisioned, DeviceProfile profile, boolean explicitAttrs) {
        public DeviceIdentity identity() {
            return new DeviceIdentity(device.tenant(), device.id());
        }

        public boolean json() {
            return provisioned.protocol().toUpperCase(java.util.Locale.ROOT).contains("JSON");
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * Devices that sent lately, by API key and id: three look-ups (group, provisioning, register) per device every
     * few seconds rather than per message. Only found devices are kept; the profile is looked up each time.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Found> recent = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(100_000).expireAfterWrite(java.time.Duration.ofSeconds(10)).build();

    private final IotAgentStore store;
    private final DeviceStore devices;
    private final DeviceProfiles profiles;
    private final ReadingIngestion ingestion;

    public IotAgentMeasures(IotAgentStore store, DeviceStore devices, DeviceProfiles profiles, ReadingIngestion ingestion) {
        this.store = store;
        this.devices = devices;
        this.profiles = profiles;
        this.ingestion = ingestion;
    }

    /**
     * The device a measure is for: its group by API key (404 {@code DEVICE_GROUP_NOT_FOUND}), then the device by id
     * in that group (404 {@code DEVICE_NOT_FOUND}: Saola registers devices before their first measure).
     */
    public Found find(String resource, String apikey, String deviceId) {
        Found cached = recent.getIfPresent(apikey + "\u0000" + deviceId);
        if (cached != null) {
            return cached;
        }
        Found found = lookUp(resource, apikey, deviceId);
        recent.put(apikey + "\u0000" + deviceId, found);
        return found;
    }

    /** Forgets the devices found lately: their provisioning changed on this node (other nodes within seconds). */
    public void forget() {
        recent.invalidateAll();
    }

    private Found lookUp(String resource, String apikey, String deviceId) {
        StoredGroup group = store.groupByApiKey(apikey).orElseThrow(() -> IotAgentError.groupNotFound(resource, apikey));
        StoredDevice d = store.device(group.tenant(), deviceId)
                .filter(p -> p.apikey().map(apikey::equals).orElse(p.scope().equals(group.scope())))
                .orElseThrow(() -> new IotAgentError(404, "DEVICE_NOT_FOUND", "No device was found with id:" + deviceId
                        + " for this API key; Saola does not provision devices on their first measure: provision it"
                        + " (POST /iot/devices) with its location"));
        Device device = devices.find(group.tenant(), deviceId).orElseThrow(() -> IotAgentError.deviceNotFound(deviceId));
        DeviceProfile profile = profiles.find(group.tenant(), device.profile())
                .orElseThrow(() -> IotAgentError.deviceNotFound(deviceId));
        boolean explicit = JSON.readTree(d.document()).path("explicitAttrs").asBoolean(false)
                || JSON.readTree(group.document()).path("explicitAttrs").asBoolean(false);
        return new Found(device, d, profile, explicit);
    }

    /** UltraLight measures: each {@code #}-group one reading, observed at its own timestamp, else at {@code t}, else now. */
    public CompletableFuture<ReadingIngestion.Outcome> ultraLight(Found f, String payload, Optional<String> t) {
        List<UltraLight.Group> groups;
        try {
            groups = UltraLight.parse(payload);
        } catch (IllegalArgumentException e) {
            return refused(f, RejectionReason.MALFORMED_PAYLOAD, e.getMessage(), payload);
        }
        var nf = JsonNodeFactory.instance;
        ArrayNode readings = nf.arrayNode();
        Map<String, DeviceProfile.ValueKind> kinds = kinds(f.profile());
        for (UltraLight.Group g : groups) {
            ObjectNode r = readings.addObject();
            Optional<String> at = g.timestamp().or(() -> t);
            if (at.isPresent()) {
                r.put("TimeInstant", instant(at.get()));
            }
            g.measures().forEach((key, value) -> {
                DeviceProfile.ValueKind kind = kinds.get(key);
                if (kind == null && f.explicitAttrs()) {
                    return;
                }
                r.set(key, typed(kind, nf.stringNode(value)));
            });
        }
        return ingestion.ingestTranslated(f.device(), readings, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** IoT Agent JSON measures: an object (one reading) or an array of them; {@code TimeInstant} the time if sent. */
    public CompletableFuture<ReadingIngestion.Outcome> json(Found f, JsonNode body, Optional<String> t) {
        if (body == null || !(body.isObject() || body.isArray()) || body.isEmpty()) {
            return refused(f, RejectionReason.MALFORMED_PAYLOAD, "IoT Agent JSON measures are an object such as"
                    + " {\"t\": 15} or an array of them", String.valueOf(body));
        }
        var nf = JsonNodeFactory.instance;
        ArrayNode readings = nf.arrayNode();
        Map<String, DeviceProfile.ValueKind> kinds = kinds(f.profile());
        for (JsonNode item : body.isArray() ? body : nf.arrayNode().add(body)) {
            if (!item.isObject()) {
                readings.add(item);         // refused by the decoder, named by its place
                continue;
            }
            ObjectNode r = readings.addObject();
            if (t.isPresent() && !item.has("TimeInstant")) {
                r.put("TimeInstant", instant(t.get()));
            }
            for (Map.Entry<String, JsonNode> e : item.properties()) {
                DeviceProfile.ValueKind kind = kinds.get(e.getKey());
                if (e.getKey().equals("TimeInstant")) {
                    r.set("TimeInstant", e.getValue().isString() ? nf.stringNode(instant(e.getValue().asString())) : e.getValue());
                } else if (kind != null || !f.explicitAttrs()) {
                    r.set(e.getKey(), typed(kind, e.getValue()));
                }
            }
        }
        return ingestion.ingestTranslated(f.device(), readings, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<ReadingIngestion.Outcome> refused(Found f, RejectionReason reason, String detail, String payload) {
        return CompletableFuture.completedFuture(ingestion.refuse(f.identity(), new RejectedReading(reason, detail),
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, DeviceProfile.ValueKind> kinds(DeviceProfile profile) {
        Map<String, DeviceProfile.ValueKind> out = new HashMap<>();
        for (DeviceProfile.Target t : profile.targets()) {
            for (DeviceProfile.Measurement m : t.measurements()) {
                out.putIfAbsent(m.field(), m.kind());
            }
        }
        return out;
    }

    /**
     * A measure as its attribute is declared: a text that reads as a number becomes one for a number attribute,
     * {@code true}/{@code false} a boolean for a boolean one; anything else stays as sent, for the profile's
     * checks to refuse with the reason.
     */
    static JsonNode typed(DeviceProfile.ValueKind kind, JsonNode value) {
        if (kind == null || !value.isString()) {
            return value;
        }
        String s = value.asString().strip();
        return switch (kind) {
            case NUMBER -> {
                try {
                    BigDecimal d = new BigDecimal(s);
                    yield d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                            ? JsonNodeFactory.instance.numberNode(d.longValueExact()) : JsonNodeFactory.instance.numberNode(d.doubleValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    yield value;
                }
            }
            case BOOLEAN -> s.equals("true") ? JsonNodeFactory.instance.booleanNode(true)
                    : s.equals("false") ? JsonNodeFactory.instance.booleanNode(false) : value;
            case TEXT -> value;
        };
    }

    /** A FIWARE timestamp (ISO 8601, with any offset) in the UTC form Saola's decoder reads; as sent if unreadable. */
    static String instant(String text) {
        try {
            return Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toString();
            } catch (DateTimeParseException e2) {
                return text;
            }
        }
    }
}
