package org.saola.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saola.opendata.domain.AlgorithmRegister;
import org.saola.platform.TenantId;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public algorithm register's page ({@code /city/algorithms}), in Vietnamese and English: each algorithm and
 * automated rule under its own heading (an anchor the places showing its results link to), with who answers for
 * it and how to reach them.
 */
@Controller
@WebPage
class AlgorithmsPage {

    private final AlgorithmRegister register;
    private final Departments departments;
    private final PublicTenant tenants;

    AlgorithmsPage(AlgorithmRegister register, Departments departments, PublicTenant tenants) {
        this.register = register;
        this.departments = departments;
        this.tenants = tenants;
    }

    @GetMapping("/city/algorithms")
    @PublicRoute("residents are entitled to know which algorithms and automated rules the city uses and how")
    String page(HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        Map<String, Department> byCode = new LinkedHashMap<>();
        departments.list(tenant).forEach(d -> byCode.put(d.code(), d));
        model.addAttribute("algorithms", register.list(tenant));
        model.addAttribute("departments", byCode);
        model.addAttribute("vi", CityTime.vietnamese());
        return "opendata/algorithms";
    }
}
