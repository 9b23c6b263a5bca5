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
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.Dataset;
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
 * {@code {name}.geojson} (a FeatureCollection of points, the other fields as properties).
 */
@RestController
class DownloadsController {

    private final Catalogue catalogue;
    private final PublicTenant tenants;
    private final JsonMapper json;

    DownloadsController(Catalogue catalogue, PublicTenant tenants, JsonMapper json) {
        this.catalogue = catalogue;
        this.tenants = tenants;
        this.json = CkanDicts.withNulls(json);
    }

    @GetMapping("/public/v1/opendata/datasets/{file}")
    @PublicRoute("published datasets are open data: anyone may download them")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String file, HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw new NotFoundException("a download is <dataset>.csv, .json or .geojson; got '" + file + "'");
        }
        Dataset d = catalogue.dataset(tenant, file.substring(0, dot));
        String extension = file.substring(dot + 1);
        Dataset.Resource r = d.resources().stream().filter(x -> x.extension().equals(extension)).findFirst()
                .orElseThrow(() -> new NotFoundException("dataset '" + d.name() + "' has no ." + extension + " download; it has "
                        + d.resources().stream().map(x -> "." + x.extension()).toList()));
        StreamingResponseBody body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            try {
                switch (r.format()) {
                    case "CSV" -> csv(d, w);
                    case "GeoJSON" -> geoJson(d, w);
                    default -> json(d, w);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(r.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.name() + "." + r.extension() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic())
                .lastModified(d.modified())
                .body(body);
    }

    private void csv(Dataset d, Writer w) {
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
        });
    }

    private void json(Dataset d, Writer w) {
        write(w, "[");
        boolean[] first = {true};
        catalogue.each(d, row -> {
            write(w, (first[0] ? "\n" : ",\n") + json.writeValueAsString(row));
            first[0] = false;
        });
        write(w, "\n]\n");
    }

    private void geoJson(Dataset d, Writer w) {
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
