package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.UploadFormat;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue administered: what the modules offer, which is published, switching an offer on (with the
 * admin's own name, titles, notes, publisher, keywords or licence), describing, refreshing, taking out.
 */
@RestController
class OpenDataCatalogueController {

    /** An offer and, when published, its dataset's name, rows and dates. */
    record OfferView(String source, String titleVi, String titleEn, String theme, String frequency, String department,
            List<DataColumn> columns, boolean peopleCounts, DatasetView dataset) {
    }

    record DatasetView(String name, String id, String source, String titleVi, String titleEn, String notesVi, String notesEn,
            String department, String theme, List<String> keywords, String licenseId, String frequency, long rows,
            boolean disclosureControl, String metadataModified, String refreshedAt, String access, List<String> fields) {

        static DatasetView of(Dataset d) {
            return new DatasetView(d.name(), d.id().toString(), d.sourceKey(), d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(),
                    d.department().orElse(null), d.theme(), d.keywords(), d.licence().id(), d.frequency(), d.rows(), d.peopleCounts(),
                    d.modified().toString(), d.refreshed().map(Object::toString).orElse(null),
                    d.access().name().toLowerCase(java.util.Locale.ROOT), d.columns().stream().map(DataColumn::id).toList());
        }
    }

    record DatasetBody(String source, String name, String titleVi, String titleEn, String notesVi, String notesEn,
            String department, List<String> keywords, String licenseId, String access) {

        Catalogue.Settings settings() {
            return new Catalogue.Settings(Optional.ofNullable(name), Optional.ofNullable(titleVi), Optional.ofNullable(titleEn),
                    Optional.ofNullable(notesVi), Optional.ofNullable(notesEn), Optional.ofNullable(department),
                    Optional.ofNullable(keywords), Optional.ofNullable(licenseId), Optional.ofNullable(access).map(Dataset.Access::of));
        }
    }

    private final Catalogue catalogue;
    private final org.saola.opendata.domain.DataSharing sharing;

    OpenDataCatalogueController(Catalogue catalogue, org.saola.opendata.domain.DataSharing sharing) {
        this.catalogue = catalogue;
        this.sharing = sharing;
    }

    @GetMapping("/api/v1/opendata/offers")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    List<OfferView> offers() {
        return catalogue.offers(CurrentCaller.tenant()).stream().map(o -> new OfferView(o.offer().key(), o.offer().titleVi(),
                o.offer().titleEn(), o.offer().theme(), o.offer().frequency(), o.offer().department().orElse(null), o.offer().columns(),
                o.offer().peopleCounts().isPresent(), o.dataset().map(DatasetView::of).orElse(null))).toList();
    }

    @GetMapping("/api/v1/opendata/datasets")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    List<DatasetView> datasets() {
        return catalogue.everything(CurrentCaller.tenant()).stream().map(DatasetView::of).toList();
    }

    @PostMapping("/api/v1/opendata/datasets")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<DatasetView> publish(@RequestBody DatasetBody body) {
        if (body.source() == null || body.source().isBlank()) {
            throw new org.saola.platform.InvalidInputException("source", "source names the offer to publish (GET /api/v1/opendata/offers)");
        }
        Dataset d = catalogue.publish(CurrentCaller.tenant(), body.source(), body.settings());
        return ResponseEntity.status(HttpStatus.CREATED).body(DatasetView.of(d));
    }

    /**
     * A file published as a dataset (or a new version of one uploaded before): the body is the file (CSV, streamed
     * into the dataset's table; an Excel workbook's first sheet; a GeoJSON FeatureCollection), the description in
     * the query (titles required the first time).
     */
    @PutMapping(path = "/api/v1/opendata/uploads/{name}", consumes = {"text/csv", "application/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/geo+json", "application/pdf"})
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<DatasetView> upload(@PathVariable String name, HttpServletRequest request,
            @RequestParam Optional<String> titleVi,
            @RequestParam Optional<String> titleEn,
            @RequestParam Optional<String> notesVi,
            @RequestParam Optional<String> notesEn,
            @RequestParam Optional<String> department,
            @RequestParam Optional<List<String>> keywords,
            @RequestParam Optional<String> licenseId,
            @RequestParam Optional<String> theme,
            @RequestParam Optional<String> frequency,
            @RequestParam Optional<String> access) throws IOException {
        Optional<Dataset> before = catalogue.findAny(CurrentCaller.tenant(), name);
        boolean existed = before.isPresent();
        if (existed && department.isPresent()) {
            sharing.checkPublisherChange(CurrentCaller.tenant(), before.get(), department);
        }
        Catalogue.Settings settings = new Catalogue.Settings(Optional.empty(), titleVi, titleEn, notesVi, notesEn, department, keywords,
                licenseId, access.map(Dataset.Access::of));
        if (request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf")) {
            Dataset doc = catalogue.document(CurrentCaller.tenant(), name, settings, theme.orElse("GOVE"), frequency.orElse("IRREG"),
                    name + ".pdf", request.getInputStream());
            return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(DatasetView.of(doc));
        }
        UploadFormat format = UploadFormat.of(request.getContentType(), null).orElseThrow();
        Dataset d;
        try (Reader csv = format.asCsv(request.getInputStream())) {
            d = catalogue.upload(CurrentCaller.tenant(), name, new Catalogue.Settings(Optional.empty(), titleVi, titleEn, notesVi,
                    notesEn, department, keywords, licenseId, access.map(Dataset.Access::of)), theme.orElse("GOVE"), frequency.orElse("IRREG"),
                    csv);
        }
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(DatasetView.of(d));
    }

    @PatchMapping("/api/v1/opendata/datasets/{name}")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    DatasetView describe(@PathVariable String name, @RequestBody DatasetBody body) {
        if (body.source() != null || body.name() != null) {
            throw new org.saola.platform.InvalidInputException(body.source() != null ? "source" : "name",
                    "a dataset's source and name do not change; take it out and publish it again");
        }
        if (body.department() != null) {
            sharing.checkPublisherChange(CurrentCaller.tenant(), catalogue.anyDataset(CurrentCaller.tenant(), name),
                    Optional.of(body.department()));
        }
        return DatasetView.of(catalogue.describe(CurrentCaller.tenant(), name, body.settings()));
    }

    @PostMapping("/api/v1/opendata/datasets/{name}/refresh")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    DatasetView refresh(@PathVariable String name) {
        catalogue.anyDataset(CurrentCaller.tenant(), name);
        return DatasetView.of(catalogue.refresh(CurrentCaller.tenant(), name));
    }

    @DeleteMapping("/api/v1/opendata/datasets/{name}")
    @RequiresPermission(Permission.OPENDATA_MANAGE)
    ResponseEntity<Void> unpublish(@PathVariable String name) {
        catalogue.unpublish(CurrentCaller.tenant(), name);
        return ResponseEntity.noContent().build();
    }
}
