package org.saola.context.api;

import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import java.util.Map;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.store.SettingsStore;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.CurrentCaller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Saola API for the caller's tenant's context settings: {@code schemaValidation} of entities of the bundled
 * Smart Data Models, {@code off}, {@code warn} or {@code reject}. Administrators change it.
 */
@RestController
@RequestMapping("/api/v1/context/settings")
public class ContextSettingsController {

    private final SettingsStore settings;
    private final SchemaValidation validation;

    private final AuditLog audit;

    ContextSettingsController(SettingsStore settings, SchemaValidation validation, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
        this.validation = validation;
    }

    @GetMapping
    @RequiresPermission(Permission.CONTEXT_READ)
    Map<String, Object> get() {
        return Map.of("schemaValidation", settings.schemaValidation(CurrentCaller.tenant()),
                "smartDataModels", validation.models().names());
    }

    @PutMapping
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    Map<String, Object> put(@RequestBody JsonNode body) {
        String mode = body.path("schemaValidation").asString("");
        try {
            SchemaValidation.Mode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("schemaValidation", "schemaValidation is off, warn or reject; got '" + mode + "'");
        }
        TenantId tenant = CurrentCaller.tenant();
        String before = settings.schemaValidation(tenant);
        settings.setSchemaValidation(tenant, mode);
        audit.record(tenant, "SETTINGS_CHANGED", "context.schemaValidation", "", Map.of("before", before, "after", mode));
        validation.changed(tenant);
        return get();
    }
}
