package org.saola.devices.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kind of device measures and where its readings go: the entities it feeds (a Smart Data Model type
 * each), how each payload field becomes an attribute (unit, scaling, plausible range), how often it should
 * report, how its messages are decoded, and the commands it takes. A profile is a JSON document
 * ({@link ProfileDocuments}), so a city can share one with another as a file; Saola ships the common kinds.
 *
 * @param id                 1–64 letters, digits, {@code -} or {@code _}; unique in a tenant
 * @param name               display names by language tag ({@code vi}, {@code en})
 * @param reportingInterval  how often a healthy device sends a reading
 * @param decoder            how a message is read: {@code json} (one reading as an object, or an array of them)
 * @param timestampField     the payload field carrying the observation time (ISO 8601), if sent
 * @param targets            the entities each device of this kind feeds, at least one
 * @param commands           what the device can be told to do (empty for pure sensors)
 * @param health             when the health watch calls a device of this kind unhealthy
 */
public record DeviceProfile(String id, Map<String, String> name, Duration reportingInterval, String decoder,
        String timestampField, List<Target> targets, List<Command> commands, Health health) {

    /** The attribute a battery level (0–1, as Smart Data Models' {@code Device}) is read from. */
    public static final String BATTERY_ATTRIBUTE = "batteryLevel";

    /**
     * When a device of this kind is unhealthy.
     *
     * @param silentAfter     intervals without a reading before the device is silent (at least 1)
     * @param stuckAfter      identical readings in a row before it is stuck; 0 where a steady value is normal
     *                        (a dry drain, a free parking spot)
     * @param lowBatteryBelow battery level (0–1) below which it needs a visit, where it reports a
     *                        {@code batteryLevel}
     */
    public record Health(int silentAfter, int stuckAfter, double lowBatteryBelow) {
        public static final Health DEFAULT = new Health(3, 0, 0.15);
    }

    public DeviceProfile {
        name = Map.copyOf(name);
        targets = List.copyOf(targets);
        commands = List.copyOf(commands);
    }

    /**
     * One entity a device feeds. Its id is {@code urn:ngsi-ld:<entityType>:<deviceId>[:<idSuffix>]}, or
     * {@code fixedId} for a profile only one device uses (how FIWARE provisioning names a device's entity).
     */
    public record Target(String entityType, Optional<String> idSuffix, Optional<String> fixedId, List<Measurement> measurements) {
        public Target {
            measurements = List.copyOf(measurements);
        }

        public String entityId(String deviceId) {
            return fixedId.orElseGet(() -> "urn:ngsi-ld:" + entityType + ":" + deviceId + idSuffix.map(s -> ":" + s).orElse(""));
        }
    }

    /** Whether one device only may use this profile: a target names its entity outright. */
    public boolean forOneDevice() {
        return targets.stream().anyMatch(t -> t.fixedId().isPresent());
    }

    /** What a measurement's values are. */
    public enum ValueKind { NUMBER, BOOLEAN, TEXT }

    /**
     * A payload field and the attribute it becomes. A number is stored as {@code value × scale + offset} and must
     * then lie in {@code [min, max]}; a text must be one of {@code values}.
     */
    public record Measurement(String field, String attribute, ValueKind kind, Optional<String> unitCode, double scale,
            double offset, Optional<Double> min, Optional<Double> max, List<String> values) {
        public Measurement {
            values = List.copyOf(values);
        }
    }

    /** A command: its name and, for one that takes a number ({@code dim}), the range of that number. */
    public record Command(String name, Optional<Double> min, Optional<Double> max) {
        public boolean takesValue() {
            return min.isPresent() || max.isPresent();
        }
    }

    /** The display name in {@code language}, else in English, else the id. */
    public String name(String language) {
        return Optional.ofNullable(name.get(language)).or(() -> Optional.ofNullable(name.get("en"))).orElse(id);
    }

    /** The entity the device's page and the map point at: the first target's. */
    public String primaryEntityId(String deviceId) {
        return targets.get(0).entityId(deviceId);
    }

    public List<String> entityIds(String deviceId) {
        return targets.stream().map(t -> t.entityId(deviceId)).toList();
    }
}
