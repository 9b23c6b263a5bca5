package org.saola.platform.residents;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.audit.AuditRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident's rights over what Saola holds about them: to see it all and take it away (every module's
 * {@link ResidentDataSource}, and the platform's own account, messages and record of which staff read their
 * contact), and to ask for it to be corrected or deleted, which staff answer within {@link #deadline()}. What
 * a resident asks is sealed like their contact; asking and answering are in the audit log.
 */
public class ResidentRights implements ResidentDataSource {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResidentRights.class);

    public enum Kind { CORRECTION, DELETION }

    public enum Status { OPEN, DONE, REFUSED }

    /** A request, with what the resident wrote (in clear: only they and the staff handling it see it). */
    public record Request(UUID id, UUID resident, Kind kind, String details, Instant createdAt, Instant dueAt, Status status,
            Optional<Instant> answeredAt, Optional<String> answeredBy, Optional<String> answer) {

        public boolean overdue(Instant now) {
            return status == Status.OPEN && now.isAfter(dueAt);
        }
    }

    private final JdbcClient jdbc;
    private final ContactCipher cipher;
    private final ObjectProvider<ResidentDataSource> sources;
    private final ResidentConsents consents;
    private final ResidentAccounts accounts;
    private final AuditLog audit;
    private final InstantSource clock;
    private final Duration deadline;
    private final DateTimeFormatter time;

    public ResidentRights(JdbcClient jdbc, ContactCipher cipher, ObjectProvider<ResidentDataSource> sources,
            ResidentConsents consents, ResidentAccounts accounts, AuditLog audit, InstantSource clock, Duration deadline,
            ZoneId zone) {
        this.consents = consents;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.sources = sources;
        this.audit = audit;
        this.clock = clock;
        this.deadline = deadline;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** How long staff have to answer a request. */
    public Duration deadline() {
        return deadline;
    }

    /** Everything held about the resident: the platform's own sections first, then each module's. */
    public List<ResidentDataSection> everything(TenantId tenant, UUID resident) {
        List<ResidentDataSection> out = new ArrayList<>(about(tenant, resident));
        sources.orderedStream().filter(s -> !(s instanceof ResidentRights)).forEach(s -> out.addAll(s.about(tenant, resident)));
        return out;
    }

    @Override
    public List<ResidentDataSection> about(TenantId tenant, UUID resident) {
        List<ResidentDataSection> out = new ArrayList<>();
        List<List<String>> account = jdbc.sql("""
                SELECT r.created_at, r.last_signed_in_at, r.name_encrypted, c.kind, c.value_encrypted
                FROM resident r LEFT JOIN resident_contact c ON c.tenant_id = r.tenant_id AND c.resident_id = r.id
                WHERE r.tenant_id = ? AND r.id = ? ORDER BY c.kind""")
                .params(tenant.value(), resident)
                .query((rs, i) -> List.of(rs.getString(4) == null ? "" : rs.getString(4),
                        rs.getBytes(5) == null ? "" : cipher.decrypt(rs.getBytes(5)),
                        rs.getBytes(3) == null ? "" : cipher.decrypt(rs.getBytes(3)), at(rs.getTimestamp(1)),
                        at(rs.getTimestamp(2))))
                .list();
        out.add(new ResidentDataSection("account", "Tài khoản", "Account",
                "Liên lạc của bạn được mã hóa; nhân viên chỉ xem khi có lý do, và mỗi lần xem được ghi lại (bên dưới).",
                "Your contact is encrypted; staff see it only with a reason, and every look is recorded (below).",
                List.of(new ResidentDataSection.Column("kind", "Loại liên lạc", "Kind of contact"),
                        new ResidentDataSection.Column("contact", "Liên lạc", "Contact"),
                        new ResidentDataSection.Column("name", "Tên", "Name"),
                        new ResidentDataSection.Column("created", "Tạo lúc", "Created"),
                        new ResidentDataSection.Column("lastSignIn", "Đăng nhập gần nhất", "Last signed in")),
                account));
        List<List<String>> looks = new ArrayList<>();
        for (AuditRecord r : audit.about(tenant, "resident:" + resident, 1000)) {
            if (r.action().equals("RESIDENT_CONTACT_READ") || r.action().equals("RESIDENT_NAME_READ")) {
                looks.add(List.of(at(r.at()), r.actor(), r.action().equals("RESIDENT_NAME_READ") ? "name" : "contact", r.reason()));
            }
        }
        out.add(new ResidentDataSection("contact-views", "Nhân viên đã xem liên lạc của bạn", "Staff who read your contact",
                "Từ nhật ký kiểm toán của thành phố, không sửa được.", "From the city's audit log, which cannot be altered.",
                List.of(new ResidentDataSection.Column("at", "Lúc", "When"),
                        new ResidentDataSection.Column("who", "Ai", "Who"),
                        new ResidentDataSection.Column("what", "Xem gì", "What"),
                        new ResidentDataSection.Column("reason", "Lý do", "Reason")),
                looks));
        out.add(new ResidentDataSection("messages", "Tin đã gửi cho bạn", "Messages sent to you",
                "Các e-mail và tin nhắn Saola gửi tới liên lạc của bạn.", "The e-mails and texts Saola sent to your contact.",
                List.of(new ResidentDataSection.Column("created", "Tạo lúc", "Written"),
                        new ResidentDataSection.Column("subject", "Tiêu đề", "Subject"),
                        new ResidentDataSection.Column("sent", "Đã gửi", "Sent")),
                jdbc.sql("""
                        SELECT created_at, subject, sent_at, failed_at FROM resident_message
                        WHERE tenant_id = ? AND resident_id = ? ORDER BY created_at DESC LIMIT 1000""")
                        .params(tenant.value(), resident)
                        .query((rs, i) -> List.of(at(rs.getTimestamp(1)), rs.getString(2),
                                rs.getTimestamp(3) != null ? at(rs.getTimestamp(3)) : rs.getTimestamp(4) != null ? "failed" : "pending"))
                        .list()));
        out.add(new ResidentDataSection("consents", "Bạn đã đồng ý", "What you agreed to",
                "Rút lại sự đồng ý trên trang này; bản ghi được giữ lại.", "Withdraw a consent on this page; the record of it stays.",
                List.of(new ResidentDataSection.Column("purpose", "Mục đích", "Purpose"),
                        new ResidentDataSection.Column("scope", "Phạm vi", "Scope"),
                        new ResidentDataSection.Column("given", "Đồng ý lúc", "Given"),
                        new ResidentDataSection.Column("withdrawn", "Rút lại lúc", "Withdrawn")),
                consents.of(tenant, resident).stream().map(c -> List.of(c.purpose(), c.scope(), at(c.givenAt()),
                        c.withdrawnAt().map(this::at).orElse(""))).toList()));
        out.add(new ResidentDataSection("requests", "Yêu cầu của bạn về dữ liệu", "Your requests about your data", "", "",
                List.of(new ResidentDataSection.Column("created", "Gửi lúc", "Asked"),
                        new ResidentDataSection.Column("kind", "Loại", "Kind"),
                        new ResidentDataSection.Column("details", "Nội dung", "What you asked"),
                        new ResidentDataSection.Column("status", "Trạng thái", "Status"),
                        new ResidentDataSection.Column("answer", "Trả lời", "Answer")),
                of(tenant, resident).stream().map(r -> List.of(at(r.createdAt()), r.kind().name(), r.details(), r.status().name(),
                        r.answer().orElse(""))).toList()));
        return out;
    }

    @Override
    public void forget(TenantId tenant, UUID resident) {
        // sign-in codes not used yet, sent to their contact (found by the contact's keyed hash)
        jdbc.sql("""
                DELETE FROM resident_sign_in_code WHERE tenant_id = ? AND lookup IN
                    (SELECT lookup FROM resident_contact WHERE tenant_id = ? AND resident_id = ?)""")
                .params(tenant.value(), tenant.value(), resident).update();
        jdbc.sql("DELETE FROM resident_message WHERE tenant_id = ? AND resident_id = ?").params(tenant.value(), resident).update();
        jdbc.sql("DELETE FROM resident_contact WHERE tenant_id = ? AND resident_id = ?").params(tenant.value(), resident).update();
    }

    /**
     * Erases a resident's account and everything held about them (a deletion staff decided on, answering their
     * request): each module forgets them, then their messages, contact, consents, requests and sessions go with the
     * account. The audit log keeps that it happened, and its records name only the account's id, which now names no
     * one. The contact the account had, to tell them it is done (after this commits), if it had one.
     */
    @org.springframework.transaction.annotation.Transactional
    public Optional<Contact> erase(TenantId tenant, UUID resident, String actor) {
        Optional<Contact> contact = jdbc.sql("""
                SELECT kind, value_encrypted FROM resident_contact WHERE tenant_id = ? AND resident_id = ? ORDER BY kind LIMIT 1""")
                .params(tenant.value(), resident)
                .query((rs, i) -> new Contact(Contact.Kind.valueOf(rs.getString(1)), cipher.decrypt(rs.getBytes(2)))).optional();
        // locked: nothing new (a message, a consent) can be written for the account while it goes
        if (jdbc.sql("SELECT id FROM resident WHERE tenant_id = ? AND id = ? FOR UPDATE").params(tenant.value(), resident)
                .query(UUID.class).optional().isEmpty()) {
            throw new NotFoundException("no resident " + resident);
        }
        sources.orderedStream().filter(s -> !(s instanceof ResidentRights)).forEach(s -> s.forget(tenant, resident));
        forget(tenant, resident);
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = ?").param("resident:" + resident).update();
        jdbc.sql("DELETE FROM resident WHERE tenant_id = ? AND id = ?").params(tenant.value(), resident).update();
        audit.record(tenant, actor, "RESIDENT_ERASED", "resident:" + resident, "", Map.of());
        return contact;
    }

    /** A resident asks for their data to be corrected or deleted. */
    public Request ask(TenantId tenant, UUID resident, Kind kind, String details) {
        String text = details == null ? "" : details.strip();
        if (text.isEmpty() || text.length() > 4000) {
            throw new InvalidInputException("details", "say what should be corrected or deleted, in at most 4000 characters");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO resident_request (tenant_id, id, resident_id, kind, details_encrypted, created_at, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), id, resident, kind.name(), cipher.encrypt(text), Timestamp.from(now),
                        Timestamp.from(now.plus(deadline)))
                .update();
        audit.record(tenant, "resident:" + resident, "RESIDENT_REQUEST_MADE", "resident-request:" + id, "", Map.of("kind", kind.name()));
        return find(tenant, id).orElseThrow();
    }

    /** A resident's requests, newest first. */
    public List<Request> of(TenantId tenant, UUID resident) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND resident_id = ? ORDER BY created_at DESC")
                .params(tenant.value(), resident).query((rs, i) -> row(rs)).list();
    }

    /** The tenant's requests for staff: the open ones soonest due first, or all newest first. */
    public List<Request> list(TenantId tenant, boolean openOnly, int limit) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ?" + (openOnly ? " AND status = 'OPEN' ORDER BY due_at" : " ORDER BY created_at DESC")
                + " LIMIT ?").params(tenant.value(), Math.max(1, Math.min(limit, 1000))).query((rs, i) -> row(rs)).list();
    }

    /**
     * Staff answer an open request, and for a deletion done may erase the whole account with it ({@link #erase}), in
     * one transaction; the resident is then told at the contact the account had, once that commits, since their
     * data page is gone with the account. The request as answered.
     */
    @org.springframework.transaction.annotation.Transactional
    public Request answer(TenantId tenant, UUID id, String actor, Status status, String answer, boolean eraseAccount) {
        Request r = answer(tenant, id, actor, status, answer);
        if (!eraseAccount) {
            return r;
        }
        if (r.kind() != Kind.DELETION || r.status() != Status.DONE) {
            throw new InvalidInputException("erase", "only a deletion done erases the account");
        }
        erase(tenant, r.resident(), actor).ifPresent(contact -> org.saola.platform.events.AfterCommit.run(
                () -> tellErased(contact, r.answer().orElse(""))));
        return r;
    }

    private void tellErased(Contact contact, String answer) {
        try {
            accounts.sendNow(contact, "Tài khoản của bạn đã được xóa / Your account is deleted",
                    "Theo yêu cầu của bạn, thành phố đã xóa tài khoản và dữ liệu của bạn.\n"
                            + "As you asked, the city has deleted your account and your data.\n\n" + answer);
        } catch (RuntimeException e) {
            log.warn("A resident whose account was erased could not be told: {}", e.getClass().getSimpleName());
        }
    }

    /** Staff answer an open request: done (what was corrected or deleted) or refused (why), told to the resident. */
    public Request answer(TenantId tenant, UUID id, String actor, Status status, String answer) {
        if (status == null || status == Status.OPEN) {
            throw new InvalidInputException("status", "status is DONE or REFUSED");
        }
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty() || text.length() > 4000) {
            throw new InvalidInputException("answer", "say what was done, or why not, in at most 4000 characters");
        }
        Request r = find(tenant, id).orElseThrow(() -> new NotFoundException("no request " + id));
        if (r.status() != Status.OPEN) {
            throw new ConflictException("request " + id + " was answered already");
        }
        Instant now = clock.instant();
        int answered = jdbc.sql("""
                UPDATE resident_request SET status = ?, answered_at = ?, answered_by = ?, answer = ?
                WHERE tenant_id = ? AND id = ? AND status = 'OPEN'""")
                .params(status.name(), Timestamp.from(now), actor, text, tenant.value(), id).update();
        if (answered != 1) {
            throw new ConflictException("request " + id + " was answered already");    // by someone else, just now
        }
        audit.record(tenant, actor, "RESIDENT_REQUEST_ANSWERED", "resident-request:" + id, status.name(),
                Map.of("kind", r.kind().name(), "late", now.isAfter(r.dueAt())));
        return find(tenant, id).orElseThrow();
    }

    private static final String SELECT = """
            SELECT id, resident_id, kind, details_encrypted, created_at, due_at, status, answered_at, answered_by, answer
            FROM resident_request""";

    private Optional<Request> find(TenantId tenant, UUID id) {
        return jdbc.sql(SELECT + " WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).query((rs, i) -> row(rs)).optional();
    }

    private Request row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Request(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Kind.valueOf(rs.getString(3)),
                cipher.decrypt(rs.getBytes(4)), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                Status.valueOf(rs.getString(7)), Optional.ofNullable(rs.getTimestamp(8)).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10)));
    }

    private String at(Timestamp t) {
        return t == null ? "" : time.format(t.toInstant());
    }

    private String at(Instant t) {
        return time.format(t);
    }
}
