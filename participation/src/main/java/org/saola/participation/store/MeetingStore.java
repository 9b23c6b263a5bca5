package org.saola.participation.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Meeting;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Meetings, their minutes and registrations (V2026_11_30_74). */
public class MeetingStore {

    /** A meeting as stored: with its minutes once written, the proposals from it, and how many registered. */
    public record Stored(Meeting meeting, String minutesVi, String minutesEn, Optional<Instant> minutesAt, List<Integer> proposals,
            int registered) {
    }

    private static final String COLUMNS = "m.code, m.title_vi, m.title_en, m.description_vi, m.description_en, m.starts_at, m.ends_at,"
            + " m.place, m.ward, m.provisions, m.accessibility, m.capacity, m.minutes_vi, m.minutes_en, m.minutes_at, m.proposals,"
            + " (SELECT count(*) FROM participation_meeting_registration r WHERE r.tenant_id = m.tenant_id"
            + "   AND r.process_code = m.process_code AND r.meeting_code = m.code)";

    private final JdbcClient jdbc;

    public MeetingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean put(TenantId tenant, String process, Meeting m, Instant now) {
        return jdbc.sql("""
                INSERT INTO participation_meeting (tenant_id, process_code, code, title_vi, title_en, description_vi, description_en,
                    starts_at, ends_at, place, ward, provisions, accessibility, capacity, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, process_code, code) DO UPDATE SET title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en,
                    description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
                    starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, place = EXCLUDED.place, ward = EXCLUDED.ward,
                    provisions = EXCLUDED.provisions, accessibility = EXCLUDED.accessibility, capacity = EXCLUDED.capacity,
                    updated_at = EXCLUDED.updated_at
                RETURNING (xmax = 0)""")
                .params(tenant.value(), process, m.code(), m.titleVi(), m.titleEn(), m.descriptionVi(), m.descriptionEn(),
                        Timestamp.from(m.starts()), Timestamp.from(m.ends()), m.place(), m.ward(),
                        m.provisions().stream().map(Enum::name).toArray(String[]::new), m.accessibility(), m.capacity(),
                        Timestamp.from(now))
                .query(Boolean.class).single();
    }

    public List<Stored> ofProcess(TenantId tenant, String process) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_meeting m WHERE m.tenant_id = ? AND m.process_code = ? ORDER BY m.starts_at, m.code")
                .params(tenant.value(), process).query((rs, i) -> stored(rs)).list();
    }

    public Optional<Stored> find(TenantId tenant, String process, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_meeting m WHERE m.tenant_id = ? AND m.process_code = ? AND m.code = ?")
                .params(tenant.value(), process, code).query((rs, i) -> stored(rs)).optional();
    }

    /** The meeting, its row locked: registrations are counted against its places one at a time. */
    public Optional<Stored> lock(TenantId tenant, String process, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_meeting m WHERE m.tenant_id = ? AND m.process_code = ? AND m.code = ?"
                        + " FOR UPDATE OF m")
                .params(tenant.value(), process, code).query((rs, i) -> stored(rs)).optional();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Meeting m = new Meeting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9),
                Arrays.stream((String[]) rs.getArray(10).getArray()).map(Meeting.Provision::valueOf).toList(), rs.getString(11),
                rs.getInt(12));
        return new Stored(m, rs.getString(13), rs.getString(14), Optional.ofNullable(rs.getTimestamp(15)).map(Timestamp::toInstant),
                Arrays.asList((Integer[]) rs.getArray(16).getArray()), rs.getInt(17));
    }

    /** Registers (or changes the needs of) a resident; true when newly registered. */
    public boolean register(TenantId tenant, String process, String code, UUID resident, List<Meeting.Provision> needs, Instant now) {
        return jdbc.sql("""
                INSERT INTO participation_meeting_registration AS r (tenant_id, process_code, meeting_code, resident, needs, registered_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, process_code, meeting_code, resident) DO UPDATE SET needs = EXCLUDED.needs
                RETURNING (xmax = 0)""")
                .params(tenant.value(), process, code, resident, needs.stream().map(Enum::name).toArray(String[]::new), Timestamp.from(now))
                .query(Boolean.class).single();
    }

    public boolean cancel(TenantId tenant, String process, String code, UUID resident) {
        return jdbc.sql("DELETE FROM participation_meeting_registration WHERE tenant_id = ? AND process_code = ? AND meeting_code = ? AND resident = ?")
                .params(tenant.value(), process, code, resident).update() > 0;
    }

    public Optional<List<Meeting.Provision>> registration(TenantId tenant, String process, String code, UUID resident) {
        return jdbc.sql("SELECT needs FROM participation_meeting_registration WHERE tenant_id = ? AND process_code = ? AND meeting_code = ? AND resident = ?")
                .params(tenant.value(), process, code, resident)
                .query((rs, i) -> Arrays.stream((String[]) rs.getArray(1).getArray()).map(Meeting.Provision::valueOf).toList()).optional();
    }

    /** How many registered residents need each provision (counts only, no one named). */
    public Map<String, Integer> needs(TenantId tenant, String process, String code) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT need, count(*) FROM participation_meeting_registration, unnest(needs) AS need
                WHERE tenant_id = ? AND process_code = ? AND meeting_code = ? GROUP BY need ORDER BY need""")
                .params(tenant.value(), process, code).query((rs, i) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    public void minutes(TenantId tenant, String process, String code, String vi, String en, List<Integer> proposals, Instant now) {
        jdbc.sql("""
                UPDATE participation_meeting SET minutes_vi = ?, minutes_en = ?, minutes_at = ?, proposals = ?
                WHERE tenant_id = ? AND process_code = ? AND code = ?""")
                .params(vi, en, Timestamp.from(now), proposals.toArray(Integer[]::new), tenant.value(), process, code).update();
    }
}
