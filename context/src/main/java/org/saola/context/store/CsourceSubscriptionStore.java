package org.saola.context.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Context source subscriptions (§5.11), their delivery status and their outbox of notifications due. */
@Repository
public class CsourceSubscriptionStore {

    public record Stored(TenantId tenant, String id, ObjectNode body, List<URI> contexts,
            SubscriptionStore.Status status) {
    }

    /** A notification due, as it will be sent. */
    public record Due(long id, TenantId tenant, String subscriptionId, ObjectNode body, int attempts) {
    }

    private static final String COLUMNS = "tenant_id, id, body::text, contexts, times_sent, times_failed, "
            + "last_notification, last_success, last_failure, created_at, modified_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CsourceSubscriptionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public boolean insert(TenantId tenant, String id, ObjectNode body, List<URI> contexts, Instant now) {
        return jdbc.sql("""
                        INSERT INTO context_csource_subscription (tenant_id, id, body, contexts, created_at, modified_at)
                        VALUES (?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(tenant.value(), id, json.writeValueAsString(body), uris(contexts), Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    public void update(TenantId tenant, String id, ObjectNode body, List<URI> contexts, Instant now) {
        jdbc.sql("""
                        UPDATE context_csource_subscription SET body = ?::jsonb, contexts = ?, modified_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(json.writeValueAsString(body), uris(contexts), Timestamp.from(now), tenant.value(), id).update();
    }

    /** Deletes a subscription and the notifications still due to it. */
    public boolean delete(TenantId tenant, String id) {
        jdbc.sql("DELETE FROM context_csource_notification WHERE tenant_id = ? AND subscription_id = ?")
                .params(tenant.value(), id).update();
        return jdbc.sql("DELETE FROM context_csource_subscription WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).update() == 1;
    }

    public Optional<Stored> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_csource_subscription WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(this::row).optional();
    }

    public List<Stored> list(TenantId tenant, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_csource_subscription WHERE tenant_id = ? ORDER BY id LIMIT ? OFFSET ?")
                .params(tenant.value(), limit, offset).query(this::row).list();
    }

    /** Every subscription of a tenant (matched against each registration change: a city has a handful). */
    public List<Stored> all(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_csource_subscription WHERE tenant_id = ? ORDER BY id")
                .params(tenant.value()).query(this::row).list();
    }

    public long count(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM context_csource_subscription WHERE tenant_id = ?")
                .params(tenant.value()).query(Long.class).single();
    }

    /** Records a notification due (in the transaction of the registration change, when there is one). */
    public void enqueue(TenantId tenant, String subscriptionId, ObjectNode body, Instant now) {
        jdbc.sql("""
                        INSERT INTO context_csource_notification (tenant_id, subscription_id, body, next_attempt_at)
                        VALUES (?, ?, ?::jsonb, ?)""")
                .params(tenant.value(), subscriptionId, json.writeValueAsString(body), Timestamp.from(now)).update();
    }

    /** Takes up to {@code max} due notifications on a lease: if this node dies, they come due again. */
    public List<Due> claim(int max, Duration lease, Instant now) {
        return jdbc.sql("""
                        UPDATE context_csource_notification SET next_attempt_at = ?
                        WHERE id IN (SELECT id FROM context_csource_notification WHERE next_attempt_at <= ?
                                     ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant_id, subscription_id, body::text, attempts""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), max)
                .query((rs, n) -> new Due(rs.getLong(1), TenantId.of(rs.getString(2)), rs.getString(3),
                        (ObjectNode) json.readTree(rs.getString(4)), rs.getInt(5)))
                .list().stream().sorted(java.util.Comparator.comparingLong(Due::id)).toList();
    }

    public void delivered(Due due, Instant at) {
        jdbc.sql("DELETE FROM context_csource_notification WHERE id = ?").params(due.id()).update();
        jdbc.sql("""
                        UPDATE context_csource_subscription SET times_sent = times_sent + 1, last_notification = ?,
                            last_success = ? WHERE tenant_id = ? AND id = ?""")
                .params(Timestamp.from(at), Timestamp.from(at), due.tenant().value(), due.subscriptionId()).update();
    }

    public void failed(Due due, String error, Instant at, Duration retryIn) {
        jdbc.sql("UPDATE context_csource_notification SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(Timestamp.from(at.plus(retryIn)), error, due.id()).update();
        jdbc.sql("""
                        UPDATE context_csource_subscription SET times_failed = times_failed + 1, last_notification = ?,
                            last_failure = ? WHERE tenant_id = ? AND id = ?""")
                .params(Timestamp.from(at), Timestamp.from(at), due.tenant().value(), due.subscriptionId()).update();
    }

    public void discard(Due due) {
        jdbc.sql("DELETE FROM context_csource_notification WHERE id = ?").params(due.id()).update();
    }

    private static String[] uris(List<URI> contexts) {
        return contexts.stream().map(URI::toString).toArray(String[]::new);
    }

    private Stored row(ResultSet rs, int n) throws SQLException {
        String[] contexts = (String[]) rs.getArray(4).getArray();
        return new Stored(TenantId.of(rs.getString(1)), rs.getString(2), (ObjectNode) json.readTree(rs.getString(3)),
                Arrays.stream(contexts).map(URI::create).toList(),
                new SubscriptionStore.Status(rs.getLong(5), rs.getLong(6), instant(rs, 7), instant(rs, 8), instant(rs, 9),
                        rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
