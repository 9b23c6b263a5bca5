package org.saola.domains.lighting.api;

import org.saola.domains.lighting.LightNights;
import org.saola.domains.lighting.LightingSettings;
import org.saola.domains.lighting.LightingWatch;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Street lighting: the night window ({@code GET/PUT /api/v1/lighting/settings}; setting it starts the nightly job,
 * {@code SERVICES_MANAGE}) and a night's energy, saving and faults ({@code GET /api/v1/lighting/nights[?morning=…]},
 * {@code OPERATIONS_VIEW}).
 */
@RestController
class LightingController {

    private final LightingWatch watch;

    LightingController(LightingWatch watch) {
        this.watch = watch;
    }

    @GetMapping("/api/v1/lighting/settings")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    LightingSettings settings() {
        return watch.settings(CurrentCaller.tenant());
    }

    @PutMapping("/api/v1/lighting/settings")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    LightingSettings setSettings(@RequestBody(required = false) LightingSettings settings) {
        if (settings == null) {
            throw new InvalidInputException("body", "the settings as JSON: nightStart, nightEnd (docs/domains.md)");
        }
        return watch.setSettings(CurrentCaller.tenant(), settings, CurrentCaller.principal().name());
    }

    @GetMapping("/api/v1/lighting/nights")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    LightNights.Report night(@RequestParam(required = false) String morning) {
        return watch.analyse(CurrentCaller.tenant(), night(watch, morning));
    }

    /** The night ending on {@code morning} (YYYY-MM-DD), by default the last one. */
    static org.saola.domains.Night night(LightingWatch watch, String morning) {
        LightingSettings settings = watch.settings(CurrentCaller.tenant());
        if (morning == null || morning.isBlank()) {
            return watch.lastNight(settings);
        }
        return watch.night(settings, org.saola.domains.Dates.date("morning", morning, java.time.Instant.now()));
    }
}
