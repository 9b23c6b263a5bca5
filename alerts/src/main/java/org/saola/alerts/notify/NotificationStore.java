package org.saola.alerts.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notifications outbox. */
public class NotificationStore {

    private static final String COLUMNS = """
            tenant_id, id, alert_id, channel, event, status, attempts, next_at, last_error, sent_at, created_at""";

    private final JdbcClient jdbc;

    public NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a notification; call in the transaction that changed the alert. */
    public void enqueue(TenantId tenant, UUID alert, String channel, String event, Instant now) {
        jdbc.sql("""
                INSERT INTO alert_notification (tenant_id, id, alert_id, channel, event, status, next_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(tenant.value(), UUID.randomUUID(), alert, channel, event, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /**
     * Claims up to {@code limit} notifications due by {@code now} for {@code lease}: another node skips them until the
     * lease ends, so each is sent by one node, and one that a crash left half-sent is tried again after it.
     */
    public List<Notification> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.sql("""
                UPDATE alert_notification SET next_at = ?
                WHERE (tenant_id, id) IN (SELECT tenant_id, id FROM alert_notification
                                          WHERE status = 'PENDING' AND next_at <= ?
                                          ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
                .query(NotificationStore::notification).list();
    }

    /** Marks a notification sent, if this node still holds its lease ({@code nextAt} as claimed). */
    public void sent(Notification n, Instant at) {
        jdbc.sql("""
                UPDATE alert_notification SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = ''
                WHERE tenant_id = ? AND id = ? AND next_at = ?""")
                .params(Timestamp.from(at), n.tenant().value(), n.id(), Timestamp.from(n.nextAt())).update();
    }

    /** A failed attempt: tried again at {@code retryAt}, or given up ({@code FAILED}) when it is empty. */
    public void failed(Notification n, String error, Optional<Instant> retryAt) {
        jdbc.sql("""
                UPDATE alert_notification SET status = ?, attempts = attempts + 1, last_error = ?, next_at = coalesce(?, next_at)
                WHERE tenant_id = ? AND id = ? AND next_at = ?""")
                .params(retryAt.isPresent() ? "PENDING" : "FAILED", error, retryAt.map(Timestamp::from).orElse(null),
                        n.tenant().value(), n.id(), Timestamp.from(n.nextAt()))
                .update();
    }

    public List<Notification> ofAlert(TenantId tenant, UUID alert) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_notification WHERE tenant_id = ? AND alert_id = ? ORDER BY created_at, channel")
                .params(tenant.value(), alert).query(NotificationStore::notification).list();
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp(10);
        return new Notification(TenantId.of(rs.getString(1)), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                rs.getString(9), Optional.ofNullable(sent).map(Timestamp::toInstant), rs.getTimestamp(11).toInstant());
    }
}
