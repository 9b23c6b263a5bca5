package org.saola.devices.fiware;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.devices.fiware.IotAgentStore.Scope;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provisioning API of iotagent-node-lib ({@code /iot/services}, {@code /iot/groups}, {@code /iot/devices}),
 * with its headers, status codes and error bodies, on Saola's registry ({@link IotAgentProvisioning}). Callers
 * authenticate as on every Saola API, with an API key, which FIWARE deployments behind a PEP proxy send as
 * {@code X-Auth-Token}; provisioning needs {@code DEVICES_REGISTER}, reading {@code DEVICES_READ}. The tenant is
 * the caller's; {@code Fiware-Service} and {@code Fiware-ServicePath} scope groups and devices inside it.
 */
@RestController
class IotAgentProvisioningController {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String SERVICE = "fiware-service";
    private static final String PATH = "fiware-servicepath";

    private final IotAgentProvisioning provisioning;
    private final AuditLog audit;

    IotAgentProvisioningController(IotAgentProvisioning provisioning, AuditLog audit) {
        this.provisioning = provisioning;
        this.audit = audit;
    }

    @PostMapping({"/iot/services", "/iot/groups"})
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<JsonNode> createGroups(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestBody(required = false) byte[] body,
            jakarta.servlet.http.HttpServletRequest request) {
        Scope scope = scope(service, path);
        String listKey = request.getRequestURI().endsWith("/groups") ? "groups" : "services";
        provisioning.createGroups(CurrentCaller.tenant(), scope, json(body), listKey);
        audit.record(CurrentCaller.tenant(), "IOTA_GROUPS_CREATED", scope.service() + scope.subservice(), "", Map.of());
        return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(JsonNodeFactory.instance.objectNode());
    }

    @GetMapping({"/iot/services", "/iot/groups"})
    @RequiresPermission(Permission.DEVICES_READ)
    JsonNode groups(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestParam Optional<String> limit,
            @RequestParam Optional<String> offset, jakarta.servlet.http.HttpServletRequest request) {
        List<JsonNode> all = provisioning.groups(CurrentCaller.tenant(), scope(service, path)).stream()
                .map(IotAgentProvisioningController::withoutKeyUnlessProvisioner).toList();
        List<JsonNode> page = all.stream().skip(number(offset, "offset", 0)).limit(number(limit, "limit", 20)).toList();
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("count", all.size());
        out.putArray(request.getRequestURI().endsWith("/groups") ? "groups" : "services").addAll(page);
        return out;
    }

    @PutMapping({"/iot/services", "/iot/groups"})
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Void> updateGroup(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestParam Optional<String> resource,
            @RequestParam Optional<String> apikey, @RequestBody(required = false) byte[] body) {
        Scope scope = scope(service, path);
        provisioning.updateGroup(CurrentCaller.tenant(), scope, required(resource, "resource"), required(apikey, "apikey"),
                json(body));
        audit.record(CurrentCaller.tenant(), "IOTA_GROUP_UPDATED", scope.service() + scope.subservice() + " " + resource.get(),
                "", Map.of());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping({"/iot/services", "/iot/groups"})
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Void> deleteGroup(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestParam Optional<String> resource,
            @RequestParam Optional<String> apikey, @RequestParam Optional<String> device) {
        Scope scope = scope(service, path);
        provisioning.deleteGroup(CurrentCaller.tenant(), scope, required(resource, "resource"), required(apikey, "apikey"),
                device.map("true"::equals).orElse(false));
        audit.record(CurrentCaller.tenant(), "IOTA_GROUP_DELETED", scope.service() + scope.subservice() + " " + resource.get(),
                "", Map.of());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/iot/devices")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<JsonNode> createDevices(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestBody(required = false) byte[] body) {
        Scope scope = scope(service, path);
        JsonNode doc = json(body);
        provisioning.createDevices(CurrentCaller.tenant(), scope, doc, CurrentCaller.principal());
        for (JsonNode d : doc.path("devices")) {
            audit.record(CurrentCaller.tenant(), "DEVICE_REGISTERED", d.path("device_id").asString(""), "", Map.of());
        }
        return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(JsonNodeFactory.instance.objectNode());
    }

    @GetMapping("/iot/devices")
    @RequiresPermission(Permission.DEVICES_READ)
    JsonNode devices(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestParam Optional<String> limit,
            @RequestParam Optional<String> offset) {
        Scope scope = scope(service, path);
        TenantId tenant = CurrentCaller.tenant();
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("count", provisioning.countDevices(tenant, scope));
        out.putArray("devices").addAll(provisioning.devices(tenant, scope, number(limit, "limit", 20), number(offset, "offset", 0))
                .stream().map(IotAgentProvisioningController::withoutKeyUnlessProvisioner).toList());
        return out;
    }

    @GetMapping("/iot/devices/{id}")
    @RequiresPermission(Permission.DEVICES_READ)
    JsonNode device(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @PathVariable String id) {
        return withoutKeyUnlessProvisioner(provisioning.device(CurrentCaller.tenant(), scope(service, path), id));
    }

    /**
     * A group's API key is the credential of its devices' measures: shown only to those who may provision
     * ({@code DEVICES_REGISTER}), not to every reader of the register.
     */
    private static JsonNode withoutKeyUnlessProvisioner(JsonNode doc) {
        if (CurrentCaller.principal().has(Permission.DEVICES_REGISTER) || !doc.has("apikey")) {
            return doc;
        }
        ObjectNode copy = ((ObjectNode) doc).deepCopy();
        copy.remove("apikey");
        return copy;
    }

    @PutMapping("/iot/devices/{id}")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Void> updateDevice(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @PathVariable String id,
            @RequestBody(required = false) byte[] body) {
        provisioning.updateDevice(CurrentCaller.tenant(), scope(service, path), id, json(body));
        audit.record(CurrentCaller.tenant(), "IOTA_DEVICE_UPDATED", id, "", Map.of());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/iot/devices/{id}")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Void> deleteDevice(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @PathVariable String id) {
        provisioning.deleteDevice(CurrentCaller.tenant(), scope(service, path), id);
        audit.record(CurrentCaller.tenant(), "IOTA_DEVICE_REMOVED", id, "", Map.of());
        return ResponseEntity.noContent().build();
    }

    /** Several devices removed at once: {@code {"devices": [{"deviceId": …, "apikey": …}]}}. */
    @PostMapping("/iot/op/delete")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<Void> deleteDevices(@RequestHeader(name = SERVICE, required = false) String service,
            @RequestHeader(name = PATH, required = false) String path, @RequestBody(required = false) byte[] body) {
        Scope scope = scope(service, path);
        JsonNode list = json(body).get("devices");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw IotAgentError.wrongSyntax("the body is {\"devices\": [{\"deviceId\": …, \"apikey\": …}]}");
        }
        for (JsonNode d : list) {
            if (!d.path("deviceId").isString()) {
                throw IotAgentError.wrongSyntax("each device to remove names its deviceId");
            }
            provisioning.deleteDevice(CurrentCaller.tenant(), scope, d.get("deviceId").asString());
            audit.record(CurrentCaller.tenant(), "IOTA_DEVICE_REMOVED", d.get("deviceId").asString(), "", Map.of());
        }
        return ResponseEntity.noContent().build();
    }

    /** Both headers, as an IoT Agent requires them (present; the path may be {@code /*} for listings). */
    static Scope scope(String service, String path) {
        if (service == null || path == null) {
            throw service == null && path == null ? IotAgentError.missingHeaders(SERVICE, PATH)
                    : IotAgentError.missingHeaders(service == null ? SERVICE : PATH);
        }
        String s = service.strip().toLowerCase(java.util.Locale.ROOT);
        String p = path.strip().isEmpty() ? "/" : path.strip();
        if (s.length() > 50 || !s.matches("[a-z0-9_]*") || p.length() > 100 || !p.matches("/[A-Za-z0-9_/*]*")) {
            throw IotAgentError.badRequest("fiware-service is up to 50 letters, digits or '_', fiware-servicepath a path"
                    + " such as / or /gardens");
        }
        return new Scope(s, p);
    }

    private static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> IotAgentError.missingHeaders(name));
    }

    private static int number(Optional<String> value, String name, int otherwise) {
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 0 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw IotAgentError.badRequest(name + " is a whole number between 0 and 1000; got '" + value.get() + "'");
    }

    static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            throw IotAgentError.wrongSyntax("the request has no JSON body");
        }
        if (body.length > 1024 * 1024) {
            throw new IotAgentError(413, "REQUEST_TOO_LARGE", "a provisioning request has at most 1 MiB");
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw IotAgentError.wrongSyntax("the body is a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw IotAgentError.wrongSyntax("the body is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    @ExceptionHandler(IotAgentError.class)
    ResponseEntity<JsonNode> iotAgentError(IotAgentError e) {
        return error(e.status(), e.name(), e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<JsonNode> invalid(InvalidInputException e) {
        return error(400, "BAD_REQUEST", "Request error: " + e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<JsonNode> conflict(ConflictException e) {
        return error(409, "DUPLICATE_DEVICE_ID", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<JsonNode> notFound(NotFoundException e) {
        return error(404, "DEVICE_NOT_FOUND", e.getMessage());
    }

    static ResponseEntity<JsonNode> error(int status, String name, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(JsonNodeFactory.instance.objectNode().put("name", name).put("message", message));
    }
}
