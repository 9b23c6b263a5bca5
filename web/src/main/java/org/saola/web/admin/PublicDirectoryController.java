package org.saola.web.admin;

import java.util.List;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who answers for what in the city: its departments with their public contacts, for residents. */
@RestController
class PublicDirectoryController {

    private final Departments departments;
    private final PublicTenant tenants;

    PublicDirectoryController(Departments departments, PublicTenant tenants) {
        this.departments = departments;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/departments")
    @PublicRoute("residents see which department answers for their ward and for which services")
    List<Department> departments(HttpServletRequest request) {
        return departments.list(tenants.of(request));
    }
}
