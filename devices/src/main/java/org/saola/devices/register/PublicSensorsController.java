package org.saola.devices.register;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.saola.devices.register.SensorRegister.Filter;
import org.saola.devices.register.SensorRegister.PublicSensor;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public sensor register as open data: {@code GET /public/v1/sensors}, filterable like the page. */
@RestController
class PublicSensorsController {

    private final SensorRegister register;
    private final PublicTenant tenants;

    PublicSensorsController(SensorRegister register, PublicTenant tenants) {
        this.register = register;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/sensors")
    @PublicRoute("residents are entitled to know what senses them: where, whose, what, why, how long it keeps data")
    List<PublicSensor> sensors(HttpServletRequest request, @RequestParam Optional<String> kind,
            @RequestParam Optional<String> owner, @RequestParam Optional<String> q,
            @RequestParam Optional<String> personalData) {
        return register.list(tenants.of(request), filter(kind, owner, q, personalData));
    }

    static Filter filter(Optional<String> kind, Optional<String> owner, Optional<String> q, Optional<String> personalData) {
        Optional<Boolean> personal = personalData.filter(s -> !s.isBlank()).map(s -> switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("personalData", "personalData is true or false; got '" + s + "'");
        });
        if (q.filter(s -> s.length() > 100).isPresent()) {
            throw new InvalidInputException("q", "a search has at most 100 characters");
        }
        return new Filter(kind.filter(s -> !s.isBlank()), owner.filter(s -> !s.isBlank()), q, personal);
    }
}
