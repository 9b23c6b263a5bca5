package org.saola.participation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.ProcessDocuments;
import org.saola.participation.store.DocumentStore;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A process's documents: staff add a PDF ({@code POST /api/v1/participation/processes/{code}/documents?titleVi=..&titleEn=..},
 * the body the file) or remove one; anyone lists them ({@code GET /public/v1/...}) and reads them on
 * {@code /city/participation/{code}/documents/{id}}.
 */
@RestController
class DocumentsController {

    /** A document as listed, with the address to read it. */
    record DocumentView(UUID id, String titleVi, String titleEn, String mediaType, int size, String uploadedAt, String url) {
        static DocumentView of(String process, DocumentStore.Listed d) {
            return new DocumentView(d.id(), d.titleVi(), d.titleEn(), d.mediaType(), d.size(), d.uploadedAt().toString(),
                    "/city/participation/" + process + "/documents/" + d.id());
        }
    }

    private final ProcessDocuments documents;
    private final PublicTenant tenants;

    DocumentsController(ProcessDocuments documents, PublicTenant tenants) {
        this.documents = documents;
        this.tenants = tenants;
    }

    @PostMapping(path = "/api/v1/participation/processes/{code}/documents", consumes = "application/pdf")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<DocumentView> add(@PathVariable String code, @RequestParam Optional<String> titleVi,
            @RequestParam Optional<String> titleEn, HttpServletRequest request) throws IOException {
        DocumentStore.Listed d = documents.add(CurrentCaller.principal(), code, titleVi.orElse(null), titleEn.orElse(null),
                request.getInputStream());
        return ResponseEntity.status(HttpStatus.CREATED).body(DocumentView.of(code, d));
    }

    @DeleteMapping("/api/v1/participation/processes/{code}/documents/{id}")
    @RequiresPermission(Permission.PARTICIPATION_MANAGE)
    ResponseEntity<Void> remove(@PathVariable String code, @PathVariable UUID id) {
        documents.remove(CurrentCaller.principal(), code, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/public/v1/participation/processes/{code}/documents")
    @PublicRoute("a process's documents are public")
    List<DocumentView> list(@PathVariable String code, HttpServletRequest request) {
        return documents.list(tenants.of(request), code).stream().map(d -> DocumentView.of(code, d)).toList();
    }
}
