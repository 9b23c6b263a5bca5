package org.saola.web.security;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.platform.security.StaffRole;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Admins issue and revoke API keys for machine clients of their tenant. */
@RestController
class ApiKeysController {

    record NewApiKey(String name, String role) {
    }

    private final ApiKeys apiKeys;

    ApiKeysController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping("/api/v1/api-keys")
    ResponseEntity<ApiKeys.IssuedApiKey> issue(@RequestBody NewApiKey body) {
        SaolaPrincipal caller = CurrentCaller.principal();
        StaffRole role;
        try {
            role = body.role() == null ? StaffRole.OPERATOR : StaffRole.valueOf(body.role());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "role must be ADMIN or OPERATOR; got '" + body.role() + "'");
        }
        ApiKeys.IssuedApiKey issued = apiKeys.issue(caller.tenant(), body.name(), role, caller.name());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.key().id())).body(issued);
    }

    @GetMapping("/api/v1/api-keys")
    List<ApiKeys.ApiKey> list() {
        return apiKeys.list(CurrentCaller.tenant());
    }

    @DeleteMapping("/api/v1/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        apiKeys.revoke(CurrentCaller.tenant(), id);
        return ResponseEntity.noContent().build();
    }
}
