package org.saola.domains.environment.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.saola.domains.environment.EnvironmentViews;
import org.saola.domains.environment.EnvironmentWatch;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The air-quality and flood views over the last {@code days} (1–90): {@code GET /api/v1/environment/air} (hours at
 * each VN_AQI level and exceedance days, per station and per ward) and {@code GET /api/v1/environment/gauges}
 * (hours at or above each alarm level, the peak, hourly highest levels) — {@code OPERATIONS_VIEW}.
 */
@RestController
class EnvironmentController {

    record Air(Instant from, Instant to, List<EnvironmentViews.Station> stations, Map<String, EnvironmentViews.Station> wards) {
    }

    record Gauges(Instant from, Instant to, List<EnvironmentViews.Gauge> gauges) {
    }

    private final EnvironmentWatch watch;

    EnvironmentController(EnvironmentWatch watch) {
        this.watch = watch;
    }

    @GetMapping("/api/v1/environment/air")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    Air air(@RequestParam(defaultValue = "7") int days) {
        Instant to = watch.until();
        Instant from = to.minus(Duration.ofDays(days(days)));
        List<EnvironmentViews.Station> stations = watch.stations(CurrentCaller.tenant(), from, to);
        return new Air(from, to, stations, EnvironmentViews.byWard(stations));
    }

    @GetMapping("/api/v1/environment/gauges")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    Gauges gauges(@RequestParam(defaultValue = "7") int days) {
        Instant to = watch.until();
        Instant from = to.minus(Duration.ofDays(days(days)));
        return new Gauges(from, to, watch.gauges(CurrentCaller.tenant(), from, to));
    }

    static int days(int days) {
        if (days < 1 || days > 90) {
            throw new InvalidInputException("days", "from 1 to 90");
        }
        return days;
    }
}
