package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.saola.opendata.domain.AlgorithmRegister;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public algorithm register as data: every algorithm and automated rule the city uses; and, for the staff who
 * manage the register, the entries of algorithms the city uses outside Saola recorded, replaced, removed.
 */
@RestController
class AlgorithmsController {

    /** An algorithm used outside Saola, as staff record it. */
    record AlgorithmBody(String nameVi, String nameEn, String automation, String department, String provider, String purposeVi,
            String purposeEn, String dataVi, String dataEn, String howVi, String howEn, String oversightVi, String oversightEn,
            String risksVi, String risksEn, List<String> appearsOn) {

        Algorithm algorithm(String id) {
            Algorithm.Automation a;
            try {
                a = automation == null ? null : Algorithm.Automation.valueOf(automation.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("automation", "automation is INFORMS, DECIDES_WITH_REVIEW or APPLIES_PUBLISHED_RULE; got '"
                        + automation + "'");
            }
            if (appearsOn != null && appearsOn.contains(null)) {
                throw new InvalidInputException("appearsOn", "a place where its results appear is a path or an address, not null");
            }
            if (!Algorithm.validId(id)) {
                throw new InvalidInputException("id", "an algorithm's id is 2-100 lower-case letters, digits or '-'; got '" + id + "'");
            }
            return new Algorithm(id, nameVi, nameEn, a, Optional.ofNullable(department).filter(d -> !d.isBlank()), purposeVi, purposeEn,
                    dataVi, dataEn, howVi, howEn, oversightVi, oversightEn, risksVi, risksEn, appearsOn == null ? List.of() : appearsOn,
                    Optional.ofNullable(provider));
        }
    }

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

    @PutMapping("/api/v1/algorithms/{id}")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<Algorithm> record(@PathVariable String id, @RequestBody AlgorithmBody body) {
        Algorithm a = body.algorithm(id);
        boolean created = register.record(CurrentCaller.tenant(), a, CurrentCaller.principal().name());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(register.find(CurrentCaller.tenant(), id).orElseThrow());
    }

    @DeleteMapping("/api/v1/algorithms/{id}")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<Void> remove(@PathVariable String id) {
        register.remove(CurrentCaller.tenant(), id, CurrentCaller.principal().name());
        return ResponseEntity.noContent().build();
    }
}
