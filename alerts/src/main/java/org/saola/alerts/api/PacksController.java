package org.saola.alerts.api;

import java.util.List;
import org.saola.alerts.packs.RulePacks;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rule packs: {@code GET /api/v1/rules/packs} (each with its rules and whether it is on, {@code OPERATIONS_VIEW}),
 * {@code PUT /api/v1/rules/packs/{id}} {@code {"enabled": true|false}} ({@code RULES_MANAGE}).
 */
@RestController
class PacksController {

    record Switch(Boolean enabled) {
    }

    private final RulePacks packs;

    PacksController(RulePacks packs) {
        this.packs = packs;
    }

    @GetMapping("/api/v1/rules/packs")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<RulePacks.Status> list() {
        return packs.list(CurrentCaller.principal().tenant());
    }

    @PutMapping("/api/v1/rules/packs/{id}")
    @RequiresPermission(Permission.RULES_MANAGE)
    RulePacks.Status set(@PathVariable String id, @RequestBody(required = false) Switch body) {
        if (body == null || body.enabled() == null) {
            throw new InvalidInputException("enabled", "the body is {\"enabled\": true} or {\"enabled\": false}");
        }
        var caller = CurrentCaller.principal();
        return body.enabled() ? packs.enable(caller.tenant(), id, caller.name()) : packs.disable(caller.tenant(), id);
    }
}
