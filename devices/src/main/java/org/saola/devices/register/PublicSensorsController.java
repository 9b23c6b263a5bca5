package org.saola.devices.register;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.saola.devices.register.SensorRegister.Filter;
import org.saola.devices.register.SensorRegister.PublicSensor;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
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

    /** The most sensors one answer carries; {@code offset} pages through the rest. */
    static final int MAX_LIMIT = 5000;

    /**
     * The register's sensors matching the filters, sorted by name, {@code limit} (default 1 000) from
     * {@code offset}; {@code X-Total-Count} says how many match, {@code Link: <…>; rel="next"} where the rest is.
     */
    @GetMapping("/public/v1/sensors")
    @PublicRoute("residents are entitled to know what senses them: where, whose, what, why, how long it keeps data")
    ResponseEntity<List<PublicSensor>> sensors(HttpServletRequest request, @RequestParam Optional<String> kind,
            @RequestParam Optional<String> owner, @RequestParam Optional<String> q,
            @RequestParam Optional<String> personalData, @RequestParam Optional<Integer> limit,
            @RequestParam Optional<Integer> offset) {
        int n = limit.orElse(1000);
        int from = offset.orElse(0);
        if (n < 1 || n > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit is between 1 and " + MAX_LIMIT + "; got " + n);
        }
        if (from < 0) {
            throw new InvalidInputException("offset", "offset is 0 or more; got " + from);
        }
        List<PublicSensor> all = register.list(tenants.of(request), filter(kind, owner, q, personalData));
        List<PublicSensor> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + n));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Integer.toString(all.size()));
        if (from + n < all.size()) {
            answer.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("offset", from + n).replaceQueryParam("limit", n).build().toUriString() + ">; rel=\"next\"");
        }
        return answer.body(List.copyOf(page));
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
