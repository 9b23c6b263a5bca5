package org.saola.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keys that machine clients (dashboards, integrations, scripts) send as {@code Authorization: Bearer}. */
@Repository
public class ApiKeys {

    /** A key as listed: never the secret itself, which is shown once at creation. */
    public record ApiKey(UUID id, String name, StaffRole role, String createdBy) {
    }

    /** A newly issued key with its secret, to be shown to its creator once. */
    public record IssuedApiKey(ApiKey key, String secret) {
    }

    /** Every API key starts with this, so a key is recognised wherever it is presented. */
    public static final String PREFIX = "saola_";
    /**
     * How long a successful look-up is reused. Machine clients send their key with every request, and the
     * database round trip cost about 6 % of a partial update's CPU (JFR, update benchmark). A revocation in
     * this process takes effect at once; another Saola instance sharing the database honours it within this.
     */
    static final Duration REUSE = Duration.ofSeconds(10);
    private static final int MAX_CACHED = 10_000;

    private record Cached(SaolaPrincipal principal, long expiresAt) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();
    /** Counts revocations, so that a look-up that raced with one is not remembered. */
    private final java.util.concurrent.atomic.AtomicLong revocations = new java.util.concurrent.atomic.AtomicLong();

    public ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public IssuedApiKey issue(TenantId tenant, String name, StaffRole role, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "an API key needs a name of 1-100 characters saying what uses it");
        }
        String secret = PREFIX + Secrets.generate(32);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO api_key (tenant_id, id, name, key_hash, role, created_by) VALUES (?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), id, name.strip(), Secrets.sha256(secret), role.name(), createdBy)
                .update();
        return new IssuedApiKey(new ApiKey(id, name.strip(), role, createdBy), secret);
    }

    public Optional<SaolaPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(secret);
        String cacheKey = java.util.HexFormat.of().formatHex(hash);
        long now = System.nanoTime();
        Cached cached = recent.get(cacheKey);
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.principal());
        }
        long revocationsBefore = revocations.get();
        Optional<SaolaPrincipal> principal = jdbc
                .sql("SELECT tenant_id, name, role FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(hash)
                .query((rs, n) -> new SaolaPrincipal(TenantId.of(rs.getString(1)), "api-key:" + rs.getString(2),
                        StaffRole.valueOf(rs.getString(3))))
                .optional();
        if (principal.isPresent() && revocations.get() == revocationsBefore) {
            if (recent.size() >= MAX_CACHED) {
                recent.clear();
            }
            recent.put(cacheKey, new Cached(principal.get(), now + REUSE.toNanos()));
            if (revocations.get() != revocationsBefore) {
                recent.remove(cacheKey);         // a revocation came in between: look it up again next time
            }
        } else {
            recent.remove(cacheKey);
        }
        return principal;
    }

    public List<ApiKey> list(TenantId tenant) {
        return jdbc.sql("SELECT id, name, role, created_by FROM api_key WHERE tenant_id = ? AND revoked_at IS NULL ORDER BY created_at")
                .param(tenant.value())
                .query((rs, n) -> new ApiKey(rs.getObject(1, UUID.class), rs.getString(2),
                        StaffRole.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
    }

    public void revoke(TenantId tenant, UUID id) {
        int n = jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL")
                .params(tenant.value(), id).update();
        if (n == 0) {
            throw new NotFoundException("no active API key " + id + " in this tenant");
        }
        revocations.incrementAndGet();
        recent.clear();   // the revoked key's hash is not known here; every key is looked up afresh

    }
}
