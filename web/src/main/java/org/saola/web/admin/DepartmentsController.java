package org.saola.web.admin;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The departments of the caller's tenant: every member of staff reads them, administrators change them. */
@RestController
@RequestMapping("/api/v1/departments")
class DepartmentsController {

    /** Request body; {@code code} comes from the path on PUT. */
    record DepartmentBody(String code, String nameVi, String nameEn, String contactEmail, String contactPhone,
            List<String> wards, List<String> serviceCategories) {
        Department toDepartment(String code) {
            return new Department(code, nameVi, nameEn, Optional.ofNullable(contactEmail),
                    Optional.ofNullable(contactPhone), wards, serviceCategories);
        }
    }

    private final Departments departments;

    DepartmentsController(Departments departments) {
        this.departments = departments;
    }

    @GetMapping
    @RequiresPermission(Permission.DIRECTORY_READ)
    List<Department> list() {
        return departments.list(CurrentCaller.tenant());
    }

    @GetMapping("/{code}")
    @RequiresPermission(Permission.DIRECTORY_READ)
    Department get(@PathVariable String code) {
        return departments.find(CurrentCaller.tenant(), code)
                .orElseThrow(() -> new NotFoundException("no department '" + code + "' in this tenant"));
    }

    @PostMapping
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    ResponseEntity<Department> create(@RequestBody DepartmentBody body) {
        Department d = body.toDepartment(body.code());
        departments.create(CurrentCaller.tenant(), d);
        return ResponseEntity.created(URI.create("/api/v1/departments/" + d.code())).body(d);
    }

    @PutMapping("/{code}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    Department replace(@PathVariable String code, @RequestBody DepartmentBody body) {
        if (body.code() != null && !body.code().equals(code)) {
            throw new InvalidInputException("code", "a department's code cannot change; the body says '"
                    + body.code() + "', the path '" + code + "'");
        }
        Department d = body.toDepartment(code);
        departments.update(CurrentCaller.tenant(), d);
        return d;
    }

    @DeleteMapping("/{code}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String code) {
        departments.delete(CurrentCaller.tenant(), code);
        return ResponseEntity.noContent().build();
    }
}
