package org.saola.context.store;

import java.net.URI;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * @contexts kept in the database: those clients asked Saola to host (§5.13.2) and inline ones that must outlive
 * the request that carried them (those of subscriptions and registrations), each held by the tenants that put it
 * there.
 */
@Repository
public class JsonLdContextStore implements org.saola.context.jsonld.JsonLdContexts.InlineStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    public JsonLdContextStore(JdbcClient jdbc, JsonMapper json,
            org.springframework.transaction.support.TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
    }

    @Override
    public java.util.Optional<JsonNode> find(URI id) {
        return jdbc.sql("SELECT body::text FROM context_jsonld_context WHERE id = ?").params(id.toString())
                .query((rs, n) -> json.readTree(rs.getString(1))).optional();
    }

    /**
     * Keeps a context a subscription or registration was created with inline (ImplicitlyCreated), held by the
     * calling tenant.
     */
    @Override
    public void save(URI id, JsonNode context) {
        jdbc.sql("INSERT INTO context_jsonld_context (id, body) VALUES (?, ?::jsonb) ON CONFLICT (id) DO NOTHING")
                .params(id.toString(), json.writeValueAsString(context)).update();
        caller().ifPresent(tenant -> hold(id, tenant));
    }

    private static java.util.Optional<TenantId> caller() {
        try {
            return java.util.Optional.of(CurrentCaller.tenant());
        } catch (org.springframework.security.core.AuthenticationException none) {
            return java.util.Optional.empty();                 // kept by the platform itself, for no tenant
        }
    }

    private void hold(URI id, TenantId tenant) {
        jdbc.sql("INSERT INTO context_jsonld_context_holder (id, tenant_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(id.toString(), tenant.value()).update();
    }

    /** A context kept in the database, and how it came there. */
    public record Kept(URI id, String kind, java.time.Instant createdAt) {
    }

    /** Hosts a context a tenant posted (§5.13.2); one kept already for a subscription becomes Hosted too. */
    public void host(URI id, JsonNode context, TenantId tenant) {
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("""
                            INSERT INTO context_jsonld_context (id, body, kind) VALUES (?, ?::jsonb, 'Hosted')
                            ON CONFLICT (id) DO UPDATE SET kind = 'Hosted'""")
                    .params(id.toString(), json.writeValueAsString(context)).update();
            hold(id, tenant);
        });
    }

    /** The contexts the tenant holds. */
    public java.util.List<Kept> all(TenantId tenant) {
        return jdbc.sql("""
                        SELECT c.id, c.kind, c.created_at FROM context_jsonld_context c
                        JOIN context_jsonld_context_holder h ON h.id = c.id AND h.tenant_id = ?
                        ORDER BY c.created_at, c.id""")
                .param(tenant.value())
                .query((rs, n) -> new Kept(URI.create(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** A kept context, whoever holds it (its details are public, as the context is). */
    public java.util.Optional<Kept> kept(URI id) {
        return jdbc.sql("SELECT id, kind, created_at FROM context_jsonld_context WHERE id = ?").params(id.toString())
                .query((rs, n) -> new Kept(URI.create(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** Whether the tenant holds this context. */
    public boolean holds(URI id, TenantId tenant) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM context_jsonld_context_holder WHERE id = ? AND tenant_id = ?)")
                .params(id.toString(), tenant.value()).query(Boolean.class).single();
    }

    /** A subscription, registration or context source subscription of the tenant reads its names with it. */
    public boolean inUse(URI id, TenantId tenant) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM context_subscription WHERE tenant_id = ? AND ? = ANY (contexts))
                            OR EXISTS (SELECT 1 FROM context_registration WHERE tenant_id = ? AND ? = ANY (contexts))
                            OR EXISTS (SELECT 1 FROM context_csource_subscription WHERE tenant_id = ? AND ? = ANY (contexts))""")
                .params(tenant.value(), id.toString(), tenant.value(), id.toString(), tenant.value(), id.toString())
                .query(Boolean.class).single();
    }

    /**
     * The tenant lets the context go; it is deleted when no tenant holds it any more. True if it is gone for
     * good, false if another tenant still holds it.
     */
    public boolean release(URI id, TenantId tenant) {
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            jdbc.sql("DELETE FROM context_jsonld_context_holder WHERE id = ? AND tenant_id = ?")
                    .params(id.toString(), tenant.value()).update();
            return jdbc.sql("""
                            DELETE FROM context_jsonld_context c WHERE id = ?
                              AND NOT EXISTS (SELECT 1 FROM context_jsonld_context_holder h WHERE h.id = c.id)""")
                    .param(id.toString()).update() == 1;
        }));
    }
}
