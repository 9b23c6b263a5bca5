package org.saola.participation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saola.participation.store.DocumentStore;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.transaction.annotation.Transactional;

/**
 * The documents a process publishes beside its page: what the plan is, the studies behind it, the rules of the
 * vote, minutes. PDF only (what every phone opens, and what cities publish), checked by its first bytes, at
 * most {@link #MAX_BYTES} each and {@link #MAX_PER_PROCESS} per process. The department that runs the process
 * adds and removes them; anyone reads them.
 */
public class ProcessDocuments {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    static final int MAX_PER_PROCESS = 30;

    private final DocumentStore store;
    private final ParticipationService processes;
    private final AuditLog audit;
    private final InstantSource clock;

    public ProcessDocuments(DocumentStore store, ParticipationService processes, AuditLog audit, InstantSource clock) {
        this.store = store;
        this.processes = processes;
        this.audit = audit;
        this.clock = clock;
    }

    public List<DocumentStore.Listed> list(TenantId tenant, String process) {
        processes.definition(tenant, process);           // 404 for no such process
        return store.list(tenant, process);
    }

    public DocumentStore.File file(TenantId tenant, String process, UUID id) {
        return store.file(tenant, process, id).orElseThrow(() -> new NotFoundException("no document " + id + " in '" + process + "'",
                "participation.notFound.document", process));
    }

    /** Adds a PDF to the process (the caller's departments' only). */
    @Transactional
    public DocumentStore.Listed add(SaolaPrincipal caller, String process, String titleVi, String titleEn, InputStream body)
            throws IOException {
        processes.managed(caller, process);
        String vi = Project.required("titleVi", titleVi, 200);
        String en = titleEn == null || titleEn.isBlank() ? vi : Project.required("titleEn", titleEn, 200);
        byte[] content = body.readNBytes(MAX_BYTES + 1);
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException("file", "a document is at most " + MAX_BYTES / (1024 * 1024) + " MB",
                    "participation.problem.documentSize", MAX_BYTES / (1024 * 1024));
        }
        if (content.length < 5 || !Arrays.equals(Arrays.copyOf(content, 5), "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new InvalidInputException("file", "a document is a PDF file (it starts with %PDF-); export it as PDF first",
                    "participation.problem.documentPdf");
        }
        if (store.count(caller.tenant(), process) >= MAX_PER_PROCESS) {
            throw new ConflictException("a process has at most " + MAX_PER_PROCESS + " documents; remove one first",
                    "participation.conflict.documentLimit", MAX_PER_PROCESS);
        }
        DocumentStore.Listed d = new DocumentStore.Listed(UUID.randomUUID(), vi, en, "application/pdf", content.length, clock.instant());
        store.add(caller.tenant(), process, d, content);
        audit.record(caller.tenant(), "DOCUMENT_ADDED", "process:" + process, "", Map.of("document", d.id().toString(), "bytes", content.length));
        return d;
    }

    @Transactional
    public void remove(SaolaPrincipal caller, String process, UUID id) {
        processes.managed(caller, process);
        if (!store.delete(caller.tenant(), process, id)) {
            throw new NotFoundException("no document " + id + " in '" + process + "'", "participation.notFound.document", process);
        }
        audit.record(caller.tenant(), "DOCUMENT_REMOVED", "process:" + process, "", Map.of("document", id.toString()));
    }

    /** A document's size in words: "PDF, 1.2 MB". */
    public static String size(int bytes) {
        return bytes >= 1024 * 1024 ? String.format(java.util.Locale.ROOT, "PDF, %.1f MB", bytes / (1024.0 * 1024))
                : "PDF, " + Math.max(1, bytes / 1024) + " KB";
    }
}
