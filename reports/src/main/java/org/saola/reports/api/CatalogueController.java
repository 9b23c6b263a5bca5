package org.saola.reports.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.reports.domain.Privacy;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ServiceAttribute;
import org.saola.reports.domain.ServiceDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service catalogue: {@code GET /api/v1/report-services}, {@code GET|PUT|DELETE /api/v1/report-services/{code}}.
 * A category with reports filed against it is withdrawn ({@code active: false}), not deleted.
 */
@RestController
class CatalogueController {

    record ServiceBody(String nameVi, String nameEn, String descriptionVi, String descriptionEn, String group,
            List<String> keywords, String department, Map<String, String> wardDepartments, Integer targetHours,
            String privacy, Integer nearbyMeters, List<ServiceAttribute.Draft> attributes, Boolean active) {
    }

    record ServiceView(String code, String nameVi, String nameEn, String descriptionVi, String descriptionEn, String group,
            List<String> keywords, String department, Map<String, String> wardDepartments, long targetHours,
            String privacy, int nearbyMeters, List<ServiceAttribute> attributes, boolean active) {
        static ServiceView of(ServiceDefinition s) {
            return new ServiceView(s.code(), s.nameVi(), s.nameEn(), s.descriptionVi(), s.descriptionEn(), s.group(),
                    s.keywords(), s.department().orElse(null), s.wardDepartments(), s.target().toHours(),
                    s.privacy().name(), s.nearbyMeters(), s.attributes(), s.active());
        }
    }

    private final ReportService reports;

    CatalogueController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/report-services")
    @RequiresPermission(Permission.DIRECTORY_READ)
    List<ServiceView> list() {
        return reports.services(CurrentCaller.tenant(), false).stream().map(ServiceView::of).toList();
    }

    @GetMapping("/api/v1/report-services/{code}")
    @RequiresPermission(Permission.DIRECTORY_READ)
    ServiceView get(@PathVariable String code) {
        return ServiceView.of(reports.service(CurrentCaller.tenant(), code));
    }

    @PutMapping("/api/v1/report-services/{code}")
    @RequiresPermission(Permission.REPORTS_CATALOGUE_MANAGE)
    ResponseEntity<ServiceView> put(@PathVariable String code, @RequestBody ServiceBody body) {
        ServiceDefinition s = definition(code, body);
        boolean created = reports.putService(CurrentCaller.tenant(), s);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(ServiceView.of(s));
    }

    @DeleteMapping("/api/v1/report-services/{code}")
    @RequiresPermission(Permission.REPORTS_CATALOGUE_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String code) {
        reports.deleteService(CurrentCaller.tenant(), code);
        return ResponseEntity.noContent().build();
    }

    static ServiceDefinition definition(String code, ServiceBody b) {
        if (b.targetHours() == null) {
            throw new InvalidInputException("targetHours", "targetHours is required: how soon should it be fixed?");
        }
        Privacy privacy;
        try {
            privacy = b.privacy() == null ? Privacy.EXACT : Privacy.valueOf(b.privacy().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("privacy", "privacy is EXACT or APPROXIMATE; got '" + b.privacy() + "'");
        }
        List<ServiceAttribute> attributes = ServiceAttribute.Draft.all(b.attributes());
        return new ServiceDefinition(code, b.nameVi(), b.nameEn(), b.descriptionVi(), b.descriptionEn(), b.group(),
                b.keywords(), Optional.ofNullable(b.department()), b.wardDepartments(), Duration.ofHours(b.targetHours()),
                privacy, b.nearbyMeters() == null ? 250 : b.nearbyMeters(), attributes, b.active() == null || b.active());
    }
}
