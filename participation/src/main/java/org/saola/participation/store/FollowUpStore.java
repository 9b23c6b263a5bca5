package org.saola.participation.store;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Progress;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Progress updates, the links of projects to proposals and reports, and who follows a process (V2026_11_30_72). */
public class FollowUpStore {

    private final JdbcClient jdbc;

    public FollowUpStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TenantId tenant, String process, Progress p) {
        jdbc.sql("""
                INSERT INTO participation_progress (id, tenant_id, process_code, kind, ref, status, percent, spent, starts_on,
                    ends_on, note_vi, note_en, photos, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?)""")
                .params(p.id(), tenant.value(), process, p.kind().name(), p.ref(), p.status().name(), p.percent(), p.spent(),
                        p.starts().map(Date::valueOf).orElse(null), p.ends().map(Date::valueOf).orElse(null), p.noteVi(), p.noteEn(),
                        p.photos().stream().map(UUID::toString).toArray(String[]::new), Timestamp.from(p.at()))
                .update();
    }

    /** Every update of a process, newest first. */
    public List<Progress> updates(TenantId tenant, String process) {
        return jdbc.sql("""
                SELECT id, kind, ref, status, percent, spent, starts_on, ends_on, note_vi, note_en, photos::text[], created_at
                FROM participation_progress WHERE tenant_id = ? AND process_code = ? ORDER BY created_at DESC, id""")
                .params(tenant.value(), process).query((rs, i) -> progress(rs)).list();
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        return new Progress(rs.getObject(1, UUID.class), Progress.Kind.valueOf(rs.getString(2)), rs.getString(3),
                Progress.Status.valueOf(rs.getString(4)), rs.getInt(5), rs.getLong(6),
                Optional.ofNullable(rs.getDate(7)).map(Date::toLocalDate), Optional.ofNullable(rs.getDate(8)).map(Date::toLocalDate),
                rs.getString(9), rs.getString(10), Arrays.stream((String[]) rs.getArray(11).getArray()).map(UUID::fromString).toList(),
                rs.getTimestamp(12).toInstant());
    }

    /** Whether a photo belongs to a progress update (progress is public as soon as it is given). */
    public boolean hasPhoto(TenantId tenant, UUID photo) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM participation_progress WHERE tenant_id = ? AND ?::uuid = ANY (photos))")
                .params(tenant.value(), photo.toString()).query(Boolean.class).single();
    }

    // ---- links of projects

    /** Replaces a project's links to proposals and reports. */
    public void link(TenantId tenant, String process, String project, List<Long> proposals, List<Long> reports) {
        jdbc.sql("DELETE FROM participation_project_link WHERE tenant_id = ? AND process_code = ? AND project_code = ?")
                .params(tenant.value(), process, project).update();
        for (Long n : proposals) {
            insertLink(tenant, process, project, "PROPOSAL", n);
        }
        for (Long n : reports) {
            insertLink(tenant, process, project, "REPORT", n);
        }
    }

    private void insertLink(TenantId tenant, String process, String project, String kind, long ref) {
        jdbc.sql("INSERT INTO participation_project_link (tenant_id, process_code, project_code, kind, ref) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING").params(tenant.value(), process, project, kind, ref).update();
    }

    /** A process's links: project code, kind, number, in order. */
    public List<String[]> links(TenantId tenant, String process) {
        return jdbc.sql("SELECT project_code, kind, ref FROM participation_project_link WHERE tenant_id = ? AND process_code = ?"
                        + " ORDER BY project_code, kind, ref")
                .params(tenant.value(), process)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))}).list();
    }

    // ---- followers

    public void follow(TenantId tenant, String process, UUID resident, java.time.Instant now) {
        jdbc.sql("INSERT INTO participation_follower (tenant_id, process_code, resident, since) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(tenant.value(), process, resident, Timestamp.from(now)).update();
    }

    public void unfollow(TenantId tenant, String process, UUID resident) {
        jdbc.sql("DELETE FROM participation_follower WHERE tenant_id = ? AND process_code = ? AND resident = ?")
                .params(tenant.value(), process, resident).update();
    }

    public boolean follows(TenantId tenant, String process, UUID resident) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM participation_follower WHERE tenant_id = ? AND process_code = ? AND resident = ?)")
                .params(tenant.value(), process, resident).query(Boolean.class).single();
    }

    public List<UUID> followers(TenantId tenant, String process) {
        return jdbc.sql("SELECT resident FROM participation_follower WHERE tenant_id = ? AND process_code = ?")
                .params(tenant.value(), process).query(UUID.class).list();
    }
}
