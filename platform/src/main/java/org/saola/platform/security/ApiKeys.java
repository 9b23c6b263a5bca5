package org.saola.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keys that machine clients (dashboards, integrations, scripts) send as {@code Authorization: Bearer}. A key
 * carries one role and optionally the department it acts for.
 */
@Repository
public class ApiKeys {

    /** A key as listed: never the secret itself, which is shown once at creation. */
    public record ApiKey(UUID id, String name, StaffRole role, Optional<String> department, String createdBy) {
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

    private final JdbcClient jdbc;
    private final Departments departments;
    private final AuditLog audit;
    private final Cache<String, SaolaPrincipal> recent;
    /** Counts revocations, so that a look-up that raced with one is not remembered. */
    private final AtomicLong revocations = new AtomicLong();

    public ApiKeys(JdbcClient jdbc, Departments departments, InstantSource clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.departments = departments;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(REUSE)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    @Transactional
    public IssuedApiKey issue(TenantId tenant, String name, StaffRole role, Optional<String> department,
            String createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "an API key needs a name of 1-100 characters saying what uses it");
        }
        department.ifPresent(d -> departments.existing(tenant, "department", Set.of(d)));
        String secret = PREFIX + Secrets.generate(32);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO api_key (tenant_id, id, name, key_hash, role, department_code, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), id, name.strip(), Secrets.sha256(secret), role.name(), department.orElse(null),
                        createdBy)
                .update();
        audit.record(tenant, createdBy, "API_KEY_ISSUED", "api-key:" + name.strip(), "",
                Map.of("id", id.toString(), "role", role.name(), "department", department.orElse("")));
        return new IssuedApiKey(new ApiKey(id, name.strip(), role, department, createdBy), secret);
    }

    public IssuedApiKey issue(TenantId tenant, String name, StaffRole role, String createdBy) {
        return issue(tenant, name, role, Optional.empty(), createdBy);
    }

    /**
     * The API key a request presents, its headers read through {@code header}: {@code Authorization: Bearer <key>}
     * (what NGSI-LD clients send), else {@code X-API-Key}, else {@code X-Auth-Token} (what FIWARE clients send behind
     * a PEP proxy). The one reading of the three, for the security filter chain and for the lean write path.
     */
    public static Optional<String> presented(java.util.function.UnaryOperator<String> header) {
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.ofNullable(header.apply("X-API-Key")).or(() -> Optional.ofNullable(header.apply("X-Auth-Token")))
                .map(String::strip);
    }

    public Optional<SaolaPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(secret);
        String cacheKey = HexFormat.of().formatHex(hash);
        SaolaPrincipal cached = recent.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        long revocationsBefore = revocations.get();
        Optional<SaolaPrincipal> principal = jdbc
                .sql("SELECT tenant_id, name, role, department_code FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(hash)
                .query((rs, n) -> new SaolaPrincipal(TenantId.of(rs.getString(1)), "api-key:" + rs.getString(2),
                        Set.of(StaffRole.valueOf(rs.getString(3))),
                        rs.getString(4) == null ? Set.of() : Set.of(rs.getString(4))))
                .optional();
        if (principal.isPresent() && revocations.get() == revocationsBefore) {
            recent.put(cacheKey, principal.get());
            if (revocations.get() != revocationsBefore) {
                recent.invalidate(cacheKey);         // a revocation came in between: look it up again next time
            }
        }
        return principal;
    }

    public List<ApiKey> list(TenantId tenant) {
        return jdbc.sql("SELECT id, name, role, department_code, created_by FROM api_key WHERE tenant_id = ? AND revoked_at IS NULL ORDER BY created_at")
                .param(tenant.value())
                .query((rs, n) -> new ApiKey(rs.getObject(1, UUID.class), rs.getString(2),
                        StaffRole.valueOf(rs.getString(3)), Optional.ofNullable(rs.getString(4)), rs.getString(5)))
                .list();
    }

    @Transactional
    public ApiKey revoke(TenantId tenant, UUID id) {
        ApiKey key = list(tenant).stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no active API key " + id + " in this tenant"));
        jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL")
                .params(tenant.value(), id).update();
        audit.record(tenant, "API_KEY_REVOKED", "api-key:" + key.name(), "", Map.of("id", id.toString()));
        revocations.incrementAndGet();
        recent.invalidateAll();   // the revoked key's hash is not known here; every key is looked up afresh
        // Again once committed: a look-up between the two read the row still active and may have kept it.
        org.saola.platform.events.AfterCommit.run(() -> {
            revocations.incrementAndGet();
            recent.invalidateAll();
        });
        return key;
    }
}
