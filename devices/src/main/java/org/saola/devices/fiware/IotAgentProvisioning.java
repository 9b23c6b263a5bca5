package org.saola.devices.fiware;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.devices.Device;
import org.saola.devices.DeviceIdentity;
import org.saola.devices.NewDevice;
import org.saola.devices.Stewardship;
import org.saola.devices.domain.DeviceRegistryService;
import org.saola.devices.fiware.IotAgentStore.Scope;
import org.saola.devices.fiware.IotAgentStore.StoredDevice;
import org.saola.devices.fiware.IotAgentStore.StoredGroup;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.profile.ProfileDocuments;
import org.saola.devices.store.DeviceStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provisioning API of FIWARE's IoT Agents (telefonicaid/iotagent-node-lib) on Saola's registry, so that a
 * city's FIWARE provisioning scripts and devices work unchanged: configuration groups (an API key, the
 * {@code resource} its devices post to, defaults for their entity type and attributes) and devices (their entity,
 * the measures they send by {@code object_id}, static attributes and commands).
 *
 * <p>A provisioned device is a device of Saola's register like any other: it gets a profile generated from its
 * attributes and its group's ({@code iota-<device_id>}, an entity named outright), a place, an owner and a
 * purpose in the public register, health watch, and its readings go through the same checks. Where Saola asks
 * more than an IoT Agent does, it says so: a device needs a {@code location} static attribute (every sensor of
 * the register has a place), and devices are never provisioned by their first measure (no autoprovisioning).
 */
@Service
public class IotAgentProvisioning {

    /** The profile Saola generates for a FIWARE-provisioned device. */
    public static String profileId(String deviceId) {
        return "iota-" + deviceId;
    }

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> NUMBER_TYPES = Set.of("number", "integer", "int", "float", "double", "decimal", "long");
    private static final Set<String> DEVICE_KEYS = Set.of("device_id", "entity_name", "entity_type", "timezone", "timestamp",
            "apikey", "endpoint", "transport", "protocol", "attributes", "lazy", "commands", "static_attributes",
            "internal_attributes", "explicitAttrs", "polling", "ngsiVersion", "payloadType", "autoprovision",
            "useCBflowControl", "storeLastMeasure", "cmdMode");
    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[^<>();'=\"]+");

    private final IotAgentStore store;
    private final DeviceRegistryService registry;
    private final DeviceStore devices;
    private final DeviceProfiles profiles;
    private final ContextService context;
    private final InstantSource clock;
    private final TransactionTemplate transactions;
    private final IotAgentMeasures measures;

    public IotAgentProvisioning(IotAgentStore store, DeviceRegistryService registry, DeviceStore devices,
            DeviceProfiles profiles, ContextService context, Optional<InstantSource> clock, TransactionTemplate transactions,
            IotAgentMeasures measures) {
        this.measures = measures;
        this.store = store;
        this.registry = registry;
        this.devices = devices;
        this.profiles = profiles;
        this.context = context;
        this.clock = clock.orElse(InstantSource.system());
        this.transactions = transactions;
    }

    // ---------------------------------------------------------------- configuration groups

    /** Creates the groups of {@code {"services": […]}} (or {@code "groups"}): all or none. */
    public void createGroups(TenantId tenant, Scope scope, JsonNode body, String listKey) {
        JsonNode list = body == null ? null : body.get(listKey);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw IotAgentError.wrongSyntax("the body is {\"" + listKey + "\": [ {\"apikey\": …, \"resource\": …, \"entity_type\": …} ]}");
        }
        List<StoredGroup> groups = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("apikey").isString() || !item.path("resource").isString()) {
                throw IotAgentError.wrongSyntax("each group needs apikey and resource, as strings");
            }
            if (!item.path("entity_type").isString() && !item.path("type").isString()) {
                throw new IotAgentError(400, "MISSING_CONFIG_PARAMS",
                        "The following mandatory configuration parameters were missing: [\"type\"]");
            }
            String apikey = item.get("apikey").asString();
            String resource = item.get("resource").asString();
            if (apikey.isBlank() || apikey.length() > 200 || !SAFE.matcher(apikey).matches() || apikey.contains("/")
                    || apikey.contains("#") || apikey.contains("+")) {
                throw IotAgentError.wrongSyntax("an apikey is 1-200 characters, without / # + < > ( ) ; ' = or \"");
            }
            if (!resource.startsWith("/") || resource.length() > 200) {
                throw IotAgentError.wrongSyntax("a resource is a path such as /iot/d");
            }
            ObjectNode doc = ((ObjectNode) item).deepCopy();
            if (doc.has("type") && !doc.has("entity_type")) {
                doc.set("entity_type", doc.remove("type"));
            }
            mappings(doc, "/" + listKey);
            doc.put("service", scope.service()).put("subservice", scope.subservice());
            groups.add(new StoredGroup(tenant, scope, resource, apikey, doc.toString()));
        }
        transactions.executeWithoutResult(tx -> {
            for (StoredGroup g : groups) {
                if (!store.insertGroup(g, clock.instant())) {
                    throw new IotAgentError(409, "DUPLICATE_GROUP", "A device configuration already exists for resource "
                            + g.resource() + " and API Key " + g.apikey());
                }
            }
        });
    }

    /** The groups of a service path, or of every path of the service ({@code /*}). */
    public List<JsonNode> groups(TenantId tenant, Scope scope) {
        return store.groups(tenant, scope.service(), everyPath(scope)).stream().map(g -> read(g.document())).toList();
    }

    /** Changes a group's fields (the API key and resource stay: they name it) and regenerates its devices' profiles. */
    public void updateGroup(TenantId tenant, Scope scope, String resource, String apikey, JsonNode changes) {
        forgetting(() -> updateGroupNow(tenant, scope, resource, apikey, changes));
    }

    private void updateGroupNow(TenantId tenant, Scope scope, String resource, String apikey, JsonNode changes) {
        StoredGroup g = store.group(tenant, scope, resource, apikey)
                .orElseThrow(() -> IotAgentError.groupNotFound(resource, apikey));
        if (changes == null || !changes.isObject()) {
            throw IotAgentError.wrongSyntax("the body is the group's fields to change, as a JSON object");
        }
        ObjectNode doc = (ObjectNode) read(g.document());
        for (Map.Entry<String, JsonNode> e : changes.properties()) {
            String key = e.getKey().equals("type") ? "entity_type" : e.getKey();
            if (key.equals("apikey") || key.equals("resource") || key.equals("service") || key.equals("subservice")) {
                continue;
            }
            doc.set(key, e.getValue());
        }
        mappings(doc, "");
        transactions.executeWithoutResult(tx -> {
            store.updateGroup(new StoredGroup(tenant, scope, resource, apikey, doc.toString()));
            for (StoredDevice d : store.devices(tenant, scope.service(), scope.subservice(), 100_000, 0)) {
                if (d.apikey().map(apikey::equals).orElse(true)) {
                    devices.find(tenant, d.deviceId()).ifPresent(device -> profiles.put(tenant,
                            profile(d.deviceId(), (ObjectNode) read(d.document()), Optional.of(doc),
                                    profiles.find(tenant, device.profile()))));
                }
            }
        });
        for (StoredDevice d : store.devices(tenant, scope.service(), scope.subservice(), 100_000, 0)) {
            profiles.forget(tenant, profileId(d.deviceId()));       // after commit: read again by every reading
        }
    }

    /** Removes a group; with {@code withDevices}, its devices too (retired in the register). */
    public void deleteGroup(TenantId tenant, Scope scope, String resource, String apikey, boolean withDevices) {
        forgetting(() -> deleteGroupNow(tenant, scope, resource, apikey, withDevices));
    }

    private void deleteGroupNow(TenantId tenant, Scope scope, String resource, String apikey, boolean withDevices) {
        store.group(tenant, scope, resource, apikey).orElseThrow(() -> IotAgentError.groupNotFound(resource, apikey));
        if (withDevices) {
            for (StoredDevice d : store.devices(tenant, scope.service(), scope.subservice(), 100_000, 0)) {
                if (d.apikey().map(apikey::equals).orElse(true)) {
                    deleteDevice(tenant, scope, d.deviceId());
                }
            }
        }
        store.deleteGroup(tenant, scope, resource, apikey);
    }

    // ---------------------------------------------------------------- devices

    /**
     * Provisions the devices of {@code {"devices": […]}}, each registered in Saola with its generated profile;
     * checked all before any is registered.
     */
    public void createDevices(TenantId tenant, Scope scope, JsonNode body, SaolaPrincipal caller) {
        JsonNode list = body == null ? null : body.get("devices");
        if (body == null || !body.isObject() || list == null || !list.isArray() || list.isEmpty()) {
            throw IotAgentError.wrongSyntax("the body is {\"devices\": [ {\"device_id\": …, …} ]}");
        }
        for (String key : body.propertyNames()) {
            if (!key.equals("devices")) {
                throw IotAgentError.wrongSyntax("unknown key '" + key + "'; the body is {\"devices\": […]}");
            }
        }
        record Planned(String id, ObjectNode doc, Optional<ObjectNode> group, DeviceProfile profile, double[] place,
                Map<String, Attribute> statics) {
        }
        List<Planned> planned = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        // The entities devices of the tenant feed (a device's entity is created with it), read once.
        Set<String> entities = new java.util.HashSet<>();
        devices.list(tenant).forEach(d -> entities.add(d.entityId()));
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw IotAgentError.wrongSyntax("each device is a JSON object");
            }
            if (!item.path("device_id").isString()) {
                throw new IotAgentError(400, "MISSING_ATTRIBUTES", "The request was not well formed:Missing attributes: [\"device_id\"]");
            }
            String id = item.get("device_id").asString();
            if (!DeviceIdentity.isValidId(id)) {
                throw IotAgentError.badRequest("Saola's device ids are 1-64 letters, digits, '-' or '_'; got '" + id + "'");
            }
            if (!ids.add(id) || store.device(tenant, id).isPresent()) {
                throw new IotAgentError(409, "DUPLICATE_DEVICE_ID", "A device with the same info (DeviceId, ApiKey, Service,"
                        + " Subservice) was found:" + id);
            }
            if (devices.find(tenant, id).isPresent()) {
                throw new IotAgentError(409, "DUPLICATE_DEVICE_ID", "A device with the same info (DeviceId, ApiKey, Service,"
                        + " Subservice) was found:" + id + " (in Saola's register, where a removed device stays, retired)");
            }
            ObjectNode doc = ((ObjectNode) item).deepCopy();
            for (String key : doc.propertyNames()) {
                if (!DEVICE_KEYS.contains(key)) {
                    throw IotAgentError.wrongSyntax("unknown key '" + key + "' in device " + id);
                }
            }
            mappings(doc, "/devices");
            Optional<ObjectNode> group = groupOf(tenant, scope, doc);
            String type = entityType(doc, group);
            doc.put("entity_type", type);
            if (!doc.path("entity_name").isString()) {
                doc.put("entity_name", "urn:ngsi-ld:" + type + ":" + id);
            }
            group.filter(g -> !doc.has("apikey")).ifPresent(g -> doc.put("apikey", g.get("apikey").asString()));
            requireOwnKeyAndEndpoint(tenant, doc, group);
            if (profiles.find(tenant, profileId(id)).isPresent() && profiles.inUse(tenant, profileId(id))) {
                throw new IotAgentError(409, "DUPLICATE_DEVICE_ID", "the profile " + profileId(id) + " exists already in"
                        + " this tenant; Saola generates it for the device " + id);
            }
            String entityName = doc.get("entity_name").asString();
            if (!entities.add(entityName) || context.entity(tenant, entityName).isPresent()) {
                throw new IotAgentError(409, "DUPLICATE_DEVICE_ID", "the entity " + entityName + " exists already;"
                        + " a provisioned device feeds an entity of its own");
            }
            doc.put("service", scope.service()).put("service_path", scope.subservice());
            doc.put("protocol", doc.path("protocol").isString() ? doc.get("protocol").asString()
                    : group.map(g -> g.path("protocol").asString("")).filter(s -> !s.isEmpty()).orElse("PDI-IoTA-UltraLight"));
            doc.put("transport", doc.path("transport").isString() ? doc.get("transport").asString()
                    : group.map(g -> g.path("transport").asString("")).filter(s -> !s.isEmpty()).orElse("HTTP"));
            doc.put("polling", doc.get("transport").asString().equalsIgnoreCase("HTTP") && !doc.has("endpoint")
                    && group.map(g -> !g.has("endpoint")).orElse(true));
            double[] place = place(doc.get("static_attributes"), id);
            DeviceProfile profile = profile(id, doc, group, Optional.empty());
            planned.add(new Planned(id, doc, group, profile, place, statics(doc.get("static_attributes"), group)));
        }
        Stewardship owner = owner(caller, scope);
        for (Planned p : planned) {
            profiles.put(tenant, p.profile());
            registry.register(tenant, new NewDevice(p.id(), p.doc().get("entity_type").asString() + " " + p.id(),
                    p.profile().id(), p.place()[0], p.place()[1], owner, Optional.empty()));
            store.insertDevice(stored(tenant, scope, p.id(), p.doc()), clock.instant());
            writeStatics(tenant, p.profile().primaryEntityId(p.id()), p.profile().targets().get(0).entityType(), p.statics());
        }
    }

    /** The static attributes on the entity; a device provisioned meanwhile stays so, and a PUT writes them again. */
    private void writeStatics(TenantId tenant, String entityId, String type, Map<String, Attribute> statics) {
        if (statics.isEmpty()) {
            return;
        }
        try {
            context.upsert(new EntityUpdate(tenant, entityId, type, statics)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof InvalidInputException invalid ? invalid
                    : new IotAgentError(503, "NOT_STORED", "the device is provisioned, but its static attributes could not"
                            + " be written now; send the device's PUT again");
        }
    }

    /**
     * A device's own API key must be one of its tenant's groups' (it names the device's command topic on a broker
     * every tenant shares, and routes its measures), and its endpoint an http(s) URL.
     */
    private void requireOwnKeyAndEndpoint(TenantId tenant, ObjectNode doc, Optional<ObjectNode> group) {
        if (doc.has("apikey")) {
            JsonNode k = doc.get("apikey");
            boolean ours = k.isString() && store.groupByApiKey(k.asString()).map(g -> g.tenant().equals(tenant)).orElse(false);
            if (!ours) {
                throw IotAgentError.badRequest("the device's apikey must be the API key of one of this tenant's service"
                        + " groups (POST /iot/services first)");
            }
        }
        if (doc.has("endpoint")) {
            JsonNode e = doc.get("endpoint");
            java.net.URI uri = null;
            try {
                uri = e.isString() ? java.net.URI.create(e.asString()) : null;
            } catch (IllegalArgumentException bad) {
                // said below
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw IotAgentError.badRequest("a device's endpoint is an http(s) URL such as http://10.0.0.7:3001/iot/bell001");
            }
        }
    }

    public int countDevices(TenantId tenant, Scope scope) {
        return store.countDevices(tenant, scope.service(), everyPath(scope));
    }

    public List<JsonNode> devices(TenantId tenant, Scope scope, int limit, int offset) {
        return store.devices(tenant, scope.service(), everyPath(scope), limit, offset)
                .stream().map(d -> read(d.document())).toList();
    }

    public JsonNode device(TenantId tenant, Scope scope, String deviceId) {
        return read(provisioned(tenant, scope, deviceId).document());
    }

    /**
     * Changes a device's provisioning (never its id); its profile is regenerated, keeping the reporting interval
     * and health thresholds staff may have set on it.
     */
    public void updateDevice(TenantId tenant, Scope scope, String deviceId, JsonNode changes) {
        forgetting(() -> updateDeviceNow(tenant, scope, deviceId, changes));
    }

    private void updateDeviceNow(TenantId tenant, Scope scope, String deviceId, JsonNode changes) {
        StoredDevice d = provisioned(tenant, scope, deviceId);
        if (changes == null || !changes.isObject()) {
            throw IotAgentError.wrongSyntax("the body is the device's fields to change, as a JSON object");
        }
        if (changes.has("device_id")) {
            throw new IotAgentError(400, "BAD_REQUEST", "Request error connecting to the Context Broker: Can't change the ID"
                    + " of a preprovisioned device");
        }
        ObjectNode doc = (ObjectNode) read(d.document());
        for (Map.Entry<String, JsonNode> e : changes.properties()) {
            if (!DEVICE_KEYS.contains(e.getKey())) {
                throw IotAgentError.wrongSyntax("unknown key '" + e.getKey() + "'");
            }
            doc.set(e.getKey(), e.getValue());
        }
        mappings(doc, "");
        Optional<ObjectNode> group = groupOf(tenant, scope, doc);
        doc.put("entity_type", entityType(doc, group));
        requireOwnKeyAndEndpoint(tenant, doc, group);
        Device device = devices.find(tenant, deviceId).orElseThrow(() -> IotAgentError.deviceNotFound(deviceId));
        DeviceProfile profile = profile(deviceId, doc, group, profiles.find(tenant, device.profile()));
        if (!profile.primaryEntityId(deviceId).equals(device.entityId())) {
            throw IotAgentError.badRequest("Saola keeps a device's entity: entity_name and entity_type cannot change"
                    + " (provision a new device for another entity)");
        }
        Map<String, Attribute> statics = statics(doc.get("static_attributes"), group);
        transactions.executeWithoutResult(tx -> {
            profiles.put(tenant, profile);
            store.updateDevice(stored(tenant, scope, deviceId, doc));
        });
        profiles.forget(tenant, profile.id());            // after commit: no reading caches the old one meanwhile
        writeStatics(tenant, device.entityId(), profile.targets().get(0).entityType(), statics);
    }

    /** Removes a device from the IoT Agent API; Saola's register keeps it, retired, with its credentials revoked. */
    public void deleteDevice(TenantId tenant, Scope scope, String deviceId) {
        forgetting(() -> deleteDeviceNow(tenant, scope, deviceId));
    }

    private void deleteDeviceNow(TenantId tenant, Scope scope, String deviceId) {
        provisioned(tenant, scope, deviceId);
        Device device = devices.find(tenant, deviceId).orElseThrow(() -> IotAgentError.deviceNotFound(deviceId));
        Stewardship s = device.stewardship();
        registry.updateStewardship(tenant, deviceId, new Stewardship(s.department(), s.organisation(), s.purpose(),
                s.personalData(), s.legalBasis(), s.retention(), s.installedOn(), Stewardship.Status.RETIRED));
        registry.resetCredentials(tenant, deviceId);
        store.deleteDevice(tenant, deviceId);
    }

    /** Runs a change of provisioning, then forgets the devices found lately: they are looked up again. */
    private void forgetting(Runnable change) {
        try {
            change.run();
        } finally {
            measures.forget();
        }
    }

    /** The service path to list by, or null for {@code /*}: every path of the service. */
    private static String everyPath(Scope scope) {
        return scope.subservice().equals("/*") ? null : scope.subservice();
    }

    private StoredDevice provisioned(TenantId tenant, Scope scope, String deviceId) {
        return store.device(tenant, deviceId)
                .filter(d -> d.scope().service().equals(scope.service())
                        && (everyPath(scope) == null || d.scope().subservice().equals(scope.subservice())))
                .orElseThrow(() -> IotAgentError.deviceNotFound(deviceId));
    }

    private static StoredDevice stored(TenantId tenant, Scope scope, String id, ObjectNode doc) {
        return new StoredDevice(tenant, id, scope, Optional.ofNullable(doc.path("apikey").asString(null)),
                doc.path("protocol").asString("PDI-IoTA-UltraLight"), doc.path("transport").asString("HTTP"), doc.toString());
    }

    /** The device's group: by its {@code apikey} if it names one, else the one group of its service path. */
    private Optional<ObjectNode> groupOf(TenantId tenant, Scope scope, ObjectNode doc) {
        List<StoredGroup> groups = store.groups(tenant, scope.service(), scope.subservice());
        Optional<String> apikey = Optional.ofNullable(doc.path("apikey").asString(null));
        List<StoredGroup> matching = groups.stream().filter(g -> apikey.map(g.apikey()::equals).orElse(true)).toList();
        return matching.size() == 1 || (apikey.isPresent() && !matching.isEmpty())
                ? Optional.of((ObjectNode) read(matching.getFirst().document())) : Optional.empty();
    }

    private static String entityType(ObjectNode doc, Optional<ObjectNode> group) {
        String type = doc.path("entity_type").isString() ? doc.get("entity_type").asString()
                : group.map(g -> g.path("entity_type").asString("")).orElse("");
        if (type.isEmpty()) {
            throw new IotAgentError(400, "MISSING_CONFIG_PARAMS",
                    "The following mandatory configuration parameters were missing: [\"entity_type\"]");
        }
        if (!type.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw IotAgentError.badRequest("an entity_type is a type name such as Motion (a letter, then letters, digits"
                    + " or '_'); got '" + type + "'");
        }
        return type;
    }

    /** Checks the attribute, lazy and command lists as iotagent-node-lib's schemas do. */
    private static void mappings(ObjectNode doc, String at) {
        for (String list : List.of("attributes", "lazy", "commands", "static_attributes", "internal_attributes")) {
            JsonNode l = doc.get(list);
            if (l == null || l.isNull()) {
                continue;
            }
            if (!l.isArray()) {
                throw IotAgentError.wrongSyntax(list + " must be an array");
            }
            for (JsonNode a : l) {
                if (!a.isObject()) {
                    throw IotAgentError.wrongSyntax("each of " + list + " is a JSON object");
                }
                if (list.equals("internal_attributes")) {
                    continue;
                }
                for (String key : List.of("object_id", "name", "type")) {
                    JsonNode v = a.get(key);
                    if (v != null && !v.isNull() && (!v.isString() || !SAFE.matcher(v.asString()).matches())) {
                        throw IotAgentError.wrongSyntax(list + ": " + key + " is a text without < > ( ) ; ' = or \"");
                    }
                }
                if (!a.path("name").isString() && !a.path("object_id").isString()) {
                    throw IotAgentError.wrongSyntax(list + ": each needs a name");
                }
            }
        }
    }

    /**
     * The profile of a provisioned device: one target, its entity named outright, a measurement per attribute of
     * the group and the device (the device's winning for one object id), a command per command. Attribute types
     * Number, Integer, Float… become numbers and Boolean booleans; others text. Keeps {@code previous}'s reporting
     * interval and health thresholds.
     */
    static DeviceProfile profile(String deviceId, ObjectNode doc, Optional<ObjectNode> group, Optional<DeviceProfile> previous) {
        var f = JsonNodeFactory.instance;
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        for (JsonNode source : group.isPresent() ? List.of(group.get(), doc) : List.<JsonNode>of(doc)) {
            for (JsonNode a : source.path("attributes")) {
                String name = a.path("name").asString(a.path("object_id").asString(""));
                String objectId = a.path("object_id").asString(name);
                attributes.put(objectId, f.objectNode().put("name", name).put("type", a.path("type").asString("Text")));
            }
        }
        String type = doc.get("entity_type").asString();
        String entityName = doc.path("entity_name").asString("urn:ngsi-ld:" + type + ":" + deviceId);
        ObjectNode p = f.objectNode().put("id", profileId(deviceId));
        p.putObject("name").put("en", type + " " + deviceId + " (FIWARE provisioning)")
                .put("vi", type + " " + deviceId + " (khai báo FIWARE)");
        p.put("reportingInterval", previous.map(DeviceProfile::reportingInterval).orElse(DEFAULT_INTERVAL).toString())
                .put("decoder", "json").put("timestampField", "TimeInstant");
        ObjectNode target = p.putArray("targets").addObject().put("entityType", type).put("entityId", entityName);
        ArrayNode ms = target.putArray("measurements");
        attributes.forEach((objectId, a) -> {
            String t = a.get("type").asString().toLowerCase(Locale.ROOT);
            ms.addObject().put("field", objectId).put("attribute", a.get("name").asString())
                    .put("kind", NUMBER_TYPES.contains(t) ? "number" : t.equals("boolean") ? "boolean" : "text");
        });
        ArrayNode commands = p.putArray("commands");
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode source : group.isPresent() ? List.of(group.get(), doc) : List.<JsonNode>of(doc)) {
            for (JsonNode c : source.path("commands")) {
                String name = c.path("name").asString(c.path("object_id").asString(""));
                if (seen.add(name)) {
                    commands.addObject().put("name", name);
                }
            }
        }
        if (ms.isEmpty() && commands.isEmpty()) {
            throw IotAgentError.badRequest("device " + deviceId + " declares no attributes and no commands, nor does its"
                    + " group: Saola needs to know what it measures or what it is told");
        }
        previous.ifPresent(old -> p.putObject("health").put("silentAfter", old.health().silentAfter())
                .put("stuckAfter", old.health().stuckAfter()).put("lowBatteryBelow", old.health().lowBatteryBelow()));
        try {
            return ProfileDocuments.read(p);
        } catch (InvalidInputException e) {
            throw IotAgentError.badRequest("device " + deviceId + ": " + e.getMessage());
        }
    }

    /**
     * The device's place, from its {@code location} static attribute: {@code geo:point} ("lat, lon", as NGSI v2
     * writes it) or a GeoJSON Point ({@code geo:json}, {@code GeoProperty}, {@code Point}).
     */
    static double[] place(JsonNode statics, String deviceId) {
        for (JsonNode a : statics == null ? JsonNodeFactory.instance.arrayNode() : statics) {
            if (!"location".equals(a.path("name").asString(""))) {
                continue;
            }
            JsonNode v = a.get("value");
            try {
                if (v != null && v.isString()) {
                    String[] ll = v.asString().split(",");
                    if (ll.length == 2) {
                        double lat = Double.parseDouble(ll[0].strip());
                        double lon = Double.parseDouble(ll[1].strip());
                        NewDevice.requirePlace(lat, lon);
                        return new double[] {lat, lon};
                    }
                } else if (v != null && v.isObject() && "Point".equals(v.path("type").asString(""))
                        && v.path("coordinates").size() == 2 && v.path("coordinates").get(0).isNumber()
                        && v.path("coordinates").get(1).isNumber()) {
                    double lon = v.get("coordinates").get(0).asDouble();
                    double lat = v.get("coordinates").get(1).asDouble();
                    NewDevice.requirePlace(lat, lon);
                    return new double[] {lat, lon};
                }
            } catch (NumberFormatException | InvalidInputException e) {
                // said below
            }
            throw IotAgentError.badRequest("device " + deviceId + ": the location static attribute is a geo:point"
                    + " \"lat, lon\" or a GeoJSON Point {\"type\": \"Point\", \"coordinates\": [lon, lat]}");
        }
        throw IotAgentError.badRequest("device " + deviceId + ": Saola registers every sensor with its place, shown in"
                + " the public sensor register; add a static attribute {\"name\": \"location\", \"type\": \"geo:point\","
                + " \"value\": \"<lat>, <lon>\"}");
    }

    /** The static attributes other than the place, written on the entity: the group's, then the device's. */
    private static Map<String, Attribute> statics(JsonNode deviceStatics, Optional<ObjectNode> group) {
        Map<String, Attribute> out = new LinkedHashMap<>();
        List<JsonNode> lists = new ArrayList<>();
        group.map(g -> g.get("static_attributes")).ifPresent(lists::add);
        if (deviceStatics != null) {
            lists.add(deviceStatics);
        }
        for (JsonNode list : lists) {
            for (JsonNode a : list) {
                String name = a.path("name").asString("");
                JsonNode value = a.get("value");
                if (name.equals("location") || name.isEmpty() || value == null || value.isNull()
                        || !name.matches("[A-Za-z][A-Za-z0-9_]{0,63}") || Set.of("id", "type", "name").contains(name)) {
                    continue;
                }
                String type = a.path("type").asString("");
                out.put(name, type.equals("Relationship") && value.isString()
                        ? Attribute.relationship(value) : Attribute.property(value));
            }
        }
        return out;
    }

    /**
     * Who the register says owns the devices: the caller's department when it has exactly one, else the FIWARE
     * service they were provisioned under, for staff to correct on the device's page.
     */
    private static Stewardship owner(SaolaPrincipal caller, Scope scope) {
        Optional<String> department = caller.departments().size() == 1 ? caller.departments().stream().findFirst()
                : Optional.empty();
        String purpose = "Provisioned through the FIWARE IoT Agent API (service " + scope.service() + ", path "
                + scope.subservice() + "); its owner has yet to state its purpose";
        return new Stewardship(department, department.isPresent() ? Optional.empty()
                : Optional.of("FIWARE service " + (scope.service().isEmpty() ? "(none)" : scope.service())),
                purpose, "", "", null, Optional.empty(), null);
    }

    private static JsonNode read(String document) {
        return JSON.readTree(document);
    }
}
