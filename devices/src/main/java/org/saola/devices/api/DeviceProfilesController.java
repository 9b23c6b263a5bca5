package org.saola.devices.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.devices.profile.ProfileDocuments;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saola API for device profiles: the ones Saola ships and the tenant's own. A profile is exported as the very
 * document another city imports ({@code GET /api/v1/device-profiles/{id}}, then {@code POST} it elsewhere).
 */
@RestController
@RequestMapping("/api/v1/device-profiles")
class DeviceProfilesController {

    /** A profile in a list: what it is, what it feeds, whether Saola ships it. */
    record ProfileSummary(String id, Map<String, String> name, List<String> entityTypes, String reportingInterval,
            List<String> commands, boolean shipped) {
    }

    private final DeviceProfiles profiles;
    private final AuditLog audit;

    DeviceProfilesController(DeviceProfiles profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
    }

    @GetMapping
    @RequiresPermission(Permission.DEVICES_READ)
    List<ProfileSummary> list() {
        return profiles.list(CurrentCaller.tenant()).stream().map(p -> new ProfileSummary(p.id(), p.name(),
                p.targets().stream().map(DeviceProfile.Target::entityType).toList(), p.reportingInterval().toString(),
                p.commands().stream().map(DeviceProfile.Command::name).toList(), profiles.isShipped(p.id()))).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_READ)
    ObjectNode export(@PathVariable String id) {
        return ProfileDocuments.write(profiles.require(CurrentCaller.tenant(), id));
    }

    @PostMapping
    @RequiresPermission(Permission.DEVICES_REGISTER)
    ResponseEntity<ObjectNode> importProfile(@RequestBody JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new InvalidInputException("profile", "the body is a device profile: a JSON object");
        }
        TenantId tenant = CurrentCaller.tenant();
        DeviceProfile p = profiles.importProfile(tenant, document);
        audit.record(tenant, "DEVICE_PROFILE_IMPORTED", p.id(), "", Map.of());
        return ResponseEntity.created(URI.create("/api/v1/device-profiles/" + p.id())).body(ProfileDocuments.write(p));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.DEVICES_REGISTER)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        TenantId tenant = CurrentCaller.tenant();
        profiles.delete(tenant, id);
        audit.record(tenant, "DEVICE_PROFILE_REMOVED", id, "", Map.of());
    }
}
