package org.saola.devices.profile;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.saola.devices.profile.DeviceProfile.Command;
import org.saola.devices.profile.DeviceProfile.Measurement;
import org.saola.devices.profile.DeviceProfile.Target;
import org.saola.devices.profile.DeviceProfile.ValueKind;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A device profile as a JSON document, the form it is shared in between cities, read strictly: an unknown key,
 * a missing or wrong value is refused with the JSON pointer of the place to fix ({@code /targets/0/measurements/2/unitCode}).
 *
 * <pre>{"id": "water-level", "name": {"vi": "Trạm đo mực nước", "en": "Water level gauge"},
 *  "reportingInterval": "PT5M", "decoder": "json", "timestampField": "dateObserved",
 *  "targets": [{"entityType": "WaterObserved", "measurements": [
 *     {"field": "level", "attribute": "waterLevel", "unitCode": "MTR", "scale": 0.01, "min": 0, "max": 30}]}],
 *  "commands": [], "health": {"silentAfter": 3, "stuckAfter": 0, "lowBatteryBelow": 0.15}}</pre>
 */
public final class ProfileDocuments {

    public static final int MAX_TARGETS = 10;
    public static final int MAX_MEASUREMENTS = 100;
    public static final Set<String> DECODERS = Set.of("json");
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(7);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]{1,250}");
    private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{2,3}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    /** Attributes a device may not write: the entity's identity and what registration sets. */
    private static final Set<String> RESERVED = Set.of("id", "type", "scope", "location", "name", "dateObserved");

    private ProfileDocuments() {
    }

    public static DeviceProfile read(JsonNode doc) {
        object(doc, "");
        allowed(doc, "", "id", "name", "reportingInterval", "decoder", "timestampField", "targets", "commands", "health");
        String id = matching(text(doc, "/id", true), ID, "/id", "1-64 letters, digits, '-' or '_'");
        Map<String, String> names = new TreeMap<>();
        JsonNode name = doc.get("name");
        object(name, "/name");
        for (Map.Entry<String, JsonNode> e : name.properties()) {
            matching(e.getKey(), LANGUAGE, "/name", "language tags such as vi and en as keys");
            String value = text(name, "/name/" + e.getKey(), true);
            if (value.isBlank() || value.length() > 200) {
                throw invalid("/name/" + e.getKey(), "a name has 1-200 characters");
            }
            names.put(e.getKey(), value.strip());
        }
        if (names.isEmpty()) {
            throw invalid("/name", "a profile needs a name, in Vietnamese (vi) and English (en) at best");
        }
        Duration interval = duration(text(doc, "/reportingInterval", true), "/reportingInterval");
        String decoder = Optional.ofNullable(text(doc, "/decoder", false)).orElse("json");
        if (!DECODERS.contains(decoder)) {
            throw invalid("/decoder", "the decoder must be one of " + new java.util.TreeSet<>(DECODERS) + "; got '" + decoder + "'");
        }
        String timestampField = matching(Optional.ofNullable(text(doc, "/timestampField", false)).orElse("dateObserved"),
                FIELD, "/timestampField", "1-64 letters, digits, '.', '-' or '_'");

        JsonNode targetsNode = doc.get("targets");
        if (targetsNode == null || !targetsNode.isArray() || targetsNode.isEmpty() || targetsNode.size() > MAX_TARGETS) {
            throw invalid("/targets", "a profile feeds 1-" + MAX_TARGETS + " entities, as an array of targets");
        }
        List<Target> targets = new ArrayList<>();
        Set<String> entityIds = new HashSet<>();
        for (int i = 0; i < targetsNode.size(); i++) {
            Target t = target(targetsNode.get(i), "/targets/" + i, timestampField);
            if (!entityIds.add(t.entityId("x"))) {
                throw invalid("/targets/" + i + "/idSuffix", "two targets of type " + t.entityType()
                        + " need different idSuffix values, so that their entities have different ids");
            }
            targets.add(t);
        }
        List<Command> commands = new ArrayList<>();
        JsonNode commandsNode = doc.get("commands");
        if (commandsNode != null && !commandsNode.isNull()) {
            if (!commandsNode.isArray() || commandsNode.size() > 20) {
                throw invalid("/commands", "commands is an array of at most 20 commands");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < commandsNode.size(); i++) {
                String at = "/commands/" + i;
                JsonNode c = commandsNode.get(i);
                object(c, at);
                allowed(c, at, "name", "min", "max");
                String cname = matching(text(c, at + "/name", true), TYPE, at + "/name", "a letter, then letters, digits or '_'");
                if (!seen.add(cname)) {
                    throw invalid(at + "/name", "the command '" + cname + "' is listed twice");
                }
                Optional<Double> min = number(c, at + "/min");
                Optional<Double> max = number(c, at + "/max");
                range(min, max, at);
                commands.add(new Command(cname, min, max));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).measurements().isEmpty() && (i > 0 || commands.isEmpty())) {
                throw invalid("/targets/" + i + "/measurements", "a target maps 1-" + MAX_MEASUREMENTS + " payload fields,"
                        + " as an array (only the one target of an actuator that measures nothing, such as a bell, maps none)");
            }
        }
        return new DeviceProfile(id, names, interval, decoder, timestampField, targets, commands, health(doc.get("health")));
    }

    private static DeviceProfile.Health health(JsonNode h) {
        if (h == null || h.isNull()) {
            return DeviceProfile.Health.DEFAULT;
        }
        object(h, "/health");
        allowed(h, "/health", "silentAfter", "stuckAfter", "lowBatteryBelow");
        DeviceProfile.Health d = DeviceProfile.Health.DEFAULT;
        double silent = number(h, "/health/silentAfter").orElse((double) d.silentAfter());
        if (silent != Math.rint(silent) || silent < 1 || silent > 1000) {
            throw invalid("/health/silentAfter", "silentAfter is a whole number of reporting intervals, 1-1000");
        }
        double stuck = number(h, "/health/stuckAfter").orElse((double) d.stuckAfter());
        if (stuck != Math.rint(stuck) || stuck < 0 || stuck > 100_000 || stuck == 1) {
            throw invalid("/health/stuckAfter", "stuckAfter is 0 (not watched) or a whole number of identical readings, 2-100000");
        }
        double battery = number(h, "/health/lowBatteryBelow").orElse(d.lowBatteryBelow());
        if (battery < 0 || battery > 1) {
            throw invalid("/health/lowBatteryBelow", "lowBatteryBelow is a battery level between 0 and 1");
        }
        return new DeviceProfile.Health((int) silent, (int) stuck, battery);
    }

    private static Target target(JsonNode t, String at, String timestampField) {
        object(t, at);
        allowed(t, at, "entityType", "idSuffix", "entityId", "measurements");
        String type = matching(text(t, at + "/entityType", true), TYPE, at + "/entityType",
                "a Smart Data Model type name such as WaterObserved");
        Optional<String> suffix = Optional.ofNullable(text(t, at + "/idSuffix", false))
                .map(s -> matching(s, ID, at + "/idSuffix", "1-64 letters, digits, '-' or '_'"));
        Optional<String> fixedId = Optional.ofNullable(text(t, at + "/entityId", false))
                .map(s -> matching(s, ENTITY_ID, at + "/entityId", "an absolute URI such as urn:ngsi-ld:Motion:001, at most 256 characters"));
        if (fixedId.isPresent() && suffix.isPresent()) {
            throw invalid(at + "/entityId", "a target has either an entityId (one device's entity) or an idSuffix, not both");
        }
        JsonNode ms = t.get("measurements");
        if (ms == null || !ms.isArray() || ms.size() > MAX_MEASUREMENTS) {
            throw invalid(at + "/measurements", "a target maps 1-" + MAX_MEASUREMENTS + " payload fields, as an array");
        }
        List<Measurement> measurements = new ArrayList<>();
        Set<String> attributes = new HashSet<>();
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < ms.size(); i++) {
            String mat = at + "/measurements/" + i;
            Measurement m = measurement(ms.get(i), mat, timestampField);
            if (!attributes.add(m.attribute())) {
                throw invalid(mat + "/attribute", "the attribute '" + m.attribute() + "' is mapped twice in this target");
            }
            if (!fields.add(m.field())) {
                throw invalid(mat + "/field", "the field '" + m.field() + "' is mapped twice in this target");
            }
            measurements.add(m);
        }
        return new Target(type, suffix, fixedId, measurements);
    }

    private static Measurement measurement(JsonNode m, String at, String timestampField) {
        object(m, at);
        allowed(m, at, "field", "attribute", "kind", "unitCode", "scale", "offset", "min", "max", "values");
        String field = matching(text(m, at + "/field", true), FIELD, at + "/field", "1-64 letters, digits, '.', '-' or '_'");
        if (field.equals(timestampField)) {
            throw invalid(at + "/field", "'" + field + "' is the profile's timestamp field, not a measurement");
        }
        String attribute = Optional.ofNullable(text(m, at + "/attribute", false)).orElse(field);
        matching(attribute, TYPE, at + "/attribute", "an NGSI-LD attribute name: a letter, then letters, digits or '_'");
        if (RESERVED.contains(attribute)) {
            throw invalid(at + "/attribute", "'" + attribute + "' is set by Saola, not by a device's readings");
        }
        String kindText = Optional.ofNullable(text(m, at + "/kind", false)).orElse("number");
        ValueKind kind;
        try {
            kind = ValueKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(at + "/kind", "kind is number, boolean or text; got '" + kindText + "'");
        }
        Optional<String> unit = Optional.ofNullable(text(m, at + "/unitCode", false))
                .map(u -> matching(u, UNIT, at + "/unitCode", "a UN/CEFACT common code such as CEL, MTR or GQ"));
        double scale = number(m, at + "/scale").orElse(1.0);
        double offset = number(m, at + "/offset").orElse(0.0);
        Optional<Double> min = number(m, at + "/min");
        Optional<Double> max = number(m, at + "/max");
        range(min, max, at);
        List<String> values = new ArrayList<>();
        JsonNode v = m.get("values");
        if (v != null && !v.isNull()) {
            if (!v.isArray() || v.isEmpty() || v.size() > 50) {
                throw invalid(at + "/values", "values is an array of 1-50 allowed texts");
            }
            for (int i = 0; i < v.size(); i++) {
                values.add(text(v, at + "/values/" + i, true));
            }
        }
        if (kind != ValueKind.NUMBER && (unit.isPresent() || scale != 1.0 || offset != 0.0 || min.isPresent() || max.isPresent())) {
            throw invalid(at + "/kind", "unitCode, scale, offset, min and max apply to numbers only");
        }
        if (kind != ValueKind.TEXT && !values.isEmpty()) {
            throw invalid(at + "/values", "values apply to text measurements only");
        }
        if (scale == 0.0) {
            throw invalid(at + "/scale", "scale must not be 0");
        }
        return new Measurement(field, attribute, kind, unit, scale, offset, min, max, values);
    }

    /** The profile as the document {@link #read} reads: what an export gives, and what another city imports. */
    public static ObjectNode write(DeviceProfile p) {
        var f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode().put("id", p.id());
        ObjectNode name = doc.putObject("name");
        p.name().forEach(name::put);
        doc.put("reportingInterval", p.reportingInterval().toString()).put("decoder", p.decoder())
                .put("timestampField", p.timestampField());
        var targets = doc.putArray("targets");
        for (Target t : p.targets()) {
            ObjectNode tn = targets.addObject().put("entityType", t.entityType());
            t.idSuffix().ifPresent(s -> tn.put("idSuffix", s));
            t.fixedId().ifPresent(s -> tn.put("entityId", s));
            var ms = tn.putArray("measurements");
            for (Measurement m : t.measurements()) {
                ObjectNode mn = ms.addObject().put("field", m.field()).put("attribute", m.attribute())
                        .put("kind", m.kind().name().toLowerCase(Locale.ROOT));
                m.unitCode().ifPresent(u -> mn.put("unitCode", u));
                if (m.scale() != 1.0) {
                    mn.put("scale", m.scale());
                }
                if (m.offset() != 0.0) {
                    mn.put("offset", m.offset());
                }
                m.min().ifPresent(v -> mn.put("min", v));
                m.max().ifPresent(v -> mn.put("max", v));
                if (!m.values().isEmpty()) {
                    var vs = mn.putArray("values");
                    m.values().forEach(vs::add);
                }
            }
        }
        var commands = doc.putArray("commands");
        for (Command c : p.commands()) {
            ObjectNode cn = commands.addObject().put("name", c.name());
            c.min().ifPresent(v -> cn.put("min", v));
            c.max().ifPresent(v -> cn.put("max", v));
        }
        doc.putObject("health").put("silentAfter", p.health().silentAfter()).put("stuckAfter", p.health().stuckAfter())
                .put("lowBatteryBelow", p.health().lowBatteryBelow());
        return doc;
    }

    private static void object(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw invalid(at.isEmpty() ? "/" : at, (at.isEmpty() ? "a profile" : at) + " must be a JSON object");
        }
    }

    private static void allowed(JsonNode node, String at, String... keys) {
        Set<String> ok = Set.of(keys);
        for (String k : node.propertyNames()) {
            if (!ok.contains(k)) {
                throw invalid(at + "/" + k, "unknown key '" + k + "'; expected one of " + new java.util.TreeSet<>(ok));
            }
        }
    }

    private static String text(JsonNode parent, String at, boolean required) {
        String key = at.substring(at.lastIndexOf('/') + 1);
        JsonNode v = parent.isArray() ? parent.get(Integer.parseInt(key)) : parent.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw invalid(at, at + " is required");
            }
            return null;
        }
        if (!v.isString()) {
            throw invalid(at, at + " must be a string; got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v.asString();
    }

    private static Optional<Double> number(JsonNode parent, String at) {
        JsonNode v = parent.get(at.substring(at.lastIndexOf('/') + 1));
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw invalid(at, at + " must be a number");
        }
        return Optional.of(v.asDouble());
    }

    private static void range(Optional<Double> min, Optional<Double> max, String at) {
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw invalid(at + "/min", "min " + min.get() + " is above max " + max.get());
        }
    }

    private static String matching(String value, Pattern pattern, String at, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw invalid(at, at + " must be " + expected + "; got '" + value + "'");
        }
        return value;
    }

    private static Duration duration(String text, String at) {
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(at, at + " must be an ISO 8601 duration such as PT5M; got '" + text + "'");
        }
        if (d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
            throw invalid(at, at + " must be between 1 second and 7 days; got " + d);
        }
        return d;
    }

    private static InvalidInputException invalid(String at, String message) {
        return new InvalidInputException("profile" + at, message);
    }
}
