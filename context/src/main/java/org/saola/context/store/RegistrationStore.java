package org.saola.context.store;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Context source registrations of each tenant, as sent, with the @contexts to read them with. */
@Repository
public class RegistrationStore {

    public record StoredRegistration(TenantId tenant, String id, ObjectNode body, List<URI> contexts,
            Instant createdAt, Instant modifiedAt) {
    }

    private static final String COLUMNS = "tenant_id, id, body::text, contexts, created_at, modified_at";
    /** How long another node's change of a registration may take to reach this node's federation. */
    public static final java.time.Duration SHARED_DELAY = java.time.Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /**
     * Each tenant's registrations as federation reads them on every retrieval, query and write (most tenants have
     * none): read again after {@link #SHARED_DELAY}, and at once after a change made through this node.
     */
    private final com.github.benmanes.caffeine.cache.Cache<TenantId, List<StoredRegistration>> recent;

    public RegistrationStore(JdbcClient jdbc, JsonMapper json, java.time.InstantSource clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(SHARED_DELAY).ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    /** False if the id is taken. */
    public boolean insert(TenantId tenant, String id, ObjectNode body, List<URI> contexts, Instant now) {
        boolean added = jdbc.sql("""
                        INSERT INTO context_registration (tenant_id, id, body, contexts, created_at, modified_at)
                        VALUES (?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(tenant.value(), id, json.writeValueAsString(body), uris(contexts), Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
        changed(tenant);
        return added;
    }

    public void update(TenantId tenant, String id, ObjectNode body, List<URI> contexts, Instant now) {
        jdbc.sql("UPDATE context_registration SET body = ?::jsonb, contexts = ?, modified_at = ? WHERE tenant_id = ? AND id = ?")
                .params(json.writeValueAsString(body), uris(contexts), Timestamp.from(now), tenant.value(), id)
                .update();
        changed(tenant);
    }

    public boolean delete(TenantId tenant, String id) {
        boolean deleted = jdbc.sql("DELETE FROM context_registration WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).update() == 1;
        changed(tenant);
        return deleted;
    }

    /**
     * Forgets the tenant's registrations now, and again when the transaction the change is part of commits: a
     * request of the same tenant reading them in between would otherwise keep the old ones for a second.
     */
    private void changed(TenantId tenant) {
        recent.invalidate(tenant);
        org.saola.platform.events.AfterCommit.run(() -> recent.invalidate(tenant));
    }

    public Optional<StoredRegistration> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_registration WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(this::row).optional();
    }

    /** Every registration of a tenant, in id order (a city has tens or hundreds, not millions). */
    public List<StoredRegistration> all(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM context_registration WHERE tenant_id = ? ORDER BY id")
                .params(tenant.value()).query(this::row).list();
    }

    /**
     * The tenant's registrations as read at most {@link #SHARED_DELAY} ago (at once after a change through this
     * node): for federation, which asks on every request. Shared between callers: read them, never change them.
     */
    public List<StoredRegistration> recent(TenantId tenant) {
        return recent.get(tenant, this::all);
    }

    private StoredRegistration row(ResultSet rs, int n) throws SQLException {
        String[] contexts = (String[]) rs.getArray(4).getArray();
        return new StoredRegistration(TenantId.of(rs.getString(1)), rs.getString(2),
                (ObjectNode) json.readTree(rs.getString(3)), java.util.Arrays.stream(contexts).map(URI::create).toList(),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    }

    private static String[] uris(List<URI> contexts) {
        return contexts.stream().map(URI::toString).toArray(String[]::new);
    }
}
