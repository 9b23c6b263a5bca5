package org.saola.web.admin;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.platform.security.StaffRole;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins issue and revoke API keys for machine clients of their tenant: a role, optionally a department. */
@RestController
@RequestMapping("/api/v1/api-keys")
@RequiresPermission(Permission.STAFF_MANAGE)
class ApiKeysController {

    record NewApiKey(String name, String role, String department) {
    }

    private final ApiKeys apiKeys;

    ApiKeysController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping
    ResponseEntity<ApiKeys.IssuedApiKey> issue(@RequestBody NewApiKey body) {
        SaolaPrincipal caller = CurrentCaller.principal();
        StaffRole role = body.role() == null ? StaffRole.OPERATOR : StaffRole.parse("role", body.role());
        ApiKeys.IssuedApiKey issued = apiKeys.issue(caller.tenant(), body.name(), role,
                Optional.ofNullable(body.department()), caller.name());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.key().id())).body(issued);
    }

    @GetMapping
    List<ApiKeys.ApiKey> list() {
        return apiKeys.list(CurrentCaller.tenant());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        apiKeys.revoke(CurrentCaller.tenant(), id);
        return ResponseEntity.noContent().build();
    }
}
