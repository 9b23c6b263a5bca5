package org.saola.context.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
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

    /** How many subscription writes the log keeps. */
    private static final long LOG_KEPT = 10_000;

    /**
     * A subscription write (the statement given, which returns the tenant and id it wrote) with its version: the
     * version row is bumped and stays locked until the write commits, so versions commit in order; the log says
     * which subscription each version wrote and keeps the newest {@link #LOG_KEPT}. Answers how many rows the
     * write wrote.
     */
    private static final String VERSIONED = """
            WITH w AS (%s),
                 v AS (UPDATE context_subscription_version SET version = version + 1 WHERE EXISTS (SELECT 1 FROM w)
                       RETURNING version),
                 l AS (INSERT INTO context_subscription_log (version, tenant_id, id) SELECT v.version, w.tenant_id, w.id FROM v, w),
                 p AS (DELETE FROM context_subscription_log WHERE version <= (SELECT version FROM v) - """ + LOG_KEPT + """
                       )
            SELECT count(*)::int FROM w""";

    private static final String COLUMNS = "tenant_id, id, body::text, contexts, times_sent, times_failed, "
            + "last_notification, last_success, last_failure, created_at, modified_at";

    /**
     * The advisory lock that orders subscription writes with group commits: each group commit holds it shared for
     * its transaction, a subscription write exclusively. PostgreSQL queues advisory lock requests fairly, so a
     * write waits for the group commits in progress and new ones wait for it (a row lock would let a steady
     * stream of shared lockers starve the write).
     */
    private static final long SUBSCRIPTIONS_LOCK = 0x5A01A_5B5CL;
    /** Subscriptions one claim takes the lease of, at most: the others are left to other nodes and rounds. */
    private static final int SUBSCRIPTIONS_PER_CLAIM = 20;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    /** This node, as subscriptions' dispatch leases name it. */
    private final String node;

    @org.springframework.beans.factory.annotation.Autowired
    public SubscriptionStore(JdbcClient jdbc, JsonMapper json,
            org.springframework.transaction.support.TransactionTemplate transaction) {
        this(jdbc, json, transaction, java.util.UUID.randomUUID().toString());
    }

    private SubscriptionStore(JdbcClient jdbc, JsonMapper json,
            org.springframework.transaction.support.TransactionTemplate transaction, String node) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.node = node;
    }

    /** A subscription write, in a transaction holding {@link #SUBSCRIPTIONS_LOCK} exclusively. */
    private <T> T exclusively(java.util.function.Supplier<T> write) {
        return transaction.execute(tx -> {
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) l").param(SUBSCRIPTIONS_LOCK)
                    .query(Integer.class).single();
            return write.get();
        });
    }

    /** Stores a new subscription; false if one with this id exists in the tenant. */
    public boolean insert(TenantId tenant, String id, ObjectNode body, List<URI> contexts, boolean active,
            Optional<Instant> expiresAt, Instant now) {
        return exclusively(() -> jdbc.sql(VERSIONED.formatted("""
                        INSERT INTO context_subscription (tenant_id, id, body, contexts, active, expires_at, created_at, modified_at)
                        VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING tenant_id, id"""))
                .params(tenant.value(), id, json.writeValueAsString(body), uris(contexts), active,
                        expiresAt.map(Timestamp::from).orElse(null), Timestamp.from(now), Timestamp.from(now))
                .query(Integer.class).single() == 1);
    }

    public boolean update(TenantId tenant, String id, ObjectNode body, List<URI> contexts, boolean active,
            Optional<Instant> expiresAt, Instant now) {
        return exclusively(() -> jdbc.sql(VERSIONED.formatted("""
                        UPDATE context_subscription SET body = ?::jsonb, contexts = ?, active = ?, expires_at = ?, modified_at = ?
                        WHERE tenant_id = ? AND id = ? RETURNING tenant_id, id"""))
                .params(json.writeValueAsString(body), uris(contexts), active, expiresAt.map(Timestamp::from).orElse(null),
                        Timestamp.from(now), tenant.value(), id)
                .query(Integer.class).single() == 1);
    }

    /** Deletes a subscription and the notifications still due to it. */
    public boolean delete(TenantId tenant, String id) {
        return exclusively(() -> {
            jdbc.sql("DELETE FROM context_notification WHERE tenant_id = ? AND subscription_id = ?")
                    .params(tenant.value(), id).update();
            jdbc.sql("DELETE FROM context_subscription_lease WHERE tenant_id = ? AND subscription_id = ?")
                    .params(tenant.value(), id).update();
            return jdbc.sql(VERSIONED.formatted(
                            "DELETE FROM context_subscription WHERE tenant_id = ? AND id = ? RETURNING tenant_id, id"))
                    .params(tenant.value(), id).query(Integer.class).single() == 1;
        });
    }

    /** A subscription written at a version (see {@link #changedSince}). */
    public record Written(long version, TenantId tenant, String id) {
    }

    /**
     * Adds to a group's pipeline the read of the version of the last subscription write committed, holding
     * {@link #SUBSCRIPTIONS_LOCK} shared until the group's transaction ends: a subscription write waits for it, and it
     * waits for a subscription write in progress, so a change committed after a subscription is matched against it
     * on every node. The version is read by a statement of its own, so its snapshot is taken once the lock is held;
     * it is in the array returned once the pipeline has run.
     */
    public static long[] lockedVersion(Pipeline pipeline) {
        long[] version = {-1};
        pipeline.add("SELECT pg_advisory_xact_lock_shared(?)", (ps, i) -> {
                    ps.setLong(i, SUBSCRIPTIONS_LOCK);
                    return i + 1;
                })
                .add("SELECT version FROM context_subscription_version", (ps, i) -> i, rows -> {
                    rows.next();
                    version[0] = rows.getLong(1);
                });
        return version;
    }

    /** The version of the last subscription write committed, by any node. */
    public long version() {
        return jdbc.sql("SELECT version FROM context_subscription_version").query(Long.class).single();
    }

    /**
     * This store on one connection (a change's transaction): what it reads there needs no second connection from
     * the pool while the first is held.
     */
    public SubscriptionStore on(Connection c) {
        return new SubscriptionStore(JdbcClient.create(new SingleConnectionDataSource(c, true)), json, null, node);
    }

    /**
     * The subscriptions written after {@code version}, in the order of their writes. The log keeps the newest
     * writes only: if the first one returned is not {@code version + 1}, some are missing.
     */
    public List<Written> changedSince(long version) {
        return jdbc.sql("SELECT version, tenant_id, id FROM context_subscription_log WHERE version > ? ORDER BY version")
                .param(version)
                .query((rs, n) -> new Written(rs.getLong(1), TenantId.of(rs.getString(2)), rs.getString(3))).list();
    }

    /**
     * Claims the next notification of a periodic subscription: true on the one node whose call found it due
     * (never notified, or its time come), which then owns it until {@code next}.
     */
    public boolean claimPeriodic(TenantId tenant, String id, Instant now, Instant next) {
        return jdbc.sql("""
                        UPDATE context_subscription SET periodic_due_at = ?
                        WHERE tenant_id = ? AND id = ? AND (periodic_due_at IS NULL OR periodic_due_at <= ?)""")
                .params(Timestamp.from(next), tenant.value(), id, Timestamp.from(now)).update() == 1;
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
    /**
     * Records a notification due, in the group commit whose pipeline this is: the group's notifications go in as one
     * {@code INSERT … unnest}, added to the pipeline with the first of them and given its rows when it runs.
     */
    public void enqueue(Pipeline pipeline, TenantId tenant, String subscriptionId, ObjectNode entity, Instant now) {
        Enqueued due = pipeline.attachment(Enqueued.class, () -> {
            Enqueued d = new Enqueued();
            pipeline.add(ENQUEUE, d::set);
            return d;
        });
        due.tenants.add(tenant.value());
        due.subscriptions.add(subscriptionId);
        due.entities.add(json.writeValueAsString(entity));
        due.at.add(now.toString());
    }

    private static final String ENQUEUE = """
            INSERT INTO context_notification (tenant_id, subscription_id, entity, created_at, next_attempt_at)
            SELECT n.tenant_id, n.subscription_id, n.entity::jsonb, n.at::timestamptz, n.at::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS n(tenant_id, subscription_id, entity, at, i)
            ORDER BY n.i""";

    /** The notifications a group commit records, in the order its changes were told. */
    private static final class Enqueued {
        final List<String> tenants = new ArrayList<>();
        final List<String> subscriptions = new ArrayList<>();
        final List<String> entities = new ArrayList<>();
        final List<String> at = new ArrayList<>();

        int set(PreparedStatement ps, int first) throws SQLException {
            Connection c = ps.getConnection();
            int i = first;
            for (List<String> column : List.of(tenants, subscriptions, entities, at)) {
                ps.setArray(i++, c.createArrayOf("text", column.toArray()));
            }
            return i;
        }
    }

    /**
     * Takes up to {@code max} due notifications, oldest first, and leases them for {@code lease}: if this
     * process dies before settling them, they come due again (at-least-once). No lock outlives the call.
     */
    public List<Due> claim(int max, Duration lease, Instant now) {
        // Only of subscriptions whose oldest notification is due (so they go in order: none overtakes one held
        // back by a failure's back-off, throttling or a claim in flight) and whose lease this node holds (taken
        // if free or lapsed, renewed if its own), so that one node sends each subscription's at a time.
        // Candidates: every subscription (the head of each found by the (tenant, subscription, id) index), and the
        // subscriptions of the oldest due rows, which finds those of deleted subscriptions for the dispatcher to
        // drop. Leases are taken in key order, so two nodes taking several never wait for each other in a cycle.
        return jdbc.sql("""
                        WITH cand AS (SELECT tenant_id, id AS subscription_id FROM context_subscription
                                      UNION
                                      SELECT tenant_id, subscription_id FROM (
                                          SELECT tenant_id, subscription_id FROM context_notification
                                          WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 1000) d),
                             ready AS (SELECT c.tenant_id, c.subscription_id FROM cand c
                                       CROSS JOIN LATERAL (SELECT o.id, o.next_attempt_at FROM context_notification o
                                            WHERE o.tenant_id = c.tenant_id AND o.subscription_id = c.subscription_id
                                            ORDER BY o.id LIMIT 1) h
                                       WHERE h.next_attempt_at <= ? ORDER BY h.id LIMIT ?),
                             mine AS (INSERT INTO context_subscription_lease AS l (tenant_id, subscription_id, node, until)
                                      SELECT tenant_id, subscription_id, ?, ? FROM ready ORDER BY tenant_id, subscription_id
                                      ON CONFLICT (tenant_id, subscription_id) DO UPDATE SET node = EXCLUDED.node,
                                          until = EXCLUDED.until
                                      WHERE l.node = EXCLUDED.node OR l.until <= ?
                                      RETURNING tenant_id, subscription_id)
                        UPDATE context_notification SET next_attempt_at = ?
                        WHERE id IN (SELECT n.id FROM context_notification n
                                     JOIN mine m ON m.tenant_id = n.tenant_id AND m.subscription_id = n.subscription_id
                                     WHERE n.next_attempt_at <= ? ORDER BY n.id LIMIT ? FOR UPDATE OF n SKIP LOCKED)
                        RETURNING id, tenant_id, subscription_id, entity::text, attempts""")
                .params(Timestamp.from(now), Timestamp.from(now), SUBSCRIPTIONS_PER_CLAIM, node,
                        Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now.plus(lease)),
                        Timestamp.from(now), max)
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
