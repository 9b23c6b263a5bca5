package org.saola.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    private final JdbcClient jdbc;

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
        return jdbc.sql("SELECT tenant_id, name, role FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(Secrets.sha256(secret))
                .query((rs, n) -> new SaolaPrincipal(TenantId.of(rs.getString(1)), "api-key:" + rs.getString(2),
                        StaffRole.valueOf(rs.getString(3))))
                .optional();
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
    }
}
