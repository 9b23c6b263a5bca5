package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saola.participation.domain.Census;
import org.saola.participation.store.CensusStore;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The city's census list for participation: {@code PUT /api/v1/participation/census} replaces it with a CSV
 * ({@code id_number,ward}), streamed and kept only as keyed hashes; {@code GET} says how many are listed, per
 * ward, and how many residents have proved their number. Never a number, never who.
 */
@RestController
class CensusController {

    private final Census census;

    CensusController(Census census) {
        this.census = census;
    }

    @PutMapping(path = "/api/v1/participation/census", consumes = {"text/csv", "text/plain", "application/csv"})
    @RequiresPermission(Permission.CENSUS_MANAGE)
    Map<String, Object> replace(HttpServletRequest request) throws IOException {
        Census.Upload upload;
        try (Reader csv = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            upload = census.replace(CurrentCaller.principal(), csv);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", upload.entries());
        body.put("linksDropped", upload.linksDropped());
        return body;
    }

    @GetMapping("/api/v1/participation/census")
    @RequiresPermission(Permission.CENSUS_MANAGE)
    Map<String, Object> counts() {
        CensusStore.Counts c = census.counts(CurrentCaller.tenant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", c.entries());
        body.put("linked", c.linked());
        body.put("perWard", c.perWard());
        body.put("uploadedAt", c.uploadedAt().map(Object::toString).orElse(null));
        return body;
    }
}
