package org.saola.context.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Subscriptions, their delivery status, and the outbox of notifications due. */
@Repository
public class SubscriptionStore {

    /** Delivery status (NGSI-LD 1.8.1 §5.2.15 NotificationParams). */
    public record Status(long timesSent, long timesFailed, Optional<Instant> lastNotification,
            Optional<Instant> lastSuccess, Optional<Instant> lastFailure, Instant createdAt, Instant modifiedAt) {
    }

    public record StoredSubscription(TenantId tenant, String id, ObjectNode body, List<URI> contexts, Status status) {
    }

    /** A notification due: the entity as it was when the change committed. */
    public record Due(long id, TenantId tenant, String subscriptionId, String entity, int attempts) {
    }

    private static final String COLUMNS = "tenant_id, id, body::text, contexts, times_sent, times_failed, "
            + "last_notification, last_success, last_failure, created_at, modified_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public SubscriptionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new subscription; false if one with this id exists in the tenant. */
    public boolean insert(TenantId tenant, String id, ObjectNode body, List<URI> contexts, boolean active,
            Optional<Instant> expiresAt, Instant now) {
        return jdbc.sql("""
                        INSERT INTO context_subscription (tenant_id, id, body, contexts, active, expires_at, created_at, modified_at)
                        VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(tenant.value(), id, json.writeValueAsString(body), uris(contexts), active,
                        expiresAt.map(Timestamp::from).orElse(null), Timestamp.from(now), Timestamp.from(now))
                .update() == 1;
    }

    public boolean update(TenantId tenant, String id, ObjectNode body, List<URI> contexts, boolean active,
            Optional<Instant> expiresAt, Instant now) {
        return jdbc.sql("""
                        UPDATE context_subscription SET body = ?::jsonb, contexts = ?, active = ?, expires_at = ?, modified_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(json.writeValueAsString(body), uris(contexts), active, expiresAt.map(Timestamp::from).orElse(null),
                        Timestamp.from(now), tenant.value(), id)
                .update() == 1;
    }

    public boolean delete(TenantId tenant, String id) {
        return jdbc.sql("DELETE FROM context_subscription WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).update() == 1;
    }

    public Optional<StoredSubscription> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_subscription WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(this::subscription).optional();
    }

    public List<StoredSubscription> list(TenantId tenant, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_subscription WHERE tenant_id = ? ORDER BY id LIMIT ? OFFSET ?")
                .params(tenant.value(), limit, offset).query(this::subscription).list();
    }

    public long count(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM context_subscription WHERE tenant_id = ?")
                .params(tenant.value()).query(Long.class).single();
    }

    /** Every subscription of every tenant, to build the in-memory matcher at start. */
    public List<StoredSubscription> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_subscription ORDER BY tenant_id, id")
                .query(this::subscription).list();
    }

    /** Records a notification due, on the connection (and so in the transaction) of the change it reports. */
    public void enqueue(Connection c, TenantId tenant, String subscriptionId, ObjectNode entity, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO context_notification (tenant_id, subscription_id, entity, created_at, next_attempt_at)
                VALUES (?, ?, ?::jsonb, ?, ?)""")) {
            s.setString(1, tenant.value());
            s.setString(2, subscriptionId);
            s.setString(3, json.writeValueAsString(entity));
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /**
     * Takes up to {@code max} due notifications, oldest first, and leases them for {@code lease}: if this
     * process dies before settling them, they come due again (at-least-once). No lock outlives the call.
     */
    public List<Due> claim(int max, Duration lease, Instant now) {
        return jdbc.sql("""
                        UPDATE context_notification SET next_attempt_at = ?
                        WHERE id IN (SELECT id FROM context_notification WHERE next_attempt_at <= ?
                                     ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant_id, subscription_id, entity::text, attempts""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), max)
                .query((rs, n) -> new Due(rs.getLong(1), TenantId.of(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list().stream().sorted(Comparator.comparingLong(Due::id)).toList();
    }

    /** The subscriber acknowledged these: they go, and the subscription's status says so. */
    public void delivered(TenantId tenant, String subscriptionId, List<Long> ids, Instant at) {
        jdbc.sql("DELETE FROM context_notification WHERE id = ANY (?)").params((Object) ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        UPDATE context_subscription SET times_sent = times_sent + 1, last_notification = ?, last_success = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(Timestamp.from(at), Timestamp.from(at), tenant.value(), subscriptionId).update();
    }

    /** Delivery failed: try again after {@code retryIn}, and record the failure. */
    public void failed(TenantId tenant, String subscriptionId, List<Long> ids, String error, Instant at, Duration retryIn) {
        jdbc.sql("""
                        UPDATE context_notification SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                        WHERE id = ANY (?)""")
                .params(Timestamp.from(at.plus(retryIn)), error, ids.toArray(Long[]::new)).update();
        jdbc.sql("""
                        UPDATE context_subscription SET times_failed = times_failed + 1, last_notification = ?, last_failure = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(Timestamp.from(at), Timestamp.from(at), tenant.value(), subscriptionId).update();
    }

    /** Not now (throttling): due again at {@code until}. */
    public void postpone(List<Long> ids, Instant until) {
        jdbc.sql("UPDATE context_notification SET next_attempt_at = ? WHERE id = ANY (?)")
                .params(Timestamp.from(until), ids.toArray(Long[]::new)).update();
    }

    /** Notifications that will never be sent (their subscription is paused, expired or gone). */
    public void discard(List<Long> ids) {
        jdbc.sql("DELETE FROM context_notification WHERE id = ANY (?)").params((Object) ids.toArray(Long[]::new)).update();
    }

    private static String[] uris(List<URI> contexts) {
        return contexts.stream().map(URI::toString).toArray(String[]::new);
    }

    private StoredSubscription subscription(ResultSet rs, int row) throws SQLException {
        String[] contexts = (String[]) rs.getArray(4).getArray();
        return new StoredSubscription(TenantId.of(rs.getString(1)), rs.getString(2),
                (ObjectNode) json.readTree(rs.getString(3)), Arrays.stream(contexts).map(URI::create).toList(),
                new Status(rs.getLong(5), rs.getLong(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                        rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
