package org.saola.domains.traffic.api;

import java.time.Duration;
import java.time.Instant;
import org.saola.domains.traffic.CongestionWatch;
import org.saola.domains.traffic.TrafficSettings;
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
 * Traffic congestion: the settings ({@code GET/PUT /api/v1/traffic/settings}; setting them starts the hourly job,
 * {@code SERVICES_MANAGE}) and the congestion of the hours up to a time ({@code GET /api/v1/traffic/congestion
 * [?until=…&hours=24]}, {@code OPERATIONS_VIEW}).
 */
@RestController
class TrafficController {

    private final CongestionWatch watch;

    TrafficController(CongestionWatch watch) {
        this.watch = watch;
    }

    @GetMapping("/api/v1/traffic/settings")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    TrafficSettings settings() {
        return watch.settings(CurrentCaller.tenant());
    }

    @PutMapping("/api/v1/traffic/settings")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    TrafficSettings setSettings(@RequestBody(required = false) TrafficSettings settings) {
        if (settings == null) {
            throw new InvalidInputException("body", "the settings as JSON: lookbackDays, abnormalPoints, abnormalLevel (docs/domains.md)");
        }
        return watch.setSettings(CurrentCaller.tenant(), settings, CurrentCaller.principal().name());
    }

    /** The whole hours before {@code until} (an ISO 8601 time with its offset; default: the current hour's start). */
    @GetMapping("/api/v1/traffic/congestion")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    CongestionWatch.Report congestion(@RequestParam(required = false) String until, @RequestParam(defaultValue = "24") int hours) {
        if (hours < 1 || hours > 168) {
            throw new InvalidInputException("hours", "from 1 to 168");
        }
        Instant to = until == null || until.isBlank() ? watch.currentHour()
                : org.saola.domains.Dates.instant("until", until, Instant.now()).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return watch.analyse(CurrentCaller.tenant(), watch.settings(CurrentCaller.tenant()), to.minus(Duration.ofHours(hours)), to);
    }
}
