package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.saola.opendata.domain.AlgorithmRegister;
import org.saola.platform.NotFoundException;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public algorithm register as data: every algorithm and automated rule the city uses. */
@RestController
class AlgorithmsController {

    private final AlgorithmRegister register;
    private final PublicTenant tenants;

    AlgorithmsController(AlgorithmRegister register, PublicTenant tenants) {
        this.register = register;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/algorithms")
    @PublicRoute("residents are entitled to know which algorithms and automated rules the city uses and how")
    List<Algorithm> list(HttpServletRequest request) {
        return register.list(tenants.of(request));
    }

    @GetMapping("/public/v1/algorithms/{id}")
    @PublicRoute("one entry of the public algorithm register")
    Algorithm one(@PathVariable String id, HttpServletRequest request) {
        return register.find(tenants.of(request), id).orElseThrow(() -> new NotFoundException("no algorithm '" + id + "' in the register"));
    }
}
