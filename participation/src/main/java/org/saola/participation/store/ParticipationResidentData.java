package org.saola.participation.store;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ResidentDataSection;
import org.saola.platform.residents.ResidentDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What participation holds about a resident: their proposals, comments and supports, the processes they follow,
 * their answers to consultations, meetings they registered for, and the votes they took part in: that they voted,
 * how and on which day, never what (the ballot is sealed apart from the register and cannot be tied to anyone).
 */
@Component
class ParticipationResidentData implements ResidentDataSource {

    private final JdbcClient jdbc;
    private final DateTimeFormatter time;

    ParticipationResidentData(JdbcClient jdbc, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.jdbc = jdbc;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of(zone));
    }

    private static ResidentDataSection.Column c(String key, String vi, String en) {
        return new ResidentDataSection.Column(key, vi, en);
    }

    /** Whom a contribution of an erased resident belongs to: nobody. */
    static final UUID NOBODY = new UUID(0, 0);

    @Override
    public void forget(TenantId tenant, UUID resident) {
        String t = tenant.value();
        // A vote they took part in that is not counted yet: their sealed ballot is found by their id, so a new
        // account could vote again beside it. Erase after the count.
        if (jdbc.sql("""
                SELECT count(*) FROM participation_voter v JOIN participation_ballot_key k
                    ON k.tenant_id = v.tenant_id AND k.process_code = v.process_code
                WHERE v.tenant_id = ? AND v.resident_id = ?""").params(t, resident).query(Long.class).single() > 0) {
            throw new org.saola.platform.ConflictException("the resident voted in a vote not counted yet; erase the account "
                    + "after the count (their ballot stays secret either way)", "participation.conflict.eraseAfterCount");
        }
        // public contributions stay, by nobody; supports were theirs alone (the counts go down with them); flags
        // and who voted in a counted vote stay counted, by no one known
        jdbc.sql("UPDATE participation_proposal SET author = ? WHERE tenant_id = ? AND author = ?").params(NOBODY, t, resident).update();
        jdbc.sql("UPDATE participation_comment SET author = ? WHERE author = ? AND proposal_id IN "
                + "(SELECT id FROM participation_proposal WHERE tenant_id = ?)").params(NOBODY, resident, t).update();
        jdbc.sql("UPDATE participation_proposal p SET supports = supports - 1 FROM participation_support s "
                + "WHERE s.proposal_id = p.id AND s.resident = ? AND p.tenant_id = ?").params(resident, t).update();
        jdbc.sql("DELETE FROM participation_support WHERE resident = ? AND proposal_id IN "
                + "(SELECT id FROM participation_proposal WHERE tenant_id = ?)").params(resident, t).update();
        jdbc.sql("UPDATE participation_flag SET resident = gen_random_uuid() WHERE tenant_id = ? AND resident = ?")
                .params(t, resident).update();
        jdbc.sql("UPDATE participation_voter SET resident_id = gen_random_uuid() WHERE tenant_id = ? AND resident_id = ?")
                .params(t, resident).update();
        // answers to a consultation still open go (a new account could answer again); closed ones stay, by no one
        jdbc.sql("DELETE FROM participation_consultation_answer a USING participation_consultation c WHERE a.tenant_id = ? "
                + "AND a.resident = ? AND c.tenant_id = a.tenant_id AND c.code = a.consultation AND c.closes >= CURRENT_DATE")
                .params(t, resident).update();
        jdbc.sql("UPDATE participation_consultation_answer SET resident = NULL WHERE tenant_id = ? AND resident = ?")
                .params(t, resident).update();
        jdbc.sql("DELETE FROM participation_meeting_registration WHERE tenant_id = ? AND resident = ?").params(t, resident).update();
        jdbc.sql("DELETE FROM participation_follower WHERE tenant_id = ? AND resident = ?").params(t, resident).update();
        // the census entry they proved is free again: the person may prove it from a new account
        jdbc.sql("UPDATE participation_census SET resident_id = NULL, linked_on = NULL WHERE tenant_id = ? AND resident_id = ?")
                .params(t, resident).update();
    }

    @Override
    public List<ResidentDataSection> about(TenantId tenant, UUID resident) {
        String t = tenant.value();
        return List.of(
                new ResidentDataSection("proposals", "Đề xuất của bạn", "Your proposals",
                        "Đề xuất được công khai mà không kèm tên bạn.", "Proposals are public without your name.",
                        List.of(c("process", "Tiến trình", "Process"), c("number", "Số", "Number"), c("title", "Tiêu đề", "Title"),
                                c("body", "Nội dung", "Text"), c("created", "Gửi lúc", "Submitted")),
                        jdbc.sql("""
                                SELECT process_code, number, title, body, created_at FROM participation_proposal
                                WHERE tenant_id = ? AND author = ? ORDER BY created_at DESC LIMIT 10000""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), Integer.toString(rs.getInt(2)), rs.getString(3),
                                        rs.getString(4), time.format(rs.getTimestamp(5).toInstant()))).list()),
                new ResidentDataSection("comments", "Bình luận của bạn", "Your comments",
                        "Bình luận hiện không kèm tên, chỉ là \"tác giả\" hoặc \"người dân n\".",
                        "Comments show no name, only \"the author\" or \"resident n\".",
                        List.of(c("proposal", "Đề xuất", "Proposal"), c("body", "Nội dung", "Text"), c("created", "Lúc", "When"),
                                c("hidden", "Bị ẩn vì", "Hidden because")),
                        jdbc.sql("""
                                SELECT p.process_code || ' #' || p.number, c.body, c.created_at, c.hidden_reason
                                FROM participation_comment c JOIN participation_proposal p ON p.id = c.proposal_id
                                WHERE p.tenant_id = ? AND c.author = ? ORDER BY c.created_at DESC LIMIT 10000""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), time.format(rs.getTimestamp(3).toInstant()),
                                        rs.getString(4))).list()),
                new ResidentDataSection("supports", "Đề xuất bạn đã ủng hộ", "Proposals you supported", "", "",
                        List.of(c("proposal", "Đề xuất", "Proposal"), c("title", "Tiêu đề", "Title")),
                        jdbc.sql("""
                                SELECT p.process_code || ' #' || p.number, p.title FROM participation_support s
                                JOIN participation_proposal p ON p.id = s.proposal_id
                                WHERE p.tenant_id = ? AND s.resident = ? ORDER BY p.process_code, p.number LIMIT 10000""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list()),
                new ResidentDataSection("votes", "Các cuộc bỏ phiếu bạn đã tham gia", "Votes you took part in",
                        "Chỉ ghi việc bạn đã bỏ phiếu, bằng cách nào và ngày nào; lá phiếu được niêm phong riêng, không ai gắn được với bạn.",
                        "Only that you voted, how and on which day; your ballot is sealed apart and no one can tie it to you.",
                        List.of(c("process", "Tiến trình", "Process"), c("channel", "Cách", "How"), c("day", "Ngày", "Day")),
                        jdbc.sql("""
                                SELECT v.process_code, v.channel, v.voted_on FROM participation_voter v
                                WHERE v.tenant_id = ? AND v.resident_id = ? ORDER BY v.voted_on DESC""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getDate(3).toString())).list()),
                new ResidentDataSection("consultations", "Câu trả lời tham vấn của bạn", "Your consultation answers", "", "",
                        List.of(c("consultation", "Tham vấn", "Consultation"), c("ward", "Phường", "Ward"),
                                c("answers", "Câu trả lời", "Answers"), c("day", "Ngày", "Day")),
                        jdbc.sql("""
                                SELECT consultation, ward, answers::text, answered_on FROM participation_consultation_answer
                                WHERE tenant_id = ? AND resident = ? ORDER BY answered_on DESC""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                                        rs.getDate(4).toString())).list()),
                new ResidentDataSection("meetings", "Buổi họp bạn đã đăng ký", "Meetings you registered for", "", "",
                        List.of(c("process", "Tiến trình", "Process"), c("meeting", "Buổi họp", "Meeting"),
                                c("needs", "Hỗ trợ cần", "Help you asked for"), c("registered", "Đăng ký lúc", "Registered")),
                        jdbc.sql("""
                                SELECT process_code, meeting_code, array_to_string(needs, ', '), registered_at
                                FROM participation_meeting_registration WHERE tenant_id = ? AND resident = ?
                                ORDER BY registered_at DESC""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                                        time.format(rs.getTimestamp(4).toInstant()))).list()),
                new ResidentDataSection("census", "Danh sách dân cư", "The census list",
                        "Bạn đã xác nhận một số CCCD có trong danh sách dân cư của thành phố; Saola chỉ giữ mã băm của số đó, không giữ chính số.",
                        "You proved an ID number of the city's census list; Saola keeps only a keyed hash of it, not the number.",
                        List.of(c("ward", "Phường", "Ward"), c("since", "Từ ngày", "Since")),
                        jdbc.sql("SELECT ward, linked_on FROM participation_census WHERE tenant_id = ? AND resident_id = ?")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), rs.getDate(2).toString())).list()),
                new ResidentDataSection("following", "Tiến trình bạn theo dõi", "Processes you follow", "", "",
                        List.of(c("process", "Tiến trình", "Process"), c("since", "Từ", "Since")),
                        jdbc.sql("""
                                SELECT process_code, since FROM participation_follower WHERE tenant_id = ? AND resident = ?
                                ORDER BY since DESC""")
                                .params(t, resident)
                                .query((rs, i) -> List.of(rs.getString(1), time.format(rs.getTimestamp(2).toInstant()))).list()));
    }
}
