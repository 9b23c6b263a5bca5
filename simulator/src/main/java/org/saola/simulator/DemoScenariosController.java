package org.saola.simulator;

import java.time.Duration;
import java.time.Instant;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puts the demo city through an episode: {@code POST /api/v1/demo/scenarios/flood} (rivers rise 1.2 m over ten
 * minutes) or {@code …/pollution} (fine dust triples), {@code {"minutes": 30}} at the height (30 by default).
 * It commands the simulated city's sensors, so it takes the permission to command devices. Only in the demo.
 */
@RestController
@ConditionalOnProperty(name = "saola.simulator.enabled", havingValue = "true")
class DemoScenariosController {

    record Request(Integer minutes) {
    }

    record Started(String scenario, Instant until) {
    }

    private final CitySimulator simulator;

    DemoScenariosController(CitySimulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping("/api/v1/demo/scenarios/{name}")
    @RequiresPermission(Permission.DEVICES_COMMAND)
    ResponseEntity<Started> start(@PathVariable String name, @RequestBody(required = false) Request body) {
        int minutes = body == null || body.minutes() == null ? 30 : body.minutes();
        if (minutes < 1 || minutes > 24 * 60) {
            throw new InvalidInputException("minutes", "minutes is between 1 and 1440; got " + minutes);
        }
        return ResponseEntity.accepted().body(new Started(name, simulator.startScenario(name, Duration.ofMinutes(minutes))));
    }
}
