package org.saola.reports.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.security.Departments;
import org.saola.web.shell.CityTime;

/** What the residents' and the staff's report pages share. */
final class ReportPages {

    /** A photo's file name on a page: its id, and whether the thumbnail ({@code {id}-thumb.jpg}) is asked for. */
    record PhotoName(UUID id, boolean thumbnail) {
        static PhotoName parse(String name) {
            boolean thumbnail = name.endsWith("-thumb");
            try {
                return new PhotoName(UUID.fromString(thumbnail ? name.substring(0, name.length() - "-thumb".length()) : name),
                        thumbnail);
            } catch (IllegalArgumentException e) {
                throw new NotFoundException("no such photo");
            }
        }
    }

    private ReportPages() {
    }

    /** The city's wards: every ward some department answers for, A to Z. */
    static java.util.List<String> wards(Departments departments, TenantId tenant) {
        java.util.Set<String> wards = new java.util.TreeSet<>();
        departments.list(tenant).forEach(d -> wards.addAll(d.wards()));
        return new java.util.ArrayList<>(wards);
    }

    /** Department names in the reader's language, read once per page rather than once per row. */
    static Map<String, String> departmentNames(Departments departments, TenantId tenant) {
        Map<String, String> names = new HashMap<>();
        boolean vi = CityTime.vietnamese();
        departments.list(tenant).forEach(d -> names.put(d.code(), vi ? d.nameVi() : d.nameEn()));
        return names;
    }

    /** The city's categories by code (the withdrawn ones too: old reports keep their names). */
    static Map<String, org.saola.reports.domain.ServiceDefinition> services(org.saola.reports.domain.ReportService reports,
            TenantId tenant) {
        Map<String, org.saola.reports.domain.ServiceDefinition> services = new HashMap<>();
        reports.services(tenant, false).forEach(s -> services.put(s.code(), s));
        return services;
    }
}
