package org.saola.domains.waste.api;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.saola.domains.waste.Fleet;
import org.saola.domains.waste.RoundPlan;
import org.saola.domains.waste.WastePlanner;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Waste collection rounds: the fleet ({@code GET/PUT /api/v1/waste/fleet}), the containers' forecast
 * ({@code GET /api/v1/waste/forecast}), and round plans ({@code POST/GET /api/v1/waste/plans},
 * {@code GET /api/v1/waste/plans/{id}}). Reading: {@code OPERATIONS_VIEW}; the fleet and plans: {@code SERVICES_MANAGE}.
 */
@RestController
class WasteController {

    /** A plan asked for: when the round starts (default: now), an ISO 8601 time with its offset. */
    record PlanRequest(String roundAt) {
    }

    /** The forecast for a round. */
    record Forecast(Instant roundAt, Instant nextRoundAt, int due, List<WastePlanner.ContainerForecast> containers) {
    }

    private final WastePlanner planner;

    WasteController(WastePlanner planner) {
        this.planner = planner;
    }

    @GetMapping("/api/v1/waste/fleet")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    Fleet fleet() {
        return planner.fleet(CurrentCaller.tenant());
    }

    @PutMapping("/api/v1/waste/fleet")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    Fleet setFleet(@RequestBody(required = false) Fleet fleet) {
        if (fleet == null) {
            throw new InvalidInputException("body", "the fleet as JSON: depots, trucks and the planning settings (docs/domains.md)");
        }
        return planner.setFleet(CurrentCaller.tenant(), fleet, CurrentCaller.principal().name());
    }

    @GetMapping("/api/v1/waste/forecast")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    Forecast forecast(@RequestParam(required = false) String roundAt) {
        Fleet fleet = planner.fleet(CurrentCaller.tenant());
        Instant at = instant("roundAt", roundAt);
        List<WastePlanner.ContainerForecast> containers = planner.forecast(CurrentCaller.tenant(), fleet, at);
        return new Forecast(at, at.plus(fleet.round()), (int) containers.stream().filter(WastePlanner.ContainerForecast::due).count(),
                containers);
    }

    @PostMapping("/api/v1/waste/plans")
    @RequiresPermission(Permission.SERVICES_MANAGE)
    ResponseEntity<RoundPlan> plan(@RequestBody(required = false) PlanRequest request) {
        RoundPlan plan = planner.plan(CurrentCaller.tenant(), instant("roundAt", request == null ? null : request.roundAt()),
                CurrentCaller.principal().name());
        return ResponseEntity.accepted().location(URI.create("/api/v1/waste/plans/" + plan.id())).body(plan);
    }

    @GetMapping("/api/v1/waste/plans")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    List<RoundPlan> plans(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("limit", "from 1 to 100");
        }
        return planner.recent(CurrentCaller.tenant(), limit);
    }

    @GetMapping("/api/v1/waste/plans/{id}")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    RoundPlan plan(@PathVariable String id) {
        return planner.get(CurrentCaller.tenant(), uuid(id));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "a plan's id is a UUID");
        }
    }

    /** A time with its offset ({@code 2026-12-01T05:00:00+07:00}); now when absent. Within a year of now. */
    Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return planner.now();
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            if (at.isBefore(planner.now().minus(java.time.Duration.ofDays(7))) || at.isAfter(planner.now().plus(java.time.Duration.ofDays(365)))) {
                throw new InvalidInputException(field, "a round from a week ago to a year ahead");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "an ISO 8601 time with its offset, such as 2026-12-01T05:00:00+07:00");
        }
    }
}
