package org.saola.reports.store;

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

/** What the reports module holds about a resident: the reports they filed and those they supported. */
@Component
class ReportsResidentData implements ResidentDataSource {

    private final JdbcClient jdbc;
    private final DateTimeFormatter time;

    ReportsResidentData(JdbcClient jdbc, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.jdbc = jdbc;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of(zone));
    }

    @Override
    public void forget(TenantId tenant, UUID resident) {
        // the report stays, as if filed anonymously; the support was theirs alone
        jdbc.sql("UPDATE report SET reporter_id = NULL WHERE tenant_id = ? AND reporter_id = ?").params(tenant.value(), resident)
                .update();
        jdbc.sql("UPDATE report r SET supporters = supporters - 1 FROM report_support s WHERE s.tenant_id = r.tenant_id "
                + "AND s.report_id = r.id AND r.tenant_id = ? AND s.resident_id = ?").params(tenant.value(), resident).update();
        jdbc.sql("DELETE FROM report_support WHERE tenant_id = ? AND resident_id = ?").params(tenant.value(), resident).update();
    }

    @Override
    public List<ResidentDataSection> about(TenantId tenant, UUID resident) {
        List<List<String>> filed = jdbc.sql("""
                SELECT id, requested_at, service_code, status, ward, address, description, rating FROM report
                WHERE tenant_id = ? AND reporter_id = ? ORDER BY id DESC LIMIT 10000""")
                .params(tenant.value(), resident)
                .query((rs, i) -> List.of(Long.toString(rs.getLong(1)), time.format(rs.getTimestamp(2).toInstant()),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8) == null ? "" : Integer.toString(rs.getInt(8))))
                .list();
        // what they wrote on their reports afterwards (reopening one, answering the follow-up)
        List<List<String>> words = jdbc.sql("""
                SELECT e.report_id, e.at, e.kind, e.text FROM report_event e JOIN report r
                    ON r.tenant_id = e.tenant_id AND r.id = e.report_id
                WHERE r.tenant_id = ? AND r.reporter_id = ? AND e.actor = 'reporter' ORDER BY e.at DESC LIMIT 10000""")
                .params(tenant.value(), resident)
                .query((rs, i) -> List.of(Long.toString(rs.getLong(1)), time.format(rs.getTimestamp(2).toInstant()),
                        rs.getString(3), rs.getString(4)))
                .list();
        List<List<String>> supported = jdbc.sql("""
                SELECT report_id, at FROM report_support WHERE tenant_id = ? AND resident_id = ? ORDER BY at DESC LIMIT 10000""")
                .params(tenant.value(), resident)
                .query((rs, i) -> List.of(Long.toString(rs.getLong(1)), time.format(rs.getTimestamp(2).toInstant())))
                .list();
        return List.of(
                new ResidentDataSection("reports", "Phản ánh bạn đã gửi", "Reports you filed",
                        "Phản ánh được công khai không kèm tên hay liên lạc của bạn.",
                        "Reports are public without your name or contact.",
                        List.of(new ResidentDataSection.Column("number", "Số", "Number"),
                                new ResidentDataSection.Column("filed", "Gửi lúc", "Filed"),
                                new ResidentDataSection.Column("service", "Loại", "Kind"),
                                new ResidentDataSection.Column("status", "Trạng thái", "Status"),
                                new ResidentDataSection.Column("ward", "Phường", "Ward"),
                                new ResidentDataSection.Column("address", "Địa chỉ", "Address"),
                                new ResidentDataSection.Column("description", "Mô tả", "Description"),
                                new ResidentDataSection.Column("rating", "Bạn chấm điểm", "Your rating")),
                        filed),
                new ResidentDataSection("report-words", "Bạn viết thêm trên phản ánh", "What you wrote on your reports later",
                        "Khi mở lại một phản ánh hoặc trả lời câu hỏi sau khi sửa xong; công khai như phản ánh, không kèm tên.",
                        "Reopening a report or answering the follow-up after it was fixed; public like the report, without your name.",
                        List.of(new ResidentDataSection.Column("number", "Số", "Number"),
                                new ResidentDataSection.Column("at", "Lúc", "When"),
                                new ResidentDataSection.Column("kind", "Loại", "Kind"),
                                new ResidentDataSection.Column("text", "Nội dung", "Text")),
                        words),
                new ResidentDataSection("report-supports", "Phản ánh bạn đã ủng hộ", "Reports you supported", "", "",
                        List.of(new ResidentDataSection.Column("number", "Số", "Number"),
                                new ResidentDataSection.Column("at", "Lúc", "When")),
                        supported));
    }
}
