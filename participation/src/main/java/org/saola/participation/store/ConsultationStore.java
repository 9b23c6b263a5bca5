package org.saola.participation.store;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.participation.domain.Consultation;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Consultations and their answers (V2026_11_30_73). */
public class ConsultationStore {

    /** A consultation as stored, with the department's response once given. */
    public record Stored(Consultation consultation, String responseVi, String responseEn, Optional<Instant> respondedAt) {
    }

    private static final String COLUMNS = "code, process_code, title_vi, title_en, intro_vi, intro_en, opens, closes, audience,"
            + " wards, questions::text, response_vi, response_en, responded_at";
    private static final TypeReference<List<Consultation.Question>> QUESTIONS = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ConsultationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public boolean put(TenantId tenant, Consultation c, Instant now) {
        return jdbc.sql("""
                INSERT INTO participation_consultation (tenant_id, code, process_code, title_vi, title_en, intro_vi, intro_en,
                    opens, closes, audience, wards, questions, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET process_code = EXCLUDED.process_code, title_vi = EXCLUDED.title_vi,
                    title_en = EXCLUDED.title_en, intro_vi = EXCLUDED.intro_vi, intro_en = EXCLUDED.intro_en,
                    opens = EXCLUDED.opens, closes = EXCLUDED.closes, audience = EXCLUDED.audience, wards = EXCLUDED.wards,
                    questions = EXCLUDED.questions, updated_at = EXCLUDED.updated_at
                RETURNING (xmax = 0)""")
                .params(tenant.value(), c.code(), c.process(), c.titleVi(), c.titleEn(), c.introVi(), c.introEn(),
                        Date.valueOf(c.opens()), Date.valueOf(c.closes()), c.audience().name(), c.wards().toArray(String[]::new),
                        json.writeValueAsString(c.questions()), Timestamp.from(now), Timestamp.from(now))
                .query(Boolean.class).single();
    }

    public Optional<Stored> find(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_consultation WHERE tenant_id = ? AND code = ?")
                .params(tenant.value(), code).query((rs, i) -> stored(rs)).optional();
    }

    /** The consultation, its row locked (answers wait while its questions change, and the other way round). */
    public Optional<Stored> lock(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_consultation WHERE tenant_id = ? AND code = ? FOR UPDATE")
                .params(tenant.value(), code).query((rs, i) -> stored(rs)).optional();
    }

    /** The consultation, its row share-locked: answers do not wait for each other, a change of it waits for them. */
    public Optional<Stored> share(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_consultation WHERE tenant_id = ? AND code = ? FOR SHARE")
                .params(tenant.value(), code).query((rs, i) -> stored(rs)).optional();
    }

    public List<Stored> ofProcess(TenantId tenant, String process) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM participation_consultation WHERE tenant_id = ? AND process_code = ? ORDER BY opens, code")
                .params(tenant.value(), process).query((rs, i) -> stored(rs)).list();
    }

    private Stored stored(ResultSet rs) throws SQLException {
        Consultation c = new Consultation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(),
                Consultation.Audience.valueOf(rs.getString(9)), Arrays.asList((String[]) rs.getArray(10).getArray()),
                json.readValue(rs.getString(11), QUESTIONS));
        return new Stored(c, rs.getString(12), rs.getString(13), Optional.ofNullable(rs.getTimestamp(14)).map(Timestamp::toInstant));
    }

    public int answerCount(TenantId tenant, String code) {
        return jdbc.sql("SELECT count(*) FROM participation_consultation_answer WHERE tenant_id = ? AND consultation = ?")
                .params(tenant.value(), code).query(Integer.class).single();
    }

    /** Records answers; a signed-in resident's replace their earlier ones (true when they did). */
    public boolean answer(TenantId tenant, String code, Optional<UUID> resident, String ward, String channel,
            Map<String, List<String>> answers, LocalDate day) {
        String text = json.writeValueAsString(answers);
        // One statement, so two sends of the same resident at once end as one answer (the later), never an error.
        return jdbc.sql("""
                INSERT INTO participation_consultation_answer AS a (id, tenant_id, consultation, resident, ward, channel, answers, answered_on)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (tenant_id, consultation, resident) WHERE resident IS NOT NULL DO UPDATE SET ward = EXCLUDED.ward,
                    channel = EXCLUDED.channel, answers = EXCLUDED.answers, answered_on = EXCLUDED.answered_on
                RETURNING (xmax <> 0)""")
                .params(UUID.randomUUID(), tenant.value(), code, resident.orElse(null), ward, channel, text, Date.valueOf(day))
                .query(Boolean.class).single();
    }

    public Optional<Map<String, List<String>>> mine(TenantId tenant, String code, UUID resident) {
        return jdbc.sql("SELECT answers::text FROM participation_consultation_answer WHERE tenant_id = ? AND consultation = ? AND resident = ?")
                .params(tenant.value(), code, resident).query(String.class).optional().map(t -> json.readValue(t, ANSWERS));
    }

    /** Every answer, without who gave it. */
    public List<Map<String, List<String>>> answers(TenantId tenant, String code) {
        return jdbc.sql("SELECT answers::text FROM participation_consultation_answer WHERE tenant_id = ? AND consultation = ?")
                .params(tenant.value(), code).query(String.class).list().stream().map(t -> json.readValue(t, ANSWERS)).toList();
    }

    public void respond(TenantId tenant, String code, String vi, String en, Instant now) {
        jdbc.sql("UPDATE participation_consultation SET response_vi = ?, response_en = ?, responded_at = ? WHERE tenant_id = ? AND code = ?")
                .params(vi, en, Timestamp.from(now), tenant.value(), code).update();
    }
}
