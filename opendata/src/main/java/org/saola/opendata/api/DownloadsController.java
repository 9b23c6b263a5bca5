package org.saola.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.DataSharing;
import org.saola.opendata.domain.Dataset;
import org.saola.platform.problem.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * A published dataset's rows downloaded whole, streamed a page at a time: {@code {name}.csv} (a header of field
 * ids, then the rows), {@code {name}.json} (an array of objects) and, when its rows have a place,
 * {@code {name}.geojson} (a FeatureCollection of points, the other fields as properties). A shared dataset is
 * downloaded only with the key of an agreement in force that shares it, with the fields it shares, each download
 * recorded for the data owner with the rows it carried.
 */
@RestController
class DownloadsController {

    /** A shared dataset asked for without a key that opens it: 403. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Catalogue catalogue;
    private final DataSharing sharing;
    private final PublicTenant tenants;
    private final JsonMapper json;

    DownloadsController(Catalogue catalogue, DataSharing sharing, PublicTenant tenants, JsonMapper json) {
        this.catalogue = catalogue;
        this.sharing = sharing;
        this.tenants = tenants;
        this.json = CkanDicts.withNulls(json);
    }

    @ExceptionHandler(Refused.class)
    ProblemDetail refused(Refused e) {
        return ApiProblems.problem(HttpStatus.FORBIDDEN, "shared-data", "Shared under agreements only", e.getMessage());
    }

    @GetMapping("/public/v1/opendata/datasets/{file}")
    @PublicRoute("open datasets are open data: anyone may download them; a shared one only with an agreement's key, checked here")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String file, HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw new NotFoundException("a download is <dataset>.csv, .json or .geojson; got '" + file + "'");
        }
        Dataset found = catalogue.anyDataset(tenant, file.substring(0, dot));
        Optional<DataSharing.Access> access = found.open() ? Optional.empty()
                : SharedAccess.key(request).flatMap(k -> sharing.presented(tenant, k));
        Dataset d = found.open() ? found : readable(access, found);
        String extension = file.substring(dot + 1);
        Dataset.Resource r = d.resources().stream().filter(x -> x.extension().equals(extension)).findFirst()
                .orElseThrow(() -> new NotFoundException("dataset '" + d.name() + "' has no ." + extension + " download; it has "
                        + d.resources().stream().map(x -> "." + x.extension()).toList()));
        boolean head = "HEAD".equals(request.getMethod());
        if (r.format().equals("PDF")) {
            return document(tenant, d, access, head, request);
        }
        StreamingResponseBody body = out -> {
            if (head) {
                return;                                 // headers only: nothing read, nothing sent, nothing to record
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            long[] rows = {0};
            boolean whole = false;
            try {
                switch (r.format()) {
                    case "NGSI-LD" -> ngsiLd(tenant, d, w, rows);
                    case "CSV" -> csv(d, w, rows);
                    case "GeoJSON" -> geoJson(d, w, rows);
                    default -> json(d, w, rows);
                }
                w.flush();
                whole = true;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                // Recorded however it ended: the rows counted were written (some perhaps still in the buffer).
                String detail = "." + r.extension() + (whole ? "" : ", cut short");
                access.ifPresent(a -> sharing.used(a, "download", d.name(), rows[0], true, detail));
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(r.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.name() + "." + r.extension() + "\"")
                .cacheControl(d.open() ? CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic() : CacheControl.noStore())
                .lastModified(d.modified())
                .body(body);
    }

    /** Documents read from the database at once: each is up to 50 MB in memory while it is sent. */
    private final java.util.concurrent.Semaphore documentReads = new java.util.concurrent.Semaphore(4);

    /**
     * A document, as it was published: its ETag is its SHA-256, so a browser that has it fetches nothing; it may be
     * framed by this site only (the portal shows it in the browser's viewer); never sniffed as anything but PDF.
     */
    private ResponseEntity<StreamingResponseBody> document(TenantId tenant, Dataset d, Optional<DataSharing.Access> access, boolean head,
            HttpServletRequest request) {
        String etag = "\"" + catalogue.documentHash(tenant, d) + "\"";
        var ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).eTag(etag)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.name() + ".pdf\"")
                .header("X-Content-Type-Options", "nosniff")
                // Framed by this site only. Said here and not left to the public chain: the chain writes its headers
                // when it unwinds, and this body is streamed on another thread that may commit the response first.
                .header("X-Frame-Options", "SAMEORIGIN")
                .header("Content-Security-Policy", "frame-ancestors 'self'")
                .cacheControl(d.open() ? CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic() : CacheControl.noStore());
        if (head || etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return head ? ok.build() : ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        byte[] pdf;
        try {
            if (!documentReads.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").build();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        try {
            pdf = catalogue.documentOf(tenant, d);
        } finally {
            documentReads.release();
        }
        access.ifPresent(a -> sharing.used(a, "download", d.name(), 0, true, ".pdf, " + pdf.length + " bytes"));
        return ok.body(out -> out.write(pdf));
    }

    /** A shared dataset as the caller's agreement shares it, or a 403 (recorded when a key was sent). */
    private Dataset readable(Optional<DataSharing.Access> access, Dataset d) {
        if (access.isEmpty()) {
            throw new Refused("'" + d.name() + "' is shared only under data-sharing agreements (/city/data/agreements); send the"
                    + " agreement's key as 'Authorization: <key>' or 'X-CKAN-API-Key: <key>'");
        }
        Optional<String> refusal = access.get().refusal(sharing.now());
        if (refusal.isPresent()) {
            sharing.used(access.get(), "download", d.name(), 0, false, refusal.get());
            throw new Refused("this key opens nothing: " + refusal.get());
        }
        return access.get().view(d).orElseThrow(() -> {
            sharing.used(access.get(), "download", d.name(), 0, false, "not shared by this agreement");
            return new Refused("the agreement of this key does not share '" + d.name() + "'");
        });
    }

    /** The entities as NGSI-LD normalized entities, an array of JSON-LD objects each naming the core @context. */
    private void ngsiLd(TenantId tenant, Dataset d, Writer w, long[] rows) {
        write(w, "[");
        boolean[] first = {true};
        catalogue.entities(tenant, d, entity -> {
            write(w, (first[0] ? "\n" : ",\n") + entity);
            first[0] = false;
            rows[0]++;
        });
        write(w, "\n]\n");
    }

    private void csv(Dataset d, Writer w, long[] rows) {
        write(w, String.join(",", d.columns().stream().map(DataColumn::id).toList()) + "\r\n");
        catalogue.each(d, row -> {
            StringBuilder line = new StringBuilder();
            boolean first = true;
            for (Object v : row.values()) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                line.append(CsvField.of(v, ','));
            }
            write(w, line.append("\r\n").toString());
            rows[0]++;
        });
    }

    private void json(Dataset d, Writer w, long[] rows) {
        write(w, "[");
        boolean[] first = {true};
        catalogue.each(d, row -> {
            write(w, (first[0] ? "\n" : ",\n") + json.writeValueAsString(row));
            first[0] = false;
            rows[0]++;
        });
        write(w, "\n]\n");
    }

    private void geoJson(Dataset d, Writer w, long[] rows) {
        write(w, "{\"type\":\"FeatureCollection\",\"features\":[");
        boolean[] first = {true};
        catalogue.each(d, row -> {
            Object lat = row.get("latitude");
            Object lon = row.get("longitude");
            Map<String, Object> properties = new LinkedHashMap<>(row);
            properties.remove("latitude");
            properties.remove("longitude");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("geometry", lat == null || lon == null ? null : Map.of("type", "Point", "coordinates", List.of(lon, lat)));
            f.put("properties", properties);
            write(w, (first[0] ? "\n" : ",\n") + json.writeValueAsString(f));
            first[0] = false;
            rows[0]++;
        });
        write(w, "\n]}\n");
    }

    private static void write(Writer w, String s) {
        try {
            w.write(s);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
