package org.saola.opendata.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.DataSharing;
import org.saola.opendata.domain.Dataset;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.web.shell.CityTime;
import org.springframework.stereotype.Component;

/** Data-sharing agreements as the public page and the staff pages show them, in the reader's language. */
@Component
class AgreementsShown {

    /** A dataset an agreement shares, as the page names it: its title and the labels of the fields shared. */
    record SharedShown(String name, String title, List<String> fields) {
    }

    /** An agreement as the page shows it. */
    record Shown(String id, String title, String status, String partyKind, String party, String owner, String purpose, String legalBasis,
            String licence, String intellectualProperty, String starts, String expires, String ended, String endReason,
            List<SharedShown> datasets, long uses, String lastUse) {
    }

    private final DataSharing sharing;
    private final Catalogue catalogue;
    private final Departments departments;
    private final CityTime time;

    AgreementsShown(DataSharing sharing, Catalogue catalogue, Departments departments, CityTime time) {
        this.sharing = sharing;
        this.catalogue = catalogue;
        this.departments = departments;
        this.time = time;
    }

    /** Agreements in the reader's language, with their datasets' titles and fields' labels and how much they were used. */
    List<Shown> shown(TenantId tenant, List<DataSharing.Agreement> agreements, boolean vi) {
        Map<String, Department> byCode = new LinkedHashMap<>();
        departments.list(tenant).forEach(d -> byCode.put(d.code(), d));
        Map<java.util.UUID, DataSharing.UseSummary> uses = sharing.useSummaries(tenant);
        Instant now = sharing.now();
        var format = time.formatter();
        return agreements.stream().map(a -> {
            DataSharing.UseSummary u = uses.getOrDefault(a.id(), DataSharing.UseSummary.NONE);
            String party = a.party().department().map(byCode::get).map(d -> vi ? d.nameVi() : d.nameEn()).orElse(a.party().name());
            String owner = a.owner().map(byCode::get).map(d -> vi ? d.nameVi() : d.nameEn()).orElse(null);
            List<SharedShown> shared = a.datasets().stream().map(s -> {
                Optional<Dataset> d = catalogue.findAny(tenant, s.datasetId().toString());
                Map<String, String> labels = new LinkedHashMap<>();
                d.ifPresent(x -> x.columns().forEach(c -> labels.put(c.id(), label(c, vi))));
                return new SharedShown(s.datasetName(), d.map(x -> x.title(vi)).orElse(s.datasetName()),
                        s.fields().stream().map(f -> labels.getOrDefault(f, f)).toList());
            }).toList();
            return new Shown(a.id().toString(), a.title(), a.status(now).name(), a.party().kind().name(), party, owner, a.purpose(),
                    a.legalBasis(), a.licence(), a.intellectualProperty(), format.format(a.starts()), format.format(a.expires()),
                    a.ended().map(format::format).orElse(null), a.endReason().orElse(null), shared, u.uses(),
                    u.last().map(format::format).orElse(null));
        }).toList();
    }

    private static String label(DataColumn c, boolean vi) {
        String l = vi ? c.labelVi() : c.labelEn();
        return l == null || l.isBlank() ? c.id() : l;
    }
}
