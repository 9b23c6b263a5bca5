package org.saola.alerts.api;

import java.util.List;
import java.util.UUID;
import org.saola.alerts.warnings.WarningDraft;
import org.saola.alerts.warnings.WarningService;
import org.saola.alerts.warnings.WarningView;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public warnings as staff issue them ({@code WARNINGS_ISSUE}; reading: {@code OPERATIONS_VIEW}):
 * {@code GET /api/v1/warnings} (the last message of each, newest first), {@code POST /api/v1/warnings} (a new
 * warning), {@code GET /api/v1/warnings/{id}} (all its messages), {@code POST /api/v1/warnings/{id}/updates} (new
 * content), {@code POST /api/v1/warnings/{id}/cancel} ({@code {"note"}}).
 */
@RestController
class WarningsController {

    record Cancel(String note) {
    }

    private final WarningService warnings;
    private final JsonMapper json;

    WarningsController(WarningService warnings, JsonMapper json) {
        this.warnings = warnings;
        this.json = json;
    }

    @GetMapping("/api/v1/warnings")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<WarningView> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit is between 1 and 500; got " + limit);
        }
        SaolaPrincipal caller = CurrentCaller.principal();
        return warnings.recent(caller.tenant(), limit).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/warnings")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    @ResponseStatus(HttpStatus.CREATED)
    WarningView issue(@RequestBody(required = false) WarningDraft draft) {
        SaolaPrincipal caller = CurrentCaller.principal();
        return view(warnings.issue(caller.tenant(), caller.name(), draft, java.util.Optional.empty()));
    }

    @GetMapping("/api/v1/warnings/{id}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<WarningView> chain(@PathVariable UUID id) {
        return warnings.chain(CurrentCaller.principal().tenant(), id).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/warnings/{id}/updates")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    @ResponseStatus(HttpStatus.CREATED)
    WarningView update(@PathVariable UUID id, @RequestBody(required = false) WarningDraft draft) {
        SaolaPrincipal caller = CurrentCaller.principal();
        return view(warnings.update(caller.tenant(), id, caller.name(), draft));
    }

    @PostMapping("/api/v1/warnings/{id}/cancel")
    @RequiresPermission(Permission.WARNINGS_ISSUE)
    @ResponseStatus(HttpStatus.CREATED)
    WarningView cancel(@PathVariable UUID id, @RequestBody(required = false) Cancel body) {
        SaolaPrincipal caller = CurrentCaller.principal();
        return view(warnings.cancel(caller.tenant(), id, caller.name(), body == null ? null : body.note()));
    }

    private WarningView view(org.saola.alerts.warnings.Warning w) {
        return WarningView.of(w, warnings.settings(), json, warnings.now());
    }
}
