package org.saola.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.saola.platform.InvalidInputException;
import org.saola.platform.JsonText;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one audit log of the platform: sign-ins, role and account changes, credential resets, settings, and
 * every read of a resident's personal data, with who, when, what and why. Append-only (a trigger refuses
 * UPDATE and DELETE) and hash-chained per tenant, so {@link #verify} finds a record removed or altered
 * behind the platform's back. A record is written in the transaction of the change it records, when there
 * is one: the change and its record commit together or not at all.
 */
@Service
@EnableConfigurationProperties(AuditLog.Properties.class)
public class AuditLog {

    /** @param retention how long records are kept; older ones are removed (and the removal recorded) */
    @ConfigurationProperties("saola.audit")
    public record Properties(@DefaultValue("730d") Duration retention) {
        public Properties {
            if (retention.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("saola.audit.retention must be at least 1d; got " + retention);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final byte[] GENESIS = new byte[32];
    private static final String COLUMNS = "n, at, actor, action, target, reason, details, prev_hash, hash";

    private final JdbcClient jdbc;
    private final InstantSource clock;
    private final Properties properties;

    public AuditLog(JdbcClient jdbc, InstantSource clock, Properties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Records an action of the current caller (or of {@code system}, when no one is calling) in their tenant. */
    @Transactional
    public void record(TenantId tenant, String action, String target, String reason, Map<String, ?> details) {
        record(tenant, actor(), action, target, reason, details);
    }

    @Transactional
    public void record(TenantId tenant, String actor, String action, String target, String reason,
            Map<String, ?> details) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);   // what PostgreSQL keeps, so what is hashed
        String json = json(details);
        jdbc.sql("INSERT INTO audit_head (tenant_id, n, hash, first_prev) VALUES (?, 0, ?, ?) ON CONFLICT DO NOTHING")
                .params(tenant.value(), GENESIS, GENESIS).update();
        Head head = jdbc.sql("SELECT n, hash FROM audit_head WHERE tenant_id = ? FOR UPDATE").param(tenant.value())
                .query((rs, i) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        long n = head.n() + 1;
        byte[] hash = hash(head.hash(), tenant, n, at, actor, action, target, reason, json);
        jdbc.sql("INSERT INTO audit_record (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), n, Timestamp.from(at), actor, action, target, reason, json, head.hash(), hash)
                .update();
        jdbc.sql("UPDATE audit_head SET n = ?, hash = ? WHERE tenant_id = ?").params(n, hash, tenant.value()).update();
    }

    /** The records about one target (such as {@code resident:<id>}), newest first: what was done to or with it. */
    public List<AuditRecord> about(TenantId tenant, String target, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = ? AND target = ? ORDER BY n DESC LIMIT ?")
                .params(tenant.value(), target, Math.max(1, Math.min(limit, 1000)))
                .query((rs, i) -> new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        HexFormat.of().formatHex(rs.getBytes(9)))).list();
    }

    /** Records found, newest first. */
    public List<AuditRecord> search(TenantId tenant, Optional<String> actor, Optional<String> action,
            Optional<Instant> from, Optional<Instant> to, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "limit must be between 1 and 1000");
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        actor.ifPresent(a -> {
            sql.append(" AND actor = ?");
            params.add(a);
        });
        action.ifPresent(a -> {
            sql.append(" AND action = ?");
            params.add(a);
        });
        from.ifPresent(f -> {
            sql.append(" AND at >= ?");
            params.add(Timestamp.from(f));
        });
        to.ifPresent(t -> {
            sql.append(" AND at < ?");
            params.add(Timestamp.from(t));
        });
        sql.append(" ORDER BY n DESC LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> new AuditRecord(rs.getLong(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), HexFormat.of().formatHex(rs.getBytes(9)))).list();
    }

    /**
     * Walks the tenant's chain from its first kept record to its head, recomputing every hash. One snapshot
     * (repeatable read), so a record appended meanwhile is neither half-seen nor taken for tampering.
     */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public AuditVerification verify(TenantId tenant) {
        Optional<Object[]> head = jdbc.sql("SELECT n, hash, first_n, first_prev FROM audit_head WHERE tenant_id = ?")
                .param(tenant.value())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getBytes(4)}).optional();
        if (head.isEmpty()) {
            long any = jdbc.sql("SELECT count(*) FROM audit_record WHERE tenant_id = ?").param(tenant.value())
                    .query(Long.class).single();
            return any == 0 ? new AuditVerification(true, 0, Optional.empty(), "no records yet")
                    : new AuditVerification(false, 0, Optional.of(1L), "records exist but the chain's head is missing");
        }
        long headN = (Long) head.get()[0];
        byte[] headHash = (byte[]) head.get()[1];
        long[] expectedN = {(Long) head.get()[2]};
        byte[][] expectedPrev = {(byte[]) head.get()[3]};
        long[] checked = {0};
        Long[] broken = {null};
        String[] why = {""};
        jdbc.sql("SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = ? AND n <= ? ORDER BY n")
                .params(tenant.value(), headN)
                .query(rs -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long n = rs.getLong(1);
                    byte[] prev = rs.getBytes(8);
                    byte[] hash = rs.getBytes(9);
                    checked[0]++;
                    if (n != expectedN[0]) {
                        broken[0] = expectedN[0];
                        why[0] = "record " + expectedN[0] + " is missing";
                    } else if (!Arrays.equals(prev, expectedPrev[0])) {
                        broken[0] = n;
                        why[0] = "record " + n + " does not link to the record before it";
                    } else if (!Arrays.equals(hash, hash(prev, tenant, n, rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))) {
                        broken[0] = n;
                        why[0] = "record " + n + " was altered: its content does not give its hash";
                    }
                    expectedN[0] = n + 1;
                    expectedPrev[0] = hash;
                });
        if (broken[0] == null && (expectedN[0] - 1 != headN || !Arrays.equals(expectedPrev[0], headHash))) {
            broken[0] = expectedN[0];
            why[0] = "the chain ends before its head: records from " + expectedN[0] + " to " + headN + " are missing";
        }
        if (broken[0] != null) {
            log.warn("Audit log of tenant {} is broken: {}", tenant, why[0]);
            return new AuditVerification(false, checked[0], Optional.of(broken[0]), why[0]);
        }
        return new AuditVerification(true, checked[0], Optional.empty(),
                "intact; head " + headN + " has hash " + HexFormat.of().formatHex(headHash));
    }

    /** Removes records older than the retention period ({@code saola.audit.retention}), as the retention job does. */
    @Transactional
    public long applyRetention() {
        return removeOlderThan(clock.instant().minus(properties.retention()));
    }

    /** How long records are kept. */
    public Duration retention() {
        return properties.retention();
    }

    /**
     * Removes records older than {@code cutoff}, in every tenant, keeping each chain verifiable from its new first
     * record, and records each removal in the log itself ({@code AUDIT_RETENTION}). One node at a time (an
     * advisory lock); how many records it removed.
     */
    @Transactional
    public long removeOlderThan(Instant cutoff) {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('saola.audit.retention'))")
                .query(Boolean.class).single();
        if (!mine) {
            return 0;
        }
        long total = 0;
        jdbc.sql("SELECT set_config('saola.audit_retention', 'on', true)").query(String.class).single();
        List<String> tenants = jdbc.sql("SELECT tenant_id FROM audit_head").query(String.class).list();
        for (String t : tenants) {
            Optional<Object[]> last = jdbc.sql("""
                    SELECT n, hash FROM audit_record WHERE tenant_id = ? AND at < ? ORDER BY n DESC LIMIT 1""")
                    .params(t, Timestamp.from(cutoff)).query((rs, i) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).optional();
            if (last.isEmpty()) {
                continue;
            }
            long through = (Long) last.get()[0];
            int removed = jdbc.sql("DELETE FROM audit_record WHERE tenant_id = ? AND n <= ?").params(t, through).update();
            total += removed;
            jdbc.sql("UPDATE audit_head SET first_n = ?, first_prev = ? WHERE tenant_id = ?")
                    .params(through + 1, last.get()[1], t).update();
            record(TenantId.of(t), "system", "AUDIT_RETENTION", "audit log", "retention " + properties.retention(),
                    Map.of("removedThrough", through, "removed", removed, "olderThan", cutoff.toString()));
        }
        jdbc.sql("SELECT set_config('saola.audit_retention', 'off', true)").query(String.class).single();
        return total;
    }

    private static String actor() {
        try {
            return CurrentCaller.principal().name();
        } catch (RuntimeException e) {
            return "system";
        }
    }

    private record Head(long n, byte[] hash) {
    }

    /** SHA-256 over the previous hash and every field, each length-prefixed so no two records read alike. */
    static byte[] hash(byte[] prev, TenantId tenant, long n, Instant at, String actor, String action, String target,
            String reason, String details) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev);
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
            for (String field : List.of(tenant.value(), Long.toString(n), Long.toString(micros), actor, action, target,
                    reason, details)) {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(b);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A JSON object of the details, keys sorted, values as strings, numbers or booleans. */
    static String json(Map<String, ?> details) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : new TreeMap<>(details).entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(JsonText.quote(e.getKey()));
            b.append(':');
            Object v = e.getValue();
            if (v == null) {
                b.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                b.append(JsonText.quote(v.toString()));
            }
        }
        return b.append('}').toString();
    }

}
