package org.saola.participation.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The documents of processes: their description, and the file itself. */
public class DocumentStore {

    /** A document as listed (without its bytes). */
    public record Listed(UUID id, String titleVi, String titleEn, String mediaType, int size, Instant uploadedAt) {
        public String title(boolean vietnamese) {
            return vietnamese ? titleVi : titleEn;
        }
    }

    /** A document's bytes, to serve. */
    public record File(Listed listed, byte[] content) {
    }

    private final JdbcClient jdbc;

    public DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Listed> list(TenantId tenant, String process) {
        return jdbc.sql("""
                SELECT id, title_vi, title_en, media_type, size, uploaded_at FROM participation_document
                WHERE tenant_id = ? AND process_code = ? ORDER BY uploaded_at, id""").params(tenant.value(), process)
                .query((rs, i) -> new Listed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant())).list();
    }

    public Optional<File> file(TenantId tenant, String process, UUID id) {
        return jdbc.sql("""
                SELECT id, title_vi, title_en, media_type, size, uploaded_at, content FROM participation_document
                WHERE tenant_id = ? AND process_code = ? AND id = ?""").params(tenant.value(), process, id)
                .query((rs, i) -> new File(new Listed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant()), rs.getBytes(7))).optional();
    }

    public void add(TenantId tenant, String process, Listed d, byte[] content) {
        jdbc.sql("""
                INSERT INTO participation_document (tenant_id, process_code, id, title_vi, title_en, media_type, size, content, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), process, d.id(), d.titleVi(), d.titleEn(), d.mediaType(), d.size(), content,
                        Timestamp.from(d.uploadedAt())).update();
    }

    public boolean delete(TenantId tenant, String process, UUID id) {
        return jdbc.sql("DELETE FROM participation_document WHERE tenant_id = ? AND process_code = ? AND id = ?")
                .params(tenant.value(), process, id).update() == 1;
    }

    public int count(TenantId tenant, String process) {
        return jdbc.sql("SELECT count(*) FROM participation_document WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query(Integer.class).single();
    }
}
