package org.saola.domains.water.api;

import org.saola.domains.water.LeakDetector;
import org.saola.domains.water.LeakRanking;
import org.saola.domains.water.WaterSettings;
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
 * Water leaks: the metered districts and night window ({@code GET/PUT /api/v1/water/settings}; changing them
 * {@code SERVICES_MANAGE}) and a night's suspected leaks, largest first ({@code GET /api/v1/water/leaks[?morning=…]},
 * {@code OPERATIONS_VIEW}).
 */
@RestController
class WaterController {

    private final LeakDetector detector;

    WaterController(LeakDetector detector) {
        this.detector = detector;
    }

    @GetMapping("/api/v1/water/settings")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    WaterSettings settings() {
        return detector.settings(CurrentCaller.tenant());
    }

    @PutMapping("/api/v1/water/settings")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    WaterSettings setSettings(@RequestBody(required = false) WaterSettings settings) {
        if (settings == null) {
            throw new InvalidInputException("body", "the settings as JSON: districts and the night window (docs/domains.md)");
        }
        return detector.setSettings(CurrentCaller.tenant(), settings, CurrentCaller.principal().name());
    }

    /** The night that ended on {@code morning} (the city's date, YYYY-MM-DD), by default the last one. */
    @GetMapping("/api/v1/water/leaks")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    LeakRanking.Report leaks(@RequestParam(required = false) String morning) {
        WaterSettings settings = detector.settings(CurrentCaller.tenant());
        org.saola.domains.Night night;
        if (morning == null || morning.isBlank()) {
            night = detector.lastNight(settings);
        } else {
            night = detector.night(settings, org.saola.domains.Dates.date("morning", morning, java.time.Instant.now()));
        }
        return detector.analyse(CurrentCaller.tenant(), settings, night);
    }
}
